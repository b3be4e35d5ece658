"""The schema of the taught section's slides (content/slides.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from .sourced import Sourced, WebAddress

# A slide may show a drawn diagram instead of bullet points. Each diagram takes its words from the
# model (the running order, the matrix's levels) or from the slide's points: how many points it needs.
DiagramName = Literal["running-order", "matrix-levels", "two-loops"]
DIAGRAM_POINTS = {
    "running-order": (0, "none: it shows the day's running order from content/workshop.yml (or the place's agenda)"),
    "matrix-levels": (0, "none: it shows the levels from content/matrix.yml"),
    "two-loops": (3, "exactly 3: the new loop, the old loop, and what moves from the old to the new"),
}


@dataclass(frozen=True)
class Slide(Sourced):
    title: str
    notes: str
    minutes: int = field(metadata={"min": 1, "max": 30, "allowed": "a whole number of minutes from 1 to 30"})
    source: str
    points: list[str] = field(default_factory=list)
    skip: bool = False
    diagram: Optional[DiagramName] = None
    # list the pre-work (content/workshop.yml) and the deck's resources after the points, as links
    resources: bool = False


@dataclass(frozen=True)
class Resource(Sourced):
    """A page to read after the day: on the slide that lists resources and on the Sources page."""

    title: str
    url: WebAddress
    what: str


@dataclass(frozen=True)
class Deck(Sourced):
    """The schema of ``content/slides.yml``."""

    title: str
    subtitle: str
    slides: list[Slide]
    resources: list[Resource] = field(default_factory=list)
    # the section whose minutes the slides must fit
    section: str = "taught-section"

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.slides)

    @property
    def skippable(self) -> int:
        return sum(s.minutes for s in self.slides if s.skip)

    @property
    def core(self) -> int:
        """The minutes of the slides not marked skip."""
        return self.minutes - self.skippable
