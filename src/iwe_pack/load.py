"""Load and validate the sources in ``content/`` into one :class:`Workshop`."""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

from . import strictyaml
from .errors import Collector
from .model import HandoutsFile, Section, Workshop, WorkshopFile
from .timing import Timed, check_fit

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_workshop(root: Path) -> Workshop:
    """Load ``root/content`` and check it; raise SourceErrors listing every problem."""
    root = Path(root)
    content = root / "content"
    errors = Collector(root)
    wf: WorkshopFile | None = strictyaml.load(content / "workshop.yml", WorkshopFile, errors)
    hf: HandoutsFile | None = strictyaml.load(content / "handouts.yml", HandoutsFile, errors)
    errors.raise_if_any()
    assert wf is not None and hf is not None

    handouts = {}
    for h in hf.handouts:
        _check_slug(h.id, h, "id", errors)
        if h.id in handouts:
            errors.add(h.source.file, h.source.line_for("id"), h.source.field("id"),
                       f"handout id {h.id!r} is used twice (first on line {handouts[h.id].source.line_for('id')}); each handout needs its own id")
        handouts.setdefault(h.id, h)

    _check_ranges(wf, errors)
    sections: list[Section] = []
    seen: dict[str, Section] = {}
    for number, s in enumerate(wf.sections, start=1):
        _check_slug(s.id, s, "id", errors)
        if s.id in seen:
            errors.add(s.source.file, s.source.line_for("id"), s.source.field("id"),
                       f"section id {s.id!r} is used twice (first on line {seen[s.id].source.line_for('id')}); each section needs its own id")
        seen.setdefault(s.id, s)
        for i, ref in enumerate(s.handouts, start=1):
            if ref not in handouts:
                near = difflib.get_close_matches(ref, list(handouts), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                errors.add(s.source.file, s.source.line_for("handouts"), f"{s.source.field('handouts')}.{i}",
                           f"found {ref!r}{hint}; allowed: a handout id from content/handouts.yml")
        notes = _read_notes(content, s, errors)
        sections.append(dataclasses.replace(s, notes_markdown=notes or "", number=number, source=s.source))

    if not wf.sections:
        errors.add(wf.source.file, wf.source.line_for("sections"), "sections", "found no sections; allowed: a list of at least one section")
    errors.raise_if_any()

    budget = wf.budget
    fit = check_fit([Timed(s.title, s.minutes, s.source.line_for("minutes")) for s in sections], budget.session,
                    "The sections of the running order", "Section")
    if fit:
        errors.add(wf.source.file, budget.source.line_for("session"), "budget.session", fit)
    fit = check_fit([Timed(p.title, p.minutes, p.source.line_for("minutes")) for p in wf.prework], budget.prework,
                    "The pre-work items", "Pre-work")
    if fit:
        errors.add(wf.source.file, budget.source.line_for("prework"), "budget.prework", fit)
    errors.raise_if_any()
    return Workshop(title=wf.title, budget=budget, prework=list(wf.prework), sections=sections, handouts=handouts)


def _check_slug(value: str, obj, key: str, errors: Collector) -> None:
    if not SLUG.fullmatch(value):
        errors.add(obj.source.file, obj.source.line_for(key), obj.source.field(key),
                   f"found {value!r}; allowed: lower case letters, digits and single hyphens, e.g. wrap-up")


def _check_ranges(wf: WorkshopFile, errors: Collector) -> None:
    ranges = [(s.minutes, s.source.field("minutes")) for s in wf.sections]
    ranges += [(p.minutes, p.source.field("minutes")) for p in wf.prework]
    ranges += [(wf.budget.session, "budget.session"), (wf.budget.prework, "budget.prework")]
    for r, name in ranges:
        if r.min > r.max:
            errors.add(r.source.file, r.source.line_for("min"), f"{name}.min",
                       f"min is {r.min} but max is {r.max}; min must not be more than max")


def _read_notes(content: Path, s: Section, errors: Collector) -> str | None:
    rel = s.notes_path
    path = (content / rel).resolve()
    field = s.source.field("notes") if s.notes else s.source.field("id")
    line = s.source.line_for("notes") if s.notes else s.source.line_for("id")
    if not path.is_relative_to(content.resolve()) or path.suffix != ".md":
        errors.add(s.source.file, line, field, f"found {rel!r}; allowed: a Markdown (.md) file inside content/")
        return None
    if not path.is_file():
        errors.add(s.source.file, line, field,
                   f"the facilitator notes file content/{rel} does not exist; create it, or set 'notes:' to the right file")
        return None
    return strictyaml.read_text(path, errors)
