"""Zip files that are reproducible (fixed order and dates) and written atomically."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from . import atomic


def write_zip(out: Path, members: dict[str, bytes | Path], when: dt.datetime | None = None) -> None:
    """Write a zip atomically, with members in name order and fixed timestamps (reproducible)."""
    when = when or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    stamp_ = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    with atomic.replacing(out) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name in sorted(members):
                data = members[name]
                info = zipfile.ZipInfo(name, date_time=stamp_)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, data.read_bytes() if isinstance(data, Path) else data)
