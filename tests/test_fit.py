"""Every output shows the plan it is for: no step is printed or shown outside its section.

A section too short for its steps has them cut to fit (the longest step gives up minutes first) and names what
was cut; the plan's advice comes first on its pack page, facilitator pack, run mode and agenda print-off. Checked
in-process over the planner's test grid and the example packs, and over what a build writes for the example
packs and for two plans from issue 31 that do not fit (45 people in the room, 12 people online): the pack page's
HTML, the facilitator pack PDF's text (pdfplumber) and run mode's page and data.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pdfplumber
import pytest
from lxml import html as lxml_html

from conftest import ROOT
from iwe_pack import load_workshop
from iwe_pack.load.loader import load_packs
from iwe_pack.model.advice import TITLES
from iwe_pack.model.plan import TimedStep, make_plan
from iwe_pack.sources.packs import format_clock
from test_planner import GRID, pack

EXAMPLES = ["kingston-upon-hull", "north-yorkshire", "ynys-mon"]

# Two plans from issue 31 that do not fit: 45 people in 7 groups with a comfort break after the vision, each group
# scoring the whole matrix, whose self-assessment and vision are given 40 minutes each, too few for their steps;
# 12 people online in one group whose introductions have 5 minutes, too few for the round.
ISSUE_PACKS = {
    "testville-45": """\
place: Testville 45
convener: Testville Council
date: 2026-06-10
start: "09:30"
format: in-person
venue: Testville Town Hall
attendees: 45
groups: [{name: Group 1}, {name: Group 2}, {name: Group 3}, {name: Group 4}, {name: Group 5}, {name: Group 6},
         {name: Group 7}]
facilitators: [Ann, Ben, Cat, Dev, Eve, Fay, Gus]
self_assessment: whole
minutes:
  self-assessment: 40
  vision: 40
breaks:
  - after: vision
    minutes: 5
    title: Comfort break
""",
    "testville-online": """\
place: Testville Online
convener: Testville Council
date: 2026-06-11
start: "14:00"
format: virtual
platform: Microsoft Teams
technical_host: Sam
attendees: 12
groups: [{name: Everyone}]
facilitators: [Ann]
self_assessment: share
minutes:
  introductions: 5
""",
}


@pytest.fixture(scope="module")
def workshop():
    return load_workshop(ROOT)


def outside(sections: list[tuple[str, int, int, list[tuple[str, int, int]]]]) -> list[str]:
    """The steps that start before their section or end after it: ``sections`` is each section's title, start and
    end, and its steps' titles, starts and ends (minutes since midnight)."""
    out = []
    for title, start, end, steps in sections:
        for step, s_start, s_end in steps:
            if s_start < start or s_end > end:
                out.append(f"{format_clock(s_start)}–{format_clock(s_end)} {step} is outside "
                           f"{format_clock(start)}–{format_clock(end)} {title}")
    return out


def agenda_times(agenda) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    return [(i.title, i.start, i.end, [(s.title, s.start, s.end) for s in i.steps]) for i in agenda if i.section]


def minutes_of(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


# --- the model, in process -----------------------------------------------------------------------------------


def test_no_step_of_any_plan_in_the_grid_or_the_examples_is_outside_its_section(workshop):
    plans = [make_plan(pack(n, g, f, fmt, mode, start), workshop, "testville") for n, g, f, fmt, mode, start in GRID]
    plans += load_packs(ROOT, workshop)
    cut = 0
    for plan in plans:
        assert not outside(agenda_times(plan.agenda)), (plan.pack.attendees, len(plan.pack.groups), plan.pack.format)
        for item in plan.agenda:
            if item.section:
                assert sum(s.minutes for s in item.steps) == item.minutes, item.title
        short = [s for i in plan.agenda for s in i.steps if s.planned.short]
        if short:  # a plan whose steps were cut does not fit: it has advice, and names each step cut and by how much
            cut += 1
            assert plan.advice and not plan.fits
            said = " ".join(plan.cuts)
            for s in short:
                assert f"{s.title.lower()} has {s.minutes} of the {s.planned.least} minutes it needs" in said
        else:
            assert not plan.cuts
    assert cut > 200, cut  # the grid holds many plans whose sections are too short for their steps


def test_steps_are_cut_longest_first_and_keep_at_least_a_minute(workshop):
    from iwe_pack.model.steps import fit_steps
    assert fit_steps([3, 20, 24, 5], 50) == [3, 20, 22, 5]
    assert fit_steps([3, 12, 10, 24, 5], 50) == [3, 12, 10, 20, 5]
    assert fit_steps([2, 8, 12, 3, 2], 25) == [2, 8, 10, 3, 2]
    assert fit_steps([3, 4], 5) == [3, 2] and fit_steps([4, 4], 5) == [3, 2]  # of equal steps, the later first
    assert fit_steps([5, 5, 5], 3) == [1, 1, 1] and fit_steps([5, 5, 5], 2) == [1, 1, 0]
    assert fit_steps([3, 20], 30) == [3, 20]  # steps that fit are left as they are


def test_the_check_sees_a_step_printed_past_its_section(workshop):
    """The check above fails on the old way: each step at the least it needs, past a section too short for them."""
    plan = make_plan(pack(45, 7, 7, "in-person", "whole", minutes={"self-assessment": 40, "vision": 40}), workshop,
                     "testville")
    assert plan.cuts
    unfitted = []
    for item in plan.agenda:
        at, steps = item.start, []
        for s in item.steps:
            steps.append(TimedStep(at, replace(s.planned, minutes=max(s.minutes, s.planned.least))))
            at += steps[-1].minutes
        unfitted.append(replace(item, steps=tuple(steps)))
    found = outside(agenda_times(unfitted))
    assert found and any("Agree the shared vision" in f for f in found), found


# --- what a build writes ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fit_site(tmp_path_factory):
    """The example packs and the two from the issue, built (pages, PDFs and run mode)."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("fit") / "project")
    for slug, text in ISSUE_PACKS.items():
        project.write(f"packs/{slug}.yml", text)
    result = project.build(IWE_PACKS=" ".join(EXAMPLES + list(ISSUE_PACKS)))
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def page_sections(doc) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """The pack page's agenda and its step-by-step tables: each section's clock times and its steps'."""
    spans = {}
    for row in doc.xpath("//h2[@id='agenda']/following::table[1]//tbody/tr"):
        cells = [c.text_content().strip() for c in row.xpath("td")]
        found = re.fullmatch(r"(\d\d:\d\d)–(\d\d:\d\d)", cells[0])
        if found:
            spans[re.sub(r"^\d+\. ", "", cells[1])] = (minutes_of(found[1]), minutes_of(found[2]))
    out = []
    for h3 in doc.xpath("//h2[@id='step-by-step']/following::h3"):
        heading = re.fullmatch(r"(\d\d:\d\d) \d+\. (.+)", h3.text_content().strip(" ¶"))
        if not heading:
            continue
        start, end = spans[heading[2]]
        assert minutes_of(heading[1]) == start, heading[0]
        steps = []
        for row in h3.xpath("following-sibling::*[1][self::table]//tbody/tr"):
            cells = [c.text_content().strip() for c in row.xpath("td")]
            at, n = minutes_of(cells[0]), int(re.match(r"\d+", cells[2])[0])
            steps.append((cells[1], at, at + n))
        assert steps, heading[0]
        out.append((heading[2], start, end, steps))
    return out


def pdf_sections(pdf_path) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """The facilitator pack's sections, read from the PDF's text: each section's "Time" and its steps' rows
    ("09:40 Present the slides ..." then "20 min")."""
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    out = []
    for block in re.split(r"\nTime (?=\d\d:\d\d–\d\d:\d\d \(\d+ minutes\))", text)[1:]:
        span = re.match(r"(\d\d:\d\d)–(\d\d:\d\d)", block)
        steps = []
        rows = re.findall(r"^(\d\d:\d\d) (.+)\n(\d+) min", block.split("\nTime ")[0], re.M)
        for clock, title, n in rows:
            at = minutes_of(clock)
            steps.append((title[:40], at, at + int(n)))
        out.append(("section at " + span[0], minutes_of(span[1]), minutes_of(span[2]), steps))
    return out


def run_sections(project, slug) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """Run mode's data (what run.js counts down) and the agenda it shows without JavaScript."""
    doc = lxml_html.fromstring(project.page(f"packs/{slug}/run.html"))
    data = json.loads(doc.xpath("//script[@id='run-data']")[0].text)
    out, at = [], data["start"]
    for item in data["items"]:
        t, steps = at, []
        for s in item["steps"]:
            steps.append((s["title"], t, t + s["minutes"]))
            t += s["minutes"]
        if item["section"]:
            out.append((item["title"], at, at + item["minutes"], steps))
        at += item["minutes"]
    for li in doc.xpath("//li[contains(@class,'item')][@data-kind='section']"):
        span = re.match(r"(\d\d:\d\d)–(\d\d:\d\d)", li.xpath(".//h3/span[@class='time']")[0].text_content())
        steps = []
        for step in li.xpath(".//li[@class='step']"):
            at = minutes_of(step.xpath("span[@class='time']")[0].text_content())
            n = int(re.search(r"\((\d+) min", step.xpath("span[@class='mins']")[0].text_content())[1])
            steps.append((step.text_content().strip(), at, at + n))
        out.append((li.get("data-title") + " (shown)", minutes_of(span[1]), minutes_of(span[2]), steps))
    return out


@pytest.mark.parametrize("slug", EXAMPLES + list(ISSUE_PACKS))
def test_no_built_output_prints_or_shows_a_step_outside_its_section(fit_site, slug):
    doc = lxml_html.fromstring(fit_site.page(f"packs/{slug}.html"))
    page = page_sections(doc)
    pdf = pdf_sections(fit_site.path / f"site/downloads/{slug}/{slug}-facilitator-pack.pdf")
    run = run_sections(fit_site, slug)
    assert len(page) == len(pdf) == 6 and len(run) == 12, (len(page), len(pdf), len(run))
    found = {}
    for where, sections in (("pack page", page), ("facilitator pack", pdf), ("run mode", run)):
        assert all(steps for *_, steps in sections), where
        found[where] = outside(sections)
    assert not any(found.values()), found


@pytest.mark.parametrize("slug", list(ISSUE_PACKS))
def test_a_plan_that_does_not_fit_says_so_first_with_the_change_and_what_was_cut(fit_site, slug, workshop):
    plan = next(p for p in load_packs(fit_site.path, load_workshop(fit_site.path)) if p.slug == slug)
    assert plan.advice and plan.cuts, slug
    change = plan.advice[0].message.split("What to change: ")[1]
    title = TITLES[plan.advice[0].rule]
    doc = lxml_html.fromstring(fit_site.page(f"packs/{slug}.html"))
    text = " ".join(doc.xpath("//article")[0].text_content().split())
    assert text.index(title) < text.index("Agenda") and change in text
    assert all(" ".join(c.split()) in text for c in plan.cuts)
    with pdfplumber.open(fit_site.path / f"site/downloads/{slug}/{slug}-facilitator-pack.pdf") as pdf:
        pack_text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    assert title in pack_text and pack_text.index(title) < pack_text.index("Agenda Time")
    assert change.split(",")[0] in pack_text and "(needs " in pack_text
    run = lxml_html.fromstring(fit_site.page(f"packs/{slug}/run.html"))
    notice = run.xpath("//main/section[@class='fit-notice']")
    assert notice and notice[0].getnext().get("id") == "now-panel"
    assert change in " ".join(notice[0].text_content().split())
    with pdfplumber.open(fit_site.path / f"site/downloads/{slug}/{slug}-attendee-agenda.pdf") as pdf:
        agenda_text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    assert title in agenda_text


@pytest.mark.parametrize("page_path", ["packs/testville-45.html", "packs/testville-45/run.html",
                                       "packs/testville-online/run.html"])
def test_the_notice_is_seen_first_and_has_no_axe_violations(fit_site, new_page, page_path):
    from browser import serve
    from test_plan_page import axe_violations

    url, stop = serve(fit_site.path / "site", search=False)
    try:
        page = new_page((768, 1024))
        page.goto(f"{url}/{page_path}", wait_until="load")
        notice = page.locator(".fit-notice, .admonition.danger").first
        assert notice.is_visible()
        box = notice.bounding_box()
        assert 0 <= box["y"] < 1024 and box["y"] < page.locator("#now-panel, h2#agenda").first.bounding_box()["y"]
        assert axe_violations(page) == []
    finally:
        stop()


def test_the_notices_pages_have_no_markup_errors(fit_site):
    """The Nu HTML checker on the pages that carry the notice (as test_markup does for the shipped site)."""
    import subprocess

    from npm_tools import vnu_jar
    from test_markup import KNOWN_THEME, QUICK_JAVA, THEME_SWITCH

    pages = [str(fit_site.path / "site/packs" / rel) for rel in
             ("testville-45.html", "testville-45/run.html", "testville-online.html", "testville-online/run.html")]
    out = subprocess.run(["java", *QUICK_JAVA, "-jar", str(vnu_jar()), "--format", "json", *pages],
                         capture_output=True, text=True, timeout=600)
    errors = [m for m in json.loads(out.stderr)["messages"] if m["type"] in ("error", "non-document-error")
              and not (m["message"].startswith(KNOWN_THEME) and THEME_SWITCH in m.get("extract", ""))]
    assert errors == [], errors[:5]


def test_iwe_pack_check_names_the_steps_cut_to_fit(project):
    project.write("packs/testville-45.yml", ISSUE_PACKS["testville-45"])
    out = project.check(str(project.file("packs/testville-45.yml")))
    assert out.returncode == 0, out.stdout + out.stderr
    plan = next(p for p in load_packs(project.path, load_workshop(project.path)) if p.slug == "testville-45")
    said = " ".join(out.stdout.split())
    assert plan.cuts and all(" ".join(c.split()) in said for c in plan.cuts), out.stdout
    assert said.index("Advice:") < said.index(plan.cuts[0])
