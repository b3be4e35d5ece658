"""Rules across the workshop's values: ids, ranges, the matrix's levels, the slides' fit."""

from __future__ import annotations

import re

from ..diagnostics.problems import Collector, did_you_mean
from ..sources.matrix_schema import SHORT_WORDS, Matrix
from ..sources.schema import Section, WorkshopFile
from ..sources.slides_schema import DIAGRAM_POINTS, Deck
from ..sources.sourced import MinuteRange
from .timing import Timed, check_fit

# An id: part of page and file names (a handout's is part of each place's PDF names: see packs.MAX_HANDOUT_ID).
SLUG = re.compile(r"(?=[a-z0-9-]{1,40}\Z)[a-z0-9]+(?:-[a-z0-9]+)*")


def check_deck(deck: Deck, sections: list[Section], errors: Collector) -> None:
    """The slides' minutes must fit the section they are shown in."""
    src = deck.origin
    section = next((s for s in sections if s.id == deck.section), None)
    if section is None:
        hint = did_you_mean(deck.section, [s.id for s in sections])
        errors.add(src.file, src.line_for("section"), "section", "deck.unknown-section", found=repr(deck.section),
                   hint=hint)
        return
    if not deck.slides:
        errors.add(src.file, src.line_for("slides"), "slides", "deck.no-slides")
        return
    for sl in deck.slides:
        if sl.diagram is None:
            continue
        wanted, allowed = DIAGRAM_POINTS[sl.diagram]
        if len(sl.points) != wanted:
            errors.add(sl.origin.file, sl.origin.line_for("points"), sl.origin.field("points"), "deck.diagram-points",
                       found=f"{len(sl.points)} point{'s' if len(sl.points) != 1 else ''}", diagram=sl.diagram,
                       allowed=allowed)
    # the slides fit what the section leaves after the questions at the end; the slides not marked skip fit
    # even when the section runs at its shortest
    questions = section.fixed_minutes  # the steps after the slides (content/sections/<id>.yml)
    presenting = MinuteRange(section.minutes.min - questions, section.minutes.max - questions)
    budget = (f"\n  The slides' budget is the section's {section.minutes} minutes, less the {questions} kept for "
              f"questions at the end (the section's steps, content/{section.steps_path}).")
    fit = check_fit([Timed(sl.title, MinuteRange(0 if sl.skip else sl.minutes, sl.minutes), sl.origin.line_for("minutes"))
                     for sl in deck.slides], presenting, f"The slides for {section.title}", "Slide",
                    planned=True)
    if fit:
        skippable = [sl for sl in deck.slides if sl.skip]
        hint = (f"\n  Slides marked 'skip: true' ({deck.skippable} minutes): "
                + ", ".join(sl.title for sl in skippable)) if skippable and deck.minutes > presenting.max else ""
        errors.add(src.file, src.line_for("slides"), "slides", "deck.does-not-fit", detail=fit + budget + hint)
    if deck.core > presenting.min:
        errors.add(src.file, src.line_for("slides"), "slides", "deck.core-too-long", found=deck.core,
                   allowed=presenting.min, section=section.title, least=section.minutes.min, questions=questions)


def check_matrix(m: Matrix, errors: Collector) -> None:
    """Levels numbered 1, 2, 3... and every principle describes every level, in order."""
    for i, level in enumerate(m.levels, start=1):
        if level.score != i:
            errors.add(level.origin.file, level.origin.line_for("score"), level.origin.field("score"),
                       "matrix.level-order", found=level.score, allowed=i)
    if len(m.levels) < 2:
        errors.add(m.origin.file, m.origin.line_for("levels"), "levels", "matrix.too-few-levels")
    if not m.principles:
        errors.add(m.origin.file, m.origin.line_for("principles"), "principles", "matrix.no-principles")
    seen: dict[str, int] = {}
    names = {lv.score: lv.name for lv in m.levels}
    for part in [*m.levels, *m.principles]:
        _check_own(part, errors)
    for p in m.principles:
        check_slug(p.id, p, "id", errors)
        if p.id in seen:
            errors.add(p.origin.file, p.origin.line_for("id"), p.origin.field("id"), "workshop.duplicate-id",
                       found=repr(p.id), kind="principle", first=seen[p.id])
        seen.setdefault(p.id, p.origin.line_for("id"))
        scores = [pl.level for pl in p.levels]
        for score, name in names.items():
            if score not in scores:
                errors.add(p.origin.file, p.origin.line_for("levels"), p.origin.field("levels"), "matrix.level-missing",
                           found=score, allowed=", ".join(map(str, names)), principle=p.id, name=name)
        for pl in p.levels:
            if pl.level not in names:
                errors.add(pl.origin.file, pl.origin.line_for("level"), pl.origin.field("level"), "matrix.unknown-level",
                           found=pl.level, allowed=", ".join(map(str, names)))
            elif scores.count(pl.level) > 1:
                errors.add(pl.origin.file, pl.origin.line_for("level"), pl.origin.field("level"), "matrix.level-twice",
                           found=pl.level, principle=p.id)
            if not pl.evidence:
                errors.add(pl.origin.file, pl.origin.line_for("evidence"), pl.origin.field("evidence"),
                           "matrix.no-evidence")
            words = len(pl.short.split())
            if words > SHORT_WORDS or "\n" in pl.short.strip():
                errors.add(pl.origin.file, pl.origin.line_for("short"), pl.origin.field("short"), "matrix.short-too-long",
                           found=f"{words} words" + (" on more than one line" if "\n" in pl.short.strip() else ""),
                           allowed=SHORT_WORDS)
        if scores == sorted(scores) or len(set(scores)) != len(scores):
            continue
        errors.add(p.origin.file, p.origin.line_for("levels"), p.origin.field("levels"), "matrix.levels-unsorted",
                   found=scores)


def _check_own(part, errors: Collector) -> None:
    """A principle or level that is the pack's own says what it is built from; the model's own parts do not."""
    if part.own and not part.based_on:
        errors.add(part.origin.file, part.origin.line_for("own"), part.origin.field("based_on"), "matrix.own-without-based-on")
    elif part.based_on and not part.own:
        errors.add(part.origin.file, part.origin.line_for("based_on"), part.origin.field("based_on"),
                   "matrix.based-on-without-own")


def check_slug(value: str, obj, key: str, errors: Collector) -> None:
    if not SLUG.fullmatch(value):
        errors.add(obj.origin.file, obj.origin.line_for(key), obj.origin.field(key), "workshop.bad-id", found=repr(value))


def check_ranges(wf: WorkshopFile, errors: Collector) -> None:
    ranges = [(s.minutes, s.origin.field("minutes")) for s in wf.sections]
    ranges += [(p.minutes, p.origin.field("minutes")) for p in wf.prework]
    ranges += [(wf.budget.session, "budget.session"), (wf.budget.prework, "budget.prework")]
    for r, name in ranges:
        if r.min > r.max:
            errors.add(r.origin.file, r.origin.line_for("min"), f"{name}.min", "workshop.min-above-max", found=r.min,
                       allowed=r.max)
