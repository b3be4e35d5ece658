"""The Markdown the pack is written in: one list of extensions and their settings, for every reader.

The site's build (the MkDocs hook adds them to its own configuration), the checks of what an editor writes
(checks/editor_html.py) and the views that render an editor's Markdown (views/editor_markdown.py) all read
Markdown with these, so a page cannot pass the checks and then render otherwise. The site adds only "toc"
(ids and links on headings), in mkdocs.yml.
"""

from __future__ import annotations

EXTENSIONS = ("admonition", "attr_list", "md_in_html", "pymdownx.tasklist", "tables", "def_list",
              "fenced_code")  # MkDocs adds fenced_code (and toc, tables) to every site of its own accord
CONFIGS = {"pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True}}
