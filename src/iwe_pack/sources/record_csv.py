"""The files a record of the day takes its values from: the scoring tool's scores, run mode's timings,
attendees' answers.

Each is a CSV file kept in ``packs/records/`` beside the record, named by ``from:``. Every value
read keeps its :class:`Ref`: the file, the row (as a spreadsheet counts it, the header being row 1),
the line it starts on and the column. Problems are reported with the same: which file, row, column,
what was found and what is allowed. Which principle or section an id means is checked later, against
the workshop (:mod:`..checks.records`).

The formats:

* scores (``download()`` in ``overrides/assets/javascripts/scoring.js``): ``principle_id,principle,``
  one column per group, ``midpoint,agreed``; a cell starting ``=+-@`` has a ``'`` in front, which is
  taken off; an empty ``agreed`` cell means not scored.
* timings (run mode): exactly ``section_id,section,planned_minutes,actual_minutes,started,ended``, one
  row per agenda item; a break has no ``section_id``; ``started`` and ``ended`` are local times such
  as ``2026-03-12T09:31``.
* answers (such as a Microsoft Forms export): any columns; ``columns:`` in the record says which
  holds which answer. Only those columns are read: nothing else in the file (emails, times, names
  unless mapped) comes into the pack. Answers sent by email from the evaluation page (a ``.txt`` file
  of pasted emails, an ``.eml`` file, or a folder of them) are read by :mod:`.record_email` instead,
  with the same limits.

Every file needs at least one row under its header, and at most :data:`MAX_ROWS` rows (an answers file:
:func:`answer_rows_allowed`, from the pack's attendees); reading stops at the first row over the limit. A
written answer holds at most :data:`MAX_ANSWER` characters. Cells may be separated by commas, or, as Excel
saves "CSV" where a comma is the decimal mark, by semicolons (or tabs): the separator is found from the header
row and the rows under it (:func:`separator`), and a file where that is not clear is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..diagnostics.problems import Collector, did_you_mean
from .record_schema import HALF_STEP_SCORE, MOST_MINUTES, RECORDS, WHOLE_MINUTES, EvaluationFrom, FromFile, Ref, Score
from .text import read_text
from .typed_yaml import Invalid

SCORE_HEAD = ["principle_id", "principle"]
SCORE_TAIL = ["midpoint", "agreed"]
TIME_COLUMNS = ["section_id", "section", "planned_minutes", "actual_minutes", "started", "ended"]
# The answers a record keeps, by the id the record's ``columns:`` maps (the evaluation page uses the same ids).
RATINGS = ("useful", "run_well", "confident")
TEXTS = ("resonated", "improve", "learning")
NAME = "name"
EVALUATION_FIELDS = RATINGS + TEXTS + (NAME,)
RATING_ALLOWED = "a rating from 1 to 5 (such as 4, or '4 - Good' as Microsoft Forms writes it), or nothing"
FORMULA = re.compile(r"'(?=[=+\-@\t\r])")
LOCAL_TIME = "%Y-%m-%dT%H:%M"
# Limits on what an import may hold (the editor's guide states them: record.csv-too-many-rows, -answer-too-long).
MAX_ROWS = 200  # a scoring file has a row for each principle, a timing file one for each agenda item: far fewer
MAX_ANSWER = 4_000  # characters in one written answer: about a printed page (Microsoft Forms' long answer limit)
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
SEPARATOR_ROWS = 50  # the rows under the header a separator is checked against


@dataclass(frozen=True)
class Table:
    """A CSV file read: its header (each cell stripped) and its rows, each with its Ref's row and line."""

    file: str
    header: list[str]
    rows: list[tuple[int, int, list[str]]]  # (row, line it starts on, cells)
    separator: str = ","  # the character between cells

    def ref(self, row: int, line: int, column: str) -> Ref:
        return Ref(self.file, line, column, row)


@dataclass(frozen=True)
class ScoreRow:
    principle_id: str
    score: Optional[float]  # None: not scored
    ref: Ref  # the agreed cell


@dataclass(frozen=True)
class TimeRow:
    section_id: str
    actual: Optional[int]  # None: not timed
    started: Optional[dt.datetime]
    ended: Optional[dt.datetime]
    ref: Ref  # the actual_minutes cell


@dataclass(frozen=True)
class Response:
    """One person's answers: ratings and texts by field id; ``name`` only where the record maps a name column."""

    ratings: dict[str, tuple[int, Ref]]
    texts: dict[str, tuple[str, Ref]]
    name: Optional[str]
    ref: Ref  # the row


@dataclass(frozen=True)
class Answers:
    """The answers file read: the fields the record maps (``fields``) and each person's answers."""

    fields: tuple[str, ...]
    responses: list[Response]


def locate(records: Path, source: FromFile, field: str, errors: Collector, folder_ok: bool = False) -> Path | None:
    """The file ``from:`` names, if it is a plain file inside ``records`` (or, when ``folder_ok``, a folder
    there: a folder of emails of answers) (else report why not)."""
    name = source.file
    where = (source.origin.file, source.origin.line_for("from"), f"{field}.from")
    rel = Path(name)
    folder = f"packs/{RECORDS}/"
    if rel.is_absolute() or ".." in rel.parts or "\\" in name or re.match(r"[A-Za-z]:", name):
        errors.add(*where, "record.file-outside", found=repr(name), folder=folder)
        return None
    path = records / rel
    if not path.resolve().is_relative_to(records.resolve()):  # a link to a file elsewhere
        errors.add(*where, "record.file-outside", found=repr(name), folder=folder)
        return None
    if not path.is_file() and not (folder_ok and path.is_dir()):
        known = sorted(p.name for p in records.iterdir() if p.is_file() and p.suffix.lower() == ".csv") \
            if records.is_dir() else []
        errors.add(*where, "record.file-missing", found=repr(name), hint=did_you_mean(name, known), folder=folder)
        return None
    return path


def parse_rating(text: str) -> int | None:
    """A rating from 1 to 5 as a person or Microsoft Forms writes it ("4", "4 - Good"), or None."""
    m = re.match(r"([0-9]+)(?![0-9.,])", text.strip())
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 5 else None


def answer_rows_allowed(attendees: int) -> int:
    """The most rows an answers file may hold: 4 for each attendee the pack expects, plus 20 (for people who
    came unexpected, answered twice or tried the form out). A bigger file is another survey's export."""
    return 4 * attendees + 20


def separator(text: str) -> str | tuple[str, ...]:
    """The character between the cells of a CSV file, found from its header row and the rows under it; when
    that is not clear, the characters it could be (a tuple).

    A comma, unless the header row splits into cells only at semicolons (or only at tabs), as Excel saves "CSV"
    where a comma is the decimal mark. When the header splits at more than one, the one that splits every
    row under it (up to :data:`SEPARATOR_ROWS`) into as many cells as the header is chosen; a comma if it does.
    """
    splits: dict[str, list[int]] = {}
    for sep in SEPARATORS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        try:
            counts = [len(cells) for cells in itertools.islice(reader, SEPARATOR_ROWS + 1)
                      if any(c.strip() for c in cells)]
        except csv.Error:
            continue
        if counts and counts[0] > 1:
            splits[sep] = counts
    if not splits or list(splits) == [","]:
        return ","
    if len(splits) == 1:
        return next(iter(splits))
    even = [sep for sep, counts in splits.items() if len(set(counts)) == 1]
    if "," in even or (not even and "," in splits):
        return ","  # read as today: a row with another number of cells is reported as such
    if len(even) == 1:
        return even[0]
    return tuple(even or splits)


def read_table(path: Path, errors: Collector, rows_allowed: str, max_rows: int = MAX_ROWS,
               limit: str = "") -> Table | None:
    """Read a UTF-8 CSV file: its header row and its rows that are not blank.

    ``rows_allowed`` says what rows the file should hold (for a file with a header and no rows); reading stops
    at the first row past ``max_rows`` (``limit`` says why there are no more)."""
    name = errors.rel(path)
    text = read_text(path, errors)  # UTF-8, a size limit; a byte order mark (as spreadsheets write) is taken off
    if text is None:
        return None
    sep = separator(text)
    if isinstance(sep, tuple):
        errors.add(name, 1, None, "record.csv-separator", found=" or ".join(SEPARATORS[s] for s in sep),
                   allowed="a file with commas between cells (in Excel: Save as, CSV UTF-8 (Comma delimited))")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows: list[tuple[int, int, list[str]]] = []
    header = None
    start = 1
    try:
        for cells in reader:
            if header is None:
                header = [c.strip() for c in cells]
            elif any(c.strip() for c in cells):
                if len(rows) == max_rows:  # stop reading: the rest is not looked at
                    errors.add(name, start, None, "record.csv-too-many-rows", allowed=f"{max_rows:,}",
                               limit=limit or "a scoring or timing file is far shorter")
                    return None
                rows.append((len(rows) + 2, start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        errors.add(name, start, None, "record.csv-bad-row", row=len(rows) + 2, reason=exc)
        return None
    if not header or not any(header):
        errors.add(name, 1, None, "record.csv-empty")
        return None
    if not rows:
        errors.add(name, 1, None, "record.csv-no-rows", allowed=rows_allowed)
        return None
    for col in sorted({c for c in header if header.count(c) > 1}):
        errors.add(name, 1, col, "record.csv-duplicate-column", found=repr(col), count=header.count(col))
    table = Table(name, header, rows, sep)
    bad = False
    for row, line, cells in rows:
        if len(cells) != len(header):
            errors.add(name, line, None, "record.csv-cell-count", row=row, found=len(cells), allowed=len(header))
            bad = True
    return None if bad or len(set(header)) != len(header) else table


def _columns(table: Table, required: list[str], what: str, layout: str, errors: Collector,
             exact: bool = False) -> bool:
    """Report the columns ``required`` that the header lacks (and, when ``exact``, those it should not have)."""
    ok = True
    missing = [c for c in required if c not in table.header]
    if missing:
        errors.add(table.file, 1, None, "record.csv-missing-columns", found=", ".join(map(repr, missing)), what=what,
                   header=", ".join(map(repr, table.header)), allowed=layout)
        ok = False
    extra = [c for c in table.header if c not in required] if exact else []
    if extra:
        hint = "".join(did_you_mean(c, missing) for c in extra[:1])
        errors.add(table.file, 1, None, "record.csv-unexpected-columns", found=", ".join(map(repr, extra)), what=what,
                   hint=hint, allowed=layout)
        ok = False
    return ok


def _cell(text: str) -> str:
    """A cell as typed, without the ' a spreadsheet export puts before =, +, - or @."""
    return FORMULA.sub("", text.strip(), count=1) if text.strip().startswith("'") else text.strip()


def read_scores(path: Path, errors: Collector) -> list[ScoreRow] | None:
    """The agreed score of each principle, from the scoring tool's CSV."""
    table = read_table(path, errors, "a row for each principle, as the scoring tool writes it")
    if table is None:
        return None
    layout = "principle_id,principle, a column for each group, then midpoint,agreed (as the scoring tool writes it)"
    if not _columns(table, SCORE_HEAD + SCORE_TAIL, "the scoring tool's file", layout, errors):
        return None
    out: list[ScoreRow] = []
    seen: dict[str, int] = {}
    pid_at, agreed_at = table.header.index("principle_id"), table.header.index("agreed")
    for row, line, cells in table.rows:
        pid, agreed = _cell(cells[pid_at]), _cell(cells[agreed_at])
        if pid in seen:
            errors.add(table.file, line, "principle_id", "record.csv-duplicate-row", row=row, found=repr(pid),
                       first=seen[pid])
            continue
        seen[pid] = row
        score = None
        decimal_comma = table.separator != "," and re.fullmatch(r"[0-9]+,[0-9]+", agreed)
        if agreed:
            try:  # 2,5 is 2.5 where Excel splits cells at semicolons (the comma being the decimal mark)
                score = Score.parse(agreed.replace(",", ".") if decimal_comma else agreed)
            except Invalid:
                errors.add(table.file, line, "agreed", "record.csv-bad-score", row=row, found=repr(agreed),
                           allowed=HALF_STEP_SCORE)
                continue
        out.append(ScoreRow(pid, score, table.ref(row, line, "agreed")))
    return out


def read_times(path: Path, errors: Collector) -> list[TimeRow] | None:
    """How long each section took, from run mode's timing export (breaks, with no section id, are left out)."""
    table = read_table(path, errors, "a row for each item of the agenda, as run mode writes it")
    if table is None:
        return None
    layout = ",".join(TIME_COLUMNS) + " (as run mode writes it)"
    if not _columns(table, TIME_COLUMNS, "run mode's timing file", layout, errors, exact=True):
        return None
    if table.header != TIME_COLUMNS:
        errors.add(table.file, 1, None, "record.csv-column-order", found=",".join(table.header), allowed=layout)
        return None
    out: list[TimeRow] = []
    seen: dict[str, int] = {}
    for row, line, raw in table.rows:
        cells = dict(zip(TIME_COLUMNS, map(_cell, raw)))
        sid = cells["section_id"]
        if not sid:
            continue  # a break
        if sid in seen:
            errors.add(table.file, line, "section_id", "record.csv-duplicate-row", row=row, found=repr(sid),
                       first=seen[sid])
            continue
        seen[sid] = row
        ok = True
        actual = None
        if cells["actual_minutes"]:
            if not re.fullmatch(r"[0-9]{1,9}", cells["actual_minutes"]):
                errors.add(table.file, line, "actual_minutes", "record.csv-bad-minutes", row=row,
                           found=repr(cells["actual_minutes"]))
                ok = False
            elif int(cells["actual_minutes"]) > MOST_MINUTES:  # the same limit as minutes: in the YAML
                errors.add(table.file, line, "actual_minutes", "record.csv-minutes-too-long", row=row,
                           found=repr(cells["actual_minutes"]), allowed=WHOLE_MINUTES["allowed"])
                ok = False
            else:
                actual = int(cells["actual_minutes"])
        times: dict[str, dt.datetime | None] = {}
        for col in ("started", "ended"):
            times[col] = None
            if cells[col]:
                try:
                    times[col] = dt.datetime.strptime(cells[col], LOCAL_TIME)
                except ValueError:
                    errors.add(table.file, line, col, "record.csv-bad-time", row=row, found=repr(cells[col]))
                    ok = False
        if times["started"] and times["ended"] and times["ended"] < times["started"]:
            errors.add(table.file, line, "ended", "record.csv-ends-before-start", row=row, found=repr(cells["ended"]),
                       started=repr(cells["started"]))
            ok = False
        if ok:
            out.append(TimeRow(sid, actual, times["started"], times["ended"], table.ref(row, line, "actual_minutes")))
    return out


def evaluation_columns(source: EvaluationFrom, header: list[str], errors: Collector) -> dict[str, str] | None:
    """Which column holds each answer: ``columns:`` checked against our fields and the file's header row."""
    src = source.origin
    if source.columns is None:
        found = {f: f for f in EVALUATION_FIELDS if f in header}
        if not found:
            errors.add(src.file, src.line_for("from"), "evaluation.from", "record.evaluation-no-columns",
                       found=", ".join(map(repr, header)), allowed=", ".join(EVALUATION_FIELDS))
            return None
        return found
    lines = getattr(source.columns, "lines", {})
    ok = True
    mapped: dict[str, str] = {}  # column -> the first answer mapped to it
    for key, column in source.columns.items():
        line = lines.get(key, src.line_for("columns"))
        if column in mapped:  # one column cannot hold two answers
            first = mapped[column]
            errors.add(src.file, line, f"evaluation.columns.{key}", "record.column-mapped-twice", found=repr(column),
                       other=first, first=lines.get(first, src.line_for("columns")))
            ok = False
            continue
        mapped[column] = key
        if key not in EVALUATION_FIELDS:
            errors.add(src.file, line, f"evaluation.columns.{key}", "record.unknown-answer-field", found=repr(key),
                       hint=did_you_mean(key, EVALUATION_FIELDS), allowed=", ".join(EVALUATION_FIELDS))
            ok = False
        elif column not in header:
            near = did_you_mean(column, header) or did_you_mean(column.lower(), {h.lower(): h for h in header})
            errors.add(src.file, line, f"evaluation.columns.{key}", "record.column-not-in-file", found=repr(column),
                       hint=near, csv_file=source.file, allowed=", ".join(map(repr, header)))
            ok = False
    return dict(source.columns) if ok else None


def read_evaluation(path: Path, source: EvaluationFrom, attendees: int, errors: Collector) -> Answers | None:
    """Each person's answers, from the columns the record maps (and only those); at most
    :func:`answer_rows_allowed` rows for a pack expecting ``attendees``."""
    most = answer_rows_allowed(attendees)
    table = read_table(path, errors, "a row for each person who answered", max_rows=most,
                       limit=f"4 for each of the pack's {attendees} attendees, plus 20")
    if table is None:
        return None
    columns = evaluation_columns(source, table.header, errors)
    if columns is None:
        return None
    at = {f: table.header.index(c) for f, c in columns.items()}
    out: list[Response] = []
    for row, line, cells in table.rows:
        ratings, texts, ok = {}, {}, True
        for f in RATINGS:
            if f not in at or not cells[at[f]].strip():
                continue
            text = cells[at[f]].strip()
            rating = parse_rating(text)
            if rating is None:
                errors.add(table.file, line, columns[f], "record.csv-bad-rating", row=row, found=repr(text),
                           allowed=RATING_ALLOWED)
                ok = False
                continue
            ratings[f] = (rating, table.ref(row, line, columns[f]))
        for f in TEXTS + (NAME,):
            if f in at and len(cells[at[f]].strip()) > MAX_ANSWER:
                errors.add(table.file, line, columns[f], "record.csv-answer-too-long", row=row,
                           found=f"{len(cells[at[f]].strip()):,}", allowed=f"{MAX_ANSWER:,}")
                ok = False
        for f in TEXTS:
            if f in at and cells[at[f]].strip():
                texts[f] = (cells[at[f]].strip(), table.ref(row, line, columns[f]))
        name = cells[at[NAME]].strip() if NAME in at else ""
        if name.lower() in ("anonymous", "anon"):
            name = ""  # Microsoft Forms writes this when no name was given
        if ok:
            out.append(Response(ratings, texts, name or None, Ref(table.file, line, None, row)))
    return Answers(tuple(f for f in EVALUATION_FIELDS if f in columns), out)
