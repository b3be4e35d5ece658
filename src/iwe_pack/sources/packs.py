"""The schema of a place's pack file (``packs/<slug>.yml``): the day a place plans, and the names made from it.

The dataclasses here are what a pack file is read into: a field's name is the key an editor (or the planner
page) writes, its type is what the value must be. Also the clock times, dates and file names made from a pack.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, Optional

from .advice_schema import COUNT
from .sourced import EmailAddress, Sourced, WebAddress
from .typed_yaml import Invalid, LineDict, ScalarType


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class ClockTime(ScalarType):
    """A local time of day, written 24-hour as ``HH:MM`` (``10:30``, ``14:00``)."""

    description = "a time of day such as 09:30 or 14:00 (24-hour clock)"
    pattern = r"([0-9]{1,2})[:.]([0-9]{2})"  # also used by the "Plan your day" page (views/planner_data.py)

    def __init__(self, minutes: int):
        self.minutes = minutes  # since midnight

    @classmethod
    def parse(cls, text: str) -> "ClockTime":
        m = re.fullmatch(cls.pattern, text)
        if not m:
            raise Invalid("value.clock-format")
        h, mi = int(m.group(1)), int(m.group(2))
        if h > 23 or mi > 59:
            raise Invalid("value.not-a-time")
        return cls(h * 60 + mi)

    def __str__(self) -> str:
        return format_clock(self.minutes)

    def __eq__(self, other):
        return isinstance(other, ClockTime) and other.minutes == self.minutes

    def __hash__(self):
        return hash(self.minutes)


# The years a workshop, a record or a lesson can be dated in: a date outside them is a typing mistake.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class PackDate(ScalarType):
    """A calendar date, written ``YYYY-MM-DD``."""

    description = "a date written year-month-day, such as 2026-03-12"
    pattern = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"

    def __init__(self, date: dt.date):
        self.date = date

    @classmethod
    def parse(cls, text: str) -> "PackDate":
        m = re.fullmatch(cls.pattern, text)
        if not m:
            raise Invalid("value.date-format")
        y, mo, d = map(int, m.groups())
        if not FIRST_YEAR <= y <= LAST_YEAR:
            raise Invalid("value.date-year", first=FIRST_YEAR, last=LAST_YEAR)
        try:
            return cls(dt.date(y, mo, d))
        except ValueError:
            if 1 <= mo <= 12:
                month = dt.date(y, mo, 1).strftime("%B")
                days = ((dt.date(y + (mo == 12), mo % 12 + 1, 1)) - dt.date(y, mo, 1)).days
                raise Invalid("value.no-such-day", month=f"{month} {y}", days=days) from None
            raise Invalid("value.no-such-month") from None

    def __str__(self) -> str:
        return self.date.isoformat()

    @property
    def long(self) -> str:
        return f"{self.date:%A} {self.date.day} {self.date:%B %Y}"

    def __eq__(self, other):
        return isinstance(other, PackDate) and other.date == self.date

    def __hash__(self):
        return hash(self.date)


TEXT = {"allowed": "some text"}


@dataclass(frozen=True)
class Group(Sourced):
    name: str
    facilitator: Optional[str] = None
    members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Break(Sourced):
    after: str = field(metadata={"allowed": "the id of a section, e.g. taught-section"})
    minutes: int = field(metadata={"min": 1, "max": 60, "allowed": "a whole number of minutes from 1 to 60"})
    title: str = "Break"


@dataclass(frozen=True)
class PackFile(Sourced):
    """The schema of ``packs/<slug>.yml``."""

    place: str
    convener: str
    date: PackDate
    start: ClockTime
    format: Literal["in-person", "virtual"]
    attendees: int = field(metadata=COUNT)
    groups: list[Group]
    facilitators: list[str]
    venue: Optional[str] = None
    platform: Optional[str] = None
    joining_link: Optional[WebAddress] = None
    technical_host: Optional[str] = None
    contact: Optional[str] = None
    # where attendees send the evaluation form (default: an email address written in ``contact``)
    evaluation_email: Optional[EmailAddress] = None
    # where the place has published its evaluation form (its own copy of the form page, or an online form)
    evaluation_link: Optional[WebAddress] = None
    # the privacy notice on the evaluation page and the sign-in sheet: how long the convener keeps people's answers
    # and details (words that follow "They keep them"), and whom to ask to see or delete them (default: contact)
    privacy_kept_for: str = "until the day has been written up, and no longer than a year"
    privacy_contact: Optional[str] = None
    # in person: how many people the venue holds, if the place knows (the planner never plans a room above it)
    capacity: Optional[int] = field(default=None, metadata=COUNT)
    self_assessment: Literal["share", "whole"] = "share"
    minutes: dict[str, int] = field(default_factory=LineDict, metadata={"min": 1, "max": 600,
                                    "allowed": "a whole number of minutes"})
    breaks: list[Break] = field(default_factory=list)


def slugify(name: str, fallback: str = "place") -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or fallback


# File names made from names people type: a place's (packs/<place>.yml, downloads/<place>/<place>-<handout>.pdf) and
# a group's (<place>-<handout>-<group>.pdf) are each limited, so the longest file the build makes from them
# (80 + a handout's id, at most 40 + 60 letters) stays inside the 255 bytes every file system allows. Council names
# run to about 40 letters ("royal-borough-of-windsor-and-maidenhead"), group names to about 50.
MAX_PLACE_SLUG, MAX_GROUP_SLUG, MAX_HANDOUT_ID = 80, 60, 40
# Names Windows keeps for devices: a file or folder called CON (or con.yml) cannot be opened or unzipped there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))})


def safe_file_slug(slug: str) -> str:
    """``slug`` as a pack's file name: a name Windows keeps for a device gets ``-2`` (``con`` becomes ``con-2``)."""
    return f"{slug}-2" if slug in WINDOWS_RESERVED else slug


def group_slug(name: str, number: int) -> str:
    """A group's part of a file name: its name in plain letters, or its number if that leaves nothing."""
    slug = slugify(name, fallback="")
    return slug or f"group-{number}"
