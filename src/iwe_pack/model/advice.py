"""Advice for a place's plan: where it may not work with the people coming. Never errors."""

from __future__ import annotations

import math

from ..sources.schema import PackFile, format_clock
from .plan import Advice, AgendaItem, duration
from .workshop import Workshop


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
            f"There {'is 1 facilitator' if facs == 1 else f'are {facs} facilitators'} for {groups} groups. Ask the facilitators to "
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
