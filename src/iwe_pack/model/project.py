"""A whole project as the outputs use it: the workshop, the places' plans, the templates and texts, read and
checked once by the loader (:mod:`iwe_pack.load.loader`). Pure: values only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..sources.learning import Lesson
from ..sources.settings import Settings
from ..sources.templates import TemplateSet
from .plan import Plan
from .workshop import Workshop


@dataclass(frozen=True)
class Project:
    """Everything the outputs are made from, read and checked once."""

    root: Path
    settings: Settings
    workshop: Workshop
    plans: list[Plan]
    templates: TemplateSet
    texts: dict[str, str]  # by path in the project: CHANGELOG.md, CONTRIBUTING.md, the scoring guide
    pages: dict[str, str]  # hand-written pages, by path inside content/
    lessons: tuple[Lesson, ...] = ()  # what the editors learned from places' records (content/learning.yml)
