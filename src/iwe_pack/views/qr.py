"""QR codes of a place's evaluation address, drawn at build time (segno), so no page fetches one.

Each is drawn black on white with the standard quiet zone (4 modules) and error correction M, which phones read
off a printed sheet or a projected slide. Shown beside the address as text, for anyone without a camera.
"""

from __future__ import annotations

import hashlib
import html
import io
from typing import Protocol

import segno

ERROR = "m"


class _Shelf(Protocol):
    def get(self, key: str) -> bytes | None: ...
    def __setitem__(self, key: str, data: bytes) -> None: ...


class Drawn:
    """The codes drawn, kept in memory for the life of the process by what each is drawn from (a place's code is
    on its page, its print-offs and its slides), and, when the build gives one (``outputs.site_build``), on a
    ``shelf`` between builds: any object with ``get(key)`` and ``[key] = bytes``. Drawing one took about 3 ms, for
    every place, in every build."""

    def __init__(self) -> None:
        self.store: dict[str, str] = {}
        self.shelf: _Shelf | None = None

    def svg(self, address: str, label: str) -> str:
        key = hashlib.sha256(f"qr svg v1 segno {segno.__version__}\0{ERROR}\0{address}\0{label}".encode()).hexdigest()
        svg = self.store.get(key)
        if svg is None and self.shelf is not None:
            kept = self.shelf.get(key)
            svg = kept.decode("utf-8") if kept is not None else None
        if svg is None:
            svg = _draw_svg(address, label)
            if self.shelf is not None:
                self.shelf[key] = svg.encode("utf-8")
        self.store[key] = svg
        return svg


DRAWN = Drawn()


def qr_svg(address: str, label: str) -> str:
    """An inline SVG image of the QR code of ``address``; ``label`` is its text alternative. Its size is the
    page's to set (CSS): the image scales to its box."""
    return DRAWN.svg(address, label)


def _draw_svg(address: str, label: str) -> str:
    code = segno.make(address, error=ERROR, micro=False)
    svg = code.svg_inline(scale=1, dark="#000", light="#fff", title=label, svgclass="qr", lineclass=None,
                          omitsize=True)
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


def qr_png(address: str, pixels_per_module: int = 10) -> bytes:
    """The QR code of ``address`` as a PNG (for the .pptx, which holds pictures)."""
    out = io.BytesIO()
    segno.make(address, error=ERROR, micro=False).save(out, kind="png", scale=pixels_per_module, dark="#000",
                                                       light="#fff")
    return out.getvalue()


def qr_figure(address: str, what: str, lead: str = "Scan the code, or go to") -> str:
    """The QR code of ``address`` with the address as text beside it, as an HTML figure (class ``iwe-qr``)."""
    shown = html.escape(address)
    svg = qr_svg(address, f"QR code: {what}")
    return (f'<figure class="iwe-qr">{svg}<figcaption>{html.escape(lead)} '
            f'<a href="{shown}">{shown}</a></figcaption></figure>')
