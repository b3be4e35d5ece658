"""Attendees' answers sent by email from the evaluation page, read back into the record of the day.

The evaluation page (``overrides/assets/javascripts/evaluation.js``) writes each person's answers into the email
it prepares, between two marker lines, each answer under its question::

    --- My answers start ---
    Q [useful]: How useful was the workshop for you? (1 to 5)
    A: 4

    Q [improve]: How could we make the workshop better?
    A: More time for action planning
    --- My answers end ---

The name in square brackets is the answer's field (as the record's ``columns:`` names them); the words after it
are for the person reading, and are not read. Each answer is one line as the page writes it; a mail program that
wraps long lines splits it, so the lines under an ``A:`` line, up to the next question or the end line, are joined
with a space. Quote marks (``>``) that a reply or forward puts before each line are taken off. Everything outside
the markers (headers, greetings, signatures, the sender's address) is not read.

An evaluation source may be a text file (``.txt``) of such emails pasted one after another, a saved email
(``.eml``), or a folder of them; anything else is read as a CSV export (:mod:`.record_csv`). Every answer is
checked as a CSV answer is: a known field, a rating from 1 to 5, at most :data:`.record_csv.MAX_ANSWER`
characters, and at most :func:`.record_csv.answer_rows_allowed` people's answers in all.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics.problems import Collector, did_you_mean
from .record_csv import (
    EVALUATION_FIELDS,
    MAX_ANSWER,
    NAME,
    RATING_ALLOWED,
    RATINGS,
    TEXTS,
    Answers,
    Response,
    answer_rows_allowed,
    parse_rating,
)
from .record_schema import EvaluationFrom, Ref
from .text import MAX_BYTES, read_text

START = "--- My answers start ---"
END = "--- My answers end ---"
QUESTION = "Q [{id}]: "  # then the question's words
ANSWER = "A: "
EMAIL_SUFFIXES = (".txt", ".eml")
# The longest mailto: link (its body URL-encoded, with the address and subject) the page opens: some mail programs
# on phones and Windows cut or refuse longer ones. Longer answers are copied instead.
MAILTO_MOST = 1_800
FORMAT = (f"the emails as the evaluation page writes them: a line '{START}', then for each answer a line "
          f"'Q [<name>]: <question>' and a line 'A: <answer>', then a line '{END}'")
QUOTED = re.compile(r"^(?:[ \t]*>)+[ \t]?")  # "> " before each line of a reply or a forward
QUESTION_LINE = re.compile(r"Q \[([^\]]*)\]:?(?:\s.*)?")
ANSWER_LINE = re.compile(r"A:\s*(.*)")
UNREAD = "?"  # stands for a question that is refused: the lines under it are not read


def email_format() -> dict[str, str]:
    """The markers the evaluation page writes, for its template (so the page and this reader agree)."""
    return {"start": START, "end": END, "question": QUESTION, "answer": ANSWER}


def is_emails(path: Path) -> bool:
    """Whether an evaluation source is read as emails: a folder, or a file named .txt or .eml."""
    return path.is_dir() or path.suffix.lower() in EMAIL_SUFFIXES


@dataclass
class _Reading:
    """What has been read so far, across every file of a source."""

    errors: Collector
    most: int
    limit: str
    responses: list[Response] = field(default_factory=list)
    count: int = 0  # emails started, to stop at the limit
    full: bool = False


def read_emails(path: Path, source: EvaluationFrom, attendees: int, errors: Collector) -> Answers | None:
    """Each person's answers from a file (or a folder of files) of emails; None, with the problems in ``errors``,
    if any answer is wrong."""
    before = len(errors.errors)
    src = source.origin
    if source.columns is not None:
        errors.add(src.file, src.line_for("columns"), "evaluation.columns", "record.email-columns",
                   found=repr(source.file))
    reading = _Reading(errors, answer_rows_allowed(attendees), f"4 for each of the pack's {attendees} attendees, "
                       "plus 20")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in EMAIL_SUFFIXES and p.is_file())
        if not files:
            errors.add(src.file, src.line_for("from"), "evaluation.from", "record.email-folder-empty",
                       found=repr(source.file))
    else:
        files = [path]
    for file in files:
        if reading.full:
            break
        if file != path and not file.resolve().is_relative_to(path.resolve()):  # a link out of the folder
            errors.add(file, None, None, "file.link-outside-folder", found=str(file.resolve()),
                       folder=errors.rel(path))
            continue
        read = _eml(file, errors) if file.suffix.lower() == ".eml" else (read_text(file, errors), 0)
        if read[0] is not None:
            _read(read[0], read[1], errors.rel(file), reading)
    if len(errors.errors) > before:
        return None
    if not reading.responses:
        errors.add(src.file, src.line_for("from"), "evaluation.from", "record.email-no-answers",
                   found=repr(source.file), allowed=FORMAT)
        return None
    return Answers(EVALUATION_FIELDS, reading.responses)


def _eml(path: Path, errors: Collector) -> tuple[str | None, int | None]:
    """A saved email's text, and how many lines of the file come before it (None when the text is encoded, so its
    lines are counted in the text itself)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        errors.add(path, None, None, "file.unreadable", reason=exc.strerror)
        return None, None
    if len(data) > MAX_BYTES:
        errors.add(path, None, None, "file.too-big", found=f"{len(data):,}", allowed=f"{MAX_BYTES:,}")
        return None, None
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        errors.add(path, None, None, "record.email-no-text")
        return None, None
    try:
        text = body.get_content()
    except (LookupError, ValueError) as exc:  # an unknown character set, or a broken encoding
        errors.add(path, None, None, "file.unreadable", reason=exc)
        return None, None
    plain = not message.is_multipart() and body.get("content-transfer-encoding", "7bit").lower() in ("7bit", "8bit")
    head = re.search(rb"\r?\n\r?\n", data)
    return text, (data[: head.end()].count(b"\n") if plain and head else None)


def _read(text: str, offset: int | None, name: str, reading: _Reading) -> None:
    """Read the emails in one file's text; ``offset``: lines of the file before the text (None: the text's own)."""
    errors = reading.errors
    at = (lambda n: n + offset) if offset is not None else (lambda n: n)
    started = None  # the line of the email's start marker, while inside one
    answers: dict[str, list] = {}  # field -> [its Q line, parts of the answer (None before its A: line), A line]
    current = None

    def finish() -> None:
        ratings, texts, name_given, ok = {}, {}, None, True
        for f, (_, parts, line) in answers.items():
            if f == UNREAD:
                continue
            value = " ".join(p for p in (parts or []) if p).strip()
            if not value:
                continue
            ref = Ref(name, at(line), f)
            if len(value) > MAX_ANSWER:
                errors.add(name, at(line), f, "record.email-answer-too-long", found=f"{len(value):,}",
                           allowed=f"{MAX_ANSWER:,}")
                ok = False
            elif f in RATINGS:
                rating = parse_rating(value)
                if rating is None:
                    errors.add(name, at(line), f, "record.email-bad-rating", found=repr(value), allowed=RATING_ALLOWED)
                    ok = False
                else:
                    ratings[f] = (rating, ref)
            elif f in TEXTS:
                texts[f] = (value, ref)
            elif f == NAME and value.lower() not in ("anonymous", "anon"):
                name_given = value
        if ok:
            reading.responses.append(Response(ratings, texts, name_given, Ref(name, at(started))))

    for n, raw in enumerate(text.splitlines(), start=1):
        line = QUOTED.sub("", raw).strip()
        if started is None:
            if line == START:
                if reading.count == reading.most:  # stop reading: the rest is not looked at
                    errors.add(name, at(n), None, "record.email-too-many", allowed=f"{reading.most:,}",
                               limit=reading.limit)
                    reading.full = True
                    return
                reading.count += 1
                started, answers, current = n, {}, None
            elif line == END:
                errors.add(name, at(n), None, "record.email-end-without-start", found=repr(END), start=START)
            continue
        if line == START:  # the one before was cut short: its answers may be lost
            errors.add(name, at(started), None, "record.email-no-end", found=repr(START), end=END)
            started, answers, current = n, {}, None
            continue
        if line == END:
            finish()
            started = None
            continue
        question = QUESTION_LINE.fullmatch(line)
        if question:
            f = question.group(1)
            if f not in EVALUATION_FIELDS:
                errors.add(name, at(n), None, "record.email-unknown-question", found=repr(f),
                           hint=did_you_mean(f, EVALUATION_FIELDS), allowed=", ".join(EVALUATION_FIELDS))
            elif f in answers:
                errors.add(name, at(n), f, "record.email-answered-twice", found=repr(f), first=at(answers[f][0]))
            else:
                answers[f] = [n, None, n]
                current = f
                continue
            current = UNREAD  # the lines under it are not read
            answers[UNREAD] = [n, [], n]
            continue
        answer = ANSWER_LINE.fullmatch(line)
        if current and answers[current][1] is None and answer:
            answers[current][1:] = [[answer.group(1) or ""], n]
        elif current and answers[current][1] is not None:
            answers[current][1].append(line)  # an answer a mail program wrapped, or a blank line
        elif line:
            errors.add(name, at(n), None, "record.email-stray-text", found=repr(line[:60] + ("…" if len(line) > 60
                                                                                             else "")), allowed=FORMAT)
    if started is not None:
        errors.add(name, at(started), None, "record.email-no-end", found=repr(START), end=END)
