"""Format-true words: an online pack reads none of the phrases the content declares room-only, and a pack for a
room none of the online-only ones (issue 31, part 2; issue 23, part 5).

The phrases are declared in the content itself (``room_only`` and ``online_only`` on each step, under
``notes:`` in each steps file for its notes, and on a handout). The in-process tests plan every kind of day
through the engine and show the phrases are really there, so the built-site test cannot pass by finding
nothing; the built-site test reads what a facilitator reads: run mode's data and notes, and the facilitator
pack PDF's text.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pdfplumber
import pytest

from conftest import ROOT, assert_clean_failure
from iwe_pack import load_workshop
from iwe_pack.load.loader import load_packs
from iwe_pack.model.plan import make_plan, with_site_url
from iwe_pack.sources.format_blocks import pick

ONLINE_PACKS = ["north-yorkshire"]
ROOM_PACKS = ["kingston-upon-hull", "ynys-mon"]


@pytest.fixture(scope="module")
def workshop():
    return load_workshop(ROOT)


def declared(workshop) -> dict[str, set[str]]:
    """Every phrase the content declares room-only or online-only, from steps, notes and handouts."""
    out = {"room_only": set(), "online_only": set()}
    for key in out:
        for s in workshop.sections:
            for step in s.steps:
                out[key] |= set(getattr(step, key))
            if s.notes_phrases:
                out[key] |= set(getattr(s.notes_phrases, key))
        for h in workshop.handouts.values():
            out[key] |= set(getattr(h, key))
    return out


def flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def found(text: str, phrases: set[str]) -> list[str]:
    words = flat(text)
    return sorted(p for p in phrases if flat(p) in words)


def day_words(plan, workshop) -> str:
    """All a facilitator reads for a plan: each step's words, each section's notes and the set-up checklist, as
    the plan's day picks them."""
    fmt, intro, link = plan.pack.format, plan.introductions, bool(plan.feedback.link)
    parts = [f"{s.do} {s.say or ''}" for item in plan.agenda for s in item.steps]
    parts += [pick(s.notes_markdown, fmt, intro, link) for s in workshop.sections]
    parts.append(pick(workshop.handouts["room-set-up"].body, fmt, intro, link))
    return "\n".join(parts)


def every_kind_of_day(workshop):
    """The example packs in both formats, with and without an evaluation link, and with many and few people (a
    round of the room and a check-in in groups)."""
    for plan in load_packs(ROOT, workshop):
        for fmt in ("in-person", "virtual"):
            for attendees in (8, 40):
                groups = plan.pack.groups[:max(1, min(len(plan.pack.groups), attendees // 6))]
                pack = dataclasses.replace(plan.pack, format=fmt, attendees=attendees, groups=groups,
                                           venue=plan.pack.venue or "Town Hall",
                                           platform=plan.pack.platform or "Teams", evaluation_link=None)
                made = make_plan(pack, workshop, plan.slug)
                yield made
                yield with_site_url(made, "https://example.org/pack")


def test_the_content_declares_phrases_for_both_kinds_of_day(workshop):
    phrases = declared(workshop)
    assert len(phrases["room_only"]) >= 20 and len(phrases["online_only"]) >= 20, phrases
    # the issues' own examples are among them
    for p in ["Let's go round the room", "Turn to the person next to you", "Set up a flipchart before feedback starts",
              "or take a paper form", "Sign-in sheet and pens at the door", "One table for each small group"]:
        assert p in phrases["room_only"], p
    for p in ["Put the check-in question in the chat", "Put the evaluation link in the chat"]:
        assert p in phrases["online_only"], p


def test_each_kind_of_day_reads_only_its_own_phrases_and_every_phrase_is_read_by_its_own(workshop):
    phrases = declared(workshop)
    read = {"in-person": set(), "virtual": set()}
    kinds = set()
    for plan in every_kind_of_day(workshop):
        words = day_words(plan, workshop)
        own, other = ("room_only", "online_only") if plan.pack.format == "in-person" else ("online_only", "room_only")
        assert found(words, phrases[other]) == [], (plan.slug, plan.pack.format, plan.introductions)
        read[plan.pack.format] |= set(found(words, phrases[own]))
        kinds.add((plan.pack.format, plan.introductions, bool(plan.feedback.link)))
    assert len(kinds) == 8, kinds  # both formats, both ways of doing introductions, with and without a link
    # every declared phrase is read by some day of its own kind: none is a phrase nothing prints
    assert phrases["room_only"] - read["in-person"] == set()
    assert phrases["online_only"] - read["virtual"] == set()


def test_a_check_in_in_groups_is_not_told_to_go_round_the_room(workshop):
    intro = next(s for s in workshop.sections if s.id == "introductions")
    for fmt in ("in-person", "virtual"):
        groups = pick(intro.notes_markdown, fmt, "in-groups")
        whole = pick(intro.notes_markdown, fmt, "whole-room")
        assert "round the room" not in groups.lower() and "take turns" in groups
        assert "take turns" not in whole
    assert "Let's go round the room" in pick(intro.notes_markdown, "in-person", "whole-room")


def test_evaluation_link_words_only_for_a_plan_with_a_link(workshop):
    plans = [p for p in every_kind_of_day(workshop) if p.slug == "north-yorkshire"]
    for plan in plans:
        wrap = next(i for i in plan.agenda if i.section and i.section.id == "wrap-up")
        evaluation = next(s for s in wrap.steps if s.title == "Evaluation")
        has_link = bool(plan.feedback.link)
        words = day_words(plan, workshop)
        assert ("QR code" in evaluation.do) == has_link, (plan.pack.format, has_link, evaluation.do)
        assert ("evaluation link in the chat" in words) == (has_link and plan.pack.format == "virtual")
        assert ("scan the code" in words.lower()) == has_link


def _run_mode_text(path) -> str:
    page = path.read_text(encoding="utf-8")
    data = json.loads(html.unescape(re.search(r'<script type="application/json" id="run-data">(.*?)</script>',
                                              page, re.S).group(1)))
    steps = " ".join(f"{s['title']} {s['do']}" for i in data["items"] for s in i["steps"])
    return steps + " " + html.unescape(re.sub(r"<[^>]+>", " ", page))


def _pdf_text(path) -> str:
    with pdfplumber.open(path) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


@pytest.mark.parametrize("slug", ONLINE_PACKS + ROOM_PACKS)
def test_a_built_pack_shows_only_its_own_kind_of_days_words(built, workshop, slug):
    phrases = declared(workshop)
    pack = next(p for p in load_packs(ROOT, workshop) if p.slug == slug)
    online = pack.pack.format == "virtual"
    own, other = ("online_only", "room_only") if online else ("room_only", "online_only")
    run = _run_mode_text(built.path / f"site/packs/{slug}/run.html")
    facilitator = _pdf_text(built.path / f"site/downloads/{slug}/{slug}-facilitator-pack.pdf")
    for name, text in (("run mode", run), ("facilitator pack", facilitator)):
        assert found(text, phrases[other]) == [], f"{slug} {name}"
        # the test reads the words: the pack's own kind of day's phrases are there
        assert len(found(text, phrases[own])) >= 10, f"{slug} {name}: {found(text, phrases[own])}"
    if online:
        assert "Online set-up checklist" in facilitator and "Room set-up checklist" not in facilitator


def test_bad_phrases_and_blocks_are_named_with_file_line_and_field(project):
    steps, notes = "content/sections/vision.yml", "content/sections/vision.md"
    # a declared phrase that is not in the step's words, and a room-only one the online day would read
    project.replace(steps, "      - Flipchart the main points", "      - Flipchart every point")
    project.replace(steps, "      - Read the flipchart back", "      - It is fine if this is a starting point")
    # a notes block that is never closed, and one for a kind of day that does not exist
    project.replace(notes, "<!-- iwe:only online -->\nBefore feedback starts",
                    "<!-- iwe:only onlin -->\nBefore feedback starts")
    project.replace(notes, "See [the shared board](../shared-board.md).\n<!-- iwe:end -->",
                    "See [the shared board](../shared-board.md).\n")
    flip = project.line_of(steps, "- Flipchart every point")
    fine = project.line_of(steps, "- It is fine if this is a starting point")
    kind = project.line_of(notes, "<!-- iwe:only onlin -->")
    assert_clean_failure(
        project.check(),
        f"{steps}, line {flip - 1}, field steps.2.room_only.1: found 'Flipchart every point', which is not in the "
        "step's do and say",
        f"{steps}, line {fine - 1}, field steps.5.room_only.1: found 'It is fine if this is a starting point' in what "
        "the step does online",
        f"{notes}, line {kind}: found 'onlin' after 'iwe:only'; allowed: one or more of in-person, online",
        "is never closed",
    )
