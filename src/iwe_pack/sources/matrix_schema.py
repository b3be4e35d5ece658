"""The schema of the maturity matrix (content/matrix.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .sourced import Sourced

SCORE = {"min": 1, "max": 9, "allowed": "a whole number from 1 to 9"}


# A level's short line, for the room: one line of at most this many words (checks/workshop.py check_matrix).
SHORT_WORDS = 15


@dataclass(frozen=True)
class Level(Sourced):
    score: int = field(metadata=SCORE)
    name: str
    summary: str
    # the pack's own level, not one of the model's (``based_on`` says what it is built from)
    own: bool = False
    based_on: Optional[str] = None


@dataclass(frozen=True)
class PrincipleLevel(Sourced):
    level: int = field(metadata=SCORE)
    # one short line for the room's matrix; the descriptor and evidence prompts are the reference
    short: str = field(metadata={"allowed": f"one line of at most {SHORT_WORDS} words"})
    descriptor: str
    evidence: list[str]


@dataclass(frozen=True)
class Principle(Sourced):
    id: str = field(metadata={"allowed": "a short name in lower case letters, digits and hyphens"})
    title: str
    statement: str
    why: str
    source: str
    levels: list[PrincipleLevel]
    # the pack's own principle, not one of the model's (``based_on`` says what it is built from)
    own: bool = False
    based_on: Optional[str] = None


@dataclass(frozen=True)
class Matrix(Sourced):
    """The schema of ``content/matrix.yml``."""

    title: str
    intro: str
    # the model the principles and levels come from, where they are not the pack's own
    model: str
    levels: list[Level]
    principles: list[Principle]

    def level(self, score: int) -> Level:
        return self.levels[score - 1]

    @property
    def own_principles(self) -> list[Principle]:
        return [p for p in self.principles if p.own]

    @property
    def own_levels(self) -> list[Level]:
        return [lv for lv in self.levels if lv.own]
