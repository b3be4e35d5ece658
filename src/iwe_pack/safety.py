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


def resource_problems(text: str, md_file: Path, content: Path) -> list[tuple[int, str]]:
    """(line, message) for each resource in ``text`` that would be fetched from outside content/."""
    problems = []
    content = content.resolve()
    for m in RESOURCE.finditer(text):
        url = next(g for g in m.groups() if g)
        line = text.count("\n", 0, m.start()) + 1
        if url.lower().startswith("data:"):
            continue
        if SCHEME.match(url) or url.startswith("//") or url.startswith("\\\\"):
            problems.append((line, f"found {url!r}, which would be fetched from outside the pack; "
                                   f"allowed: an image file inside content/, linked by a relative path"))
            continue
        path = unquote(urlparse(url).path)
        target = (content / path.lstrip("/")) if path.startswith("/") else (md_file.parent / path)
        if not target.resolve().is_relative_to(content):
            problems.append((line, f"found {url!r}, which points outside content/; "
                                   f"allowed: an image file inside content/, linked by a relative path"))
    return problems
