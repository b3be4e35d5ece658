"""Errors in sources that a person edits.

Every problem is reported as a :class:`SourceError` naming the file, the line,
the field, what was found and what is allowed. Loading collects as many as it
can find in one pass, so an editor can fix them all at once, then raises
:class:`SourceErrors`. Neither is meant to produce a Python traceback: the
command line and the MkDocs hook print ``str(error)`` and stop.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


def did_you_mean(found: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest of ``choices`` to a mistyped value, or ''."""
    near = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


@dataclass(frozen=True)
class SourceError:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", line {self.line}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class SourceErrors(Exception):
    """One or more mistakes in the sources. ``str()`` lists them all."""

    def __init__(self, errors: list[SourceError]):
        self.errors = list(errors)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        n = len(self.errors)
        head = "1 problem in the sources:" if n == 1 else f"{n} problems in the sources:"
        body = "\n".join(f"- {e}" if "\n" not in str(e) else f"- {_indent(str(e))}" for e in self.errors)
        return f"{head}\n{body}"


def _indent(text: str) -> str:
    first, *rest = text.split("\n")
    return "\n".join([first] + ["  " + r if r else r for r in rest])


class Collector:
    """Gathers errors while loading; ``raise_if_any`` ends the load."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[SourceError] = []

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def add(self, file: Path | str, line: int | None, field: str | None, message: str) -> None:
        name = self.rel(file) if isinstance(file, Path) else file
        self.errors.append(SourceError(name, line, field, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise SourceErrors(self.errors)
