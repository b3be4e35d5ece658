"""The record of the day: what a place agreed at its workshop, read from ``packs/records/<slug>.yml``.

A place runs its day, then an editor (or the convening organisation) writes down what the room
agreed: the self-assessment scores, the vision and shared purpose, the actions with their owners,
how the work will be looked after, the next meeting, what the room chose not to do now, how long each
section took, and what attendees said about the day. :func:`~.project.read_record` reads it (and the files
it names) and checks it; :func:`make_record` makes the :class:`Record`, which the pack's :class:`~.plan.Plan` holds as
``plan.record``. Views only read it.

Every value keeps where it came from (``origin``: a :class:`~..sources.record_schema.Ref`, the file
and line, or the CSV file and row). No attendee's name is kept unless the record maps a name column,
and then only as a sorted list apart from the answers (:attr:`EvaluationSummary.names`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Optional

from ..sources import record_csv
from ..sources.matrix_schema import Level, Matrix, Principle
from ..sources.packs import PackDate, PackFile
from ..sources.record_csv import RATINGS, TEXTS
from ..sources.record_schema import RECORDS, Governance, NotNow, RecordFile, Ref
from ..sources.schema import Section
from . import feedback

# The evaluation's questions, in the words the evaluation page asks them (the ids are the record's ``columns:`` fields).
QUESTIONS = {q.id: q.words for q in feedback.QUESTIONS if q.id in RATINGS + TEXTS}
RATING_SCALE = (1, 2, 3, 4, 5)


def record_path(pack_path: Path) -> Path:
    """Where a pack's record is kept: ``records/<slug>.yml`` beside the pack file."""
    return Path(pack_path).parent / RECORDS / f"{Path(pack_path).stem}.yml"


@dataclass(frozen=True)
class ScoreEntry:
    """One principle's agreed score: ``score`` is None when it was not scored; ``level`` is the matrix
    level of the whole part of the score (2.5 → level 2), None when not scored."""

    principle: Principle
    score: Optional[float]
    level: Optional[Level]
    origin: Optional[Ref]  # where the score was written (None: not written anywhere)

    @property
    def scored(self) -> bool:
        return self.score is not None

    @property
    def label(self) -> str:
        """The score as people write it: "2", "2.5", or "Not scored"."""
        if self.score is None:
            return "Not scored"
        return str(int(self.score)) if self.score == int(self.score) else f"{self.score:.1f}"


@dataclass(frozen=True)
class AgreedAction:
    """An action the room agreed: what, who owns it (a role), by when, whether it is SMART, and the
    principle it serves (or None)."""

    what: str
    who: str
    by: PackDate
    smart: bool
    principle: Optional[Principle]
    origin: Ref


@dataclass(frozen=True)
class SectionTime:
    """How long a section took against the plan: ``actual`` is None when it was not timed."""

    section: Section
    planned: int  # minutes, from the place's plan
    actual: Optional[int]
    origin: Optional[Ref]  # where the actual minutes were written
    started: Optional[dt.datetime] = None  # from run mode's export, when it has them
    ended: Optional[dt.datetime] = None

    @property
    def difference(self) -> Optional[int]:
        """Actual less planned minutes: more than 0 means it ran over."""
        return None if self.actual is None else self.actual - self.planned

    @property
    def overran(self) -> bool:
        return self.difference is not None and self.difference > 0


@dataclass(frozen=True)
class Answer:
    """One written answer, as the person typed it, and the CSV row (or the email's line) it came from (no name)."""

    text: str
    origin: Ref


@dataclass(frozen=True)
class RatingSummary:
    """The answers to a 1-to-5 question: how many answered, the mean, and how many gave each rating."""

    id: str
    question: str
    count: int
    mean: Optional[float]  # None when nobody answered
    counts: tuple[int, ...]  # how many gave 1, 2, 3, 4 and 5


@dataclass(frozen=True)
class TextSummary:
    """The non-empty answers to a written question, in the file's order."""

    id: str
    question: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class EvaluationSummary:
    """What attendees said: the number of responses, each rating question summed up, each written question's
    answers. Only questions the record maps are here. ``names`` holds the names people typed, sorted, apart
    from their answers, and only when the record maps a name column; ``named`` is how many gave one."""

    responses: int
    ratings: tuple[RatingSummary, ...]
    texts: tuple[TextSummary, ...]
    named: int
    names: tuple[str, ...]
    origin: Ref  # the file

    def rating(self, id: str) -> Optional[RatingSummary]:
        return next((r for r in self.ratings if r.id == id), None)

    def text(self, id: str) -> Optional[TextSummary]:
        return next((t for t in self.texts if t.id == id), None)


@dataclass(frozen=True)
class Record:
    """The record of a place's day (``plan.record``). ``illustrative`` means it is made up for an example
    pack: every output made from it must say so."""

    slug: str
    illustrative: bool
    held: PackDate  # the day it happened (the pack's date unless the record says otherwise)
    scores: tuple[ScoreEntry, ...]  # every principle, in the matrix's order
    vision: Optional[str]
    purpose: tuple[str, ...]
    actions: tuple[AgreedAction, ...]
    governance: Optional[Governance]  # group, meets, lead (and its origin)
    next_meeting: Optional[PackDate]
    next_meeting_note: Optional[str]
    not_now: tuple[NotNow, ...]  # what, why (and its origin)
    times: tuple[SectionTime, ...]  # every section in agenda order; empty when the record has no minutes
    evaluation: Optional[EvaluationSummary]
    origin: Ref  # the record file

    @property
    def scored(self) -> tuple[ScoreEntry, ...]:
        return tuple(s for s in self.scores if s.scored)

    @property
    def not_scored(self) -> tuple[ScoreEntry, ...]:
        return tuple(s for s in self.scores if not s.scored)

    def mean_score(self) -> Optional[float]:
        """The mean of the agreed scores, or None when nothing was scored."""
        return mean(s.score for s in self.scored if s.score is not None) if self.scored else None

    def score_for(self, principle_id: str) -> Optional[ScoreEntry]:
        return next((s for s in self.scores if s.principle.id == principle_id), None)

    def overran(self) -> tuple[SectionTime, ...]:
        """The sections that took longer than planned."""
        return tuple(t for t in self.times if t.overran)

    @property
    def timed(self) -> bool:
        return any(t.actual is not None for t in self.times)

    @property
    def minutes_over(self) -> int:
        """Minutes over the plan in all, for the sections timed (less those that finished early)."""
        return sum(t.difference for t in self.times if t.difference is not None)

    def actions_for(self, principle_id: str) -> tuple[AgreedAction, ...]:
        return tuple(a for a in self.actions if a.principle and a.principle.id == principle_id)

    @property
    def not_smart(self) -> tuple[AgreedAction, ...]:
        return tuple(a for a in self.actions if not a.smart)


def make_record(slug: str, rf: RecordFile, pack: PackFile, matrix: Matrix, planned: list[tuple[Section, int]],
                scores: dict[str, tuple[float | None, Ref]], times: dict[str, tuple],
                evaluation: EvaluationSummary | None) -> Record:
    """The record of the day from a checked record file and what the files it names held: ``scores`` by principle
    id (score or None, where), ``times`` by section id (actual minutes, where, started, ended); ``planned`` is the
    place's sections in agenda order with their planned minutes."""
    by_id = {p.id: p for p in matrix.principles}
    levels = {lv.score: lv for lv in matrix.levels}
    entries = []
    for p in matrix.principles:
        score, ref = scores.get(p.id, (None, None))
        entries.append(ScoreEntry(p, score, None if score is None else levels.get(int(score)), ref))
    actions = tuple(AgreedAction(a.what, a.who or "", a.by, a.smart, by_id.get(a.principle) if a.principle else None,
                                 Ref(rf.origin.file, a.origin.line, a.origin.path)) for a in rf.actions)
    timed = tuple(SectionTime(s, minutes, *times.get(s.id, (None, None, None, None))) for s, minutes in planned) \
        if rf.minutes is not None else ()
    return Record(slug=slug, illustrative=rf.illustrative, held=rf.held or pack.date, scores=tuple(entries),
                  vision=rf.vision, purpose=tuple(rf.purpose), actions=actions, governance=rf.governance,
                  next_meeting=rf.next_meeting, next_meeting_note=rf.next_meeting_note, not_now=tuple(rf.not_now),
                  times=timed, evaluation=evaluation, origin=Ref(rf.origin.file, 1))


def summarise(answers: record_csv.Answers, origin: Ref) -> EvaluationSummary:
    """Attendees' answers summed up: per rating question the count, mean and spread; per written question
    the answers; names apart, sorted."""
    responses, mapped = answers.responses, answers.fields
    ratings = []
    for f in RATINGS:
        if f not in mapped:
            continue
        values = [r.ratings[f][0] for r in responses if f in r.ratings]
        ratings.append(RatingSummary(f, QUESTIONS[f], len(values), mean(values) if values else None,
                                     tuple(values.count(n) for n in RATING_SCALE)))
    texts = [TextSummary(f, QUESTIONS[f], tuple(Answer(*r.texts[f]) for r in responses if f in r.texts))
             for f in TEXTS if f in mapped]
    names = sorted(r.name for r in responses if r.name)
    return EvaluationSummary(len(responses), tuple(ratings), tuple(texts), len(names), tuple(names), origin)
