"""Rules for a section's steps (``content/sections/<id>.yml``): one timing rule each, handouts that exist,
and every handout the section lists used at a step."""

from __future__ import annotations

from ..diagnostics.problems import Collector, did_you_mean
from ..sources.format_blocks import ALLOWED as KINDS_ALLOWED
from ..sources.format_blocks import block_problems, contains, parts
from ..sources.schema import Section
from ..sources.steps_schema import Step, StepMinutes, StepsFile


def check_steps(section: Section, steps: StepsFile, handouts: dict, errors: Collector) -> None:
    src = steps.origin
    if not steps.steps:
        errors.add(src.file, src.line_for("steps"), "steps", "step.none")
        return
    used: set[str] = set()
    for step in steps.steps:
        for way in [step, *step.variants]:  # the step's own way of running, then its variants
            _check_way(section, way, handouts, used, errors)
        names = [v.name.lower() for v in step.variants]
        for i, v in enumerate(step.variants, start=1):
            if names.index(v.name.lower()) != i - 1:
                errors.add(v.origin.file, v.origin.line_for("name"), v.origin.field("name"), "step.variant-twice",
                           found=repr(v.name))
    for i, ref in enumerate(section.handouts, start=1):
        if ref not in used:
            errors.add(section.origin.file, section.origin.line_for("handouts"), f"{section.origin.field('handouts')}.{i}",
                       "step.unused-handout", found=repr(ref), steps=f"content/{section.steps_path}")


def _check_way(section: Section, way, handouts: dict, used: set[str], errors: Collector) -> None:
    """One way of running a step (the step itself or one of its variants): one timing rule, its phrases, and
    handouts that exist and belong to the section."""
    rule = way.minutes
    o = rule.origin
    if len(rule.rules) != 1:
        errors.add(o.file, o.line, o.path, "step.one-rule", found=", ".join(rule.rules) or "none",
                   allowed=", ".join(StepMinutes.RULES))
    if rule.people != "room" and rule.per_person_seconds is None:
        errors.add(o.file, o.line, o.path, "step.people-without-seconds")
    if rule.plus and (rule.fixed is not None or rule.rest is not None):  # plus adds to a rule that counts
        errors.add(o.file, o.line, o.path, "step.plus-without-count")
    check_step_phrases(way, errors)
    names = [("handouts", way.handouts, way.origin)] if way.handouts is not None else []
    if way.online and way.online.handouts is not None:
        names.append(("online.handouts", way.online.handouts, way.online.origin))
    for _key, ids, origin in names:
        for i, ref in enumerate(ids, start=1):
            field = f"{origin.field('handouts')}.{i}"
            if ref not in handouts:
                errors.add(origin.file, origin.line_for("handouts"), field, "step.unknown-handout",
                           found=repr(ref), hint=did_you_mean(ref, list(handouts)))
            elif ref not in section.handouts:
                errors.add(origin.file, origin.line_for("handouts"), field, "step.handout-not-in-section",
                           found=repr(ref), section=section.id, allowed=", ".join(section.handouts) or "none")
            used.add(ref)


OTHER = {"room_only": "online days", "online_only": "days in a room"}
KIND = {"room_only": "in-person", "online_only": "online"}


def check_step_phrases(step: Step, errors: Collector) -> None:
    """A step's room-only phrases are in its in-room words and not in the words an online day reads; its
    online-only phrases are in its online words and not in the in-room ones."""
    o, v = step.origin, step.online
    link = getattr(step, "if_link", None)
    room = [step.do, step.say or "", link.do if link else ""]
    online = [v.do or step.do, v.say or step.say or ""] if v else [step.do, step.say or ""]
    online.append(link.online or link.do if link else "")
    own_online = ([v.do or "", v.say or ""] if v else []) + [link.online or "" if link else ""]
    for key, phrases, home, away, where, elsewhere, todo in (
            ("room_only", step.room_only, room, online, "the step's do and say",
             "what the step does online (online.do and online.say, or do and say where they are not given)",
             "give the step its own words under online:"),
            ("online_only", step.online_only, own_online, room, "the step's online.do and online.say",
             "the step's do and say", "keep it under online: only")):
        for i, phrase in enumerate(phrases, start=1):
            field = f"{o.field(key)}.{i}"
            if not any(contains(w, phrase) for w in home):
                errors.add(o.file, o.line_for(key), field, "phrase.not-found", found=repr(phrase), where=where)
            elif any(contains(w, phrase) for w in away):
                errors.add(o.file, o.line_for(key), field, "phrase.other-day", found=repr(phrase), where=elsewhere,
                           other=OTHER[key], kind=KIND[key], todo=todo)


def check_text_blocks(text: str, file: str, room_only: list[str], online_only: list[str], origin,
                      errors: Collector) -> None:
    """A Markdown text's <!-- iwe:only --> blocks are well formed, and its declared phrases are each inside a block
    for their kind of day. ``origin``: where the phrases are declared (a steps file's notes:, a handout)."""
    for line, code, found in parts(text)[1]:
        errors.add(file, line, None, code, found=found, allowed=KINDS_ALLOWED)
    for key, i, code, found in block_problems(text, room_only, online_only):
        errors.add(origin.file, origin.line_for(key), f"{origin.field(key)}.{i}", code, found=found, where=file,
                   other=OTHER[key], kind=KIND[key])
