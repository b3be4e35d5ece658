"""Finding and reading the project's files: the one place the loader (``load.loader``) asks, so it opens none itself.

Each function says what is there and reads it as text (problems reading go to ``errors``); what is right or
wrong about what was found is the checks' to say.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics.problems import Collector
from .layout import NOT_PAGES, PACKS
from .record_schema import RECORDS
from .text import read_text


def full(path: Path) -> Path:
    """``path`` made absolute, its links followed (the print styles are checked by file address)."""
    return Path(path).resolve()


def present(path: Path) -> bool:
    """Whether a source file is there (an optional one may not be)."""
    return Path(path).is_file()


def read_optional(path: Path, errors: Collector) -> str:
    """A text file's text, or "" where there is none."""
    return (read_text(path, errors) or "") if present(path) else ""


def hand_written_pages(content: Path, errors: Collector) -> dict[str, tuple[Path, str]]:
    """Every .md in ``content/`` outside the folders read into the model: {path in content/: (file, text)}."""
    out = {}
    for path in sorted(Path(content).rglob("*.md")):
        rel = path.relative_to(content)
        if rel.parts[0] in NOT_PAGES:
            continue
        text = read_text(path, errors)
        if text is not None:
            out[rel.as_posix()] = (path, text)
    return out


def inside(content: Path, rel: str) -> tuple[Path, bool]:
    """A file an editor named, relative to ``content/``: its full path, and whether it is inside ``content/``."""
    path = (Path(content) / rel).resolve()
    return path, path.is_relative_to(Path(content).resolve())


def pack_files(root: Path) -> list[Path]:
    """The place packs: ``packs/*.yml``."""
    folder = Path(root) / PACKS
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def other_files_in_packs(root: Path) -> list[Path]:
    """Files in ``packs/`` not read as packs (not hidden, not ``.yml``): a pack there by a wrong name is named."""
    folder = Path(root) / PACKS
    return [p for p in sorted(folder.iterdir()) if not p.name.startswith(".") and p.is_file() and p.suffix != ".yml"
            ] if folder.is_dir() else []


def record_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The records read (``packs/records/*.yml``), and every YAML-like file anywhere under ``packs/records/``."""
    folder = Path(root) / PACKS / RECORDS
    if not folder.is_dir():
        return [], []
    read = sorted(folder.glob("*.yml"))
    every = [p for p in sorted(folder.rglob("*")) if p.suffix.lower() in (".yml", ".yaml") and p.is_file()]
    return read, every
