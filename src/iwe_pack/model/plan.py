"""A place's plan for its day: the agenda with clock times, the matrix shared out, the print list.

Pure: made from a checked pack file (``packs/<slug>.yml``) and the workshop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..sources.schema import Group, Handout, PackFile, Principle, Section, format_clock, group_slug, slugify
from .workshop import Workshop


def duration(minutes: int) -> str:
    """3 hours, 2 hours 30 minutes, 45 minutes."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return " ".join(parts) or "0 minutes"


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
    source: Path  # the pack file
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


def default_minutes(section: Section) -> int:
    """A sensible point in a section's range: the middle, rounded down to 5 minutes."""
    r = section.minutes
    middle = (r.min + r.max) // 2
    return max(r.min, middle - middle % 5)


def build_agenda(pack: PackFile, workshop: Workshop, chosen: dict[str, int]) -> list[AgendaItem]:
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
