"""Rules for a record of the day, beyond its types: ids that name real principles and sections, scores
inside the matrix's levels, an owner for every action, text the pack's font can print, dates and times that
make sense against the day of the workshop.

A value from the record's YAML and the same value from an exported CSV are checked by the same rule;
the message names the YAML line and field, or the CSV row and column (``record.csv-*``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..diagnostics.problems import Collector, did_you_mean
from ..sources.fonts import describe, missing
from ..sources.matrix_schema import Matrix
from ..sources.record_schema import RecordFile, Ref, score_range
from ..sources.schema import Section


def report(errors: Collector, ref: Ref, problem: str, **details) -> None:
    """Report ``record.<problem>`` at a YAML line, or ``record.csv-<problem>`` at a CSV row."""
    if ref.row:
        errors.add(ref.file, ref.line, ref.field, f"record.csv-{problem}", row=ref.row, **details)
    else:
        errors.add(ref.file, ref.line, ref.field, f"record.{problem}", **details)


def check_scores(scores: list[tuple[str, float | None, Ref]], id_ref: dict[str, Ref], matrix: Matrix,
                 errors: Collector) -> None:
    """Each score names a principle of the matrix and lies inside its levels, in steps of 0.5.

    ``id_ref`` says where each principle id was written (the YAML key, or the CSV row's principle_id)."""
    ids = [p.id for p in matrix.principles]
    low, high = score_range(matrix)
    for pid, score, ref in scores:
        if pid not in ids:
            report(errors, id_ref.get(pid, ref), "unknown-principle", found=repr(pid), hint=did_you_mean(pid, ids),
                   allowed=", ".join(ids))
        elif score is not None and not low <= score <= high:
            report(errors, ref, "bad-score", found=repr(_number(score)),
                   allowed=f"a score from {low} to {high} in steps of 0.5, such as 2 or 2.5")


def check_times(times: list[tuple[str, Ref]], sections: list[Section], errors: Collector) -> None:
    """Each timed section is a section of the workshop."""
    ids = [s.id for s in sections]
    for sid, ref in times:
        if sid not in ids:
            report(errors, ref, "unknown-section", found=repr(sid), hint=did_you_mean(sid, ids), allowed=", ".join(ids))


def check_dates(record: RecordFile, day: dt.date, whence: str, errors: Collector) -> None:
    """The next meeting and every action's due date are on or after the day of the workshop (``whence`` says
    where that day was written)."""
    dates = [(a.by, a.origin, "by", "an action's due date") for a in record.actions]
    if record.next_meeting is not None:
        dates.append((record.next_meeting, record.origin, "next_meeting", "the next meeting"))
    for value, src, key, what in dates:
        if value.date < day:
            errors.add(src.file, src.line_for(key), src.field(key), "record.before-the-day", found=repr(str(value)),
                       day=day.isoformat(), whence=whence, what=what)


def check_clock(times: list[tuple[dt.datetime, Ref]], day: dt.date, whence: str, errors: Collector) -> None:
    """Each time run mode wrote (a section's start or end) is on the day of the workshop."""
    for value, ref in times:
        if value.date() != day:
            report(errors, ref, "not-on-the-day", found=repr(value.strftime("%Y-%m-%dT%H:%M")), day=day.isoformat(),
                   whence=whence)


def check_record(record: RecordFile, matrix: Matrix, fonts_dir: Path, errors: Collector) -> None:
    """The record's own fields: actions have owners and name real principles; text can be printed."""
    ids = [p.id for p in matrix.principles]
    for a in record.actions:
        src = a.origin
        if not a.who:
            errors.add(src.file, src.line, src.field("who"), "record.no-owner")
        if a.principle is not None and a.principle not in ids:
            errors.add(src.file, src.line_for("principle"), src.field("principle"), "record.unknown-principle",
                       found=repr(a.principle), hint=did_you_mean(a.principle, ids), allowed=", ".join(ids))
    for value, obj, key in _texts(record):
        lost = missing(value, fonts_dir)
        if lost:
            errors.add(obj.origin.file, obj.origin.line_for(key.split(".")[0]), obj.origin.field(key),
                       "pack.font-cannot-print", found=describe(lost))


def _texts(record: RecordFile):
    """Every text an editor wrote in the record, with the object and key it is under (for the font check)."""
    yield from ((v, record, k) for k, v in (("vision", record.vision), ("next_meeting_note", record.next_meeting_note))
                if v)
    for i, point in enumerate(record.purpose, start=1):
        yield point, record, f"purpose.{i}"
    for a in record.actions:
        yield from ((getattr(a, k), a, k) for k in ("what", "who") if getattr(a, k))
    if record.governance:
        g = record.governance
        yield from ((getattr(g, k), g, k) for k in ("group", "meets", "lead") if getattr(g, k))
    for n in record.not_now:
        yield from ((getattr(n, k), n, k) for k in ("what", "why"))


def _number(score: float) -> str:
    return str(int(score)) if score == int(score) else str(score)
