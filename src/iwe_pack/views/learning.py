"""Learning across places: every place's record of the day side by side, for the pack's editors.

Pure: made from the plans' records and ``content/learning.yml``'s lessons. The page (``learning.md``)
shows the scores per principle as a chart and as a table holding the same numbers (the table is what a
screen reader reads: the chart is hidden from it), planned against actual minutes and which sections ran
over, the evaluation ratings and written answers (never names), and the lessons with the version of the
pack each one changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import Optional

from ..model.plan import Plan
from ..model.record import RatingSummary, Record, ScoreEntry, SectionTime, TextSummary
from ..model.workshop import Workshop
from ..sources.changelog import anchor
from ..sources.learning import NOT_YET, Lesson
from ..sources.matrix_schema import Principle
from ..sources.schema import Section
from ..sources.templates import TemplateSet
from .report import difference, h, minutes, number, report_uri
from .templates import Trusted, render

LEARNING_PAGE = "learning.md"
CHART_COLOURS = 4  # bar colours in site.css (.iwe-chart-bar-1 to -4), used in turn


@dataclass(frozen=True)
class Place:
    plan: Plan
    colour: int

    @property
    def record(self) -> Record:
        """The place's record of the day (a place is only charted when it has one)."""
        assert self.plan.record is not None
        return self.plan.record

    @property
    def label(self) -> str:
        """The place's name, marked when its record is made up."""
        return self.plan.pack.place + (" (made up)" if self.record.illustrative else "")


@dataclass(frozen=True)
class SectionOverrun:
    """How one section went at every place that timed it."""

    section: Section
    times: tuple[tuple[Place, SectionTime], ...]

    @property
    def over(self) -> tuple[tuple[Place, SectionTime], ...]:
        return tuple((p, t) for p, t in self.times if t.overran)

    @property
    def mean_difference(self) -> Optional[float]:
        return mean(t.difference for _, t in self.times if t.difference is not None) if self.times else None


@dataclass(frozen=True)
class LessonView:
    lesson: Lesson
    places: tuple[str, ...]
    about: Optional[str]  # the section's or principle's title
    version_link: Optional[str]  # to the version's entry on the What's new page; None: not yet


def learning_page(workshop: Workshop, plans: list[Plan], lessons: tuple[Lesson, ...], templates: TemplateSet
                  ) -> dict[str, str]:
    places = [Place(plan, n % CHART_COLOURS + 1) for n, plan in enumerate(p for p in plans if p.record)]
    scores: list[tuple[Principle, list[tuple[Place, Optional[ScoreEntry]]]]] = [
        (pr, [(pl, pl.record.score_for(pr.id)) for pl in places]) for pr in workshop.matrix.principles]
    top = max(lv.score for lv in workshop.matrix.levels)
    overruns = []
    for s in workshop.sections:
        timed = tuple((pl, t) for pl in places for t in pl.record.times if t.section.id == s.id
                      and t.actual is not None)
        overruns.append(SectionOverrun(s, timed))
    questions: dict[str, str] = {}
    for pl in places:
        e = pl.record.evaluation
        asked: list[RatingSummary | TextSummary] = [*e.ratings, *e.texts] if e else []
        for q in asked:
            questions.setdefault(q.id, q.question)
    ratings = [(qid, question, [(pl, _rating(pl, qid)) for pl in places]) for qid, question in questions.items()
               if any(_rating(pl, qid) for pl in places)]
    texts = [(question, [(pl, pl.record.evaluation.text(qid)) for pl in places
                         if pl.record.evaluation and pl.record.evaluation.text(qid)])
             for qid, question in questions.items()]
    texts = [(q, found) for q, found in texts if found]
    return {LEARNING_PAGE: render(
        templates, "iwe/learning.md.j2", places=places, scores=scores, top=top, overruns=overruns,
        ratings=ratings, texts=texts, lessons=[_lesson(lesson, plans, workshop) for lesson in lessons], h=h,
        minutes=minutes, difference=difference, number=number, bar=lambda e: Trusted(_bar(e, top)),
        report_link=lambda pl: Trusted(report_uri(pl.plan)))}


def _rating(place: Place, qid: str) -> Optional[RatingSummary]:
    e = place.record.evaluation
    return e.rating(qid) if e else None


def _bar(entry: Optional[ScoreEntry], top: int) -> str:
    """A bar's width, as a share of the matrix's top score."""
    share = (entry.score / top * 100) if entry and entry.score is not None else 0
    return f"{share:.1f}%"


def _lesson(lesson: Lesson, plans: list[Plan], workshop: Workshop) -> LessonView:
    names = {p.slug: p.pack.place for p in plans}
    about = None
    if lesson.section:
        about = next((f"{s.number}. {s.title}" for s in workshop.sections if s.id == lesson.section), None)
    if lesson.principle:
        title = next((p.title for p in workshop.matrix.principles if p.id == lesson.principle), None)
        about = f"{about}; {title}" if about else title
    link = None if lesson.changed_in == NOT_YET else f"whats-new.md#{anchor(lesson.changed_in)}"
    return LessonView(lesson, tuple(names.get(s, s) for s in lesson.places), about, link)


__all__ = ["LEARNING_PAGE", "learning_page"]
