"""The workshop as loaded and checked: what every output is made from."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..sources.advice_schema import AdviceRules
from ..sources.matrix_schema import Matrix
from ..sources.schema import Budget, Handout, PreworkItem, Section
from ..sources.slides_schema import Deck
from ..sources.sourced import MinuteRange
from .off_plan import OffPlan


@dataclass(frozen=True)
class Workshop:
    """Everything loaded and checked: what outputs are made from."""

    title: str
    version: str
    budget: Budget
    prework: list[PreworkItem]
    sections: list[Section]
    handouts: dict[str, Handout]
    matrix: "Matrix"
    advice: "AdviceRules"
    deck: "Deck"
    released: object = None  # the date of this version in CHANGELOG.md
    releases: list = field(default_factory=list)  # every released version, newest first
    versions: tuple[str, ...] = ()  # every version CHANGELOG.md lists (with "Unreleased", if it has one)
    off_plan: "OffPlan | None" = None  # when things go off plan, by section (content/off-plan.yml)

    @property
    def total(self) -> MinuteRange:
        return MinuteRange(sum(s.minutes.min for s in self.sections), sum(s.minutes.max for s in self.sections))

    @property
    def prework_total(self) -> MinuteRange:
        return MinuteRange(sum(p.minutes.min for p in self.prework), sum(p.minutes.max for p in self.prework))

    def handouts_for(self, section: Section) -> list[Handout]:
        return [self.handouts[h] for h in section.handouts]

    def section(self, id: str) -> Section:
        return next(s for s in self.sections if s.id == id)
