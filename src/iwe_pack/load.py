"""Load and validate the sources in ``content/`` into one :class:`Workshop`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from . import changelog, strictyaml
from .errors import Collector, did_you_mean
from .safety import resource_problems
from .model import AdviceRules, Deck, HandoutsFile, Matrix, MinuteRange, Section, Workshop, WorkshopFile
from .timing import Timed, check_fit

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_workshop(root: Path) -> Workshop:
    """Load ``root/content`` and check it; raise SourceErrors listing every problem."""
    root = Path(root)
    content = root / "content"
    errors = Collector(root)
    wf: WorkshopFile | None = strictyaml.load(content / "workshop.yml", WorkshopFile, errors)
    hf: HandoutsFile | None = strictyaml.load(content / "handouts.yml", HandoutsFile, errors)
    matrix: Matrix | None = strictyaml.load(content / "matrix.yml", Matrix, errors)
    advice: AdviceRules | None = strictyaml.load(content / "advice.yml", AdviceRules, errors)
    deck: Deck | None = strictyaml.load(content / "slides.yml", Deck, errors)
    errors.raise_if_any()
    assert wf and hf and matrix and advice and deck
    _check_matrix(matrix, errors)

    handouts = {}
    for h in hf.handouts:
        _check_slug(h.id, h, "id", errors)
        if h.id in handouts:
            errors.add(h.origin.file, h.origin.line_for("id"), h.origin.field("id"),
                       f"handout id {h.id!r} is used twice (first on line {handouts[h.id].origin.line_for('id')}); each handout needs its own id")
        body = _read_markdown(content, f"handouts/{h.id}.md", h, "id", errors, required=h.layout == "text")
        handouts.setdefault(h.id, dataclasses.replace(h, body=body or "", origin=h.origin))

    _check_ranges(wf, errors)
    sections: list[Section] = []
    seen: dict[str, Section] = {}
    for number, s in enumerate(wf.sections, start=1):
        _check_slug(s.id, s, "id", errors)
        if s.id in seen:
            errors.add(s.origin.file, s.origin.line_for("id"), s.origin.field("id"),
                       f"section id {s.id!r} is used twice (first on line {seen[s.id].origin.line_for('id')}); each section needs its own id")
        seen.setdefault(s.id, s)
        for i, ref in enumerate(s.handouts, start=1):
            if ref in handouts and not handouts[ref].in_place_packs:
                errors.add(s.origin.file, s.origin.line_for("handouts"), f"{s.origin.field('handouts')}.{i}",
                           f"found {ref!r}, which is only printed blank (in_place_packs: false in "
                           f"content/handouts.yml); allowed: a handout that place packs print")
            if ref not in handouts:
                hint = did_you_mean(ref, list(handouts))
                errors.add(s.origin.file, s.origin.line_for("handouts"), f"{s.origin.field('handouts')}.{i}",
                           f"found {ref!r}{hint}; allowed: a handout id from content/handouts.yml")
        notes = _read_notes(content, s, errors)
        notes = expand_handouts(notes, handouts, s, errors) if notes else notes
        sections.append(dataclasses.replace(s, notes_markdown=notes or "", number=number, origin=s.origin))

    if not wf.sections:
        errors.add(wf.origin.file, wf.origin.line_for("sections"), "sections", "found no sections; allowed: a list of at least one section")
    errors.raise_if_any()

    budget = wf.budget
    fit = check_fit([Timed(s.title, s.minutes, s.origin.line_for("minutes")) for s in sections], budget.session,
                    "The sections of the running order", "Section")
    if fit:
        errors.add(wf.origin.file, budget.origin.line_for("session"), "budget.session", fit)
    fit = check_fit([Timed(p.title, p.minutes, p.origin.line_for("minutes")) for p in wf.prework], budget.prework,
                    "The pre-work items", "Pre-work")
    if fit:
        errors.add(wf.origin.file, budget.origin.line_for("prework"), "budget.prework", fit)
    _check_deck(deck, sections, errors)
    found = changelog.releases(root / "CHANGELOG.md", errors)
    release = changelog.check_version(str(wf.version), found, root / "CHANGELOG.md", errors) if found is not None \
        else None
    known = {r.version for r in found or []}
    for s in sections:
        if found is not None and s.changed and s.changed not in known:
            errors.add(s.origin.file, s.origin.line_for("changed"), s.origin.field("changed"),
                       f"found {s.changed}; allowed: a version listed in CHANGELOG.md ({', '.join(sorted(known - {'Unreleased'}))})")
    errors.raise_if_any()
    return Workshop(title=wf.title, version=str(wf.version), budget=budget, prework=list(wf.prework), sections=sections,
                    handouts=handouts, matrix=matrix, advice=advice, deck=deck,
                    released=release.date if release else None,
                    releases=[r for r in found or [] if r.date])


def _check_deck(deck: Deck, sections: list[Section], errors: Collector) -> None:
    """The slides' minutes must fit the section they are shown in."""
    src = deck.origin
    section = next((s for s in sections if s.id == deck.section), None)
    if section is None:
        hint = did_you_mean(deck.section, [s.id for s in sections])
        errors.add(src.file, src.line_for("section"), "section",
                   f"found {deck.section!r}{hint}; allowed: the id of a section in content/workshop.yml")
        return
    if not deck.slides:
        errors.add(src.file, src.line_for("slides"), "slides", "found no slides; add at least one")
        return
    fit = check_fit([Timed(sl.title, MinuteRange(0 if sl.skip else sl.minutes, sl.minutes), sl.origin.line_for("minutes"))
                     for sl in deck.slides], section.minutes, f"The slides for {section.title}", "Slide",
                    planned=True)
    if fit:
        skippable = [sl for sl in deck.slides if sl.skip]
        hint = (f"\n  Slides marked 'skip: true' ({deck.skippable} minutes): "
                + ", ".join(sl.title for sl in skippable)) if skippable and deck.minutes > section.minutes.max else ""
        errors.add(src.file, src.line_for("slides"), "slides", fit + hint)


def _check_matrix(m: Matrix, errors: Collector) -> None:
    """Levels numbered 1, 2, 3... and every principle describes every level, in order."""
    for i, level in enumerate(m.levels, start=1):
        if level.score != i:
            errors.add(level.origin.file, level.origin.line_for("score"), level.origin.field("score"),
                       f"found {level.score}; levels are listed lowest first, so this one must be {i}")
    if len(m.levels) < 2:
        errors.add(m.origin.file, m.origin.line_for("levels"), "levels", "a matrix needs at least two levels")
    if not m.principles:
        errors.add(m.origin.file, m.origin.line_for("principles"), "principles", "found no principles; add at least one")
    seen: dict[str, int] = {}
    names = {lv.score: lv.name for lv in m.levels}
    for p in m.principles:
        _check_slug(p.id, p, "id", errors)
        if p.id in seen:
            errors.add(p.origin.file, p.origin.line_for("id"), p.origin.field("id"),
                       f"principle id {p.id!r} is used twice (first on line {seen[p.id]}); each principle needs its own id")
        seen.setdefault(p.id, p.origin.line_for("id"))
        scores = [pl.level for pl in p.levels]
        for score, name in names.items():
            if score not in scores:
                errors.add(p.origin.file, p.origin.line_for("levels"), p.origin.field("levels"),
                           f"principle {p.id!r} has no entry for level {score} ({name}); "
                           f"every principle describes every level, {', '.join(map(str, names))}")
        for pl in p.levels:
            if pl.level not in names:
                errors.add(pl.origin.file, pl.origin.line_for("level"), pl.origin.field("level"),
                           f"found level {pl.level}; allowed: {', '.join(map(str, names))} (the levels listed at the top)")
            elif scores.count(pl.level) > 1:
                errors.add(pl.origin.file, pl.origin.line_for("level"), pl.origin.field("level"),
                           f"level {pl.level} is described twice in principle {p.id!r}; keep one")
            if not pl.evidence:
                errors.add(pl.origin.file, pl.origin.line_for("evidence"), pl.origin.field("evidence"),
                           "found no evidence prompts; add at least one question, e.g. 'What could we point to?'")
        if scores == sorted(scores) or len(set(scores)) != len(scores):
            continue
        errors.add(p.origin.file, p.origin.line_for("levels"), p.origin.field("levels"),
                   f"levels are in the order {scores}; list them lowest first")


HANDOUT_MARKER = re.compile(r"<!--\s*iwe:handout\s+([a-z0-9-]+)\s*-->")


def expand_handouts(notes: str, handouts: dict, section: Section, errors: Collector) -> str:
    """Put a handout's text into notes where they say ``<!-- iwe:handout ID -->`` (one source for both)."""
    def one(m: re.Match) -> str:
        h = handouts.get(m.group(1))
        if h is None:
            errors.add(f"content/{section.notes_path}", notes.count("\n", 0, m.start()) + 1, None,
                       f"found the marker for handout {m.group(1)!r}; allowed: a handout id from content/handouts.yml")
            return m.group(0)
        return re.sub(r"^\*\*[^*]+\*\*\s*$", "", h.body.strip(), count=1, flags=re.M).strip()
    return HANDOUT_MARKER.sub(one, notes)


def _check_slug(value: str, obj, key: str, errors: Collector) -> None:
    if not SLUG.fullmatch(value):
        errors.add(obj.origin.file, obj.origin.line_for(key), obj.origin.field(key),
                   f"found {value!r}; allowed: lower case letters, digits and single hyphens, e.g. wrap-up")


def _check_ranges(wf: WorkshopFile, errors: Collector) -> None:
    ranges = [(s.minutes, s.origin.field("minutes")) for s in wf.sections]
    ranges += [(p.minutes, p.origin.field("minutes")) for p in wf.prework]
    ranges += [(wf.budget.session, "budget.session"), (wf.budget.prework, "budget.prework")]
    for r, name in ranges:
        if r.min > r.max:
            errors.add(r.origin.file, r.origin.line_for("min"), f"{name}.min",
                       f"min is {r.min} but max is {r.max}; min must not be more than max")


def _read_notes(content: Path, s: Section, errors: Collector) -> str | None:
    if s.notes:
        return _read_markdown(content, s.notes, s, "notes", errors, required=True, chosen=True)
    return _read_markdown(content, s.notes_path, s, "id", errors, required=True)


def _read_markdown(content: Path, rel: str, obj, key: str, errors: Collector, required: bool,
                   chosen: bool = False) -> str | None:
    """Read a Markdown file inside content/ that belongs to ``obj`` (a section's notes, a handout's body).

    ``chosen`` means the editor named the file (so it must be a .md inside content/);
    otherwise it is the file expected by convention, and ``required`` says whether it must exist.
    """
    path = (content / rel).resolve()
    line, field = obj.origin.line_for(key), obj.origin.field(key)
    if chosen and (not path.is_relative_to(content.resolve()) or path.suffix != ".md"):
        errors.add(obj.origin.file, line, field, f"found {rel!r}; allowed: a Markdown (.md) file inside content/")
        return None
    if not path.is_file():
        if required:
            what = "facilitator notes" if isinstance(obj, Section) else "text"
            hint = "set 'notes:' to the right file" if isinstance(obj, Section) else "or choose another layout"
            errors.add(obj.origin.file, line, field, f"the {what} file content/{rel} does not exist; create it, {hint}")
        return None
    text = strictyaml.read_text(path, errors)
    if text is not None:
        for n, problem in resource_problems(text, path, content):
            errors.add(path, n, None, problem)
    return text
