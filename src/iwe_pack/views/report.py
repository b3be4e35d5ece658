"""The record of the day as a place's report: a page on the site and a PDF for the people who came.

Pure: made from ``plan.record`` (:class:`~..model.record.Record`). The page is
``packs/<slug>/report.md``, reached from the place's pack page; the PDF is one of the place's print jobs
(:func:`report_job`), rendered by the same pipeline as the other print-offs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..model.plan import Plan
from ..model.record import Record, ScoreEntry
from ..sources.fonts import coverage
from ..sources.layout import PACKS
from ..sources.templates import TemplateSet
from .templates import Trusted, render

REPORT = "report"  # packs/<slug>/report.md
REPORT_PDF = "record-of-the-day"  # downloads/<slug>/<slug>-record-of-the-day.pdf
UNPRINTABLE = "[?]"  # stands for characters the print font cannot show, in what attendees typed


def report_uri(plan: Plan) -> str:
    return f"{PACKS}/{plan.slug}/{REPORT}.md"


def report_title(plan: Plan) -> str:
    return f"Record of the day for {plan.pack.place}"


def h(value) -> Trusted:
    """Text for raw HTML inside a Markdown page: HTML-escaped, on one line (Markdown leaves raw HTML as it is)."""
    return Trusted(html.escape(" ".join(str(value).split()), quote=True))


@dataclass(frozen=True)
class ScoreRow:
    """One principle's line of the scores table: the agreed score, its level and the level's short line."""

    entry: ScoreEntry
    level_name: Optional[str]
    short: Optional[str]


def score_rows(record: Record) -> list[ScoreRow]:
    rows = []
    for e in record.scores:
        short = next((pl.short for pl in e.principle.levels if e.level and pl.level == e.level.score), None)
        rows.append(ScoreRow(e, e.level.name if e.level else None, short))
    return rows


def minutes(value: Optional[int]) -> str:
    return "Not timed" if value is None else str(value)


def difference(value: Optional[float]) -> str:
    """Minutes over (+7) or under (-2) the plan, 0, or a dash when not timed; a mean to one decimal place."""
    if value is None:
        return "–"
    text = number(value)
    return f"+{text}" if value > 0 and text != "0" else text


def number(value: Optional[float]) -> str:
    """A mean or a score as people read it: 4, 4.3, or a dash."""
    if value is None:
        return "–"
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def where(plan: Plan) -> str:
    p = plan.pack
    if p.format == "virtual":
        return f"Online ({p.platform})" if p.platform else "Online"
    return p.venue or p.place


class Printable:
    """Attendees' answers were not checked against the font (an editor's text was): each character the pack's
    font cannot show is printed as ``[?]``, so the PDF keeps to the pack's font and says where something was
    left out."""

    def __init__(self, fonts_dir: Path | None):
        self.have = coverage(Path(fonts_dir)) if fonts_dir is not None else frozenset()
        self.replaced = False

    def __call__(self, text: str) -> str:
        if not self.have:
            return text
        out, last = [], False
        for ch in text:
            ok = ch.isspace() or ord(ch) in self.have
            if not ok and not last:
                out.append(UNPRINTABLE)
                self.replaced = True
            elif ok:
                out.append(ch)
            last = not ok
        return "".join(out)


def _context(plan: Plan) -> dict:
    record = plan.record
    assert record is not None
    top = max((pl.level for e in record.scores for pl in e.principle.levels), default=0)  # the matrix's top level
    return dict(r=record, rows=score_rows(record), minutes=minutes, difference=difference, number=number,
                where=where(plan), top=top)


def report_pages(plans: list[Plan], templates: TemplateSet, downloads: dict) -> dict[str, str]:
    """The report page of each place with a record (``packs/<slug>/report.md``)."""
    out = {}
    for plan in plans:
        if plan.record is None:
            continue
        pdf = next((d for d in downloads.get(plan.slug, []) if d.path.endswith(f"-{REPORT_PDF}.pdf")), None)
        out[report_uri(plan)] = render(templates, "iwe/report.md.j2", h=h, pdf=Trusted("../../" + pdf.path) if pdf
                                       else None, slug=plan.slug, p=plan.pack, title=report_title(plan),
                                       **_context(plan))
    return out


def report_context(plan: Plan, fonts_dir: Path | None) -> dict:
    """What ``print/report.html`` needs beyond what every print job gets (the title, the place and its plan)."""
    printable = Printable(fonts_dir)
    evaluation = plan.record.evaluation if plan.record else None
    texts = [(t, [printable(a.text) for a in t.answers]) for t in evaluation.texts] if evaluation else []
    return _context(plan) | dict(texts=texts, unprintable=UNPRINTABLE if printable.replaced else None)
