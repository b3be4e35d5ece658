"""Links in editors' Markdown to other pages of the site, checked against the pages the build makes.

MkDocs checks links too, but it names the page it made (``on-the-day/vision.md``),
which the editor does not have; this check names the editor's own file and line.
"""

from __future__ import annotations

import posixpath
import re

from ..diagnostics.problems import Collector

# an inline Markdown link (not an image): [text](target "title")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def check_links(text: str, file: str, page_uri: str, known: set[str], errors: Collector) -> None:
    """Each relative link in ``text`` (shown on the site at ``page_uri``) must reach a page or file in ``known``."""
    here = posixpath.dirname(page_uri)
    for m in LINK.finditer(text):
        target = m.group(1)
        if EXTERNAL.match(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path:
            continue
        resolved = posixpath.normpath(posixpath.join(here, path))
        if resolved.endswith("/") or resolved in ("", "."):
            resolved = posixpath.join(resolved, "index.md")
        if resolved not in known and posixpath.join(resolved, "index.md") not in known:
            errors.add(file, text.count("\n", 0, m.start()) + 1, None, "link.broken", found=repr(target),
                       allowed="a page of the pack, linked by its path from this page (such as "
                               "../reference/glossary.md)")
