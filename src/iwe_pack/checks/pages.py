"""Rules for hand-written pages: the ``<!-- iwe:... -->`` markers they may hold."""

from __future__ import annotations

from ..diagnostics.problems import Collector
from ..sources.format_blocks import MARKERS

# the markers the site's pages expand (views/pages.py expand_markers): the pre-work, where to report a problem,
# and the resources the slides list (content/slides.yml)
PAGE_MARKERS = frozenset({"prework", "contact", "resources"})


def check_markers(text: str, file: str, allowed: set[str], errors: Collector) -> None:
    """Every marker in ``text`` must be one of ``allowed`` or of :data:`PAGE_MARKERS` (an unknown one would
    silently show nothing)."""
    allowed = set(allowed) | PAGE_MARKERS
    for m in MARKERS.finditer(text):
        if m.group(1) not in allowed:
            errors.add(file, text.count("\n", 0, m.start()) + 1, None, "page.unknown-marker",
                       found=repr(m.group(0)), allowed=", ".join(f"<!-- iwe:{a} -->" for a in sorted(allowed)))
