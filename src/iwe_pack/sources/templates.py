"""The engine's templates, read once: page, print, run-mode and presenter templates from ``overrides/``,
and the letters from ``content/letters/``.

Each is kept with the file it came from, so an error in it (found when it is
compiled, or when a letter is tried for every place) names that file and line.
Views render from this set only; they never open a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics.problems import Collector
from .text import read_text

# folders of overrides/ that hold the engine's own templates (the rest belong to the theme)
ENGINE_FOLDERS = ("iwe", "print", "run", "slides", "standalone")
LETTERS = "letters"  # inside content/: templates an editor writes
SUFFIXES = (".html", ".j2")


@dataclass(frozen=True)
class Template:
    name: str  # how templates name it: "print/base.html", "letters/follow-up.txt.j2"
    file: str  # where it lives, relative to the project: "overrides/print/base.html"
    path: Path
    text: str


@dataclass(frozen=True, eq=False)
class TemplateSet:
    """Every template by name. Compared by identity: one set per loaded project."""

    items: tuple[Template, ...]
    compiled: Any = None  # where the build keeps compiled templates (a jinja2.BytecodeCache): none, compile each

    def get(self, name: str) -> Template | None:
        return next((t for t in self.items if t.name == name), None)

    def names(self) -> list[str]:
        return [t.name for t in self.items]


def read_templates(root: Path, errors: Collector) -> TemplateSet:
    """Read every engine template and letter (compiling them is a check: see ``checks.templates``)."""
    root = Path(root)
    found: list[Template] = []
    places = [(root / "overrides" / folder, folder) for folder in ENGINE_FOLDERS]
    places.append((root / "content" / LETTERS, LETTERS))
    for folder, prefix in places:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES):
            text = read_text(path, errors)
            if text is not None:
                name = f"{prefix}/{path.relative_to(folder).as_posix()}"
                found.append(Template(name, path.relative_to(root).as_posix(), path, text))
    return TemplateSet(tuple(found))
