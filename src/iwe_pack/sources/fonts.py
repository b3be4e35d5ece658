"""Which characters the pack's font can show, so text it cannot print is caught with its file and line."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=4)
def coverage(fonts_dir: Path) -> frozenset[int]:
    """Code points present in the regular weight of every font file in ``fonts_dir`` (all subsets)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in sorted(Path(fonts_dir).glob("*-400-normal.woff2")):
        points.update(TTFont(str(path)).getBestCmap())
    return frozenset(points)


def missing(text: str, fonts_dir: Path) -> list[str]:
    """The characters of ``text`` the font cannot show (spaces and line ends are fine)."""
    have = coverage(Path(fonts_dir))
    if not have:
        return []
    out = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or ord(ch) in have:
            continue
        out.append(ch)
    return out


def describe(chars: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed').lower()})" for c in chars[:5])


@lru_cache(maxsize=4)
def truetype(fonts_dir: Path, weight: int = 400) -> bytes:
    """The pack's font at ``weight`` (400 or 700, upright) as one TrueType file: its subsets merged.

    The site serves the font as WOFF2 subsets (Latin, Latin Extended); tools that take a single
    font file (Pillow, LibreOffice) need them as one.
    """
    import io

    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    parts = []
    for path in sorted(Path(fonts_dir).glob(f"*-{weight}-normal.woff2")):
        font = TTFont(str(path))
        font.flavor = None
        raw = io.BytesIO()
        font.save(raw)
        parts.append(io.BytesIO(raw.getvalue()))
    if not parts:
        raise FileNotFoundError(f"no font files of weight {weight} in {fonts_dir}")
    out = io.BytesIO()
    Merger().merge(parts).save(out)
    return out.getvalue()
