"""The schema of ``content/off-plan.yml``: what a facilitator does and says when the day goes off plan.

Each entry is for one of the moments in :data:`MOMENTS` (one voice taking over, a quiet or stuck group, and so
on). An entry without ``section`` is the advice for every section; one with ``section`` takes its place in that
section only. ``do`` is what to do, ``say`` the words to say as they are written; ``online`` holds what is
different when the workshop is online (anything left out is the same). ``source`` names where the advice comes
from, or says it is the pack's own. The rules across entries are checked in :mod:`..checks.off_plan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from .sourced import Sourced

OFF_PLAN = "content/off-plan.yml"

# The moments a first-time facilitator needs words for, in the order the page shows them:
# (id, title in the room, title online). The titles are the pack's own.
MOMENTS: tuple[tuple[str, str, str], ...] = (
    ("one-voice", "One voice takes over", "One voice takes over"),
    ("quiet-group", "A group is quiet or stuck", "A break-out room is quiet or stuck"),
    ("far-apart", "Groups are far apart", "Groups are far apart"),
    ("senior-steer", "A senior person steers the room", "A senior person steers the call"),
    ("not-now", "The room says “not now”", "The call says “not now”"),
    ("running-late", "You are running 15 minutes late", "You are running 15 minutes late"),
    ("kit-fails", "The projector or screen fails", "The call fails"),
)
MomentId = Literal["one-voice", "quiet-group", "far-apart", "senior-steer", "not-now", "running-late", "kit-fails"]


@dataclass(frozen=True)
class OffPlanOnline(Sourced):
    """What is different online; anything left out is the same as in the room."""

    do: Optional[str] = None
    say: Optional[str] = None


@dataclass(frozen=True)
class OffPlanAdvice(Sourced):
    moment: MomentId
    do: str = field(metadata={"allowed": "what the facilitator does, in a sentence or two"})
    say: str = field(metadata={"allowed": "the words to say, as they are to be said"})
    source: str = field(metadata={"allowed": "the source it comes from, or 'the pack's own advice'"})
    section: Optional[str] = None  # only in this section, in place of the advice for every section
    online: Optional[OffPlanOnline] = None


@dataclass(frozen=True)
class OffPlanFile(Sourced):
    intro: str = field(metadata={"allowed": "a line or two saying what the page is for"})
    advice: list[OffPlanAdvice] = field(default_factory=list)
