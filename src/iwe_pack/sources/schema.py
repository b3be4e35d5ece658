"""The schema of the workshop's own YAML sources: content/workshop.yml (its sections) and content/handouts.yml.
The other sources' schemas are beside it: steps_schema.py, matrix_schema.py, advice_schema.py, slides_schema.py,
packs.py (a place's pack); sourced.py is what they are built on.

The dataclasses here are what the sources are read into: a field's name
is the key an editor writes, its type is what the value must be. Fields with
``metadata={"yaml": False}`` are filled in after loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from .sourced import NOT_YAML, MinuteRange, Sourced, Version, WebAddress
from .steps_schema import FormatPhrases, HostBrief

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
