"""What each place's "Record your day" page (``packs/<slug>/record.md``) works from, made from the model.

The page writes the record of the day (``packs/records/<slug>.yml``) in the browser. Its checks
(``overrides/assets/javascripts/record-schema.js``, ``record-csv.js``, ``record-checks.js`` and
``record-model.js``) mirror ``sources/record_schema.py``, ``sources/record_csv.py``, ``checks/records.py`` and
``model/record.py``; every number, pattern and word they use comes from here, read from the same sources the
engine uses (the matrix, the place's plan, the message catalogue). tests/test_record_page.py checks the two agree.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..diagnostics.catalogue import CATALOGUE
from ..model.plan import Plan
from ..model.record import QUESTIONS
from ..model.workshop import Workshop
from ..sources import record_csv
from ..sources.fonts import coverage
from ..sources.layout import PACKS
from ..sources.packs import FIRST_YEAR, LAST_YEAR, PackDate
from ..sources.record_schema import (
    HALF_STEP_SCORE,
    RECORDS,
    WHOLE_MINUTES,
    Action,
    Governance,
    NotNow,
    Score,
    score_range,
)
from ..sources.text import MAX_BYTES
from ..sources.typed_yaml import UNPRINTABLE, Converter, _hints
from .planner_data import _js_class, _js_pattern, _ranges
from .templates import render

RECORD_PAGE = "record"  # packs/<slug>/record.md

# Every message the engine can give about a record the page writes, or about the files it reads.
RECORD_MESSAGES = tuple(code for code in CATALOGUE if code.startswith("record.") and not code.startswith(
    ("record.email-", "record.orphan", "record.not-yml", "record.in-folder"))) + (
    "yaml.empty", "yaml.empty-text", "yaml.wrong-type", "yaml.control-character", "yaml.missing-key",
    "value.date-format", "value.date-year", "value.no-such-day", "value.no-such-month", "pack.font-cannot-print",
    "file.too-big", "file.not-utf8")


def record_uri(plan: Plan) -> str:
    return f"{PACKS}/{plan.slug}/{RECORD_PAGE}.md"


def _missing_allowed(schema: type) -> dict[str, str]:
    """The words ``yaml.missing-key`` gives for each required key of ``schema`` (the converter's own)."""
    conv = Converter(Path("."), None)  # type: ignore[arg-type]
    hints = _hints(schema)
    return {f.name: conv._allowed(hints[f.name], f.metadata) for f in dataclasses.fields(schema)
            if f.metadata.get("yaml", True) and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING}


def record_data(workshop: Workshop, plan: Plan, fonts_dir: Path | None = None) -> dict:
    """Everything the page's checks and preview use for one place, as plain JSON-ready data."""
    low, high = score_range(workshop.matrix)
    data = {
        "slug": plan.slug, "place": plan.pack.place, "date": str(plan.pack.date), "date_long": plan.pack.date.long,
        "attendees": plan.pack.attendees, "version": str(workshop.version), "records": f"packs/{RECORDS}/",
        "principles": [{"id": p.id, "title": p.title,
                        "levels": {str(pl.level): pl.short for pl in p.levels}} for p in workshop.matrix.principles],
        "levels": [{"score": lv.score, "name": lv.name} for lv in workshop.matrix.levels],
        "score_range": [low, high],
        "sections": [{"id": i.section.id, "title": i.section.title, "number": i.section.number, "planned": i.minutes}
                     for i in plan.agenda if i.section is not None],
        "questions": {k: v for k, v in QUESTIONS.items()},
        "messages": {code: CATALOGUE[code].text for code in RECORD_MESSAGES},
        "missing": {"action": _missing_allowed(Action), "governance": _missing_allowed(Governance),
                    "not_now": _missing_allowed(NotNow)},
        "fields": {
            "score": {"pattern": _js_pattern(Score.pattern), "allowed": HALF_STEP_SCORE},
            "minutes": dict(WHOLE_MINUTES),
            "date": _js_pattern(PackDate.pattern), "years": [FIRST_YEAR, LAST_YEAR],
            "control": _js_class(UNPRINTABLE.pattern),
            "max_bytes": MAX_BYTES,
        },
        "csv": {
            "score_head": record_csv.SCORE_HEAD, "score_tail": record_csv.SCORE_TAIL,
            "time_columns": record_csv.TIME_COLUMNS, "ratings": list(record_csv.RATINGS),
            "texts": list(record_csv.TEXTS), "name": record_csv.NAME,
            "evaluation_fields": list(record_csv.EVALUATION_FIELDS), "rating_allowed": record_csv.RATING_ALLOWED,
            "max_rows": record_csv.MAX_ROWS, "max_answer": record_csv.MAX_ANSWER,
            "separators": record_csv.SEPARATORS, "separator_rows": record_csv.SEPARATOR_ROWS,
            "rows_allowed": record_csv.answer_rows_allowed(plan.pack.attendees),
        },
    }
    if fonts_dir is not None:  # pack.font-cannot-print, as `iwe-pack check` tests it
        data["font"] = _ranges(coverage(Path(fonts_dir)))
    return data


def record_pages(workshop: Workshop, plans: list[Plan], templates, fonts_dir: Path | None = None,
                 json_for_html=None) -> dict[str, str]:
    """A "Record your day" page for each place (``packs/<slug>/record.md``)."""
    out = {}
    for plan in plans:
        data = record_data(workshop, plan, fonts_dir)
        out[record_uri(plan)] = render(templates, "iwe/record.md.j2", p=plan.pack, slug=plan.slug,
                                       data=json_for_html(data), sections=data["sections"],
                                       principles=data["principles"], questions=data["questions"],
                                       has_record=plan.record is not None)
    return out
