"""The print list's counts on the "Plan your day" page are the engine's.

The pages model (views/print_counts.py) says how many pages each print-off of a plan takes; print-counts.js is its
copy in the browser. The agreement test counts 1,000 varied plans with both (the plans from planner.js and the
Python engine, which test_plan_page.py shows agree) and compares every row: print-off, copies, sheets, paper and
sides.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from test_plan_page import PLANNER_JS, as_pack_file, assert_agree, node, random_pack
from iwe_pack import load_workshop
from iwe_pack.model.plan import make_plan
from iwe_pack.views.print_counts import page_facts, print_rows
from iwe_pack.views.planner_data import planner_data

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
