"""QR codes of a place's evaluation address, drawn at build time (segno), so no page fetches one.

Each is drawn black on white with the standard quiet zone (4 modules) and error correction M, which phones read
off a printed sheet or a projected slide. Shown beside the address as text, for anyone without a camera.
"""

from __future__ import annotations

import html
import io
from functools import lru_cache

import segno

ERROR = "m"


@lru_cache(maxsize=1024)
def qr_svg(address: str, label: str) -> str:
    """An inline SVG image of the QR code of ``address``; ``label`` is its text alternative. Its size is the
    page's to set (CSS): the image scales to its box. Each is drawn once a process (about 3 ms): a place's code
    is on its page, its print-offs and its slides."""
    return _draw_svg(address, label)


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
