"""The Markdown the pack is written in: one list of extensions and their settings, for every reader.

The site's build (the MkDocs hook adds them to its own configuration), the checks of what an editor writes
(checks/editor_html.py) and the views that render an editor's Markdown (views/editor_markdown.py) all read
Markdown with these, so a page cannot pass the checks and then render otherwise. The site adds only "toc"
(ids and links on headings), in mkdocs.yml.
"""

from __future__ import annotations

import re

EXTENSIONS = ("admonition", "attr_list", "md_in_html", "pymdownx.tasklist", "tables", "def_list",
              "fenced_code")  # MkDocs adds fenced_code (and toc, tables) to every site of its own accord
CONFIGS = {"pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True}}

# A page's front matter as MkDocs reads it (mkdocs.utils.meta): YAML between a '---' line and a '---' or '...' line.
YAML_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def without_front_matter(text: str) -> str:
    """A page's text after its YAML front matter, as the site engine hands it to the hooks."""
    found = YAML_FRONT.match(text)
    return text[found.end():] if found else text
