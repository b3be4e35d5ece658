"""A section's steps worked out for the people coming: which steps, how many minutes each, and what to do.

Pure: from a section's steps (``content/sections/<id>.yml``) and the shape of
the day (:class:`Shape`: people, groups, format and the choices the planner
made), :func:`plan_section` gives each step its minutes, or says by how much
the section is too short.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..sources.schema import Section
from ..sources.steps_schema import Step, StepMinutes, StepVariant


@dataclass(frozen=True)
class Shape:
    """What the steps of a day depend on."""

    attendees: int
    groups: int
    format: str  # in-person or virtual
    introductions: str  # whole-room or in-groups
    self_assessment: str  # share or whole

    @property
    def group_size(self) -> int:
        return math.ceil(self.attendees / max(1, self.groups))


@dataclass(frozen=True)
class PlannedStep:
    step: Step
    minutes: int
    least: int  # the fewest minutes this step can take for these people
    do: str
    say: str | None
    handouts: tuple[str, ...]
    link_do: str | None = None  # said first when the place has an evaluation link (the step's if_link)
    variant: StepVariant | None = None  # the way of running it chosen for these people, if not its own

    @property
    def title(self) -> str:
        """The step's title, with the way of running it when that is a variant ("Groups feed back: gallery walk")."""
        return titled(self.step, self.variant)

    @property
    def rule(self) -> str:
        return str(self.timing)

    @property
    def timing(self) -> StepMinutes:
        return self.variant.minutes if self.variant else self.step.minutes

    @property
    def short(self) -> int:
        """How many minutes less than it needs this step has, when its section is too short for its steps."""
        return max(0, self.least - self.minutes)


def applies(step: Step, shape: Shape) -> bool:
    only = step.only
    if only is None:
        return True
    return ((only.format is None or only.format == shape.format)
            and (only.introductions is None or only.introductions == shape.introductions)
            and (only.self_assessment is None or only.self_assessment == shape.self_assessment))


def variant_for(step: Step, shape: Shape) -> StepVariant | None:
    """The way of running a step for these people: the first of its variants that applies, or None for its own."""
    for v in step.variants:
        when = v.applies
        if ((when.format is None or when.format == shape.format)
                and (when.groups_at_least is None or shape.groups >= when.groups_at_least)):
            return v
    return None


def timing_for(step: Step, shape: Shape) -> StepMinutes:
    """The step's minutes rule for these people: its variant's, if one applies."""
    variant = variant_for(step, shape)
    return variant.minutes if variant else step.minutes


def titled(step: Step, variant: StepVariant | None) -> str:
    if variant is None:
        return step.title
    return f"{step.title}: {variant.name[:1].lower()}{variant.name[1:]}"


def least_minutes(step: Step, shape: Shape) -> int:
    """The minutes a step needs for these people (for 'what is left', its floor)."""
    return rule_minutes(timing_for(step, shape), shape)


def rule_minutes(rule: StepMinutes, shape: Shape) -> int:
    """The minutes a timing rule gives for these people."""
    if rule.fixed is not None:
        return rule.fixed
    if rule.per_group is not None:
        return rule.per_group * max(1, shape.groups) + rule.plus
    if rule.per_pair is not None:
        return rule.per_pair * math.ceil(max(1, shape.groups) / 2) + rule.plus
    if rule.per_person_seconds is not None:
        people = shape.attendees if rule.people == "room" else shape.group_size
        return math.ceil(people * rule.per_person_seconds / 60) + rule.plus
    return rule.rest or 0


def steps_for(section: Section, shape: Shape) -> list[Step]:
    return [s for s in section.steps if applies(s, shape)]


def needed(section: Section, shape: Shape) -> int:
    """The fewest minutes the section's steps need for these people."""
    return sum(least_minutes(s, shape) for s in steps_for(section, shape))


def fit_steps(given: list[int], minutes: int) -> list[int]:
    """The steps' minutes cut to fit a section of ``minutes``, so that no step starts or ends outside it.

    While the steps take more than the section has, the longest step gives up a minute (of steps as long as
    each other, the later one), and no step goes below 1 minute while there are minutes for each. Steps that
    already fit are left as they are.
    """
    out = list(given)
    over = sum(out) - minutes
    floor = 1 if minutes >= len(out) else 0
    while over > 0:
        longest = max(range(len(out)), key=lambda j: (out[j], j))
        if out[longest] <= floor:
            break
        out[longest] -= 1
        over -= 1
    return out


def plan_section(section: Section, minutes: int, shape: Shape) -> list[PlannedStep]:
    """Each step with its minutes: the 'what is left' step takes the rest (at least its floor).

    If it has no 'what is left' step, extra minutes go to the last step. If the section is too short for
    its steps, they are cut to fit it (:func:`fit_steps`): each keeps the least it needs as ``least``, and
    ``short`` says by how much it was cut (the planner reports the shortfall as a problem of the plan).
    """
    chosen = steps_for(section, shape)
    least = [least_minutes(s, shape) for s in chosen]
    spare = minutes - sum(least)
    rest = next((i for i, s in enumerate(chosen) if timing_for(s, shape).rest is not None), None)
    given = list(least)
    if spare > 0 and chosen:
        given[rest if rest is not None else len(chosen) - 1] += spare
    given = fit_steps(given, minutes)
    online = shape.format == "virtual"
    out = []
    for step, n, floor in zip(chosen, given, least):
        way = variant_for(step, shape)
        do, say, handouts = words_for(step, online)
        if way is not None:  # a variant's own words, and its own online words, over the step's
            do, say, handouts = way.do, way.say, way.handouts if way.handouts is not None else handouts
            if online and way.online:
                do = way.online.do or do
                say = way.online.say or say
                handouts = way.online.handouts if way.online.handouts is not None else handouts
        link = step.if_link
        link_do = (link.online or link.do) if link and online else link.do if link else None
        out.append(PlannedStep(step, n, floor, do, say, tuple(handouts), link_do, way))
    return out


def words_for(step: Step, online: bool) -> tuple[str, str | None, list[str]]:
    """What a step does and says, and the handouts it uses, in a room or online (its own way of running)."""
    v = step.online if online and step.online else None
    do = v.do if v and v.do else step.do
    say = v.say if v and v.say else step.say
    handouts = v.handouts if v and v.handouts is not None else step.handouts
    return do, say, handouts


@dataclass(frozen=True)
class QuickerWay:
    """A way of running a planned step that needs fewer minutes for these people: what run mode offers when the
    day runs late and the sections left are at their least (such as a gallery walk instead of feedback in turn)."""

    index: int  # the step's place in its section
    variant: StepVariant
    least: int  # the minutes it needs this way
    title: str
    do: str


def quicker_ways(planned: list[PlannedStep], shape: Shape) -> list[QuickerWay]:
    """For each planned step, the variant for the day's format (whatever the number of groups) that needs the
    fewest minutes, if it needs fewer than the step as planned."""
    out = []
    online = shape.format == "virtual"
    for k, p in enumerate(planned):
        ways = [(rule_minutes(v.minutes, shape), n, v) for n, v in enumerate(p.step.variants)
                if v is not p.variant and v.applies.format in (None, shape.format)]
        if not ways:
            continue
        least, _, best = min(ways, key=lambda w: (w[0], w[1]))
        if least < p.least:
            do = (best.online.do if online and best.online and best.online.do else None) or best.do
            out.append(QuickerWay(k, best, least, titled(p.step, best), do))
    return out
