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

import dataclasses
import html
import json
import re
from functools import lru_cache
from typing import Protocol

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from ..sources.packs import PackFile
from ..sources.templates import TemplateSet

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


class Trusted(str):
    """Markdown that is inserted as it is."""


def md_escape(value) -> str:
    """Make any value safe to drop into a line of Markdown as plain text."""
    if isinstance(value, Trusted):
        return value
    text = " ".join(str(value).split())  # one line: no lists or headings from newlines
    # <, > and & as entities, " as &quot; (a value may sit in an attribute); ' stays: a numeric entity would
    # be escaped again in the table of contents ("O&amp;#x27;Brien"), and no template quotes with it
    text = html.escape(text, quote=False).replace('"', "&quot;")
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


class _SetLoader(jinja2.BaseLoader):
    """Templates from a :class:`TemplateSet` read at load time; each keeps its file's path, so an error
    inside a template is reported (and its traceback lines mapped) to the right file and line."""

    def __init__(self, templates: TemplateSet):
        self.templates = templates

    def get_source(self, environment, name):
        template = self.templates.get(name)
        if template is None:
            raise jinja2.TemplateNotFound(name)
        return template.text, str(template.path), lambda: True


class _Shelf(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def __setitem__(self, key: str, data: bytes) -> None: ...


class RememberedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept by file and source, for a build: in memory, and on ``shelf`` (when the build gives
    one: any object with ``get(key)`` and ``[key] = bytes``) between builds, so a build compiles only the templates
    that changed. Jinja checks each against its template's source as it loads. The build makes one
    (``outputs.site_build``) and gives it to the template set it loads, and to the site engine for its theme."""

    def __init__(self, shelf: _Shelf | None = None) -> None:
        self.store: dict[str, bytes] = {}
        self.shelf = shelf

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is None and self.shelf is not None:
            data = self.shelf.get(bucket.key)
        if data is not None:
            try:
                bucket.bytecode_from_string(data)  # ignored if the source's checksum differs
            except (EOFError, ValueError, TypeError):  # a damaged file on the shelf: compile again
                bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = data = bucket.bytecode_to_string()
        if self.shelf is not None:
            self.shelf[bucket.key] = data



@lru_cache(maxsize=8)
def environments(templates: TemplateSet) -> tuple[jinja2.Environment, jinja2.Environment, jinja2.Environment]:
    loader = _SetLoader(templates)
    html_env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                  trim_blocks=True, lstrip_blocks=True)
    md_env = jinja2.Environment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                                finalize=_finalize_md, trim_blocks=True, lstrip_blocks=True,
                                keep_trailing_newline=True)
    text_env = jinja2.sandbox.SandboxedEnvironment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                                                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for env in (html_env, md_env, text_env):
        env.bytecode_cache = templates.compiled
        env.filters["yaml_string"] = yaml_string
        env.filters["trusted"] = Trusted
    return html_env, md_env, text_env


def render(templates: TemplateSet, name: str, **context) -> str:
    """Render the template ``name``, escaping by the template's kind."""
    html_env, md_env, text_env = environments(templates)
    env = md_env if name.endswith(".md.j2") else text_env if name.endswith(".txt.j2") else html_env
    return env.get_template(name).render(**context)


def template_problem(exc: Exception, templates: TemplateSet) -> tuple[str, int | None, str] | None:
    """(file, line, what went wrong) for an error raised inside one of ``templates``, or None if it is not one.

    Jinja maps its compiled code back to template lines, so the innermost frame of a template file in
    the traceback is where the template went wrong; a syntax error carries its own file and line.
    """
    import traceback

    files = {str(t.path): t.file for t in templates.items}
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = files.get(exc.filename or "")
        return (file, exc.lineno, exc.message or "syntax error") if file else None
    if not isinstance(exc, (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError,
                            ZeroDivisionError)):
        return None
    where = None
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename in files:
            where = (files[frame.f_code.co_filename], line)
    if where is None:
        return None
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, jinja2.UndefinedError):
        name = re.search(r"has no attribute '(\w+)'|'(\w+)' is undefined", detail)
        missing = next((g for g in name.groups() if g), None) if name else None
        given = ", ".join(f"p.{f.name}" for f in dataclasses.fields(PackFile) if f.metadata.get("yaml", True))
        allowed = (f"the pack's values ({given}), plan (the day's plan), w (the workshop) and record "
                   "(the record of the day, or nothing)"
                   if where[0].startswith("content/letters/") else "the values the template is given")
        detail = f"found {missing!r}, which is not a value this template is given; allowed: {allowed}" if missing \
            else f"{detail}; allowed: {allowed}"
    return where[0], where[1], detail


def md_code_block(text: str, css_class: str = "text") -> Trusted:
    """Plain text as a fenced Markdown code block (shown exactly, HTML-escaped by Markdown), as
    ``<pre class="{css_class}"><code class="language-text">``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    # the first class names the language (code class "language-text"); a second class goes on the <pre>
    classes = ".text" + (f" .{css_class}" if css_class != "text" else "")
    return Trusted(f"{fence} {{ {classes} }}\n{text.rstrip()}\n{fence}")


__all__ = ["Markup", "Trusted", "md_code_block", "md_escape", "render", "yaml_string"]


def json_for_html(value) -> Trusted:
    """JSON that is safe inside <script type="application/json"> (no '</script>' can close it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Trusted(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
