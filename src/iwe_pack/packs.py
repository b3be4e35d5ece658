"""Per-place packs: a council's plan for its day, checked against the people coming.

A pack file (``packs/<slug>.yml``) names the place, date, start time, format,
groups, facilitators and the minutes chosen for each section. :func:`load_pack`
validates it against the workshop (section ids and ranges, the session
budget) and :func:`plan` works out the agenda with clock times, the advice,
the self-assessment allocation and the print list.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

from . import strictyaml
from .errors import Collector, did_you_mean, SourceError, SourceErrors
from .model import COUNT, Handout, MinuteRange, Principle, Section, Sourced, WebAddress, Workshop
from .strictyaml import LineDict, ScalarType
from .timing import Timed, check_fit

PACKS = "packs"


class ClockTime(ScalarType):
    """A local time of day, written 24-hour as ``HH:MM`` (``10:30``, ``14:00``)."""

    description = "a time of day such as 09:30 or 14:00 (24-hour clock)"

    def __init__(self, minutes: int):
        self.minutes = minutes  # since midnight

    @classmethod
    def parse(cls, text: str) -> "ClockTime":
        m = re.fullmatch(r"([0-9]{1,2})[:.]([0-9]{2})", text)
        if not m:
            raise ValueError("allowed: a time of day such as 09:30 or 14:00 (24-hour clock, with a colon)")
        h, mi = int(m.group(1)), int(m.group(2))
        if h > 23 or mi > 59:
            raise ValueError("that is not a time of day; allowed: 00:00 to 23:59, such as 09:30 or 14:00")
        return cls(h * 60 + mi)

    def __str__(self) -> str:
        return format_clock(self.minutes)

    def __eq__(self, other):
        return isinstance(other, ClockTime) and other.minutes == self.minutes

    def __hash__(self):
        return hash(self.minutes)


def duration(minutes: int) -> str:
    """3 hours, 2 hours 30 minutes, 45 minutes."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return " ".join(parts) or "0 minutes"


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class PackDate(ScalarType):
    """A calendar date, written ``YYYY-MM-DD``."""

    description = "a date written year-month-day, such as 2026-03-12"

    def __init__(self, date: dt.date):
        self.date = date

    @classmethod
    def parse(cls, text: str) -> "PackDate":
        m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
        if not m:
            raise ValueError("allowed: a date written year-month-day, such as 2026-03-12")
        y, mo, d = map(int, m.groups())
        try:
            return cls(dt.date(y, mo, d))
        except ValueError:
            if 1 <= mo <= 12:
                month = dt.date(y, mo, 1).strftime("%B")
                days = ((dt.date(y + (mo == 12), mo % 12 + 1, 1)) - dt.date(y, mo, 1)).days
                raise ValueError(f"there is no such day: {month} {y} has {days} days") from None
            raise ValueError("there is no such month; allowed: a date such as 2026-03-12") from None

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
    self_assessment: Literal["share", "whole"] = "share"
    minutes: dict[str, int] = field(default_factory=LineDict, metadata={"min": 1, "max": 600,
                                    "allowed": "a whole number of minutes"})
    breaks: list[Break] = field(default_factory=list)


@dataclass(frozen=True)
class AgendaItem:
    start: int  # minutes since midnight
    minutes: int
    title: str
    section: Optional[Section] = None
    line: Optional[int] = field(default=None, compare=False)  # where its minutes are set in the pack

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def clock(self) -> str:
        return format_clock(self.start)

    @property
    def clock_end(self) -> str:
        return format_clock(self.end)


@dataclass(frozen=True)
class Advice:
    rule: str
    message: str
    source: str


@dataclass(frozen=True)
class PrintItem:
    handout: Handout
    copies: int
    sections: list[str]


@dataclass(frozen=True)
class Plan:
    slug: str
    pack: PackFile
    agenda: list[AgendaItem]
    advice: list[Advice]
    allocation: dict[str, list[Principle]]  # group name -> principles
    shared: bool  # groups share the matrix out (True) or all look at the whole of it
    print_list: list[PrintItem]

    @property
    def start(self) -> str:
        return str(self.pack.start)

    @property
    def finish(self) -> str:
        return format_clock(self.agenda[-1].end)

    @property
    def total(self) -> int:
        return sum(i.minutes for i in self.agenda)

    @property
    def breaks_total(self) -> int:
        return sum(i.minutes for i in self.agenda if i.section is None)


def group_slug(name: str, number: int) -> str:
    """A group's part of a file name: its name in plain letters, or its number if that leaves nothing."""
    slug = slugify(name, fallback="")
    return slug or f"group-{number}"


def _check_font(pack: PackFile, root: Path, errors: Collector) -> None:
    """Every text field must be printable in the pack's font (else the PDFs would show empty boxes)."""
    from .fonts import describe, missing

    fonts_dir = root / "overrides" / "assets" / "fonts"

    def check(value, where, field_name):
        if isinstance(value, str):
            lost = missing(value, fonts_dir)
            if lost:
                errors.add(pack.origin.file, where, field_name,
                           f"found {describe(lost)}, which the pack's font cannot print; allowed: letters of "
                           f"Latin-script languages (Welsh included), digits and punctuation")

    src = pack.origin
    for key in ("place", "convener", "venue", "platform", "contact", "technical_host"):
        check(getattr(pack, key), src.line_for(key), key)
    for i, name in enumerate(pack.facilitators, start=1):
        check(name, src.line_for("facilitators"), f"facilitators.{i}")
    for g in pack.groups:
        for key in ("name", "facilitator"):
            check(getattr(g, key), g.origin.line_for(key), g.origin.field(key))
        for i, member in enumerate(g.members, start=1):
            check(member, g.origin.line_for("members"), f"{g.origin.field('members')}.{i}")
    for b in pack.breaks:
        check(b.title, b.origin.line_for("title"), b.origin.field("title"))


def slugify(name: str, fallback: str = "place") -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or fallback


def default_minutes(section: Section) -> int:
    """A sensible point in a section's range: the middle, rounded down to 5 minutes."""
    r = section.minutes
    middle = (r.min + r.max) // 2
    return max(r.min, middle - middle % 5)


def pack_files(root: Path) -> list[Path]:
    folder = Path(root) / PACKS
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def load_pack(path: Path, workshop: Workshop, root: Path) -> Plan:
    """Load and check one pack; raise SourceErrors listing every problem."""
    errors = Collector(Path(root))
    pack: PackFile | None = strictyaml.load(Path(path), PackFile, errors)
    errors.raise_if_any()
    assert pack is not None
    slug = Path(path).stem
    src = pack.origin
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        errors.add(Path(path), None, None,
                   f"the file name {Path(path).name!r} should be lower case letters, digits and hyphens, "
                   f"such as {slugify(pack.place)}.yml")
    if pack.format == "in-person" and not pack.venue:
        errors.add(src.file, src.line, "venue", "is missing; an in-person workshop needs 'venue:' (the address)")
    if pack.format == "virtual" and not pack.platform:
        errors.add(src.file, src.line, "platform",
                   "is missing; a virtual workshop needs 'platform:' (such as Microsoft Teams or Zoom)")
    if not pack.groups:
        errors.add(src.file, src.line_for("groups"), "groups", "found no groups; list at least one group")
    if not pack.facilitators:
        errors.add(src.file, src.line_for("facilitators"), "facilitators", "found no facilitators; name at least one")
    if slug == "index":
        errors.add(Path(path), None, None, "the name 'index' is kept for the list of places; call the file after "
                                           f"the place, such as {slugify(pack.place)}.yml")
    seen_groups: dict[str, Group] = {}
    for i, g in enumerate(pack.groups, start=1):
        key = group_slug(g.name, i)
        if key in seen_groups:
            errors.add(src.file, g.origin.line_for("name"), g.origin.field("name"),
                       f"found {g.name!r}, too like the group {seen_groups[key].name!r} (their print-offs would share "
                       f"a file name); give each group a clearly different name")
        seen_groups.setdefault(key, g)
    _check_font(pack, Path(root), errors)

    ids = [s.id for s in workshop.sections]
    chosen: dict[str, int] = {}
    lines = pack.minutes.lines
    for key, value in pack.minutes.items():
        line = lines.get(key, src.line_for("minutes"))
        if key not in ids:
            hint = did_you_mean(key, ids)
            errors.add(src.file, line, f"minutes.{key}", f"unknown section {key!r}{hint}; allowed: {', '.join(ids)}")
            continue
        s = workshop.section(key)
        if not s.minutes.min <= value <= s.minutes.max:
            errors.add(src.file, line, f"minutes.{key}",
                       f"found {value} minutes; {s.title} takes {s.minutes.min} to {s.minutes.max} minutes")
        chosen[key] = value
    for b in pack.breaks:
        if b.after not in ids:
            hint = did_you_mean(b.after, ids)
            errors.add(src.file, b.origin.line_for("after"), b.origin.field("after"),
                       f"found {b.after!r}{hint}; allowed: the id of a section: {', '.join(ids)}")
        elif b.after == ids[-1]:
            errors.add(src.file, b.origin.line_for("after"), b.origin.field("after"),
                       f"a break after {b.after!r}, the last section, is not part of the workshop; remove it")
    errors.raise_if_any()

    agenda = _agenda(pack, workshop, chosen)
    items = [Timed(i.title, MinuteRange(i.section.minutes.min if i.section else 0, i.minutes), i.line)
             for i in agenda]
    fit = check_fit(items, workshop.budget.session, f"The plan for {pack.place} (sections and breaks)", "Item",
                    planned=True)
    if fit:
        errors.add(src.file, src.line_for("minutes") if pack.minutes else src.line, "minutes", fit)
    if agenda[-1].end > 24 * 60:
        errors.add(src.file, src.line_for("start"), "start",
                   f"starting at {pack.start}, the workshop would end after midnight "
                   f"({format_clock(agenda[-1].end % (24 * 60))} the next day); start earlier")
    errors.raise_if_any()

    shared, allocation = allocate(workshop.matrix.principles, pack.groups, pack.self_assessment)
    return Plan(slug=slug, pack=pack, agenda=agenda, advice=advise(pack, workshop, agenda),
                allocation=allocation, shared=shared, print_list=print_list(pack, workshop))


def _agenda(pack: PackFile, workshop: Workshop, chosen: dict[str, int]) -> list[AgendaItem]:
    clock = pack.start.minutes
    lines = pack.minutes.lines
    out: list[AgendaItem] = []
    for s in workshop.sections:
        minutes = chosen.get(s.id, default_minutes(s))
        out.append(AgendaItem(clock, minutes, s.title, s, lines.get(s.id)))
        clock += minutes
        for b in pack.breaks:
            if b.after == s.id:
                out.append(AgendaItem(clock, b.minutes, b.title, None, b.origin.line_for("minutes")))
                clock += b.minutes
    return out


def allocate(principles: list[Principle], groups: list[Group], mode: str) -> tuple[bool, dict[str, list[Principle]]]:
    """Share the matrix's principles out across groups as evenly as possible.

    With ``mode == "whole"`` (or one group) every group looks at every
    principle. Otherwise groups take runs of principles in order, sizes
    differing by at most one; with more groups than principles, principles
    are dealt round so each group has one and some are looked at twice.
    """
    if mode == "whole" or len(groups) <= 1:
        return False, {g.name: list(principles) for g in groups}
    n, k = len(principles), len(groups)
    if k >= n:
        return True, {g.name: [principles[i % n]] for i, g in enumerate(groups)}
    out, start = {}, 0
    for i, g in enumerate(groups):
        size = n // k + (1 if i < n % k else 0)
        out[g.name] = principles[start:start + size]
        start += size
    return True, out


def print_list(pack: PackFile, workshop: Workshop) -> list[PrintItem]:
    counts = {
        "per-attendee": pack.attendees,
        "per-group": len(pack.groups),
        "per-facilitator": len(pack.facilitators),
        "for-the-room": 1,
    }
    used: dict[str, list[str]] = {h.id: [] for h in workshop.handouts.values() if h.in_place_packs}
    for s in workshop.sections:
        for h in s.handouts:
            used[h].append(s.title)
    return [PrintItem(workshop.handouts[h], counts[workshop.handouts[h].copies], titles or ["Setting up"])
            for h, titles in used.items()]


def advise(pack: PackFile, workshop: Workshop, agenda: list[AgendaItem]) -> list[Advice]:
    """Warnings where the plan may not work with the people coming. Never errors."""
    rules = workshop.advice
    out: list[Advice] = []
    groups, people, facs = len(pack.groups), pack.attendees, len(pack.facilitators)
    by_id = {i.section.id: i for i in agenda if i.section is not None}

    intro = by_id.get("introductions")
    if intro:
        r = rules.introductions
        needed = r.lead_minutes + math.ceil(people * r.seconds_per_person / 60)
        if needed > intro.minutes:
            out.append(Advice("introductions", (
                f"The introductions round needs about {needed} minutes: {r.lead_minutes} for the welcome and "
                f"{r.seconds_per_person} seconds for each of {people} people. You have {intro.minutes}. "
                f"Ask people to give just their name and role, answer the check-in question in their groups, "
                f"or collect answers in the chat."), r.source))

    r = rules.feedback
    for item in agenda:
        s = item.section
        if s is None or s.format != "break-out-then-whole-group":
            continue
        feedback = groups * r.minutes_per_group
        left = item.minutes - feedback
        least = math.ceil(item.minutes * r.least_group_work_percent / 100)
        if left < least:
            out.append(Advice("feedback", (
                f"{s.title}: with {groups} groups feeding back for about {r.minutes_per_group} minutes each "
                f"({feedback} minutes), only {max(left, 0)} of its {item.minutes} minutes are left for group "
                f"work; aim for at least {least}. Ask each group for just one or two points, "
                f"or have fewer, larger groups."), r.source))

    if facs < groups:
        out.append(Advice("facilitators", (
            f"There are {facs} facilitator{'s' if facs != 1 else ''} for {groups} groups. Ask the facilitators to "
            f"move round the groups, checking people understand the task and keep to time, or find "
            f"{groups - facs} more."), rules.facilitators.source))

    limit = rules.room_size.virtual if pack.format == "virtual" else rules.room_size.in_person
    if people > limit:
        where = "online" if pack.format == "virtual" else "in one room"
        out.append(Advice("room-size", (
            f"{people} people are expected; above about {limit} {where} it is hard for everyone to take part. "
            f"Consider two sessions, or more groups and facilitators."), rules.room_size.source))

    per_group = math.ceil(people / groups) if groups else people
    if per_group > rules.group_size.most_people:
        out.append(Advice("group-size", (
            f"With {people} people in {groups} groups, a group has up to {per_group} people. Aim for "
            f"{rules.group_size.most_people} or fewer: add groups if you have the facilitators."),
            rules.group_size.source))

    if pack.format == "virtual":
        longest, run = 0, 0
        for item in agenda:
            run = run + item.minutes if item.section is not None else 0
            longest = max(longest, run)
        most = rules.screen_breaks.most_minutes_online
        if longest > most:
            out.append(Advice("screen-breaks", (
                f"Online, the longest stretch without a break is {longest} minutes. Add a screen break so "
                f"that no stretch is longer than about {most} minutes."), rules.screen_breaks.source))
        if not pack.technical_host:
            out.append(Advice("technical-host", (
                "No technical host is named. Online, ask someone other than the facilitator to run the "
                "break-out rooms, the chat and any technical problems (set 'technical_host:')."),
                rules.technical_host.source))

    most = sum(s.minutes.max for s in workshop.sections) + sum(b.minutes for b in pack.breaks)
    budget = workshop.budget.session.max
    if most > budget:
        end = pack.start.minutes + most
        finish = format_clock(end % (24 * 60)) + (" the next day" if end >= 24 * 60 else "")
        out.append(Advice("maximum-timings", (
            f"If every section runs to its longest, the day takes {most} minutes with breaks and ends at "
            f"{finish}: {most - budget} minutes over the {duration(budget)} the workshop should take. Keep the "
            f"breaks short or hold sections near their planned times."), rules.maximum_timings.source))
    return out


def load_packs(root: Path, workshop: Workshop, only: list[str] | None = None) -> list[Plan]:
    """Load every pack (or those named in ``only``); raise SourceErrors for all problems together."""
    plans, problems = [], []
    known = {p.stem for p in pack_files(root)}
    for name in only or []:
        if name not in known:
            hint = did_you_mean(name, sorted(known))
            problems.append(SourceError("IWE_PACKS", None, None,
                                        f"no pack called {name!r}{hint}; allowed: {', '.join(sorted(known))}"))
    for path in pack_files(root):
        if only and path.stem not in only:
            continue
        try:
            plans.append(load_pack(path, workshop, root))
        except SourceErrors as exc:
            problems.extend(exc.errors)
    if problems:
        raise SourceErrors(problems)
    return plans


__all__ = ["ClockTime", "PackDate", "PackFile", "Plan", "allocate", "load_pack", "load_packs", "slugify"]
