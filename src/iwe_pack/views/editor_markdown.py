"""Markdown written by editors, turned into HTML for print and for the web.

Two conventions beyond plain Markdown:

* a line ``[write-in N]`` becomes N ruled lines to write on;
* a task list item ``- [ ] thing`` becomes a tick box (pymdownx.tasklist).
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown

from ..sources import markdown_config

WRITE_IN = re.compile(r"^\[write-in(?:\s+(\d+))?\]\s*$", re.M)
EXTENSIONS = list(markdown_config.EXTENSIONS)  # the site's Markdown, as the checks read it


def write_in_html(lines: int) -> str:
    lines = max(1, min(lines, 30))
    rules = "".join('<span class="write-line"></span>' for _ in range(lines))
    return f'<div class="write-in" role="presentation">{rules}</div>'


def expand_write_in(text: str) -> str:
    """Replace ``[write-in N]`` lines with ruled space (raw HTML blocks, so Markdown keeps them)."""
    return WRITE_IN.sub(lambda m: "\n" + write_in_html(int(m.group(1) or 3)) + "\n", text)


def site_address(href: str, base: str = "") -> str:
    """The address of a site page a source links to (``../reference/sources.md#x``, written in ``base``, the
    source's folder under content/), as the site serves it: ``reference/sources/#x``."""
    path, _, anchor = href.partition("#")
    parts = [p for p in base.split("/") if p]
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    page = "/".join(parts)
    if page.endswith(".md"):
        page = page[:-3]
        page = page[:-len("index")] if page == "index" or page.endswith("/index") else page + "/"
    return page + (f"#{anchor}" if anchor else "")


INTERNAL_LINK = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["'](?!https?://|mailto:)([^"']*)["'][^>]*>(.*?)</a>""", re.S | re.I)


def to_html(text: str, shift_headings: int = 0, keep_links: bool = False, base: str = "",
            in_document=()) -> str:
    """Render editor Markdown for print (remembered: the same handout is printed for every place).

    ``shift_headings`` moves headings down (## → ### with 1) so that notes
    fit under a section heading. Unless ``keep_links``, a link to another page of the site cannot be
    followed on paper: a page this document holds (``in_document``: {site address: its id here}) becomes a
    reference to its page number; any other names the page's address on the pack's website. ``base`` is the
    folder under content/ the Markdown comes from, to read its relative links.
    """
    return _to_html(text, shift_headings, keep_links, base, tuple(tuple(pair) for pair in in_document))


@lru_cache(maxsize=1024)
def _to_html(text: str, shift_headings: int, keep_links: bool, base: str,
             in_document: tuple[tuple[str, str], ...]) -> str:
    html = markdown.markdown(expand_write_in(text), extensions=EXTENSIONS,
                             extension_configs=markdown_config.CONFIGS, output_format="html")
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
        here = dict(in_document)

        def on_paper(m: re.Match) -> str:
            address = site_address(m.group(1), base)
            if address in here:  # a page number, filled in by print.css (target-counter)
                return f'<a class="page-ref" href="#{here[address]}">{m.group(2)}</a>'
            return f'{m.group(2)} <span class="address">(on the pack\'s website: {address or "the home page"})</span>'
        html = INTERNAL_LINK.sub(on_paper, html)
    return html
