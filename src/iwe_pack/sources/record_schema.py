"""The schema of the record of the day: ``packs/records/<slug>.yml``, what a place agreed at its workshop.

An editor, or the convening organisation, writes it after the day. It is optional, one for each
pack, named as the pack file is. Scores and section times can be written in the file or taken from
the exports of the scoring tool and run mode (``{from: <file name>}``); attendees' answers always
come from a file (``evaluation: {from: ..., columns: ...}``): a survey's CSV export, or the emails the
evaluation page prepares, pasted one after another into a ``.txt`` file, saved as ``.eml`` files, or kept
in a folder of such files (``evaluation: {from: <file or folder name>}``, no ``columns:``: each answer in
an email is named). The files it names are read by :mod:`.record_csv` and :mod:`.record_email`. ``from`` is
a Python keyword, so a ``{from: ...}`` mapping is read by
:class:`RecordConverter` into :class:`FromFile` (its ``file`` field).
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union, get_args, get_origin

import yaml

from ..diagnostics.problems import Collector, did_you_mean
from .matrix_schema import Matrix
from .packs import PackDate
from .sourced import Sourced
from .typed_yaml import _FAILED, Converter, Invalid, ScalarType, compose, line_of

RECORDS = "records"  # the folder inside packs/ that holds the records and the files they name

HALF_STEP_SCORE = "a score from 1 to 4 in steps of 0.5, such as 2 or 2.5"
MOST_MINUTES = 600


def score_range(matrix: Matrix) -> tuple[int, int]:
    """The lowest and highest score a record may agree: the matrix's levels."""
    scores = [lv.score for lv in matrix.levels]
    return min(scores), max(scores)


WHOLE_MINUTES = {"min": 0, "max": MOST_MINUTES, "allowed": "a whole number of minutes from 0 to 600"}


@dataclass(frozen=True)
class Ref:
    """Where one value came from: a YAML file's line, or a CSV file's row (and the line it starts on).

    ``row`` counts as a spreadsheet does (the header is row 1); ``field`` is the YAML key path or the
    CSV column's header.
    """

    file: str
    line: Optional[int]
    field: Optional[str] = None
    row: Optional[int] = None

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else (
            f"{self.file}, line {self.line}" if self.line else self.file)
        return f"{where}, {self.field}" if self.field else where


class Score(ScalarType):
    """An agreed score: a number in steps of 0.5 (``2``, ``2.5``). Its range is the matrix's levels
    (checked in :mod:`..checks.records`, so the same rule holds for the scoring tool's CSV)."""

    description = HALF_STEP_SCORE
    pattern = r"([0-9]{1,2})(?:\.([0-9]+))?"

    @classmethod
    def parse(cls, text: str) -> float:
        m = re.fullmatch(cls.pattern, text.strip())
        if not m:
            raise Invalid("record.bad-score", allowed=HALF_STEP_SCORE)
        value = float(text)
        if value * 2 != int(value * 2):
            raise Invalid("record.bad-score", allowed=HALF_STEP_SCORE)
        return value


@dataclass(frozen=True)
class FromFile(Sourced):
    """``{from: <file name>}``: a file kept in ``packs/records/`` beside the record."""

    file: str
    KEYS: typing.ClassVar[tuple[str, ...]] = ("from",)


@dataclass(frozen=True)
class EvaluationFrom(FromFile):
    """``evaluation: {from: <file name>, columns: {<field>: <header in the file>}}``: attendees' answers.

    Without ``columns``, the file's headers are the field ids themselves. A ``.txt`` or ``.eml`` file, or a
    folder of them, holds emails from the evaluation page, which name each answer's field themselves (so
    ``columns`` is not allowed with them).
    """

    columns: Optional[dict[str, str]] = None
    KEYS: typing.ClassVar[tuple[str, ...]] = ("from", "columns")


@dataclass(frozen=True)
class Action(Sourced):
    """One action agreed: what, who owns it (a role), by when, whether it is SMART, the principle it serves."""

    what: str
    by: PackDate
    smart: bool
    who: Optional[str] = None  # required: checked in checks/records.py, with a message saying why
    principle: Optional[str] = None


@dataclass(frozen=True)
class Governance(Sourced):
    """How the work is looked after: the group, how often it meets, who leads it."""

    group: str
    meets: str
    lead: Optional[str] = None


@dataclass(frozen=True)
class NotNow(Sourced):
    """A decision the room made not to act on something now, and why."""

    what: str
    why: str


@dataclass(frozen=True)
class RecordFile(Sourced):
    """The schema of ``packs/records/<slug>.yml``."""

    illustrative: bool = False
    held: Optional[PackDate] = None
    scores: Optional[Union[FromFile, dict[str, Score]]] = None
    vision: Optional[str] = None
    purpose: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    governance: Optional[Governance] = None
    next_meeting: Optional[PackDate] = None
    next_meeting_note: Optional[str] = None
    not_now: list[NotNow] = field(default_factory=list)
    minutes: Optional[Union[FromFile, dict[str, int]]] = field(default=None, metadata=WHOLE_MINUTES)
    evaluation: Optional[EvaluationFrom] = None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.tag.endswith(":null")


def _has_from(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "from" for k, _ in node.value)


class RecordConverter(Converter):
    """The strict YAML converter, plus ``{from: <file name>}``: a value that is either a file's name or a table."""

    def convert(self, node, tp, path, meta=None):
        if get_origin(tp) in (typing.Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            chosen = [a for a in args if isinstance(a, type) and issubclass(a, FromFile)]
            if chosen and len(args) > 1 and not _is_null(node):
                if _has_from(node):
                    return self.convert(node, chosen[0], path, meta)
                return super().convert(node, next(a for a in args if a not in chosen), path, meta)
        if isinstance(tp, type) and issubclass(tp, FromFile):
            return self.from_file(node, tp, path)
        return super().convert(node, tp, path, meta)

    def from_file(self, node, schema: type[FromFile], path: str):
        allowed = ", ".join(schema.KEYS)
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, path, "yaml.wrong-type", found=repr(getattr(node, "value", "")),
                             allowed=f"keys {allowed}, such as {{from: file-name.csv}}")
        values: dict[str, object] = {}
        lines: dict[str, int] = {}
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            sub = f"{path}.{key}"
            if key in lines:
                self.fail(key_node, sub, "yaml.duplicate-key", found=repr(key), first=lines[key])
                ok = False
                continue
            if key not in schema.KEYS:
                self.fail(key_node, sub, "yaml.unknown-key", found=repr(key), hint=did_you_mean(str(key), schema.KEYS),
                          allowed=allowed)
                ok = False
                continue
            lines[key] = line_of(key_node)
            value = self.convert(value_node, str if key == "from" else dict[str, str], sub)
            if value is _FAILED:
                ok = False
            else:
                values["file" if key == "from" else key] = value
        if "from" not in lines:
            self.fail(node, f"{path}.from", "yaml.missing-key", key="from", allowed="the name of a file in packs/records/")
            ok = False
        if not ok:
            return _FAILED
        return self.built(schema, values, node, lines, path)


def load_record(path: Path, errors: Collector) -> RecordFile | None:
    """Read ``packs/records/<slug>.yml`` (or None, with the problems in ``errors``)."""
    node = compose(path, errors)
    if node is None:
        return None
    value = RecordConverter(path, errors).convert(node, RecordFile, "")
    return value if isinstance(value, RecordFile) else None

