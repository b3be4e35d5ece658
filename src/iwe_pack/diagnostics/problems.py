"""Problems in sources that a person edits, as records.

Every problem is a :class:`Diagnostic`: a code from the catalogue
(:mod:`.catalogue`), the file, the line, the field, what was found, what is
allowed, a hint, and any details its words need. Loading collects as many as
it can find in one pass, so an editor can fix them all at once, then raises
:class:`SourceErrors`. Neither is meant to produce a Python traceback: the
command line and the MkDocs hook print them (see :mod:`.report`) and stop.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .catalogue import CATALOGUE


def did_you_mean(found: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest of ``choices`` to a mistyped value, or ''."""
    near = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


@dataclass(frozen=True)
class Diagnostic:
    code: str
    file: str
    line: int | None = None
    field: str | None = None
    found: str | None = None
    allowed: str | None = None
    hint: str | None = None
    details: Mapping[str, object] = dataclasses.field(default_factory=dict, compare=False)

    def __post_init__(self):
        if self.code not in CATALOGUE:
            raise KeyError(f"no message {self.code!r} in the catalogue")  # a bug in the engine, not in a source

    @property
    def message(self) -> str:
        """The words, from the catalogue."""
        values = {"found": self.found, "allowed": self.allowed, "hint": self.hint or "", **self.details}
        text = CATALOGUE[self.code].text.format(**values)
        note = self.details.get("note")  # a second catalogue entry that says more about where it was found
        return f"{text} {CATALOGUE[str(note)].text}" if note else text

    @property
    def where(self) -> str:
        where = self.file
        if self.line:
            where += f", line {self.line}"
        if self.field:
            where += f", field {self.field}"
        return where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class SourceErrors(Exception):
    """One or more mistakes in the sources. ``str()`` lists them all."""

    def __init__(self, errors: list[Diagnostic]):
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
    """Gathers problems while loading; ``raise_if_any`` ends the load."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[Diagnostic] = []

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def add(self, file: Path | str, line: int | None, field: str | None, code: str, found: object = None,
            allowed: object = None, hint: str | None = None, **details: object) -> None:
        name = self.rel(file) if isinstance(file, Path) else file
        self.errors.append(Diagnostic(code, name, line, field, None if found is None else str(found),
                                      None if allowed is None else str(allowed), hint, details))

    def raise_if_any(self) -> None:
        if self.errors:
            raise SourceErrors(self.errors)
