"""Kill-safe site output: build into a fresh folder beside the site, and swap it in only when complete.

A build that fails, is aborted (``--strict`` warnings) or is killed part-way leaves the last good site
whole. Beside the site folder (say ``site``) a build keeps, for its own lifetime:

- ``.site-building-<pid>-<tag>``: the site being built;
- ``.site-previous-<pid>-<tag>``: the old site, for the moment of the swap only.

The swap is two renames (site → previous, building → site), then the previous site is removed. The next
build puts right whatever a killed one left: a site missing mid-swap is restored from its previous copy,
and the folders of builds that are no longer running are removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import weakref
from dataclasses import dataclass, field
from pathlib import Path

BUILDING = "building"
PREVIOUS = "previous"
ELSEWHERE = "or choose another output folder (site_dir in mkdocs.yml, or mkdocs build -d FOLDER)"


class OutputError(Exception):
    """The site cannot be written where asked. ``str()`` is one line: where, what went wrong, what to do."""


class WarningCount(logging.Handler):
    """Counts warnings (and worse) logged while it is attached: a strict build will stop on any."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class SiteSwap:
    target: Path  # the real site folder
    fresh: Path  # where this build writes
    warnings: WarningCount | None = None  # strict: any warning means the build will stop
    _done: weakref.finalize | None = field(default=None, repr=False)

    @classmethod
    def begin(cls, target: Path, strict_logger: str | None = None) -> "SiteSwap | None":
        """Check the site can be written and replaced, put right what a killed build left, make a fresh folder.

        None if the site folder is a mount point: it cannot be renamed, so the build writes into it as before.

        ``strict_logger``: the logger whose warnings stop the build (``None``: warnings do not stop it).
        Until :meth:`publish` or :meth:`discard`, the fresh folder is removed when this object is let go
        or the process ends (a build stopped by an error), and by the next build if this one is killed.
        """
        target = Path(target).resolve()
        parent = target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _recover(target)
        except OSError as exc:
            raise _cannot_write(target, parent, exc) from None
        _check_replaceable(target)
        if target.is_mount():
            return None
        try:
            fresh = parent / f".{target.name}-{BUILDING}-{os.getpid()}-{secrets.token_hex(3)}"
            fresh.mkdir()
        except OSError as exc:
            raise _cannot_write(target, parent, exc) from None
        swap = cls(target, fresh)
        if strict_logger is not None:
            swap.warnings = WarningCount()
            logging.getLogger(strict_logger).addHandler(swap.warnings)
        swap._done = weakref.finalize(swap, _end, fresh, strict_logger, swap.warnings)
        return swap

    @property
    def doomed(self) -> bool:
        """Whether a warning has been counted, so the (strict) build will stop."""
        return bool(self.warnings and self.warnings.count)

    def publish(self) -> bool:
        """Swap the fresh folder in for the site, unless the build is doomed (then discard it). True if swapped."""
        if self.doomed:
            self.discard()
            return False
        previous = self.target.parent / self.fresh.name.replace(f"-{BUILDING}-", f"-{PREVIOUS}-", 1)
        try:
            if self.target.is_dir():
                _keep_hidden(self.target, self.fresh)
                shutil.copymode(self.target, self.fresh)
                os.rename(self.target, previous)
            os.rename(self.fresh, self.target)
        except OSError as exc:
            if previous.is_dir() and not self.target.exists():
                with contextlib.suppress(OSError):  # else the next build restores it
                    os.rename(previous, self.target)
            self.discard()
            raise OutputError(f"Could not replace the site in {self.target}: {_reason(exc)}. Make it writable "
                              f"for you (or remove it), {ELSEWHERE}.") from None
        shutil.rmtree(previous, ignore_errors=True)
        self.discard()  # nothing left to remove; stop counting warnings
        return True

    def discard(self) -> None:
        """Remove the fresh folder (if still there) and stop counting warnings; the site is left as it was."""
        if self._done is not None:
            self._done()


def _end(fresh: Path, logger: str | None, counter: WarningCount | None) -> None:
    if counter is not None:
        logging.getLogger(logger).removeHandler(counter)
    shutil.rmtree(fresh, ignore_errors=True)


def _recover(target: Path) -> None:
    """Restore a site lost mid-swap by a killed build; remove the folders of builds no longer running."""
    left = _leftovers(target)
    if not target.exists():
        previous = [p for kind, p in left if kind == PREVIOUS]
        if previous:
            os.rename(max(previous, key=lambda p: p.stat().st_ctime), target)
    for _, path in _leftovers(target):
        shutil.rmtree(path, ignore_errors=True)


def _leftovers(target: Path) -> list[tuple[str, Path]]:
    """(kind, folder) for each building or previous folder of ``target`` whose build is no longer running."""
    out = []
    for kind in (BUILDING, PREVIOUS):
        for path in target.parent.glob(f".{target.name}-{kind}-*-*"):
            pid = path.name[len(f".{target.name}-{kind}-"):].split("-", 1)[0]
            if path.is_dir() and pid.isdigit() and not _running(int(pid)):
                out.append((kind, path))
    return out


def _running(pid: int) -> bool:
    if os.name != "posix":  # elsewhere, signal 0 would end the process: keep its folder
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _check_replaceable(target: Path) -> None:
    """The old site can be moved aside and removed: every folder in it is writable for us."""
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(f"Cannot build the site into {target}: it is a file, not a folder. Move or remove it, "
                          f"{ELSEWHERE}.")
    for folder, _, _ in os.walk(target, onerror=_raise):
        if not os.access(folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
            raise OutputError(f"Cannot replace the site in {target}: cannot change the folder {folder} "
                              f"({_denied(folder)}). Make it writable for you (or remove it), {ELSEWHERE}.")


def _raise(exc: OSError) -> None:
    raise OutputError(f"Cannot replace the site: cannot read {exc.filename} ({_reason(exc)}). Make it readable "
                      f"for you (or remove it), {ELSEWHERE}.")


def _keep_hidden(old: Path, fresh: Path) -> None:
    """Copy what the site engine would not have removed (hidden entries, such as .git) into the fresh site."""
    for entry in old.iterdir():
        if entry.name.startswith(".") and not entry.name.startswith(".tmp-") and not (fresh / entry.name).exists():
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, fresh / entry.name, symlinks=True)
            else:
                shutil.copy2(entry, fresh / entry.name, follow_symlinks=False)


def _cannot_write(target: Path, folder: Path, exc: OSError) -> OutputError:
    return OutputError(f"Cannot build the site into {target}: cannot write in the folder {folder} ({_reason(exc)}). "
                       f"Make {folder} writable for you, {ELSEWHERE}.")


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _denied(path: str) -> str:
    return "read-only file system" if os.statvfs(path).f_flag & os.ST_RDONLY else "permission denied"
