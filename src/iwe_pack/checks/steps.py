"""Rules for a section's steps (``content/sections/<id>.yml``): one timing rule each, handouts that exist,
and every handout the section lists used at a step."""

from __future__ import annotations

from ..diagnostics.record import Collector, did_you_mean
from ..sources.schema import Section, StepsFile, StepMinutes


def check_steps(section: Section, steps: StepsFile, handouts: dict, errors: Collector) -> None:
    src = steps.origin
    if not steps.steps:
        errors.add(src.file, src.line_for("steps"), "steps", "step.none")
        return
    used: set[str] = set()
    for step in steps.steps:
        rule = step.minutes
        o = rule.origin
        if len(rule.rules) != 1:
            errors.add(o.file, o.line, o.path, "step.one-rule", found=", ".join(rule.rules) or "none",
                       allowed=", ".join(StepMinutes.RULES))
        if rule.per_person_seconds is None and (rule.plus or rule.people != "room"):
            errors.add(o.file, o.line, o.path, "step.people-without-seconds")
        names = [("handouts", step.handouts, step.origin)]
        if step.online and step.online.handouts is not None:
            names.append(("online.handouts", step.online.handouts, step.online.origin))
        for key, ids, origin in names:
            for i, ref in enumerate(ids, start=1):
                field = f"{origin.field('handouts')}.{i}"
                if ref not in handouts:
                    errors.add(origin.file, origin.line_for("handouts"), field, "step.unknown-handout",
                               found=repr(ref), hint=did_you_mean(ref, list(handouts)))
                elif ref not in section.handouts:
                    errors.add(origin.file, origin.line_for("handouts"), field, "step.handout-not-in-section",
                               found=repr(ref), section=section.id, allowed=", ".join(section.handouts) or "none")
                used.add(ref)
    for i, ref in enumerate(section.handouts, start=1):
        if ref not in used:
            errors.add(section.origin.file, section.origin.line_for("handouts"), f"{section.origin.field('handouts')}.{i}",
                       "step.unused-handout", found=repr(ref), steps=f"content/{section.steps_path}")
