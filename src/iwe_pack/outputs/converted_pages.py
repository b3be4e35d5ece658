"""Pages the site engine converted from Markdown to HTML, kept between builds.

Converting a page's Markdown is the largest part of a build where little changed: about 55 ms for each place (its
page, its record and its scoring pages), every build, for pages whose Markdown did not change. The site engine's
adapter (``hooks/``) asks :class:`ConvertedPages` for a page before converting it: what it gets back is what the
conversion made last time from the very same Markdown, page path and settings (``settings``: what the adapter says
the conversion depends on, such as the Markdown extensions and their versions).

What a conversion made is kept as JSON: the HTML and whatever else the adapter needs (the links the page holds and
what each became, so the links are checked again against this build's files). One file for each page path, so a
page edited many times keeps one entry; each file holds a hash of its bytes (``atomic.Shelf``), so a damaged one
is converted again, and a cache that cannot be read or written makes builds slower, never wrong.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import atomic

FOLDER = "pages"


class ConvertedPages:
    def __init__(self, cache: Path, settings: str):
        self.shelf = atomic.Shelf(Path(cache) / FOLDER)
        self.settings = settings
        self.reused = 0
        self.converted = 0

    def _key(self, page_path: str, markdown: str, context: str) -> str:
        h = hashlib.sha256()
        for part in (self.settings, page_path, context, markdown):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    @staticmethod
    def _name(page_path: str) -> str:
        return hashlib.sha256(page_path.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    def get(self, page_path: str, markdown: str, context: str = "") -> dict[str, Any] | None:
        """What converting ``markdown`` at ``page_path`` made last time, or None."""
        kept = self.shelf.get(self._name(page_path))
        if kept is None:
            return None
        try:
            entry = json.loads(kept)
        except ValueError:
            return None
        if not isinstance(entry, dict) or entry.get("key") != self._key(page_path, markdown, context):
            return None
        made = entry.get("made")
        return made if isinstance(made, dict) else None

    def put(self, page_path: str, markdown: str, made: dict[str, Any], context: str = "") -> None:
        entry = {"key": self._key(page_path, markdown, context), "made": made}
        self.shelf[self._name(page_path)] = json.dumps(entry, sort_keys=True).encode("utf-8")
