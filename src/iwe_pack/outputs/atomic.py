"""Atomic file output: a file appears whole, or not at all, even if the build is killed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it becomes ``target`` (readable by all)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a published file is readable by all
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes) -> None:
    with replacing(target) as tmp:
        tmp.write_bytes(data)


def copy(source: Path, target: Path) -> None:
    with replacing(target) as tmp:
        shutil.copyfile(source, tmp)


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source``'s bytes at ``target`` atomically: a hard link where the two share a file system (a file from
    the cache, whose name is the hash of its bytes and which is never written again), else a copy. A site of
    hundreds of PDFs is then put together without copying them.

    Where nothing is at ``target`` yet (a fresh site folder) the link is made there at once: a new link appears
    whole, so the temporary file and rename of every other case are not needed."""
    try:
        os.link(source, target)
        return
    except OSError:  # something there already, no folder yet, or another file system: the general way
        pass
    with replacing(target) as tmp:
        tmp.unlink()
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)


class Shelf:
    """Bytes kept in one folder by key, for later processes (a cache). Each file holds a hash of its bytes and
    is written atomically: a damaged file is made again, and a folder that cannot be read or written makes
    things slower, never wrong."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, key: str) -> bytes | None:
        try:
            kept = (self.folder / key).read_bytes()
        except OSError:
            return None
        digest, data = kept[:32], kept[32:]
        return data if hashlib.sha256(data).digest() == digest else None

    def __setitem__(self, key: str, data: bytes) -> None:
        with contextlib.suppress(OSError):
            write_bytes(self.folder / key, hashlib.sha256(data).digest() + data)
