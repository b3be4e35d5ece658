"""The schema of a section's steps (content/sections/<id>.yml): what each step does, for how long, and its
variants for bigger rooms and other kinds of day."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from .sourced import Sourced

STEP_MINUTES = {"min": 1, "max": 120, "allowed": "a whole number of minutes from 1 to 120"}


@dataclass(frozen=True)
class StepMinutes(Sourced):
    """How long a step takes: exactly one rule, worked out for the people coming.

    ``fixed``: always this many minutes. ``per_group``: this many minutes for each group (feedback).
    ``per_pair``: this many minutes for each pair of groups (groups that merge in twos).
    ``per_person_seconds``: this many seconds for each person, in the room or in a group. ``plus``: minutes added to
    a per-group, per-pair or per-person rule. ``rest``: what is left of the section, and at least this many minutes.
    """

    fixed: Optional[int] = field(default=None, metadata=STEP_MINUTES)
    per_group: Optional[int] = field(default=None, metadata=STEP_MINUTES)
    per_pair: Optional[int] = field(default=None, metadata=STEP_MINUTES)  # for each two groups (rounded up)
    per_person_seconds: Optional[int] = field(default=None, metadata={"min": 1, "max": 600,
                                              "allowed": "a whole number of seconds from 1 to 600"})
    people: Literal["room", "group"] = "room"
    plus: int = field(default=0, metadata={"min": 0, "max": 60, "allowed": "a whole number of minutes from 0 to 60"})
    rest: Optional[int] = field(default=None, metadata=STEP_MINUTES)

    RULES = ("fixed", "per_group", "per_pair", "per_person_seconds", "rest")

    @property
    def rules(self) -> list[str]:
        return [r for r in self.RULES if getattr(self, r) is not None]

    def __str__(self) -> str:
        """The rule in words, for the section page ("3 minutes a group")."""
        if self.fixed is not None:
            return f"{self.fixed} minute{'s' if self.fixed != 1 else ''}"
        extra = f", plus {self.plus} minute{'s' if self.plus != 1 else ''}" if self.plus else ""
        if self.per_group is not None:
            return f"{self.per_group} minute{'s' if self.per_group != 1 else ''} a group{extra}"
        if self.per_pair is not None:
            return f"{self.per_pair} minute{'s' if self.per_pair != 1 else ''} for each pair of groups{extra}"
        if self.per_person_seconds is not None:
            where = "each person in the room" if self.people == "room" else "each person in a group"
            return f"{self.per_person_seconds} seconds for {where}{extra}"
        return f"what is left of the section (at least {self.rest} minutes)"


@dataclass(frozen=True)
class StepOnline(Sourced):
    """What a step does differently online; anything left out is the same as in person."""

    do: Optional[str] = None
    say: Optional[str] = None
    handouts: Optional[list[str]] = None


@dataclass(frozen=True)
class StepLink(Sourced):
    """What a step adds, before its own words, when the place has an evaluation link (a form people open from the
    chat or the last slide's QR code): ``do`` in a room, ``online`` online (``do`` if left out)."""

    do: str
    online: Optional[str] = None


@dataclass(frozen=True)
class StepWhen(Sourced):
    """The plans a step belongs to (a step without ``only`` is in every plan)."""

    format: Optional[Literal["in-person", "virtual"]] = None
    introductions: Optional[Literal["whole-room", "in-groups"]] = None
    self_assessment: Optional[Literal["share", "whole"]] = None


@dataclass(frozen=True)
class VariantWhen(Sourced):
    """When a way of running a step is used: every condition given must hold."""

    format: Optional[Literal["in-person", "virtual"]] = None
    groups_at_least: Optional[int] = field(default=None, metadata={"min": 2, "max": 100,
                                           "allowed": "a whole number of groups from 2 to 100"})

    def __str__(self) -> str:
        """In words, for the section page ("in a room, with 9 groups or more")."""
        parts = []
        if self.format:
            parts.append("in a room" if self.format == "in-person" else "online")
        if self.groups_at_least:
            parts.append(f"with {self.groups_at_least} groups or more")
        return ", ".join(parts) or "always"


@dataclass(frozen=True)
class StepVariant(Sourced):
    """Another way of running a step, for a big room or online: used instead of the step's own way when it
    applies (the first of a step's variants that applies is used). Anything left out is the step's own."""

    name: str
    applies: VariantWhen
    minutes: StepMinutes
    do: str
    source: str
    say: Optional[str] = None
    handouts: Optional[list[str]] = None
    online: Optional[StepOnline] = None
    room_only: list[str] = field(default_factory=list)
    online_only: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step(Sourced):
    title: str
    minutes: StepMinutes
    do: str
    say: Optional[str] = None
    handouts: list[str] = field(default_factory=list)
    online: Optional[StepOnline] = None
    only: Optional[StepWhen] = None
    if_link: Optional[StepLink] = None
    # phrases of the in-room words (do, say) that an online day must not read, and of the online words
    # (online.do, online.say) that a day in a room must not read: the outputs are tested against them
    room_only: list[str] = field(default_factory=list)
    online_only: list[str] = field(default_factory=list)
    # other ways of running the step, for big rooms and online (the first that applies is used)
    variants: list[StepVariant] = field(default_factory=list)


@dataclass(frozen=True)
class HostBrief(Sourced):
    """A one-page brief for a table host (an attendee who hosts a group that has no facilitator) in one section:
    what they do, in order, in a room (``do``) and online (``online``, in a break-out room)."""

    do: list[str]
    online: list[str]
    source: str


@dataclass(frozen=True)
class FormatPhrases(Sourced):
    """Phrases of a Markdown text (a section's notes) that belong to one kind of day: each is kept inside a
    ``<!-- iwe:only in-person -->`` (room_only) or ``<!-- iwe:only online -->`` (online_only) block."""

    room_only: list[str] = field(default_factory=list)
    online_only: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StepsFile(Sourced):
    """The schema of ``content/sections/<id>.yml``: a section's step by step."""

    steps: list[Step]
    # the phrases of the section's notes (sections/<id>.md) that belong to one kind of day
    notes: Optional[FormatPhrases] = None
    # what a table host does in this section (a section where groups work on their own)
    host: Optional[HostBrief] = None
