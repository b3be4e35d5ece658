"""The schema of the workshop's YAML sources: workshop, steps, handouts, matrix, advice and slides (a place's
pack file: sources/packs.py).

The dataclasses here are what the sources are read into: a field's name
is the key an editor writes, its type is what the value must be. Fields with
``metadata={"yaml": False}`` are filled in after loading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Optional

from .typed_yaml import Invalid, Origin, ScalarType

MINUTES = {"min": 1, "max": 600, "allowed": "a whole number of minutes from 1 to 600"}
NOT_YAML = {"yaml": False}

Format = Literal["whole-group", "break-out", "break-out-then-whole-group"]
FORMAT_LABELS = {
    "whole-group": "Whole group",
    "break-out": "Small break-out groups",
    "break-out-then-whole-group": "Small break-out groups, then the whole group",
}

Copies = Literal["per-attendee", "per-group", "per-facilitator", "per-table-host", "for-the-room"]
Paper = Literal["A4 portrait", "A4 landscape", "A3 landscape"]
GROUP_LABELS = {
    "workshop": "For the workshop",
    "tools": "Hands-on tools",
    "wtfc": "Working Together for Change kit (optional)",
}

COPIES_LABELS = {
    "per-attendee": "one per attendee",
    "per-group": "one per group",
    "per-facilitator": "one per facilitator",
    "per-table-host": "one per table host",
    "for-the-room": "one for the room",
}


class PatternText(str, ScalarType):
    """Text that must match ``pattern`` in full; ``allowed`` says what is allowed when it does not."""

    pattern = ""
    allowed = ""

    @classmethod
    def parse(cls, text: str):
        if not re.fullmatch(cls.pattern, text):
            raise Invalid("value.pattern", allowed=cls.allowed)
        return cls(text)


class WebAddress(PatternText):
    """A web address starting https:// (or http://), with nothing that could break out of a link or hide where it
    goes: the site's name comes straight after ``//`` (no ``name@`` before it, which a QR code or browser would
    skip, and never empty), in plain letters, digits, dots and hyphens; no control or right-to-left characters
    anywhere. The planner page checks typed links with this same pattern."""

    description = "a web address starting https://"
    _label = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    pattern = (rf"https?://{_label}(?:\.{_label})*\.?(?::[0-9]{{1,5}})?"
               r"(?:[/?#][^\s<>()\[\]\"'`\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*)?")
    allowed = ("a web address starting https:// and then the site's name (letters, digits, dots and hyphens, no '@'), "
               "with no spaces, quotes, brackets or invisible characters")


class EmailAddress(str, ScalarType):
    """An email address, such as evaluation@example.org: something@somewhere.domain, with nothing that could
    break out of a mailto: link."""

    description = "an email address such as evaluation@example.org"
    pattern = r"[A-Za-z0-9._+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"

    @classmethod
    def parse(cls, text: str) -> "EmailAddress":
        if not re.fullmatch(cls.pattern, text):
            raise Invalid("value.email")
        return cls(text)


class Version(PatternText):
    """A semantic version number: major.minor.patch, such as 1.2.0."""

    description = "a version number such as 1.2.0"
    pattern = r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    allowed = "a version number of three whole numbers, such as 1.2.0"


@dataclass(frozen=True)
class Sourced:
    """Base: remembers the file and lines an object was loaded from."""

    origin: Optional[Origin] = field(default=None, compare=False, repr=False, kw_only=True, metadata=NOT_YAML)


@dataclass(frozen=True)
class MinuteRange(Sourced):
    min: int = field(metadata=MINUTES)
    max: int = field(metadata=MINUTES)

    def __str__(self) -> str:
        return f"{self.min}–{self.max}"

    @property
    def slack(self) -> int:
        return self.max - self.min


@dataclass(frozen=True)
class Budget(Sourced):
    session: MinuteRange
    prework: MinuteRange


@dataclass(frozen=True)
class PreworkItem(Sourced):
    title: str
    minutes: MinuteRange
    what: str
    url: Optional[WebAddress] = None


# --- A section's steps (content/sections/<id>.yml) -------------------------------

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


@dataclass(frozen=True)
class Section(Sourced):
    id: str = field(metadata={"allowed": "a short name in lower case letters, digits and hyphens, e.g. wrap-up"})
    title: str
    minutes: MinuteRange
    format: Format
    lead: str
    purpose: str
    prepare: list[str] = field(default_factory=list)
    handouts: list[str] = field(default_factory=list)
    notes: Optional[str] = field(default=None, metadata={"allowed": "the path of a Markdown file inside content/"})
    # the pack version in which this section last changed (shown on its page)
    changed: Optional[Version] = None
    # filled in after loading
    notes_markdown: str = field(default="", compare=False, repr=False, metadata=NOT_YAML)
    notes_source: str = field(default="", compare=False, repr=False, metadata=NOT_YAML)  # as the editor wrote it
    number: int = field(default=0, metadata=NOT_YAML)
    steps: tuple = field(default=(), compare=False, repr=False, metadata=NOT_YAML)  # of Step
    # the phrases of the notes that belong to one kind of day (the steps file's notes:)
    notes_phrases: Optional[FormatPhrases] = field(default=None, compare=False, repr=False, metadata=NOT_YAML)
    # what a table host does in this section, if groups work on their own in it (the steps file's host:)
    host: Optional[HostBrief] = field(default=None, compare=False, repr=False, metadata=NOT_YAML)

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS[self.format]

    @property
    def notes_path(self) -> str:
        return self.notes or f"sections/{self.id}.md"

    @property
    def steps_path(self) -> str:
        return f"sections/{self.id}.yml"

    @property
    def fixed_minutes(self) -> int:
        """Minutes of the steps with a fixed time (for the taught section: the questions after the slides)."""
        return sum(s.minutes.fixed for s in self.steps if s.minutes.fixed is not None)


@dataclass(frozen=True)
class WorkshopFile(Sourced):
    """The schema of ``content/workshop.yml``."""

    title: str
    version: Version
    budget: Budget
    prework: list[PreworkItem]
    sections: list[Section]


@dataclass(frozen=True)
class Handout(Sourced):
    id: str = field(metadata={"allowed": "a short name in lower case letters, digits and hyphens"})
    title: str
    what: str
    copies: Copies
    paper: Paper = "A4 portrait"
    # the print layout, a template in overrides/print/ (default: the Markdown body in content/handouts/<id>.md)
    layout: Literal["text", "card", "agenda", "sign-in", "matrix", "scoring", "collation", "results", "grid", "sign",
                    "off-plan", "host-brief"] = "text"
    group: Literal["workshop", "wtfc", "tools"] = "workshop"
    in_place_packs: bool = True
    # copies printed on one sheet (cards cut from a sheet): the print list counts sheets
    per_sheet: int = field(default=1, metadata={"min": 1, "max": 16, "allowed": "a whole number from 1 to 16"})
    # printed to set up the day, not handed out at a step (the sign-in sheet, the room set-up list)
    setting_up: bool = False
    # online: send-as-pdf (people print or open it at home), facilitator (only the facilitators print it),
    # or not-used (a sheet for a room)
    online: Literal["send-as-pdf", "facilitator", "not-used"] = "send-as-pdf"
    # phrases of the body that belong to one kind of day, each inside its <!-- iwe:only ... --> block
    room_only: list[str] = field(default_factory=list)
    online_only: list[str] = field(default_factory=list)
    # filled in after loading: the Markdown body
    body: str = field(default="", compare=False, repr=False, metadata=NOT_YAML)


@dataclass(frozen=True)
class HandoutsFile(Sourced):
    """The schema of ``content/handouts.yml``."""

    handouts: list[Handout]


# --- The maturity matrix (content/matrix.yml) -------------------------------

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


# --- Advice rules for place packs (content/advice.yml) ----------------------

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


# --- The taught section's slides (content/slides.yml) -------------------------


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
