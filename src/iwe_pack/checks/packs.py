"""Rules for a place's pack file, beyond its types: names, format, groups, sections, breaks, fit."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics.problems import Collector, did_you_mean
from ..sources.fonts import describe, missing
from ..sources.packs import (
    MAX_GROUP_SLUG,
    MAX_PLACE_SLUG,
    WINDOWS_RESERVED,
    Group,
    PackFile,
    format_clock,
    group_slug,
    safe_file_slug,
    slugify,
)
from ..sources.sourced import MinuteRange
from ..sources.typed_yaml import LineDict
from .timing import Timed, check_fit


def check_pack(pack: PackFile, path: Path, sections: list, fonts_dir: Path, errors: Collector) -> dict[str, int]:
    """Check a pack against the workshop's sections; return the minutes it chooses for each section."""
    slug = Path(path).stem
    src = pack.origin
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        errors.add(Path(path), None, None, "pack.bad-file-name", found=repr(Path(path).name),
                   allowed=f"{slugify(pack.place)}.yml")
    if pack.format == "in-person" and not pack.venue:
        errors.add(src.file, src.line, "venue", "pack.venue-missing")
    if pack.format == "virtual" and not pack.platform:
        errors.add(src.file, src.line, "platform", "pack.platform-missing")
    if not pack.groups:
        errors.add(src.file, src.line_for("groups"), "groups", "pack.no-groups")
    if pack.groups and len(pack.groups) > pack.attendees:
        errors.add(src.file, src.line_for("groups"), "groups", "pack.more-groups-than-people", found=len(pack.groups),
                   allowed=pack.attendees)
    if not pack.facilitators:
        errors.add(src.file, src.line_for("facilitators"), "facilitators", "pack.no-facilitators")
    if slug == "index":
        # after the place, unless the place is called Index too: then as the planner page names it
        named = slugify(pack.place) if slugify(pack.place) != "index" else slugify(f"{pack.place} place")
        errors.add(Path(path), None, None, "pack.index-name", allowed=f"{named}.yml")
    if slug in WINDOWS_RESERVED:
        errors.add(Path(path), None, None, "pack.reserved-name", found=repr(Path(path).name),
                   allowed=f"{safe_file_slug(slug)}.yml")
    check_name_length(slug, "pack file name", Path(path), None, None, MAX_PLACE_SLUG, errors)
    check_name_length(slugify(pack.place), "place", src.file, src.line_for("place"), "place", MAX_PLACE_SLUG, errors)
    seen_groups: dict[str, Group] = {}
    for i, g in enumerate(pack.groups, start=1):
        key = group_slug(g.name, i)
        check_name_length(key, "group name", src.file, g.origin.line_for("name"), g.origin.field("name"),
                          MAX_GROUP_SLUG, errors)
        if key in seen_groups:
            errors.add(src.file, g.origin.line_for("name"), g.origin.field("name"), "pack.group-names-clash",
                       found=repr(g.name), other=seen_groups[key].name)
        seen_groups.setdefault(key, g)
    check_font(pack, fonts_dir, errors)

    ids = [s.id for s in sections]
    by_id = {s.id: s for s in sections}
    chosen: dict[str, int] = {}
    lines = pack.minutes.lines if isinstance(pack.minutes, LineDict) else {}
    for key, value in pack.minutes.items():
        line = lines.get(key, src.line_for("minutes"))
        if key not in ids:
            hint = did_you_mean(key, ids)
            errors.add(src.file, line, f"minutes.{key}", "pack.unknown-section", found=repr(key), hint=hint,
                       allowed=", ".join(ids))
            continue
        s = by_id[key]
        if not s.minutes.min <= value <= s.minutes.max:
            errors.add(src.file, line, f"minutes.{key}", "pack.minutes-out-of-range", found=value, section=s.title,
                       allowed=f"{s.minutes.min} to {s.minutes.max}")
        chosen[key] = value
    for b in pack.breaks:
        if b.after not in ids:
            hint = did_you_mean(b.after, ids)
            errors.add(src.file, b.origin.line_for("after"), b.origin.field("after"), "pack.unknown-break-section",
                       found=repr(b.after), hint=hint, allowed=", ".join(ids))
        elif b.after == ids[-1]:
            errors.add(src.file, b.origin.line_for("after"), b.origin.field("after"), "pack.break-at-end",
                       found=repr(b.after))
    return chosen


def check_name_length(slug: str, what: str, file, line, field, limit: int, errors: Collector) -> None:
    """A name that becomes part of file names must be short enough for every file made from it."""
    if len(slug) > limit:
        errors.add(file, line, field, "pack.name-too-long", what=what, found=len(slug), example=slug[:24],
                   allowed=limit)


def check_plan_fit(pack: PackFile, agenda: list, budget: MinuteRange, errors: Collector) -> None:
    """The agenda (sections and breaks, as planned) must fit the session budget and end before midnight."""
    src = pack.origin
    items = [Timed(i.title, MinuteRange(i.section.minutes.min if i.section else 0, i.minutes), i.line)
             for i in agenda]
    fit = check_fit(items, budget, f"The plan for {pack.place} (sections and breaks)", "Item", planned=True)
    if fit:
        errors.add(src.file, src.line_for("minutes") if pack.minutes else src.line, "minutes", "pack.does-not-fit",
                   detail=fit)
    if agenda[-1].end > 24 * 60:
        errors.add(src.file, src.line_for("start"), "start", "pack.past-midnight", found=pack.start,
                   end=format_clock(agenda[-1].end % (24 * 60)))


def check_font(pack: PackFile, fonts_dir: Path, errors: Collector) -> None:
    """Every text field must be printable in the pack's font (else the PDFs would show empty boxes)."""

    def check(value, where, field_name):
        if isinstance(value, str):
            lost = missing(value, fonts_dir)
            if lost:
                errors.add(pack.origin.file, where, field_name, "pack.font-cannot-print", found=describe(lost))

    src = pack.origin
    for key in ("place", "convener", "venue", "platform", "contact", "technical_host", "privacy_kept_for",
                "privacy_contact"):
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
