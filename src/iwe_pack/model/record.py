"""The record of the day: what a place agreed at its workshop, read from ``packs/records/<slug>.yml``.

A place runs its day, then an editor (or the convening organisation) writes down what the room
agreed: the self-assessment scores, the vision and shared purpose, the actions with their owners,
how the work will be looked after, the next meeting, what the room chose not to do now, how long each
section took, and what attendees said about the day. :func:`read_record` reads it (and the files it
names), checks it and makes a :class:`Record`, which the pack's :class:`~.plan.Plan` holds as
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

from ..checks.records import check_clock, check_dates, check_record, check_scores, check_times
from ..diagnostics.record import Collector
from ..sources import record_csv, record_email
from ..sources.record_csv import RATINGS, TEXTS
from ..sources.record_schema import RECORDS, FromFile, Governance, NotNow, RecordFile, Ref, load_record
from ..sources.schema import Level, Matrix, PackDate, PackFile, Principle, Section
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


def read_record(path: Path, pack: PackFile, matrix: Matrix, planned: list[tuple[Section, int]], fonts_dir: Path,
                errors: Collector) -> Record | None:
    """Read and check a record and the files it names; None (with the problems in ``errors``) if it has any.

    ``planned`` is the place's sections in agenda order with their planned minutes."""
    rf = load_record(path, errors)
    if rf is None:
        return None
    n = len(errors.errors)
    records = path.parent
    sections = [s for s, _ in planned]
    # the day of the workshop, which dates and times are checked against
    day, whence = (rf.held.date, "held: in the record") if rf.held else (pack.date.date, "the pack's date")
    check_record(rf, matrix, fonts_dir, errors)
    check_dates(rf, day, whence, errors)
    scores = _scores(rf, records, matrix, errors)
    times = _times(rf, records, sections, errors)
    check_clock([(at, Ref(ref.file, ref.line, column, ref.row)) for _, ref, *clock in times.values()
                 for column, at in zip(("started", "ended"), clock) if at is not None], day, whence, errors)
    evaluation = _evaluation(rf, records, pack.attendees, errors)
    if len(errors.errors) > n:
        return None
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
    return Record(slug=path.stem, illustrative=rf.illustrative, held=rf.held or pack.date, scores=tuple(entries),
                  vision=rf.vision, purpose=tuple(rf.purpose), actions=actions, governance=rf.governance,
                  next_meeting=rf.next_meeting, next_meeting_note=rf.next_meeting_note, not_now=tuple(rf.not_now),
                  times=timed, evaluation=evaluation, origin=Ref(rf.origin.file, 1))


def _imported(records: Path, source: FromFile, field: str, read, errors: Collector):
    """The rows of the file a record names for ``field`` (``from:``), or None if it is missing or wrong."""
    path = record_csv.locate(records, source, field, errors)
    return read(path, errors) if path else None


def _scores(rf: RecordFile, records: Path, matrix: Matrix, errors: Collector) -> dict[str, tuple[float | None, Ref]]:
    """Principle id -> (score or None, where it was written), from the YAML or the scoring tool's CSV."""
    if rf.scores is None:
        return {}
    if isinstance(rf.scores, FromFile):
        rows = _imported(records, rf.scores, "scores", record_csv.read_scores, errors)
        if rows is None:
            return {}
        found = [(r.principle_id, r.score, r.ref) for r in rows]
        id_refs = {r.principle_id: Ref(r.ref.file, r.ref.line, "principle_id", r.ref.row) for r in rows}
    else:
        lines = getattr(rf.scores, "lines", {})
        found = [(pid, score, Ref(rf.origin.file, lines.get(pid, rf.origin.line_for("scores")), f"scores.{pid}"))
                 for pid, score in rf.scores.items()]
        id_refs = {}
    check_scores(found, id_refs, matrix, errors)
    return {pid: (score, ref) for pid, score, ref in found}


def _times(rf: RecordFile, records: Path, sections: list[Section], errors: Collector) -> dict[str, tuple]:
    """Section id -> (actual minutes, where, started, ended), from the YAML or run mode's timing CSV."""
    if rf.minutes is None:
        return {}
    if isinstance(rf.minutes, FromFile):
        rows = _imported(records, rf.minutes, "minutes", record_csv.read_times, errors)
        if rows is None:
            return {}
        found = {r.section_id: (r.actual, r.ref, r.started, r.ended) for r in rows}
        check_times([(r.section_id, Ref(r.ref.file, r.ref.line, "section_id", r.ref.row)) for r in rows], sections,
                    errors)
        return found
    lines = getattr(rf.minutes, "lines", {})
    refs = {sid: Ref(rf.origin.file, lines.get(sid, rf.origin.line_for("minutes")), f"minutes.{sid}")
            for sid in rf.minutes}
    check_times(list(refs.items()), sections, errors)
    return {sid: (m, refs[sid], None, None) for sid, m in rf.minutes.items()}


def _evaluation(rf: RecordFile, records: Path, attendees: int, errors: Collector) -> EvaluationSummary | None:
    if rf.evaluation is None:
        return None
    path = record_csv.locate(records, rf.evaluation, "evaluation", errors, folder_ok=True)
    read = record_email.read_emails if path and record_email.is_emails(path) else record_csv.read_evaluation
    answers = read(path, rf.evaluation, attendees, errors) if path else None
    if answers is None or path is None:
        return None
    return summarise(answers, Ref(errors.rel(path), None))


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
