"""Reading PDFs as a person's tools do: poppler's pdfinfo, pdffonts and pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(
    not POPPLER and not __import__("os").environ.get("CI"),
    reason="poppler-utils is not installed (sudo apt-get install poppler-utils)",
)


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()) if v}


def fonts(pdf: Path) -> list[dict[str, str]]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
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
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> int:
    return int(info(pdf)["Pages"])
