"""A place's plan for its day: the agenda with clock times, the matrix shared out, the print list.

Pure: made from a checked pack file (``packs/<slug>.yml``) and the workshop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..sources.matrix_schema import Principle
from ..sources.packs import Break, Group, PackFile, format_clock
from ..sources.schema import Handout, Section
from ..sources.typed_yaml import LineDict
from .advice import Advice, advise
from .feedback import Feedback, feedback
from .planner import WORDS, Evaluation, Recommendation, Setup, join_words
from .record import Record
from .steps import PlannedStep, QuickerWay, Shape, quicker_ways
from .workshop import Workshop


def duration(minutes: int) -> str:
    """3 hours, 2 hours 30 minutes, 45 minutes."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return " ".join(parts) or "0 minutes"


class _OnTheClock:
    """Something that starts at ``start`` (minutes since midnight) and takes ``minutes``."""

    start: int
    minutes: int

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
class TimedStep(_OnTheClock):
    """A step of a section on the day: its clock time and minutes, what to do and say, what it uses."""

    start: int  # minutes since midnight
    planned: PlannedStep
    link: bool = False  # the place has an evaluation link (its form's address: see Plan.feedback)

    @property
    def minutes(self) -> int:  # type: ignore[override]  # _OnTheClock's minutes, read from the planned step
        return self.planned.minutes

    @property
    def title(self) -> str:
        return self.planned.title

    @property
    def do(self) -> str:
        if self.link and self.planned.link_do:
            return f"{self.planned.link_do} {self.planned.do}"
        return self.planned.do

    @property
    def say(self) -> str | None:
        return self.planned.say

    @property
    def handouts(self) -> tuple[str, ...]:
        return self.planned.handouts


@dataclass(frozen=True)
class AgendaItem(_OnTheClock):
    start: int  # minutes since midnight
    minutes: int
    title: str
    section: Optional[Section] = None
    line: Optional[int] = field(default=None, compare=False)  # where its minutes are set in the pack
    steps: tuple[TimedStep, ...] = ()
    ways: tuple[QuickerWay, ...] = ()  # steps that can run a quicker way, when the day runs late

    @property
    def least(self) -> int:
        """The fewest minutes this item can be cut to on the day: a section's own minimum, and never less than its
        steps need for these people; a break is not cut. Run mode's "get back on time" cuts down to it first."""
        if self.section is None:
            return self.minutes
        return min(self.minutes, max(self.section.minutes.min, sum(s.planned.least for s in self.steps)))

    @property
    def shortest(self) -> int:
        """The fewest minutes with its steps run their quicker ways (``ways``), never below the section's minimum:
        what run mode cuts down to when cutting to ``least`` everywhere is not enough."""
        if self.section is None:
            return self.minutes
        quicker = {w.index: w.least for w in self.ways}
        need = sum(quicker.get(k, s.planned.least) for k, s in enumerate(self.steps))
        return min(self.least, max(self.section.minutes.min, need))


# A handout whose layout mixes a part for each copy and a reference part is two print-offs: the reference part
# goes once to each facilitator. {layout: ((part, copies rule, title after the handout's), ...)}; the first part
# keeps the handout's own copies rule and file name.
PARTS = {"matrix": (("", None, ""), ("reference", "per-facilitator", ": reference pages"))}
# Printed on both sides: what people read and keep. Forms to write on, cards to cut and signs are one-sided.
DOUBLE_SIDED_LAYOUTS = ("text", "agenda", "off-plan")


@dataclass(frozen=True)
class PrintItem:
    handout: Handout
    copies: int
    sections: list[str]
    sheets: int = 0  # sheets of paper, from each file's pages (before the PDFs are counted: one page a file)
    send: bool = False  # online: sent as a PDF before the day, for people to print or open themselves
    part: str = ""  # "" for the handout itself, or a part of it printed apart (PARTS: "reference")
    files: tuple[tuple[str, int], ...] = ()  # each file a set prints, with its copies: (who it is for, copies);
    # "" for the one file of most print-offs, a group's name for a scoring sheet made for each group
    pages: tuple[int, ...] = ()  # each file's pages, once the PDFs are counted (empty until then)

    @property
    def name(self) -> str:
        """The print-off's file name after the place: the handout's id, and its part."""
        return f"{self.handout.id}-{self.part}" if self.part else self.handout.id

    @property
    def title(self) -> str:
        return self.handout.title + next((t for p, _, t in PARTS.get(self.handout.layout, ()) if p == self.part), "")

    @property
    def paper(self) -> str:
        """A4 or A3: what the print room loads."""
        return self.handout.paper.split()[0]

    @property
    def double_sided(self) -> bool:
        return self.handout.layout in DOUBLE_SIDED_LAYOUTS or bool(self.part)

    @property
    def sides(self) -> str:
        return "double-sided" if self.double_sided else "single-sided"

    @property
    def cut(self) -> bool:
        return self.handout.per_sheet > 1

    @property
    def counted(self) -> bool:
        return bool(self.pages)

    def sheets_of(self, pages: int) -> int:
        """Sheets for one copy of a file of ``pages`` pages."""
        return math.ceil(pages / 2) if self.double_sided else pages

    @property
    def prints(self) -> tuple[int, ...]:
        """How many times each file is printed: cards several to a sheet are printed once a sheet."""
        return tuple(math.ceil(n / self.handout.per_sheet) for _, n in self.files)


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
    evaluation: Evaluation | None = None  # the day worked out for the people coming
    recommendation: Recommendation | None = None  # the one change that makes it fit, if it does not
    record: Record | None = None  # what the place agreed on the day (packs/records/<slug>.yml), once written
    feedback: Feedback = Feedback(None, None)  # where the evaluation answers go (see with_site_url)

    @property
    def introductions(self) -> str:
        """whole-room or in-groups: how the introductions round runs for this many people."""
        return self.evaluation.shape.introductions if self.evaluation else "whole-room"

    @property
    def fits(self) -> bool:
        return not (self.evaluation and self.evaluation.problems)

    @property
    def cuts(self) -> list[str]:
        """What was cut to fit, a sentence a section: empty when every step has the minutes it needs."""
        return cuts(self.agenda)

    @property
    def hosts(self) -> list[str]:
        """The groups that need a table host (see :func:`host_groups`)."""
        return host_groups(self.pack)

    @property
    def variants(self) -> list[TimedStep]:
        """The steps run another way for these people (a gallery walk, one new point each), in the order of the day."""
        return [s for i in self.agenda for s in i.steps if s.planned.variant is not None]

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


def host_groups(pack: PackFile) -> list[str]:
    """The groups that need a table host, someone taking part who keeps the group to its task: the groups with no
    facilitator named, after each facilitator not named for a group has taken one of them (the first ones)."""
    named = {g.facilitator for g in pack.groups if g.facilitator}
    free = [f for f in pack.facilitators if f not in named]
    unled = [g.name for g in pack.groups if not g.facilitator]
    return unled[len(free):]


def default_minutes(section: Section) -> int:
    """A sensible point in a section's range: the middle, rounded down to 5 minutes."""
    r = section.minutes
    middle = (r.min + r.max) // 2
    return max(r.min, middle - middle % 5)


def cuts(agenda: list[AgendaItem]) -> list[str]:
    """For each section too short for its steps, which steps were cut to fit it and by how much."""
    out = []
    for item in agenda:
        short = [s for s in item.steps if s.planned.short]
        if short:
            parts = join_words([WORDS["cut-step"].format(step=s.title.lower(), minutes=s.minutes, least=s.planned.least)
                           for s in short])
            out.append(WORDS["cut-to-fit"].format(title=item.title, minutes=item.minutes, parts=parts))
    return out


def build_agenda(pack: PackFile, workshop: Workshop, chosen: dict[str, int],
                 steps: dict[str, list[PlannedStep]] | None = None, link: bool = False,
                 shape: Shape | None = None) -> list[AgendaItem]:
    clock = pack.start.minutes
    lines = pack.minutes.lines if isinstance(pack.minutes, LineDict) else {}  # where each is set, once read
    out: list[AgendaItem] = []
    for s in workshop.sections:
        minutes = chosen.get(s.id, default_minutes(s))
        timed, at = [], clock
        for planned in (steps or {}).get(s.id, []):
            timed.append(TimedStep(at, planned, link))
            at += planned.minutes
        ways = tuple(quicker_ways((steps or {}).get(s.id, []), shape)) if shape else ()
        out.append(AgendaItem(clock, minutes, s.title, s, lines.get(s.id), tuple(timed), ways))
        clock += minutes
        for b in pack.breaks:
            if b.after == s.id:
                out.append(AgendaItem(clock, b.minutes, b.title, None, b.origin.line_for("minutes") if b.origin else None))
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


def make_plan(pack: PackFile, workshop: Workshop, slug: str, source: Path | None = None) -> Plan:
    """The day for a checked pack: the agenda with each step's clock time, the advice, the matrix shared out
    and the print list. Pure: the same pack always gives the same plan."""
    from .planner import auto_minutes, evaluate, recommend

    chosen = {sid: m for sid, m in pack.minutes.items() if any(s.id == sid for s in workshop.sections)}
    setup = auto_minutes(setup_of(pack, workshop, chosen), workshop, set(chosen))
    evaluation = evaluate(setup, workshop)
    recommendation = recommend(setup, workshop) if evaluation.problems else None
    where = feedback(pack, slug)
    agenda = build_agenda(pack, workshop, dict(setup.minutes), evaluation.steps, link=bool(where.link),
                          shape=evaluation.shape)
    shared, allocation = allocate(workshop.matrix.principles, pack.groups, pack.self_assessment)
    return Plan(slug=slug, source=source or Path(f"{slug}.yml"), pack=pack, agenda=agenda,
                advice=advise(evaluation, recommendation), allocation=allocation, shared=shared,
                print_list=print_list(pack, workshop, evaluation.steps), evaluation=evaluation,
                recommendation=recommendation, feedback=where)


def with_site_url(plan: Plan, site_url: str) -> Plan:
    """The plan for a site published at ``site_url``: its evaluation form's address is the site's page for it,
    unless the pack names its own ``evaluation_link``."""
    where = feedback(plan.pack, plan.slug, site_url)
    link = bool(where.link)  # the steps' words for a place with an evaluation link, or without one
    agenda = [replace(i, steps=tuple(replace(s, link=link) for s in i.steps)) for i in plan.agenda]
    return replace(plan, feedback=where, agenda=agenda)


def apply(pack: PackFile, recommendation: Recommendation) -> PackFile:
    """The pack with a recommendation's change made: what a convener would write into the pack file.

    New groups are called "Group 3" and so on; groups beyond the new number are left out. More
    workshops than one means this pack is for one of them (the people coming are shared out).
    """
    after = recommendation.after
    groups = list(pack.groups[:after.groups])
    for n in range(len(groups) + 1, after.groups + 1):
        groups.append(Group(name=f"Group {n}"))
    minutes = LineDict(dict(after.minutes))
    breaks = [Break(after=a, minutes=m, title=WORDS["screen-break"] if pack.format == "virtual" else WORDS["break"])
              for a, m in after.breaks]
    host = pack.technical_host or (WORDS["to-be-named"] if after.technical_host else None)
    return replace(pack, attendees=after.attendees, groups=groups, self_assessment=after.self_assessment,
                   minutes=minutes, breaks=breaks, technical_host=host)


def setup_of(pack: PackFile, workshop: Workshop, chosen: dict[str, int]) -> Setup:
    """What the planner needs from a pack."""
    return Setup(attendees=pack.attendees, groups=len(pack.groups), facilitators=len(pack.facilitators),
                 format=pack.format, self_assessment=pack.self_assessment,
                 minutes=tuple((s.id, chosen.get(s.id, default_minutes(s))) for s in workshop.sections),
                 breaks=tuple((b.after, b.minutes) for b in pack.breaks),
                 technical_host=bool(pack.technical_host), start=pack.start.minutes, capacity=pack.capacity)


def print_list(pack: PackFile, workshop: Workshop, steps: dict[str, list[PlannedStep]] | None = None
               ) -> list[PrintItem]:
    """What to print for the day: each handout a step of this plan uses (and the sheets for setting up).

    Online, only what someone prints for themselves: handouts people use at home are sent as PDFs
    before the day, and sheets for a room are left out.
    """
    counts = {
        "per-attendee": pack.attendees,
        "per-group": len(pack.groups),
        "per-facilitator": len(pack.facilitators),
        "per-table-host": len(host_groups(pack)),
        "for-the-room": 1,
    }
    online = pack.format == "virtual"
    shared, _ = allocate(workshop.matrix.principles, pack.groups, pack.self_assessment)
    used: dict[str, list[str]] = {}
    for h in workshop.handouts.values():  # sheets for setting up the day: no step hands them out
        if h.in_place_packs and h.setting_up and not (online and h.online == "not-used"):
            used[h.id] = [WORDS["setting-up"]]
    for s in workshop.sections:
        names = [h for p in (steps or {}).get(s.id, []) for h in p.handouts] if steps else list(s.handouts)
        for hid in names:
            if hid in workshop.handouts and workshop.handouts[hid].in_place_packs:
                used.setdefault(hid, [])
                if s.title not in used[hid]:
                    used[hid].append(s.title)
    out = []
    for hid, titles in used.items():
        h = workshop.handouts[hid]
        if online and h.online == "not-used":
            continue
        send = online and h.online == "send-as-pdf"
        copies = counts["per-facilitator"] if online and h.online == "facilitator" else counts[h.copies]
        if not copies:  # nobody to print it for (no table hosts)
            continue
        for part, rule, _ in PARTS.get(h.layout, (("", None, ""),)):
            n = counts[rule] if rule else copies
            if h.layout == "scoring" and shared and not send:  # a sheet for each group, of its own principles
                files, n = tuple((g.name, 1) for g in pack.groups), len(pack.groups)
            else:
                files = (("", n),)
            out.append(counted(PrintItem(h, n, titles, 0, send, part, files)))
    return out


def generic_print_list(workshop: Workshop) -> list[PrintItem]:
    """The blank pack's print list: one copy of each print-off the day uses, in the order of the day (masters to
    copy), and the sheets for setting up."""
    used: dict[str, list[str]] = {}
    for h in workshop.handouts.values():
        if h.in_place_packs and h.setting_up:
            used[h.id] = [WORDS["setting-up"]]
    for s in workshop.sections:
        for hid in s.handouts:
            if hid in workshop.handouts and workshop.handouts[hid].in_place_packs:
                used.setdefault(hid, [])
                if s.title not in used[hid]:
                    used[hid].append(s.title)
    return [counted(PrintItem(workshop.handouts[hid], 1, titles, 0, False, part, (("", 1),)))
            for hid, titles in used.items() for part, _, _ in PARTS.get(workshop.handouts[hid].layout, (("", None, ""),))]


def counted(item: PrintItem, pages: tuple[int, ...] | None = None) -> PrintItem:
    """The item with its sheets worked out from each file's pages (``pages``, counted from the PDFs; without
    them, one page a file): copies several to a sheet by the sheet, single- or double-sided."""
    known = tuple(pages) if pages else ()
    each = known or (1,) * len(item.files)
    if item.send:
        return replace(item, pages=known, sheets=0)
    sheets = sum(item.sheets_of(p) * n for p, n in zip(each, item.prints))
    return replace(item, pages=known, sheets=sheets)


def with_pages(plan_list: list[PrintItem], pages: dict[tuple[str, str], int]) -> list[PrintItem]:
    """The print list with each file's real pages: ``pages`` is {(print-off name, who the file is for): pages}.
    An item whose files are not all counted keeps its estimate."""
    out = []
    for item in plan_list:
        found = [pages.get((item.name, who)) for who, _ in item.files]
        known = tuple(n for n in found if n)
        out.append(counted(item, known) if known and len(known) == len(found) else item)
    return out
