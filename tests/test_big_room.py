"""The room a council convenes: 6 to 120 people in one room (6 to 60 online), run by a first-timer.

A sweep over what a place may plan (in person 6 to 120 people, online 6 to 60, 1 to 12 facilitators, the matrix
shared out or whole, with and without a break) checks that every plan is one room whose steps each have the
time they need, or gets one change that leaves no advice; that "run the workshop more than once" comes only
above the limit content/advice.yml states; and that the browser's planner (planner.js) agrees on every plan.
"""

from __future__ import annotations

import itertools
import math
import re

import pytest

from conftest import ROOT, assert_clean_failure
from iwe_pack import load_packs, load_workshop
from iwe_pack.model.plan import apply, host_groups, make_plan
from iwe_pack.views.planner_data import planner_data
from test_plan_page import as_pack_file, python_result, run_js


@pytest.fixture(scope="module")
def workshop():
    return load_workshop(ROOT)


def sweep_pack(people: int, fmt: str, facilitators: int, mode: str, brk: bool) -> dict:
    groups = max(1, math.ceil(people / 8))
    return {
        "place": "Sweepton", "convener": "Sweepton Council", "date": "2026-06-10", "start": "09:30", "format": fmt,
        "attendees": people, "venue": "Town Hall" if fmt == "in-person" else None,
        "platform": "Teams" if fmt == "virtual" else None, "technical_host": "Sam" if fmt == "virtual" else None,
        # the first groups have a facilitator named; the others share the rest, or get a table host
        "groups": [{"name": f"Group {n}", "facilitator": f"Facilitator {n}" if n <= facilitators // 2 else None}
                   for n in range(1, groups + 1)],
        "facilitators": [f"Facilitator {n}" for n in range(1, facilitators + 1)],
        "self_assessment": mode, "minutes": {},
        "breaks": [{"after": "taught-section", "minutes": 10, "title": "Break"}] if brk else [],
    }


def sweep(workshop, extra: int = 0) -> list[dict]:
    limits = {"in-person": workshop.advice.room_size.in_person, "virtual": workshop.advice.room_size.virtual}
    return [sweep_pack(people, fmt, fac, mode, brk)
            for fmt, top in limits.items()
            for people, fac, mode, brk in itertools.product(range(6, top + 1 + extra), range(1, 13), ("share", "whole"),
                                                            (False, True))]


def test_the_limits_are_a_big_room_and_say_why(workshop):
    rules = workshop.advice.room_size
    assert rules.in_person >= 120 and rules.virtual >= 60
    assert "estimate" in rules.source.lower() or "guide" in rules.source.lower()


def test_every_room_up_to_the_limit_is_one_room_with_every_step_its_time(workshop):
    limit = {"in-person": workshop.advice.room_size.in_person, "virtual": workshop.advice.room_size.virtual}
    packs = sweep(workshop)
    assert len(packs) > 8000
    failures = []
    changed = 0
    for d in packs:
        plan = make_plan(as_pack_file(d), workshop, "sweepton")
        assert d["attendees"] <= limit[d["format"]]
        text = " ".join(a.message for a in plan.advice)
        if re.search(r"run the workshop|people are more than about", text, re.I):
            failures.append((d, "more than once at or under the limit", text))
            continue
        if plan.evaluation.problems:
            rec = plan.recommendation
            if rec is None:
                failures.append((d, "no change fits", text))
                continue
            changed += 1
            after = make_plan(apply(plan.pack, rec), workshop, "sweepton")
            if after.evaluation.problems or after.advice or after.cuts:
                failures.append((d, "the change leaves advice", [a.message for a in after.advice]))
                continue
            plan = after
        short = [(i.title, s.title) for i in plan.agenda for s in i.steps if s.minutes < s.planned.least]
        if short or plan.cuts:
            failures.append((d, "steps below their minimum", short))
    assert not failures, f"{len(failures)} of {len(packs)} plans fail; the first: {failures[0]}"
    # most plans fit as planned; those that do not need one change (breaks online, groups, the matrix shared)
    assert changed < len(packs) / 2


def test_more_than_once_only_above_the_stated_limit(workshop):
    rules = workshop.advice.room_size
    for fmt, limit in (("in-person", rules.in_person), ("virtual", rules.virtual)):
        for people in (limit + 1, limit + 15):
            plan = make_plan(as_pack_file(sweep_pack(people, fmt, 2, "share", True)), workshop, "sweepton")
            text = " ".join(a.message for a in plan.advice)
            assert plan.recommendation and plan.recommendation.after.workshops >= 2, text
            assert f"more than about {limit}" in text and "Run the workshop twice" in text


def test_big_rooms_run_their_feedback_another_way_and_name_table_hosts(workshop):
    d = sweep_pack(120, "in-person", 4, "share", True)
    plan = make_plan(as_pack_file(d), workshop, "sweepton")
    assert plan.fits and not plan.advice
    titles = [s.title for s in plan.variants]
    assert "Groups feed back: gallery walk" in titles and "Groups share their actions: gallery walk" in titles
    # two facilitators are named for groups, two more take a group each: the other 11 groups need a host
    assert len(plan.hosts) == 15 - 4 == len(host_groups(plan.pack))
    brief = next(i for i in plan.print_list if i.handout.id == "table-host-brief")
    assert brief.copies == 11
    small = make_plan(as_pack_file(sweep_pack(20, "in-person", 3, "share", True)), workshop, "sweepton")
    assert not small.variants and not small.hosts
    assert "table-host-brief" not in {i.handout.id for i in small.print_list}


def test_the_browser_planner_agrees_on_the_whole_sweep(workshop, tmp_path):
    packs = sweep(workshop, extra=10)
    expected = [python_result(make_plan(as_pack_file(d), workshop, "sweepton")) for d in packs]
    got = run_js(packs, planner_data(workshop), tmp_path)
    mismatched = [i for i, (e, g) in enumerate(zip(expected, got)) if e != g]
    assert len(got) == len(packs)
    assert not mismatched, f"{len(mismatched)} disagree; first: {packs[mismatched[0]]}"


def test_a_variant_with_no_minutes_rule_is_named_with_file_line_and_field(project):
    rel = "content/sections/vision.yml"
    project.replace(rel, "        minutes: {per_pair: 2, plus: 4}\n", "        minutes: {plus: 4}\n")
    line = project.line_of(rel, "        minutes: {plus: 4}")
    assert_clean_failure(project.check(), f"{rel}, line {line}", "steps.4.variants.2.minutes", "found none",
                         "per_pair")


def test_an_unknown_applies_key_is_named_with_what_is_allowed(project):
    rel = "content/sections/action-planning.yml"
    project.replace(rel, "applies: {groups_at_least: 6}", "applies: {groups_at_least: 6, people_over: 50}")
    line = project.line_of(rel, "people_over")
    before = project.read(rel)
    assert_clean_failure(project.check(), f"{rel}, line {line}", "people_over", "groups_at_least")
    assert project.read(rel) == before  # the check never changes a source


# --- a 60-person day in one room, built: its pack page, facilitator pack, table host brief and run mode --------

SIXTY = """\
place: Testville Sixty
convener: Testville Council
date: 2026-06-10
start: "09:30"
format: in-person
venue: Testville Town Hall
attendees: 60
groups: [{name: Group 1, facilitator: Ann}, {name: Group 2, facilitator: Ben}, {name: Group 3}, {name: Group 4},
         {name: Group 5}, {name: Group 6}, {name: Group 7}, {name: Group 8}]
facilitators: [Ann, Ben]
self_assessment: share
breaks:
  - after: taught-section
    minutes: 10
    title: Coffee break
"""


@pytest.fixture(scope="module")
def sixty(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("sixty") / "project")
    project.write("packs/testville-sixty.yml", SIXTY)
    result = project.build(IWE_PACKS="testville-sixty")
    assert result.returncode == 0, result.stderr[-3000:]
    plan = next(p for p in load_packs(project.path, load_workshop(project.path))
                if p.slug == "testville-sixty")
    return project, plan


def _words(text: str) -> str:
    return " ".join(text.split())


def test_sixty_people_is_one_room_with_ways_of_running_it_and_six_table_hosts(sixty):
    _, plan = sixty
    assert plan.fits and not plan.advice and plan.pack.attendees == 60
    assert plan.hosts == [f"Group {n}" for n in range(3, 9)]
    assert {s.planned.variant.name for s in plan.variants} >= {"Gallery walk", "Pairs of groups merge"}


def test_the_pack_page_shows_the_variants_the_hosts_and_every_step_with_its_clock_time(sixty):
    project, plan = sixty
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(project.page("packs/testville-sixty.html"))
    text = _words(doc.text_content())
    assert "Group 3, Group 4, Group 5, Group 6, Group 7, Group 8) need a table host" in text
    assert doc.xpath("//a[contains(@href, 'print-offs/table-host-brief')]")
    rows = [_words(r.text_content()) for r in doc.xpath("//h2[@id='step-by-step']/following::table//tbody/tr")]
    for item in plan.agenda:
        for step in item.steps:
            assert any(r.startswith(f"{step.clock} {step.title} {step.minutes}") for r in rows), (step.title, rows)
    for step in plan.variants:
        assert any(r.startswith(f"{step.clock} {step.title}") and step.do in r for r in rows)
    brief = next(r for r in doc.xpath("//tr") if "Table host brief" in r.text_content())
    assert "6" in [c.text_content().strip() for c in brief.xpath("td")]


def test_the_facilitator_pack_and_the_host_brief_show_them_too(sixty):
    project, plan = sixty
    import pdfplumber

    folder = project.path / "site/downloads/testville-sixty"
    with pdfplumber.open(folder / "testville-sixty-facilitator-pack.pdf") as pdf:
        text = _words(" ".join(p.extract_text() or "" for p in pdf.pages))
    for step in plan.variants:
        assert f"{step.title} at {step.clock}" in text
    assert "Group 3, Group 4, Group 5, Group 6, Group 7, Group 8 have no facilitator" in text
    with pdfplumber.open(folder / "testville-sixty-table-host-brief.pdf") as pdf:
        pages = [_words(p.extract_text() or "") for p in pdf.pages]
    hosted = [s for s in plan.agenda if s.section is not None and s.section.host is not None]
    assert len(pages) == len(hosted) == 3
    for page, item in zip(pages, hosted):
        assert f"{item.title} ({item.clock} to {item.clock_end})" in page
        assert all(f"{s.clock} {s.title} {s.minutes}" in page for s in item.steps)


def test_run_mode_shows_the_variants_and_hosts_at_768_by_1024(sixty, new_page):
    from browser import serve

    project, plan = sixty
    url, stop = serve(project.path / "site", search=False)
    try:
        page = new_page((768, 1024))
        page.goto(f"{url}/packs/testville-sixty/run.html", wait_until="load")
        assert page.locator(".hosts").inner_text().endswith("Group 3, Group 4, Group 5, Group 6, Group 7, Group 8.")
        steps = [" ".join(t.split()) for t in page.locator("li.step").all_inner_texts()]
        for step in plan.variants:
            line = next(t for t in steps if t.startswith(f"{step.clock} {step.title}"))
            assert step.do in line
        assert page.evaluate("document.documentElement.scrollWidth") <= 768
    finally:
        stop()


def test_a_venue_that_holds_fewer_is_the_limit_and_says_so(workshop):
    d = sweep_pack(70, "in-person", 4, "share", True)
    fits = make_plan(as_pack_file(d), workshop, "sweepton")
    assert fits.fits  # 70 people fit one room: the venue is not given
    small = make_plan(as_pack_file(d | {"capacity": 50}), workshop, "sweepton")
    text = " ".join(a.message for a in small.advice)
    assert "70 people are more than the venue holds (50, the pack's capacity)" in text and "Run the workshop twice" in text
    assert small.recommendation.after.attendees == 35
    roomy = make_plan(as_pack_file(d | {"capacity": 200}), workshop, "sweepton")
    assert roomy.fits  # a venue bigger than the room's limit changes nothing
    online = make_plan(as_pack_file(sweep_pack(50, "virtual", 4, "share", True) | {"capacity": 20}), workshop, "s")
    assert "venue" not in " ".join(a.message for a in online.advice)  # online, the venue's size is not asked
