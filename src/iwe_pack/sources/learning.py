"""The schema of ``content/learning.yml``: what the editors learned from places' records, and where it
changed the pack.

Each lesson says in one line what was learned, the places it came from (their pack names), optionally the
section or principle it is about, and ``changed_in``: the version of the pack that changed because of it
(a version in CHANGELOG.md) or ``not yet``. ``illustrative: true`` marks a lesson made up for the examples.
The names are checked in :mod:`..checks.learning`; the learning page shows the lessons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .sourced import Sourced

LEARNING = "content/learning.yml"
NOT_YET = "not yet"


@dataclass(frozen=True)
class Lesson(Sourced):
    learned: str = field(metadata={"allowed": "one line saying what was learned"})
    places: list[str]
    changed_in: str = field(metadata={"allowed": f"a version in CHANGELOG.md, such as 1.0.0, or '{NOT_YET}'"})
    section: Optional[str] = None
    principle: Optional[str] = None
    illustrative: bool = False


@dataclass(frozen=True)
class LearningFile(Sourced):
    lessons: list[Lesson] = field(default_factory=list)
