"""Reading PDFs as a person's tools do: poppler's pdfinfo, pdffonts and pdftotext."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(
    not POPPLER and not __import__("os").environ.get("CI"),
    reason="poppler-utils is not installed (sudo apt-get install poppler-utils)",
)


def poppler(*args: str) -> str:
    """What a poppler tool prints for a PDF (the last argument, or the one before "-"). The shared builds' PDFs
    are read by many tests in one worker, so what was printed is kept for as long as the file is unchanged."""
    pdf = Path(args[-2] if args[-1] == "-" else args[-1])
    stat = pdf.stat()
    return _poppler(args, (stat.st_ino, stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=512)
def _poppler(args: tuple[str, ...], _version: tuple[int, int, int]) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def info(pdf: Path) -> dict[str, str]:
    out = poppler("pdfinfo", str(pdf))
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()) if v}


def fonts(pdf: Path) -> list[dict[str, str]]:
    lines = poppler("pdffonts", str(pdf)).splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        # name type... emb sub uni object ID: the last five columns are fixed
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return poppler(*args, str(pdf), "-")


def pages(pdf: Path) -> int:
    return int(info(pdf)["Pages"])
