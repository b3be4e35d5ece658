"""Data cards: people's statements, from a CSV file, as strips to cut out for the theming boards.

Working Together for Change prints each collected statement in large bold type
(about 23 pt) and cuts it into a strip, ending with a short tag for its question
(``ww`` working well, ``nww`` not working well, ``iff`` important for the
future) so a strip that falls off the board can go back. A statement longer
than 170 characters may not fit a note on an online board, so it is flagged.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics.problems import Diagnostic, SourceErrors, did_you_mean

TYPES = {"working-well": "ww", "not-working-well": "nww", "important-for-the-future": "iff"}
SHORT = {v: k for k, v in TYPES.items()}
CODES = "abcdefgh"
COLUMNS = ["text", "type", "code"]
REQUIRED = ["text", "type"]
ONLINE_LIMIT = 170


@dataclass(frozen=True)
class Card:
    row: int
    text: str
    type: str
    code: str | None

    @property
    def suffix(self) -> str:
        return TYPES[self.type]

    @property
    def too_long(self) -> bool:
        return len(self.text) > ONLINE_LIMIT


def read(path: Path) -> list[Card]:
    """Read and check a statements CSV; raise SourceErrors naming each bad row."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceErrors([Diagnostic("csv.unreadable", name, details={"reason": exc.strerror or exc})]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise SourceErrors([Diagnostic("csv.not-utf8", name, row, found=f"0x{data[exc.start]:02x}",
                                        details={"row": row})]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[Diagnostic] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise SourceErrors([Diagnostic("csv.empty", name, 1)]) from None
    except csv.Error as exc:
        raise SourceErrors([Diagnostic("csv.bad-header", name, 1, details={"reason": exc})]) from None
    for col in sorted({c for c in header if header.count(c) > 1}):
        errors.append(Diagnostic("csv.duplicate-column", name, 1, col, found=repr(col),
                                  details={"count": header.count(col)}))
    for col in header:
        if col not in COLUMNS:
            hint = did_you_mean(col, COLUMNS)
            errors.append(Diagnostic("csv.unknown-column", name, 1, col or "(blank)", found=repr(col), hint=hint))
    for col in REQUIRED:
        if col not in header:
            errors.append(Diagnostic("csv.missing-column", name, 1, col, found=repr(col)))
    if errors:
        raise SourceErrors(errors)
    cards = []
    rows = []
    while True:
        try:
            line_cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise SourceErrors(errors + [Diagnostic("csv.bad-row", name, reader.line_num,
                                                     details={"row": reader.line_num, "reason": exc})]) from None
        rows.append(line_cells)
    for row_number, cells_in_row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells_in_row):
            continue
        if len(cells_in_row) != len(header):
            errors.append(Diagnostic("csv.cell-count", name, row_number, found=str(len(cells_in_row)),
                                      allowed=str(len(header)),
                                      details={"row": row_number}))
            continue
        cells = dict(zip(header, (c.strip() for c in cells_in_row)))
        statement = " ".join(cells["text"].split())
        kind = cells["type"].lower()
        code = (cells.get("code") or "").lower() or None
        if not statement:
            errors.append(Diagnostic("csv.empty-text", name, row_number, "text", details={"row": row_number}))
        if kind in SHORT:
            kind = SHORT[kind]
        if kind not in TYPES:
            hint = did_you_mean(kind, list(TYPES) + list(SHORT))
            errors.append(Diagnostic("csv.bad-type", name, row_number, "type", found=repr(cells["type"]), hint=hint,
                                      allowed=", ".join(TYPES), details={"row": row_number}))
        if code is not None and (len(code) != 1 or code not in CODES):
            errors.append(Diagnostic("csv.bad-code", name, row_number, "code", found=repr(cells["code"]),
                                      details={"row": row_number}))
        if statement and kind in TYPES and (code is None or code in CODES):
            cards.append(Card(row_number, statement, kind, code))
    if errors:
        raise SourceErrors(errors)
    if not cards:
        raise SourceErrors([Diagnostic("csv.no-statements", name)])
    return cards
