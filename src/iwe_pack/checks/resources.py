"""Checks on Markdown written by editors: what it may pull into a page or a PDF.

Links to other sites are fine (a reader chooses to follow them), but an image,
frame, script or stylesheet is fetched as soon as the page is shown or the PDF
is made. So such resources must be files inside ``content/`` (or ``data:``
URLs): nothing from another server (privacy, offline use) and nothing from
elsewhere on the machine (``file:///etc/passwd``, ``../../outside``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

RESOURCE = re.compile(
    r"!\[[^\]]*\]\(\s*<?(?P<md>[^)\s>]+)"  # Markdown image
    r"|<(?:img|source|script|iframe|frame|link|video|audio|embed|object|track|input)\b[^>]*?"
    r"\b(?:src|href|data|srcset|poster)\s*=\s*[\"']?(?P<html>[^\"'\s>]+)"  # HTML element that loads something
    r"|url\(\s*[\"']?(?P<css>[^\"')\s]+)"  # CSS in a style attribute or block
    r"|@import\s+[\"'](?P<imp>[^\"']+)",
    re.IGNORECASE,
)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def resource_problems(text: str, md_file: Path, content: Path) -> list[tuple[int, str, str]]:
    """(line, message code, what was found) for each resource in ``text`` that would be fetched from outside content/."""
    problems = []
    content = content.resolve()
    for m in RESOURCE.finditer(text):
        url = next(g for g in m.groups() if g)
        line = text.count("\n", 0, m.start()) + 1
        if url.lower().startswith("data:"):
            continue
        if SCHEME.match(url) or url.startswith("//") or url.startswith("\\\\"):
            problems.append((line, "resource.outside-pack", repr(url)))
            continue
        path = unquote(urlparse(url).path)
        target = (content / path.lstrip("/")) if path.startswith("/") else (md_file.parent / path)
        if not target.resolve().is_relative_to(content):
            problems.append((line, "resource.outside-content", repr(url)))
        elif path and not target.is_file():
            problems.append((line, "resource.missing", repr(url)))
    return problems


FETCHED = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "link": ("href",),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
NOT_FETCHED_LINKS = {"canonical", "prev", "next", "alternate", "author", "license", "help", "search"}
CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)", re.IGNORECASE)


def html_resource_problems(html_text: str, page_path: str) -> list[tuple[str, str]]:
    """Resources a rendered page would fetch from outside the site: the final check, after Markdown,
    templates and entities have all been applied. ``page_path`` is the page's path inside the site.
    Returns (message code, what was found) for each."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        in_style = False

        def handle_starttag(self, tag, attrs):
            a = {k.lower(): v or "" for k, v in attrs}
            names = FETCHED.get(tag.lower(), ())
            if tag.lower() == "link" and set(a.get("rel", "").lower().split()) <= NOT_FETCHED_LINKS and a.get("rel"):
                names = ()
            for name in names:
                value = a.get(name)
                if value:
                    found.extend(u.split()[0] for u in value.split(",") if u.strip()) if name == "srcset" \
                        else found.append(value.strip())
            if "style" in a:
                found.extend(next(g for g in m.groups() if g) for m in CSS_URL.finditer(a["style"]))
            self.in_style = tag.lower() == "style"

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
            self.in_style = False

        def handle_endtag(self, tag):
            self.in_style = False

        def handle_data(self, data):
            if self.in_style:
                found.extend(next(g for g in m.groups() if g) for m in CSS_URL.finditer(data))

    Scan(convert_charrefs=True).feed(html_text)
    problems = []
    base = Path("/site") / Path(page_path).parent
    for url in found:
        if url.lower().startswith("data:"):
            continue
        if SCHEME.match(url) or url.startswith(("//", "\\\\")):
            problems.append(("page.fetches-outside", repr(url)))
            continue
        target = (base / unquote(urlparse(url).path)).resolve()
        if not target.is_relative_to(Path("/site")):
            problems.append(("page.fetches-outside-site", repr(url)))
    return problems
