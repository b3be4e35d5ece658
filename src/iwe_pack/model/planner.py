"""The planner: one consistent plan for the people coming, or one coherent change that makes it fit.

A :class:`Setup` is what a place chose (people, groups, format, self-assessment
mode, minutes, breaks, a technical host). :func:`evaluate` works out the day
from the sections' steps and the rules in ``content/advice.yml``: how the
introductions run, each step's minutes, and the problems (a group section too
short for its groups, groups too big, a room too full, too little time a
principle, a long stretch on screen, no technical host online).
:func:`recommend` then searches the few choices a place can change, smallest
change first, for a setup with no problems, and describes that change in one
sentence. Because the change is checked by :func:`evaluate` itself, applying
it always gives a plan with no problems.

Breaks count inside the 2 to 3 hours: the brief's "2–3 hours in its entirety".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

from ..sources.schema import Section
from .steps import PlannedStep, Shape, least_minutes, needed, plan_section, steps_for, timing_for
from .workshop import Workshop

SelfAssessment = Literal["share", "whole"]
SCREEN_BREAK = 5  # minutes of a screen break the planner adds online

# The planner's words, one template each: the Python engine fills them here, and the site's "Plan your day"
# page fills the same templates in the browser (exported by views/planner_data.py), so the two cannot differ.
WORDS = {
    "room-size": "{people} people are more than about {limit} {where}, where it is hard for everyone to take part.",
    "venue-size": "{people} people are more than the venue holds ({limit}, the pack's capacity).",
    "venue-source": "The pack's capacity: how many people the venue holds.",
    "online": "online",
    "in-one-room": "in one room",
    "group-size": "With {people} people in {groups}, a group has up to {size} people; more than {most} and some do "
                  "not get to speak.",
    "section-short": "{title} needs at least {need} minutes for {people} ({parts}); it has {minutes}.",
    "section-too-long": "With {people}, {title} would take {need} minutes ({parts}), but it can take at most {max}.",
    "section-source": "The minutes of each step: content/sections/{id}.yml.",
    "principle-time": "In the self-assessment each group scores {share} in {minutes} minutes: under {least} minutes "
                      "a principle, too little to read and agree a level.",
    "technical-host": "No technical host is named: online, someone other than the facilitator runs the break-out "
                      "rooms, the chat and any technical problems.",
    "screen-breaks": "The longest stretch on screen without a break is {longest} minutes, more than about {most}.",
    "budget": "The day takes {total} minutes with its breaks; it must take {min} to {max}.",
    "budget-source": "Workshop brief (2 to 3 hours in all).",
    "run-times": "run the workshop {times}, for about {people} people each",
    "use-groups": "use {groups} of about {size}",
    "mode-share": "share the matrix's principles out between the groups",
    "mode-whole": "let every group score every principle",
    "name-host": "name a technical host",
    "keep-plan": "keep the plan as it is",
    "does-not-fit": "No change to groups, minutes or breaks fits this many people in one workshop.",
    "not-fit-yet": "This plan does not fit yet",
    "cut-to-fit": "{title} has {minutes} minutes, less than its steps need, so they are cut to fit: {parts}.",
    "cut-step": "{step} has {minutes} of the {least} minutes it needs",
    "setting-up": "Setting up",
    "break": "Break",
    "screen-break": "Screen break",
    "to-be-named": "To be named",
}


@dataclass(frozen=True)
class Setup:
    attendees: int
    groups: int
    facilitators: int
    format: str
    self_assessment: SelfAssessment  # share or whole
    minutes: tuple[tuple[str, int], ...]  # (section id, minutes) in running order
    breaks: tuple[tuple[str, int], ...]  # (after section id, minutes)
    technical_host: bool
    start: int = 9 * 60
    workshops: int = 1  # how many workshops the people coming are shared between
    capacity: int | None = None  # in person: how many people the venue holds, if the pack says

    def room_limit(self, rules) -> int:
        """The most people one workshop can have: content/advice.yml's limit for the format, or the venue's
        capacity where it holds fewer."""
        limit = rules.room_size.virtual if self.format == "virtual" else rules.room_size.in_person
        return min(limit, self.capacity) if self.capacity and self.format != "virtual" else limit

    def minutes_for(self, section_id: str) -> int:
        return dict(self.minutes)[section_id]

    @property
    def total(self) -> int:
        return sum(m for _, m in self.minutes) + sum(m for _, m in self.breaks)


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str
    source: str


@dataclass(frozen=True)
class Evaluation:
    setup: Setup
    shape: Shape
    steps: dict[str, list[PlannedStep]]
    problems: list[Problem]


@dataclass(frozen=True)
class Recommendation:
    before: Setup
    after: Setup
    message: str
    changes: dict = field(default_factory=dict)  # field -> new value, for a person or a program to apply


# --- working out a day ---------------------------------------------------------------------------------


def principles_per_group(workshop: Workshop, groups: int, mode: str) -> int:
    n = len(workshop.matrix.principles)
    return n if mode == "whole" or groups <= 1 else math.ceil(n / groups)


def introductions_for(setup: Setup, workshop: Workshop) -> str:
    """Whole room if the round fits the introductions' minutes, else a check-in in groups."""
    section = _section(workshop, "introductions")
    if section is None or not section.steps:
        return "whole-room"
    whole = _shape(setup, "whole-room")
    if needed(section, whole) <= setup.minutes_for(section.id) or setup.groups < 2:
        return "whole-room"
    return "in-groups"


def evaluate(setup: Setup, workshop: Workshop) -> Evaluation:
    rules = workshop.advice
    shape = _shape(setup, introductions_for(setup, workshop))
    steps: dict[str, list[PlannedStep]] = {}
    problems: list[Problem] = []
    people = setup.attendees

    limit = setup.room_limit(rules)
    if people > limit and limit == setup.capacity and setup.format != "virtual":
        problems.append(Problem("room-size", WORDS["venue-size"].format(people=people, limit=limit),
                                WORDS["venue-source"]))
    elif people > limit:
        where = WORDS["online"] if setup.format == "virtual" else WORDS["in-one-room"]
        problems.append(Problem("room-size", WORDS["room-size"].format(people=people, limit=limit, where=where),
                                rules.room_size.source))
    most = rules.group_size.most_people
    if shape.group_size > most:
        problems.append(Problem("group-size", WORDS["group-size"].format(
            people=people, groups=_n(setup.groups, "group"), size=shape.group_size, most=most), rules.group_size.source))
    for section in workshop.sections:
        minutes = setup.minutes_for(section.id)
        planned = plan_section(section, minutes, shape)
        steps[section.id] = planned
        need = needed(section, shape)
        if need > minutes:
            parts = ", ".join(f"{p.title.lower()} {p.least}" for p in planned)
            if need <= section.minutes.max:
                text = WORDS["section-short"].format(title=section.title, need=need, people=_people(setup), parts=parts,
                                                      minutes=minutes)
            else:
                text = WORDS["section-too-long"].format(people=_people(setup), title=section.title.lower(), need=need,
                                                         parts=parts, max=section.minutes.max)
            problems.append(Problem("section-time", text, WORDS["section-source"].format(id=section.id)))
    sa = _section(workshop, "self-assessment")
    if sa is not None and sa.steps:
        work = _group_work(steps.get(sa.id, []))
        share = principles_per_group(workshop, setup.groups, setup.self_assessment)
        least = rules.self_assessment.least_minutes_per_principle
        # a section too short for its steps is its own problem: this one is about the time the plan allows
        allowed = max(work.minutes, work.least) if work is not None else 0
        if work is not None and share and allowed < least * share:
            problems.append(Problem("principle-time", WORDS["principle-time"].format(
                share=_n(share, "principle"), minutes=allowed, least=least), rules.self_assessment.source))
    if setup.format == "virtual":
        if not setup.technical_host:
            problems.append(Problem("technical-host", WORDS["technical-host"], rules.technical_host.source))
        longest = _longest_stretch(setup, workshop)
        if longest > rules.screen_breaks.most_minutes_online:
            problems.append(Problem("screen-breaks", WORDS["screen-breaks"].format(
                longest=longest, most=rules.screen_breaks.most_minutes_online), rules.screen_breaks.source))
    budget = workshop.budget.session
    if not budget.min <= setup.total <= budget.max:
        problems.append(Problem("budget", WORDS["budget"].format(total=setup.total, min=budget.min, max=budget.max),
                                WORDS["budget-source"]))
    return Evaluation(setup, shape, steps, problems)


def _shape(setup: Setup, introductions: str) -> Shape:
    return Shape(setup.attendees, setup.groups, setup.format, introductions, setup.self_assessment)


def _section(workshop: Workshop, section_id: str) -> Section | None:
    return next((s for s in workshop.sections if s.id == section_id), None)


def _group_work(planned: list[PlannedStep]) -> PlannedStep | None:
    return next((p for p in planned if p.timing.rest is not None), None)


def _longest_stretch(setup: Setup, workshop: Workshop) -> int:
    longest = run = 0
    breaks = dict(setup.breaks)
    for section in workshop.sections:
        run += setup.minutes_for(section.id)
        longest = max(longest, run)
        if section.id in breaks:
            run = 0
    return longest


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _people(setup: Setup) -> str:
    return f"{setup.attendees} people in {_n(setup.groups, 'group')}"


# --- one change that makes it fit ---------------------------------------------------------------------


def recommend(setup: Setup, workshop: Workshop) -> Recommendation | None:
    """None if the setup has no problems; else the smallest coherent change after which it has none."""
    if not evaluate(setup, workshop).problems:
        return None
    for candidate in _candidates(setup, workshop):
        if not evaluate(candidate, workshop).problems:
            return Recommendation(setup, candidate, describe(setup, candidate, workshop), _changes(setup, candidate))
    return None


def auto_minutes(setup: Setup, workshop: Workshop, chosen: set[str]) -> Setup:
    """The setup with each section the place did not choose minutes for given what its steps need for these
    people (rounded up to 5 minutes, inside the section's range); chosen sections keep their minutes."""
    shape = _shape(setup, "whole-room")
    minutes = dict(setup.minutes)
    for section in workshop.sections:
        if section.id in chosen or not section.steps:
            continue
        need = needed(section, shape)
        if section.id == "introductions" and need > section.minutes.max and setup.groups >= 2:
            need = needed(section, replace(shape, introductions="in-groups"))
        if section.id == "self-assessment":
            need = max(need, _self_assessment_need(section, shape, setup, workshop))
        if need > minutes[section.id]:
            minutes[section.id] = min(section.minutes.max, math.ceil(need / 5) * 5)
    fitted = replace(setup, minutes=tuple((s.id, minutes[s.id]) for s in workshop.sections))
    over = fitted.total - workshop.budget.session.max
    for section in reversed(workshop.sections):  # keep inside the budget: give back what was added, last first
        if over <= 0:
            break
        take = min(over, minutes[section.id] - dict(setup.minutes)[section.id])
        minutes[section.id] -= take
        over -= take
    return replace(setup, minutes=tuple((s.id, minutes[s.id]) for s in workshop.sections))


def _self_assessment_need(section: Section, shape: Shape, setup: Setup, workshop: Workshop) -> int:
    share = principles_per_group(workshop, setup.groups, setup.self_assessment)
    chosen = steps_for(section, shape)
    work = next((s for s in chosen if timing_for(s, shape).rest is not None), None)
    if work is None:
        return 0
    others = sum(least_minutes(s, shape) for s in chosen if s is not work)
    return others + max(timing_for(work, shape).rest or 0, workshop.advice.self_assessment.least_minutes_per_principle * share)


def most_groups(rules) -> int:
    """The most groups the planner proposes: enough for the biggest room it runs (content/advice.yml), in groups
    of the most people a group can have."""
    return math.ceil(max(rules.room_size.in_person, rules.room_size.virtual) / rules.group_size.most_people)


def _candidates(setup: Setup, workshop: Workshop):
    rules = workshop.advice
    first = max(1, math.ceil(setup.attendees / setup.room_limit(rules)))
    modes: list[SelfAssessment] = [setup.self_assessment] + [m for m in ("share", "whole")
                                                              if m != setup.self_assessment]
    for workshops in range(first, first + 3):
        people = math.ceil(setup.attendees / workshops)
        fewest = max(1, math.ceil(people / rules.group_size.most_people))
        sizes = sorted(range(fewest, min(people, most_groups(rules)) + 1), key=lambda g: (abs(g - setup.groups), g))
        for mode in modes:
            for groups in sizes:
                base = replace(setup, attendees=people, workshops=workshops, groups=groups, self_assessment=mode,
                               technical_host=setup.technical_host or setup.format == "virtual")
                fitted = _fit_minutes(base, workshop)
                if fitted is not None:
                    yield fitted


def _fit_minutes(setup: Setup, workshop: Workshop) -> Setup | None:
    """The setup with each section at least what its steps need, breaks for screens online, inside the budget."""
    shape = _shape(setup, introductions_for(setup, workshop))
    rules = workshop.advice
    minutes = dict(setup.minutes)
    floor: dict[str, int] = {}
    for section in workshop.sections:
        intro_shape = shape
        if section.id == "introductions" and setup.groups >= 2 and needed(section, shape) > section.minutes.max:
            intro_shape = replace(shape, introductions="in-groups")
        need = max(section.minutes.min, needed(section, intro_shape))
        if section.id == "self-assessment" and section.steps:
            need = max(need, _self_assessment_need(section, intro_shape, setup, workshop))
        if need > section.minutes.max:
            return None
        floor[section.id] = need
        if minutes[section.id] < need:  # raise it to what it needs, rounded up to 5 minutes where there is room
            minutes[section.id] = min(section.minutes.max, math.ceil(need / 5) * 5)
    breaks = list(setup.breaks)
    if setup.format == "virtual":
        with_screen_breaks = _screen_breaks(workshop, minutes, breaks, rules.screen_breaks.most_minutes_online)
        if with_screen_breaks is None:
            return None
        breaks = with_screen_breaks
    budget = workshop.budget.session
    over = sum(minutes.values()) + sum(m for _, m in breaks) - budget.max
    for section in sorted(workshop.sections, key=lambda s: -(minutes[s.id] - floor[s.id])):
        if over <= 0:
            break
        take = min(over, minutes[section.id] - floor[section.id])
        minutes[section.id] -= take
        over -= take
    if over > 0:  # shorten breaks, longest first, but keep a screen break online
        least_break = SCREEN_BREAK if setup.format == "virtual" else 0
        for i, (after, length) in sorted(enumerate(breaks), key=lambda x: -x[1][1]):
            take = min(over, length - least_break)
            breaks[i] = (after, length - take)
            over -= take
        breaks = [b for b in breaks if b[1] > 0]
    if over > 0:
        return None
    short = budget.min - (sum(minutes.values()) + sum(m for _, m in breaks))
    for section in workshop.sections:  # too short a day: give group sections their longest
        if short <= 0:
            break
        give = min(short, section.minutes.max - minutes[section.id])
        minutes[section.id] += give
        short -= give
    order = tuple((s.id, minutes[s.id]) for s in workshop.sections)
    return replace(setup, minutes=order, breaks=tuple(breaks))


def _screen_breaks(workshop: Workshop, minutes: dict[str, int], breaks: list, most: int) -> list | None:
    """Add a short screen break wherever a stretch online would pass ``most`` minutes (before the section
    that would pass it)."""
    have = dict(breaks)
    out = list(breaks)
    run = 0
    ids = [s.id for s in workshop.sections]
    for i, sid in enumerate(ids):
        if run + minutes[sid] > most and i > 0 and ids[i - 1] not in have:
            out.append((ids[i - 1], SCREEN_BREAK))
            have[ids[i - 1]] = SCREEN_BREAK
            run = 0
        run += minutes[sid]
        if run > most:
            return None
        if sid in have:
            run = 0
    order = {sid: i for i, sid in enumerate(ids)}
    return sorted(out, key=lambda b: order[b[0]])


def _changes(before: Setup, after: Setup) -> dict:
    out = {}
    for name in ("attendees", "workshops", "groups", "self_assessment", "technical_host"):
        if getattr(before, name) != getattr(after, name):
            out[name] = getattr(after, name)
    if before.minutes != after.minutes:
        out["minutes"] = {sid: m for (sid, m), (_, was) in zip(after.minutes, before.minutes) if m != was}
    if before.breaks != after.breaks:
        out["breaks"] = [list(b) for b in after.breaks]
    return out


def describe(before: Setup, after: Setup, workshop: Workshop) -> str:
    """The change in one sentence a convener can act on."""
    parts = []
    if after.workshops > 1:
        parts.append(WORDS["run-times"].format(times=_times(after.workshops), people=after.attendees))
    if after.groups != before.groups:
        parts.append(WORDS["use-groups"].format(groups=_n(after.groups, "group"),
                                                  size=math.ceil(after.attendees / after.groups)))
    if after.self_assessment != before.self_assessment:
        parts.append(WORDS["mode-share"] if after.self_assessment == "share" else WORDS["mode-whole"])
    titles = {s.id: s.title for s in workshop.sections}
    changed = [(sid, m) for (sid, m), (_, was) in zip(after.minutes, before.minutes) if m != was]
    if changed:
        parts.append("plan " + join_words([f"{m} minutes for {titles[sid].lower()}" for sid, m in changed]))
    if after.breaks != before.breaks:
        labels = [f"{m} minutes after {titles[a].lower()}" for a, m in after.breaks]
        parts.append("have breaks of " + join_words(labels) if labels else "drop the breaks")
    if after.technical_host and not before.technical_host:
        parts.append(WORDS["name-host"])
    text = join_words(parts) or WORDS["keep-plan"]
    return text[0].upper() + text[1:] + "."


def _times(n: int) -> str:
    return {2: "twice", 3: "three times"}.get(n, f"{n} times")


def join_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
