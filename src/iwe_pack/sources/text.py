"""Reading a text file a person edits: UTF-8, a size limit, and errors that name the file."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics.problems import Collector

MAX_BYTES = 1_000_000


def read_text(path: Path, errors: Collector) -> str | None:
    """Read a UTF-8 text file, reporting a missing file or bad encoding."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        errors.add(path, None, None, "file.not-found")
        return None
    except OSError as exc:
        errors.add(path, None, None, "file.unreadable", reason=exc.strerror)
        return None
    if len(data) > MAX_BYTES:
        errors.add(path, None, None, "file.too-big", found=f"{len(data):,}", allowed=f"{MAX_BYTES:,}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.add(path, line, None, "file.not-utf8", found=f"0x{data[exc.start]:02x}")
        return None
    return text.removeprefix("\ufeff")
