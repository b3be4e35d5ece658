"""Opening .pptx files as a person does, in LibreOffice Impress (headless), and reading what it shows.

:func:`convert` saves each deck as PDF with Impress, in one run, either with the pack's font installed
(the font the deck names) or without it, with Liberation Sans (Arial's letter widths) in its place.
:func:`placed_text` pairs each text shape of a .pptx with the characters Impress drew for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EMU_PER_PT = 12700
FONT = "Atkinson Hyperlegible Next"


def require_impress():
    if not SOFFICE:
        message = ("LibreOffice Impress is not installed: sudo apt-get install --no-install-recommends "
                   "libreoffice-impress fonts-liberation2, then run make test again.")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def fontconfig(folder: Path, font_files: dict[str, bytes] | None) -> Path:
    """A fontconfig setup: the system's fonts plus ``font_files`` (the pack's font), or, with None,
    the system's fonts without the pack's font and with Liberation Sans standing in for it."""
    folder.mkdir(parents=True, exist_ok=True)
    extra = ""
    if font_files:
        for name, data in font_files.items():
            (folder / name).write_bytes(data)
        extra = f"<dir>{folder}</dir>"
    else:
        extra = (f"<selectfont><rejectfont><glob>*tkinson*</glob></rejectfont></selectfont>"
                 f'<alias binding="same"><family>{FONT}</family><prefer><family>Liberation Sans</family>'
                 f"</prefer></alias>")
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
                    f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{extra}'
                    f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n")
    return conf


def convert(decks: list[Path], out: Path, conf: Path, profile: Path) -> dict[Path, Path]:
    """Save every deck as PDF with Impress, in one run; return {deck: its PDF}."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    result = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                             "--convert-to", "pdf", "--outdir", str(out), *map(str, decks)],
                            env=env, capture_output=True, text=True, timeout=600)
    pdfs = {deck: out / f"{deck.stem}.pdf" for deck in decks}
    missing = [str(p) for p in pdfs.values() if not p.is_file()]
    assert not missing, f"Impress made no PDF for {missing}:\n{result.stdout}\n{result.stderr}"
    return pdfs


@dataclass
class Box:
    """A shape's box on the slide, in points."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left


def shapes_on(slide):
    """Every shape of a slide with its box in slide points, groups opened (their children placed by the
    group's transform)."""
    out = []

    def walk(shapes, transform):
        for shape in shapes:
            if shape.shape_type == 6:  # a group: its children are in its own coordinate space
                xfrm = shape._element.grpSpPr.xfrm
                sx = xfrm.ext.cx / xfrm.chExt.cx if xfrm.chExt.cx else 1
                sy = xfrm.ext.cy / xfrm.chExt.cy if xfrm.chExt.cy else 1
                ox, oy = xfrm.off.x - xfrm.chOff.x * sx, xfrm.off.y - xfrm.chOff.y * sy

                def inner(x, y, ox=ox, oy=oy, sx=sx, sy=sy):
                    return transform(ox + x * sx, oy + y * sy)

                out.append((shape, _box(transform, shape)))
                walk(shape.shapes, inner)
            else:
                out.append((shape, _box(transform, shape)))

    walk(slide.shapes, lambda x, y: (x, y))
    return out


def _box(transform, shape) -> Box:
    x0, y0 = transform(shape.left, shape.top)
    x1, y1 = transform(shape.left + shape.width, shape.top + shape.height)
    return Box(x0 / EMU_PER_PT, y0 / EMU_PER_PT, x1 / EMU_PER_PT, y1 / EMU_PER_PT)


def _chars(page) -> list[dict]:
    """The page's characters in drawing order, one per letter (ligatures split), spaces left out."""
    out = []
    for c in page.chars:
        for ch in unicodedata.normalize("NFKC", c["text"]).replace("\u2011", "-"):
            if ch.strip():
                out.append(dict(c, text=ch))
    return out


def placed_text(slide, page, slide_width: float) -> list[tuple[object, Box, list[dict]]]:
    """Each text shape, its box, and the characters Impress drew for it (bullets included).

    Impress draws shapes in the order of the slide's shape tree, so the page's characters are taken in
    order, each shape taking those up to the last letter of its own text. ``slide_width`` is in points.
    """
    chars = _chars(page)
    scale = page.width / slide_width
    i, out = 0, []
    for shape, box in shapes_on(slide):
        if not (shape.has_text_frame and shape.text_frame.text.strip()):
            continue
        want = "".join(unicodedata.normalize("NFKC", shape.text_frame.text).split())
        j, got = 0, []
        while j < len(want) and i < len(chars):
            c = chars[i]
            i += 1
            if c["text"] == want[j]:
                j += 1
            got.append(dict(c, x0=c["x0"] / scale, x1=c["x1"] / scale, top=c["top"] / scale,
                            bottom=c["bottom"] / scale))
        assert j == len(want), f"Impress did not show {shape.name!r}: {want[j:j + 40]!r} is missing"
        out.append((shape, box, got))
    return out


def outside(c: dict, box: Box) -> float:
    """How far (points) a character's box reaches outside ``box``."""
    return max(box.left - c["x0"], c["x1"] - box.right, box.top - c["top"], c["bottom"] - box.bottom, 0)
