"""Markdown written by editors, turned into HTML for print and for the web.

Two conventions beyond plain Markdown:

* a line ``[write-in N]`` becomes N ruled lines to write on;
* a task list item ``- [ ] thing`` becomes a tick box (pymdownx.tasklist).
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown

WRITE_IN = re.compile(r"^\[write-in(?:\s+(\d+))?\]\s*$", re.M)
EXTENSIONS = ["tables", "attr_list", "def_list", "admonition", "md_in_html", "pymdownx.tasklist"]


def write_in_html(lines: int) -> str:
    lines = max(1, min(lines, 30))
    rules = "".join('<span class="write-line"></span>' for _ in range(lines))
    return f'<div class="write-in" role="presentation">{rules}</div>'


def expand_write_in(text: str) -> str:
    """Replace ``[write-in N]`` lines with ruled space (raw HTML blocks, so Markdown keeps them)."""
    return WRITE_IN.sub(lambda m: "\n" + write_in_html(int(m.group(1) or 3)) + "\n", text)


@lru_cache(maxsize=1024)
def to_html(text: str, shift_headings: int = 0, keep_links: bool = False) -> str:
    """Render editor Markdown for print (remembered: the same handout is printed for every place).

    ``shift_headings`` moves headings down (## → ### with 1) so that notes
    fit under a section heading; links to other pages of the site become plain
    text unless ``keep_links`` (a page reference means nothing on paper).
    """
    html = markdown.markdown(expand_write_in(text), extensions=EXTENSIONS, output_format="html")
    if shift_headings:
        def shift(m: re.Match) -> str:
            level = min(6, int(m.group(2)) + shift_headings)
            return f"<{m.group(1)}h{level}"
        html = re.sub(r"<(/?)h([1-6])", shift, html)
    # the closing "Source: ..." line of a handout, in small print
    html = re.sub(r"<p><em>(Sources?:)", r'<p class="source"><em>\1', html)
    # tick boxes drawn, not form fields (a printed form has nothing to fill in electronically)
    html = re.sub(r"<input[^>]*type=\"checkbox\"[^>]*>", '<span class="tick-box"></span>', html)
    # a link may not attach a file to the PDF (WeasyPrint embeds rel="attachment" targets)
    html = re.sub(r"""\srel\s*=\s*(["']?)[^"'>]*attachment[^"'>]*\1""", "", html, flags=re.I)
    if not keep_links:
        html = re.sub(r"""<a\b[^>]*?\bhref\s*=\s*["'](?!https?://)[^"']*["'][^>]*>(.*?)</a>""", r"\1", html,
                      flags=re.S | re.I)
    return html
