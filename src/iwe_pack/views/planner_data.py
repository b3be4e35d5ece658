"""What the "Plan your day" page's planner works from, made from the model.

The planner in the browser is overrides/assets/javascripts/planner-*.js and planner.js: one file a model module.

One source of truth: every number and word the browser's planner uses comes from here, read from the
same sources the Python engine uses (the sections and their steps, content/advice.yml, the matrix, the
handouts, the budget, the planner's words and the message catalogue). The browser keeps no copy of its own.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import SimpleNamespace

from ..diagnostics.catalogue import CATALOGUE
from ..model.plan import default_minutes
from ..model.planner import SCREEN_BREAK, WORDS, most_groups
from ..model.workshop import Workshop
from ..sources.fonts import coverage
from ..sources.packs import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_GROUP_SLUG,
    MAX_PLACE_SLUG,
    WINDOWS_RESERVED,
    Break,
    ClockTime,
    PackDate,
    PackFile,
)
from ..sources.sourced import WebAddress
from ..sources.templates import TemplateSet
from ..sources.typed_yaml import UNPRINTABLE
from .day_words import notes_by_day
from .editor_markdown import to_html
from .matrix_words import OWN_MARK, own_key_short
from .print_counts import page_facts
from .print_jobs import SIGN_IN_LEAST_SPARES, SIGN_IN_PEOPLE_PER_SPARE
from .templates import render

LETTER = "letters/joining-instructions.txt.j2"

# The messages `iwe-pack check` can give about a pack file that the page's form can produce.
PACK_MESSAGES = (
    "yaml.empty", "yaml.empty-text", "yaml.wrong-type", "yaml.control-character", "value.pattern",
    "value.clock-format", "value.not-a-time", "value.date-format", "value.no-such-day", "value.no-such-month",
    "pack.venue-missing", "pack.platform-missing", "pack.no-groups", "pack.more-groups-than-people",
    "pack.no-facilitators", "pack.group-names-clash", "pack.minutes-out-of-range", "pack.break-at-end",
    "pack.past-midnight", "pack.index-name", "pack.font-cannot-print", "pack.name-too-long", "value.date-year",
)


def _field_meta(cls, name: str) -> dict:
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    return {k: v for k, v in f.metadata.items() if k in ("min", "max", "allowed")}


def _js_pattern(pattern: str) -> str:
    """A Python regular expression as the browser's (both read these plain patterns the same way)."""
    assert not re.search(r"\(\?P|\\[AZ]", pattern), pattern  # only the shared subset of the two syntaxes
    return f"^(?:{pattern})$"


def _js_class(pattern: str) -> str:
    """A Python character class (of code points) as the browser's, for a RegExp with the "u" flag: every character
    but printable ASCII written as a \\u escape (a lone surrogate cannot be kept in the page's UTF-8)."""
    assert re.fullmatch(r"\[[^\[\]]*\]", pattern) and all(ord(c) <= 0xFFFF for c in pattern), pattern
    return "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in pattern)


def _minutes(m) -> dict:
    return {"fixed": m.fixed, "per_group": m.per_group, "per_pair": m.per_pair,
            "per_person_seconds": m.per_person_seconds, "people": m.people, "plus": m.plus, "rest": m.rest}


def _online(v) -> dict | None:
    if v is None:
        return None
    return {"do": v.do, "say": v.say, "handouts": list(v.handouts) if v.handouts is not None else None}


def _step(step) -> dict:
    out = {
        "title": step.title, "do": step.do, "say": step.say, "handouts": list(step.handouts),
        "minutes": _minutes(step.minutes), "online": _online(step.online), "only": None,
        "if_link": {"do": step.if_link.do, "online": step.if_link.online} if step.if_link else None,
        "variants": [{"name": v.name, "do": v.do, "say": v.say, "minutes": _minutes(v.minutes),
                      "handouts": list(v.handouts) if v.handouts is not None else None, "online": _online(v.online),
                      "applies": {"format": v.applies.format, "groups_at_least": v.applies.groups_at_least}}
                     for v in step.variants],
    }
    if step.only:
        out["only"] = {"format": step.only.format, "introductions": step.only.introductions,
                       "self_assessment": step.only.self_assessment}
    return out


def _ranges(points) -> list[list[int]]:
    """Code points as [first, last] runs: the characters the pack's font can print, for the browser."""
    out: list[list[int]] = []
    for cp in sorted(points):
        if out and cp == out[-1][1] + 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def planner_data(workshop: Workshop, templates: TemplateSet | None = None, fonts_dir: Path | None = None,
                 pages: dict | None = None) -> dict:
    """Everything the browser's planner and form checks use, as plain JSON-ready data. ``pages``: the pages model's
    facts (print_counts.page_facts), measured from the built PDFs once they are made."""
    a = workshop.advice
    data = {
        "version": str(workshop.version),
        "title": workshop.title,
        "budget": {"min": workshop.budget.session.min, "max": workshop.budget.session.max},
        "screen_break": SCREEN_BREAK,
        "most_groups": most_groups(a),
        "sections": [{"id": s.id, "number": s.number, "title": s.title, "min": s.minutes.min, "max": s.minutes.max,
                      "default": default_minutes(s), "steps": [_step(st) for st in s.steps]}
                     for s in workshop.sections],
        "advice": {
            "room_size": {"in_person": a.room_size.in_person, "virtual": a.room_size.virtual, "source": a.room_size.source},
            "group_size": {"most_people": a.group_size.most_people, "source": a.group_size.source},
            "screen_breaks": {"most_minutes_online": a.screen_breaks.most_minutes_online,
                              "source": a.screen_breaks.source},
            "self_assessment": {"least_minutes_per_principle": a.self_assessment.least_minutes_per_principle,
                                "source": a.self_assessment.source},
            "technical_host": {"source": a.technical_host.source},
        },
        "principles": [{"id": p.id, "title": p.title, "statement": p.statement, "own": p.own,
                        "levels": [{"level": pl.level, "short": pl.short} for pl in p.levels]}
                       for p in workshop.matrix.principles],
        "handouts": [{"id": h.id, "title": h.title, "copies": h.copies, "per_sheet": h.per_sheet, "online": h.online,
                      "setting_up": h.setting_up, "in_place_packs": h.in_place_packs}
                     for h in workshop.handouts.values()],
        "words": dict(WORDS),
        "messages": {code: CATALOGUE[code].text for code in PACK_MESSAGES},
        "fields": {
            "attendees": _field_meta(PackFile, "attendees"),
            "break_minutes": _field_meta(Break, "minutes"),
            "minutes": _field_meta(PackFile, "minutes"),
            "clock": _js_pattern(ClockTime.pattern),
            "clock_description": ClockTime.description,
            "date": _js_pattern(PackDate.pattern),
            "date_description": PackDate.description,
            "years": [FIRST_YEAR, LAST_YEAR],
            "web_address": {"pattern": _js_pattern(WebAddress.pattern), "allowed": WebAddress.allowed},
            "control": _js_class(UNPRINTABLE.pattern),  # yaml.control-character: what no text may contain
            # pack.name-too-long: the longest a place's and a group's name may be once made into a file name; and
            # the names Windows keeps for devices, which a pack file's name must not be (pack.reserved-name)
            "names": {"place": MAX_PLACE_SLUG, "group": MAX_GROUP_SLUG, "reserved": sorted(WINDOWS_RESERVED)},
        },
    }
    printing = print_data(workshop)
    printing["pages"] = pages or page_facts(workshop)  # print-counts.js: the print list's real sheets
    data["print"] = printing
    if fonts_dir is not None:  # the same test as `iwe-pack check` (pack.font-cannot-print)
        data["font"] = _ranges(coverage(Path(fonts_dir)))
    if templates is not None:
        data["letters"] = joining_letters(workshop, templates)
    return data


def print_data(workshop: Workshop) -> dict:
    """What the page's own print-outs (facilitator pack, scoring sheets, sign-in sheet) need beyond the plan:
    each section's facilitator notes as HTML (as the facilitator pack PDF has them, headings under the
    section's), the matrix's levels and own marks, the handouts' titles and words, and the sign-in sheet's spares."""
    m = workshop.matrix
    by_layout = {h.layout: h for h in workshop.handouts.values() if h.layout in ("scoring", "sign-in")}
    return {
        "notes": notes_by_day(workshop, shift_headings=1),  # each section's, by day_key(format, introductions)
        "levels": [{"score": lv.score, "name": lv.name, "own": lv.own} for lv in m.levels],
        "own_mark": OWN_MARK, "own_key_short": own_key_short(m),
        "handouts": {layout: {"title": h.title, "body": to_html(h.body)} for layout, h in by_layout.items()},
        "sign_in": {"least_spares": SIGN_IN_LEAST_SPARES, "people_per_spare": SIGN_IN_PEOPLE_PER_SPARE},
    }


# Stand-ins the browser replaces with what the person typed: ⟦place⟧ and so on.
def _token(name: str) -> str:
    return f"\u27e6{name}\u27e7"


def joining_letters(workshop: Workshop, templates: TemplateSet) -> dict[str, str]:
    """The joining instructions (content/letters/joining-instructions.txt.j2), rendered once for each shape of
    pack the template tells apart, with stand-ins for what the person types. The agenda has one stand-in
    line (⟦clock⟧ ⟦title⟧) that the browser repeats for each item. Keys: in-person, virtual, virtual-link,
    each with -contact when a contact is given."""
    out = {}
    for fmt, link in (("in-person", False), ("virtual", False), ("virtual", True)):
        for contact in (False, True):
            p = SimpleNamespace(
                place=_token("place"), convener=_token("convener"), format=fmt, venue=_token("venue"),
                platform=_token("platform"), joining_link=_token("joining_link") if link else None,
                contact=_token("contact") if contact else None, date=SimpleNamespace(long=_token("date")))
            plan = SimpleNamespace(start=_token("start"), finish=_token("finish"),
                                   agenda=[SimpleNamespace(clock=_token("clock"), title=_token("title"))])
            key = fmt + ("-link" if link else "") + ("-contact" if contact else "")
            out[key] = render(templates, LETTER, p=p, plan=plan, w=workshop)
    return out
