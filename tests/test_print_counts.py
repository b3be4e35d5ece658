"""The print list's counts on the "Plan your day" page are the engine's.

The pages model (views/print_counts.py) says how many pages each print-off of a plan takes; print-counts.js is its
copy in the browser. The agreement test counts 1,000 varied plans with both (the plans from planner.js and the
Python engine, which test_plan_page.py shows agree) and compares every row: print-off, copies, sheets, paper and
sides. The model is checked against the real PDFs of the three example places, read with poppler, using the
pages the built "Plan your day" page carries, and the page's own print list in Chromium against the engine's.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from iwe_pack import load_workshop
from iwe_pack.load.loader import load_pack, load_project
from iwe_pack.model.plan import make_plan
from iwe_pack.views import print_jobs
from iwe_pack.views.planner_data import planner_data
from iwe_pack.views.print_counts import BY_PLAN, page_facts, pages_of, print_rows
from pdfutil import pages as pdf_pages
from test_plan_page import PLANNER_JS, as_pack_file, assert_agree, fill_new_place, node, open_plan, random_pack

COUNTS_JS = ROOT / "overrides" / "assets" / "javascripts" / "print-counts.js"
PLANS = 1000
FIELDS = ("item", "copies", "sheets", "paper", "sides")

NODE_RUNNER = r"""
const fs = require("fs");
const [planner, counts, dataFile, packsFile, outFile] = process.argv.slice(2);
const P = require(planner), C = require(counts);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
const packs = JSON.parse(fs.readFileSync(packsFile, "utf8"));
const fields = ["item", "copies", "sheets", "paper", "sides"];
const out = packs.map(pack => C.print_rows(data, pack, P.makePlan(data, pack)).map(r => fields.map(f => r[f])));
fs.writeFileSync(outFile, JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def workshop():
    return load_workshop(ROOT)


def varied_facts(workshop, rng: random.Random) -> dict:
    """The pages model's facts with made-up pages for each fixed print-off (1 to 5), so that every count the
    browser works out from them (both sides, cards to a sheet, per group) is tried."""
    facts = page_facts(workshop)
    names = [f"{h.id}-{part}" if part else h.id for h in workshop.handouts.values()
             for part in facts["parts"].get(h.id, [""])]
    facts["fixed"] = {name: rng.randint(1, 5) for name in names}
    facts["measured"] = True
    return facts


def python_rows(pack: dict, workshop, facts: dict) -> list[list]:
    plan = make_plan(as_pack_file(pack), workshop, "testville")
    return [[r[f] for f in FIELDS] for r in print_rows(plan, plan.print_list, facts)]


def js_rows(packs: list[dict], data: dict, tmp: Path) -> list[list[list]]:
    (tmp / "runner.js").write_text(NODE_RUNNER, encoding="utf-8")
    (tmp / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp / "packs.json").write_text(json.dumps(packs), encoding="utf-8")
    subprocess.run([node(), str(tmp / "runner.js"), str(PLANNER_JS), str(COUNTS_JS), str(tmp / "data.json"),
                    str(tmp / "packs.json"), str(tmp / "out.json")], check=True, timeout=600)
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))


def test_the_planner_pages_print_list_agrees_with_the_engine_on_1000_plans(workshop, tmp_path):
    rng = random.Random(20261205)
    packs = [random_pack(rng, workshop) for _ in range(PLANS)]
    facts = varied_facts(workshop, rng)
    expected = [python_rows(p, workshop, facts) for p in packs]
    data = planner_data(workshop)
    data["print"]["pages"] = facts
    got = js_rows(packs, data, tmp_path)
    assert len(got) == PLANS
    # the sample covers what it should: sign-in sheets of one page and of several, scoring sheets for each group
    # and for the whole room, and both formats
    sign_in = {r[2] for rows in expected for r in rows if r[0] == "sign-in-sheet"}
    assert 1 in sign_in and max(sign_in) >= 4
    assert any(r[0] == "scoring-sheet" and r[1] > 1 for rows in expected for r in rows)
    assert {p["self_assessment"] for p in packs} == {"share", "whole"}
    assert {r[4] for rows in expected for r in rows} == {"single-sided", "double-sided"}
    assert_agree(packs, expected, got)


def test_the_agreement_test_can_fail(workshop, tmp_path):
    """The browser fed one changed fact (rows on a sign-in sheet's later pages) counts differently."""
    rng = random.Random(11)
    packs = [random_pack(rng, workshop) for _ in range(60)]
    facts = varied_facts(workshop, rng)
    expected = [python_rows(p, workshop, facts) for p in packs]
    data = planner_data(workshop)
    data["print"]["pages"] = json.loads(json.dumps(facts))
    data["print"]["pages"]["sign_in"]["per_page"] = 5
    assert js_rows(packs, data, tmp_path) != expected


def built_page_facts(site: Path) -> dict:
    """The pages model's facts the built "Plan your day" page gives its print list."""
    html = (site / "plan.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="iwe-planner-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))["print"]["pages"]


def test_the_pages_model_gives_each_example_places_real_pdf_pages(built):
    site = built.path / "site"
    facts = built_page_facts(site)
    assert facts["measured"]
    assert not {n for n in facts["fixed"] if n.startswith(("sign-in-sheet", "scoring-sheet"))}  # from the plan
    plan_text = (site / "plan.html").read_text(encoding="utf-8")
    assert "one page for each print-off" not in plan_text and "print-offs/index.html" in plan_text
    plans = load_project(built.path).plans
    assert {p.slug for p in plans} == {"kingston-upon-hull", "north-yorkshire", "ynys-mon"}
    checked, by_plan = 0, set()
    for plan in plans:
        for item in plan.print_list:
            if item.send:
                continue
            real = tuple(pdf_pages(site / path) for _, path in print_jobs.file_paths(plan, item))
            assert pages_of(item, plan, facts) == real, (plan.slug, item.name)
            checked += len(real)
            if item.handout.layout in BY_PLAN:
                by_plan.add((item.handout.layout, real))
    assert checked > 40
    # what changes with the plan did change: sign-in sheets of 1 and 3 pages (online, none); scoring sheets of
    # 1 and 2 pages (a group's) and 8 (the whole room's)
    assert {r for layout, rs in by_plan if layout == "sign-in" for r in rs} == {1, 3}
    assert {r for layout, rs in by_plan if layout == "scoring" for r in rs} >= {1, 2, 8}


def test_the_plan_pages_print_list_shows_the_engines_counts(new_page, site_url, built, tmp_path):
    """A plan typed into the page: its print list's rows are those the engine counts for the pack file it saves."""
    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    shown = page.eval_on_selector_all("#plan-print tbody tr",
                                      "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    with page.expect_download() as info:
        page.click("#download")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert errors == []
    plan = load_pack(saved, load_workshop(ROOT), ROOT)
    rows = print_rows(plan, plan.print_list, built_page_facts(built.path / "site"))
    titles = [i.title for i in plan.print_list if not i.send]
    assert [[t, r["copies"], r["paper"], r["sheets"]] for t, r in zip(titles, rows)] == \
        [[c[0], int(c[2]), c[3], int(c[5].split()[0])] for c in shown]
    assert any(r["item"] == "sign-in-sheet" and r["sheets"] > 1 for r in rows)  # more than the old one page


def test_a_build_without_pdfs_says_its_counts_take_one_page_a_print_off(project):
    """With nothing measured, the page does not claim real pages: it says the fixed print-offs count one page."""
    out = project.build_here()
    assert out.returncode == 0, out.stdout + out.stderr
    site = project.path / "site"
    facts = built_page_facts(site)
    assert not facts["measured"] and facts["fixed"] == {}
    text = " ".join((site / "plan.html").read_text(encoding="utf-8").split())
    assert "made without its PDFs" in text and "count the real pages" not in text
