"""The schema of the advice rules for place packs (content/advice.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .sourced import MINUTES, Sourced

COUNT = {"min": 1, "max": 1000, "allowed": "a whole number from 1 to 1000"}
SECONDS = {"min": 1, "max": 600, "allowed": "a whole number of seconds from 1 to 600"}


@dataclass(frozen=True)
class SelfAssessmentRule(Sourced):
    least_minutes_per_principle: int = field(metadata=MINUTES)
    source: str


@dataclass(frozen=True)
class RoomSizeRule(Sourced):
    in_person: int = field(metadata=COUNT)
    virtual: int = field(metadata=COUNT)
    source: str


@dataclass(frozen=True)
class GroupSizeRule(Sourced):
    most_people: int = field(metadata=COUNT)
    source: str


@dataclass(frozen=True)
class ScreenBreakRule(Sourced):
    most_minutes_online: int = field(metadata=MINUTES)
    source: str


@dataclass(frozen=True)
class SourcedRule(Sourced):
    source: str


@dataclass(frozen=True)
class AdviceRules(Sourced):
    """The schema of ``content/advice.yml``: the numbers behind each piece of advice."""

    room_size: RoomSizeRule
    group_size: GroupSizeRule
    screen_breaks: ScreenBreakRule
    self_assessment: SelfAssessmentRule
    facilitators: SourcedRule
    technical_host: SourcedRule
