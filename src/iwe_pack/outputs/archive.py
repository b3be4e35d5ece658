"""Zip files that are reproducible (fixed order and dates) and written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Mapping

from . import atomic


def write_zip(out: Path, members: Mapping[str, bytes | Path], when: dt.datetime | None = None,
              store: Path | None = None, ids: dict[str, str] | None = None) -> None:
    """Write a zip atomically, with members in name order and fixed timestamps (reproducible).

    With ``store`` (a folder) and ``ids`` ({member: a name for its bytes that changes whenever they do}), each
    member's compressed bytes are kept in ``store`` by that name, and a later zip holding the same bytes takes
    them from there instead of compressing them again: a site's offline copy, made again after one place changed,
    compresses that place's files only. The zip's bytes are the same either way."""
    when = when or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    stamp_ = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    shelf = atomic.Shelf(store) if store is not None and ids else None
    with atomic.replacing(out) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name in sorted(members):
                data = members[name]
                info = zipfile.ZipInfo(name, date_time=stamp_)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                kept = _deflated(shelf, ids.get(name), data) if shelf is not None else None
                if kept is None:
                    z.writestr(info, data.read_bytes() if isinstance(data, Path) else data)
                else:
                    _write_deflated(z, info, *kept)


def _deflated(shelf: atomic.Shelf, identity: str | None, data: bytes | Path) -> tuple[int, int, bytes] | None:
    """A member's (CRC-32, size, raw deflated bytes), as ``zipfile`` makes them, from ``shelf`` or made and put
    there; None for a member too big for a plain zip entry (``zipfile`` writes that one itself)."""
    if identity is None:
        return None
    key = hashlib.sha256(f"deflate v1 zlib {zlib.ZLIB_VERSION}\0{identity}".encode()).hexdigest()
    kept = shelf.get(key)
    if kept is not None and len(kept) >= 12:
        crc, size = struct.unpack("<LQ", kept[:12])
        return crc, size, kept[12:]
    raw = data.read_bytes() if isinstance(data, Path) else data
    if len(raw) * 1.05 > zipfile.ZIP64_LIMIT:
        return None
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile's ZIP_DEFLATED
    deflated = compressor.compress(raw) + compressor.flush()
    crc = zlib.crc32(raw)
    shelf[key] = struct.pack("<LQ", crc, len(raw)) + deflated
    return crc, len(raw), deflated


def _write_deflated(z: zipfile.ZipFile, info: zipfile.ZipInfo, crc: int, size: int, deflated: bytes) -> None:
    """Add a member whose bytes are deflated already, exactly as ``ZipFile.writestr`` would have written it (a
    seekable file: the local header holds the CRC and sizes, no data descriptor); ``close`` writes the central
    directory from ``filelist`` as for any other member."""
    info.flag_bits = 0
    info.CRC, info.file_size, info.compress_size = crc, size, len(deflated)
    z.fp.seek(z.start_dir)
    info.header_offset = z.fp.tell()
    z.fp.write(info.FileHeader(False))
    z.fp.write(deflated)
    z.start_dir = z.fp.tell()
    z._didModify = True
    z.filelist.append(info)
    z.NameToInfo[info.filename] = info
