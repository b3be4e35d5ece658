"""The last check of each page's HTML (``checks.resources.html_resource_problems``), remembered between builds.

Parsing a page's HTML to find what it would fetch takes about 5 ms; a place adds three such pages, so a build of
hundreds of places where nothing changed spent seconds finding again that nothing had. :class:`CleanPages`
keeps, in one small file of the cache, a hash of each page found clean: its path in the site, its HTML and the
check's own code. A page whose hash is kept is not parsed again; any change to the page, or to the check, and it
is. A page with a problem is never kept (it stops the build), and each build keeps only the pages it wrote.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..checks import resources
from . import atomic

KEY = "clean-pages"
SIZE = hashlib.sha256().digest_size


@lru_cache(maxsize=1)
def _check_digest() -> bytes:
    """The check's own code: a change to it makes every page be checked again."""
    return hashlib.sha256(Path(resources.__file__).read_bytes()).digest()


class CleanPages:
    def __init__(self, cache: Path):
        self.shelf = atomic.Shelf(Path(cache) / "checks")
        kept = self.shelf.get(KEY) or b""
        self.known = {kept[n:n + SIZE] for n in range(0, len(kept) - len(kept) % SIZE, SIZE)}
        self.seen: set[bytes] = set()

    def problems(self, html: str, page_path: str) -> list[tuple[str, str]]:
        """What ``resources.html_resource_problems`` finds in the page: nothing, at once, for a page kept clean."""
        h = hashlib.sha256(_check_digest())
        h.update(page_path.encode() + b"\0" + html.encode())
        key = h.digest()
        if key in self.known:
            self.seen.add(key)
            return []
        found = resources.html_resource_problems(html, page_path)
        if not found:
            self.seen.add(key)
        return found

    def save(self) -> None:
        """Keep the clean pages of this build (a cache that cannot be written makes builds slower, never wrong)."""
        if self.seen != self.known:
            self.shelf[KEY] = b"".join(sorted(self.seen))
            self.known = set(self.seen)
