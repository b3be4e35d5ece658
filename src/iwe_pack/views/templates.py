"""Templates from ``overrides/``: one place for web and print design.

Two Jinja environments share the folder:

* ``*.html`` templates autoescape every value (HTML escaping).
* ``*.md.j2`` templates produce Markdown pages for the site. Every value is
  passed through :func:`md_escape` unless it is marked :class:`Trusted`
  (Markdown written by editors, or Markdown this package built itself), so a
  title such as ``<script>`` or ``[x](javascript:...)`` shows as text.
* ``*.txt.j2`` templates produce plain text (letters to paste into an email);
  they run sandboxed, since editors write them, and whoever shows the text
  escapes it for its medium (the site puts it in a code block).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


class Trusted(str):
    """Markdown that is inserted as it is."""


def md_escape(value) -> str:
    """Make any value safe to drop into a line of Markdown as plain text."""
    if isinstance(value, Trusted):
        return value
    text = " ".join(str(value).split())  # one line: no lists or headings from newlines
    text = html.escape(text, quote=True)
    return _MD_SPECIAL.sub(r"\\\1", text)


def yaml_string(value) -> Trusted:
    """A value for Markdown front matter (a YAML double-quoted string).

    The text is HTML-escaped too, because MkDocs themes print page titles
    without escaping them.
    """
    return Trusted(json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False))


def _finalize_md(value):
    if value is None:
        return ""
    return md_escape(value)


@lru_cache(maxsize=8)
def environments(templates: Path) -> tuple[jinja2.Environment, jinja2.Environment, jinja2.Environment]:
    loader = jinja2.FileSystemLoader(str(templates))
    html_env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                  trim_blocks=True, lstrip_blocks=True)
    md_env = jinja2.Environment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                                finalize=_finalize_md, trim_blocks=True, lstrip_blocks=True,
                                keep_trailing_newline=True)
    text_env = jinja2.sandbox.SandboxedEnvironment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                                                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for env in (html_env, md_env, text_env):
        env.filters["yaml_string"] = yaml_string
        env.filters["trusted"] = Trusted
    return html_env, md_env, text_env


def render(templates: Path, name: str, **context) -> str:
    """Render ``name`` from the folder ``templates``, escaping by the template's kind."""
    html_env, md_env, text_env = environments(Path(templates))
    env = md_env if name.endswith(".md.j2") else text_env if name.endswith(".txt.j2") else html_env
    return env.get_template(name).render(**context)


def md_code_block(text: str, css_class: str = "text") -> Trusted:
    """Plain text as a fenced Markdown code block (shown exactly, HTML-escaped by Markdown), as
    ``<pre class="{css_class}"><code class="language-text">``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    # the first class names the language (code class "language-text"); a second class goes on the <pre>
    classes = ".text" + (f" .{css_class}" if css_class != "text" else "")
    return Trusted(f"{fence} {{ {classes} }}\n{text.rstrip()}\n{fence}")


__all__ = ["Markup", "Trusted", "md_code_block", "md_escape", "render", "yaml_string"]
