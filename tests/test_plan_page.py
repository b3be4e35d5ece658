"""The "Plan your day" page: the browser's planner agrees with the Python engine, and the page works in Chromium.

The agreement test plans 1,000 varied packs with the Python engine in-process (``make_plan``) and with
planner.js in one Node process (fed the data the build embeds in the page), and compares every plan.
The browser tests fill the form on the built site, check the engine's words appear beside a bad field,
download the pack file and run ``iwe-pack check`` on it in-process.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from iwe_pack import load_workshop
from iwe_pack.model.plan import apply, make_plan
from iwe_pack.sources.packs import Break, ClockTime, Group, PackDate, PackFile
from iwe_pack.sources.typed_yaml import LineDict
from iwe_pack.views.planner_data import planner_data

# the browser's planner: planner-plan.js, which loads the other mirrors of the model (planner-base.js, -steps, planner.js,
# -advice) when required in Node
PLANNER_JS = ROOT / "overrides" / "assets" / "javascripts" / "planner-plan.js"
PLANS = 1000

NODE_RUNNER = r"""
const fs = require("fs");
const [planner, dataFile, packsFile, outFile] = process.argv.slice(2);
const P = require(planner);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
const packs = JSON.parse(fs.readFileSync(packsFile, "utf8"));
const applied = p => ({attendees: p.attendees, groups: p.groups.map(g => g.name), self_assessment: p.self_assessment,
  minutes: p.minutes, breaks: p.breaks.map(b => [b.after, b.minutes, b.title]), technical_host: p.technical_host || null});
const out = packs.map(pack => {
  const plan = P.makePlan(data, pack);
  return {
    agenda: plan.agenda.map(i => [i.clock, i.minutes, i.least, i.title, i.steps.map(s => [s.clock, s.minutes, s.title])]),
    advice: plan.advice.map(a => [a.rule, a.message, a.source]),
    cuts: plan.cuts,
    hosts: plan.hosts,
    allocation: Object.fromEntries(Object.entries(plan.allocation).map(([g, ps]) => [g, ps.map(p => p.id)])),
    shared: plan.shared,
    print_list: plan.print_list.map(i => [i.handout.id, i.copies, i.sheets, i.send, i.sections]),
    applied: plan.recommendation ? applied(P.apply(data, pack, plan.recommendation)) : null,
  };
});
fs.writeFileSync(outFile, JSON.stringify(out));
"""


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("Node.js is not installed: apt-get install nodejs (the project's .ci/run installs it).")
    return found


@pytest.fixture(scope="module")
def workshop():
    return load_workshop(ROOT)


def random_pack(rng: random.Random, workshop) -> dict:
    """A pack as the page's form makes it (the keys of a pack file), varied over what a place may choose."""
    ids = [s.id for s in workshop.sections]
    attendees = rng.randint(6, 130)
    groups = rng.randint(1, min(17, attendees))
    fmt = rng.choice(["in-person", "virtual"])
    minutes = {}
    for s in workshop.sections:
        if rng.random() < 0.4:
            minutes[s.id] = rng.randint(s.minutes.min, s.minutes.max)
    breaks = []
    for after in rng.sample(ids[:-1], rng.choice([0, 0, 1, 1, 1, 2, 3])):
        breaks.append({"after": after, "minutes": rng.choice([3, 5, 10, 10, 15, 20, rng.randint(1, 60)]),
                       "title": rng.choice(["Break", "Tea", "Screen break"])})
    breaks.sort(key=lambda b: ids.index(b["after"]))
    return {
        "place": "Testville", "convener": "Testville Council", "date": "2026-06-10",
        "start": f"{rng.randint(6, 15):02d}:{rng.choice([0, 5, 15, 30, 45, rng.randint(0, 59)]):02d}",
        "format": fmt, "attendees": attendees,
        "venue": "Town Hall" if fmt == "in-person" else None, "platform": "Teams" if fmt == "virtual" else None,
        "technical_host": "Sam" if fmt == "virtual" and rng.random() < 0.6 else None,
        "groups": [{"name": f"Group {n}", "facilitator": f"Facilitator {n}" if rng.random() < 0.3 else None}
                   for n in range(1, groups + 1)],
        "facilitators": [f"Facilitator {n}" for n in range(1, rng.randint(1, 12) + 1)],
        "self_assessment": rng.choice(["share", "whole"]), "minutes": minutes, "breaks": breaks,
        # in person, sometimes a venue that holds fewer than the room's limit
        "capacity": rng.choice([None, None, None, rng.randint(20, 140)]) if fmt == "in-person" else None,
    }


def as_pack_file(d: dict) -> PackFile:
    return PackFile(
        place=d["place"], convener=d["convener"], date=PackDate.parse(d["date"]), start=ClockTime.parse(d["start"]),
        format=d["format"], attendees=d["attendees"], groups=[Group(name=g["name"], facilitator=g["facilitator"]) for g in d["groups"]],
        facilitators=list(d["facilitators"]), capacity=d.get("capacity"), venue=d["venue"], platform=d["platform"],
        technical_host=d["technical_host"], self_assessment=d["self_assessment"], minutes=LineDict(d["minutes"]),
        breaks=[Break(after=b["after"], minutes=b["minutes"], title=b["title"]) for b in d["breaks"]],
    )


def python_result(plan) -> dict:
    return {
        "agenda": [[i.clock, i.minutes, i.least, i.title, [[s.clock, s.minutes, s.title] for s in i.steps]]
                   for i in plan.agenda],
        "advice": [[a.rule, a.message, a.source] for a in plan.advice],
        "cuts": plan.cuts,
        "hosts": plan.hosts,
        "allocation": {g: [p.id for p in ps] for g, ps in plan.allocation.items()},
        "shared": plan.shared,
        "print_list": [[i.handout.id, i.copies, i.sheets, i.send, i.sections] for i in plan.print_list],
        "applied": applied(apply(plan.pack, plan.recommendation)) if plan.recommendation else None,
    }


def applied(p: PackFile) -> dict:
    """What the advice's "Make this change" writes into the pack (model/plan.py ``apply``)."""
    return {"attendees": p.attendees, "groups": [g.name for g in p.groups], "self_assessment": p.self_assessment,
            "minutes": dict(p.minutes), "breaks": [[b.after, b.minutes, b.title] for b in p.breaks],
            "technical_host": p.technical_host}


def run_js(packs: list[dict], data: dict, tmp: Path) -> list[dict]:
    (tmp / "runner.js").write_text(NODE_RUNNER, encoding="utf-8")
    (tmp / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp / "packs.json").write_text(json.dumps(packs), encoding="utf-8")
    subprocess.run([node(), str(tmp / "runner.js"), str(PLANNER_JS), str(tmp / "data.json"), str(tmp / "packs.json"),
                    str(tmp / "out.json")], check=True, timeout=600)
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))


def test_the_browser_planner_agrees_with_the_engine_on_1000_packs(workshop, tmp_path):
    rng = random.Random(20261122)
    packs = [random_pack(rng, workshop) for _ in range(PLANS)]
    expected = [python_result(make_plan(as_pack_file(p), workshop, "testville")) for p in packs]
    got = run_js(packs, planner_data(workshop), tmp_path)
    assert len(got) == PLANS
    # the sample covers what it should: plans that fit, plans with advice, both formats and modes, split workshops
    assert any(e["advice"] for e in expected) and any(not e["advice"] for e in expected)
    assert any("twice" in e["advice"][0][1] for e in expected if e["advice"])
    assert sum(bool(e["cuts"]) for e in expected) > 50  # sections too short for their steps, cut to fit
    assert sum(e["applied"] is not None for e in expected) > 100
    assert {p["format"] for p in packs} == {"in-person", "virtual"}
    assert {p["self_assessment"] for p in packs} == {"share", "whole"}
    assert_agree(packs, expected, got)


def assert_agree(packs: list[dict], expected: list, got: list) -> None:
    """Each pack's result from Python and from the browser the same; else the first that differs, shown."""
    mismatched = [(i, packs[i], e, g) for i, (e, g) in enumerate(zip(expected, got)) if e != g]
    assert not mismatched, "first of {} disagreements:\npack {}\npython {}\njs     {}".format(
        len(mismatched), *[json.dumps(x) for x in mismatched[0][1:]])


def test_the_agreement_test_can_fail(workshop, tmp_path):
    """A planner fed one changed number gives different plans: the comparison above sees the numbers."""
    rng = random.Random(7)
    packs = [random_pack(rng, workshop) for _ in range(40)]
    data = planner_data(workshop)
    data["advice"]["group_size"]["most_people"] += 3
    expected = [python_result(make_plan(as_pack_file(p), workshop, "testville")) for p in packs]
    got = run_js(packs, data, tmp_path)
    assert expected != got


# --- the page in Chromium ---------------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"tablet": (768, 1024), "phone": (320, 640)}


def open_plan(new_page, url: str, size=(768, 1024), requests: list | None = None):
    """The page in a new tab with empty storage (see new_page in browser.py), recording every request if asked;
    return the page and the script errors it meets."""
    page = new_page(size)
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    return page, errors


def fill_new_place(page, attendees: str = "24") -> None:
    page.fill("#f-place", "Calderdale")
    page.fill("#f-convener", "Calderdale Council public health team")
    page.fill("#f-date", "2026-09-15")
    page.fill("#f-start", "13:30")
    page.fill("#f-venue", "Halifax Town Hall, Crossley Street, Halifax")
    page.fill("#f-contact", "Jo Bloggs, jo@example.org")
    page.fill("#f-attendees", attendees)
    page.fill("#f-facilitators", "Jo Bloggs\nSam Patel\nAlex Wood")
    page.fill("#f-min-self-assessment", "50")


def shown_agenda(page) -> list[list[str]]:
    return page.eval_on_selector_all("#plan-agenda tbody tr",
                                     "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")


def test_a_new_place_fills_the_form_and_sees_its_agenda(new_page, site_url, built, tmp_path):
    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    agenda = shown_agenda(page)
    assert errors == []
    assert agenda[0][0].startswith("13:30") and agenda[0][1] == "Introductions and context setting"
    assert any(row[1] == "Self-assessment" and row[2] == "50" for row in agenda)
    assert "Calderdale" in page.inner_text("#plan-summary")
    letter = page.input_value("#plan-letter")
    assert "Halifax Town Hall" in letter and "13:30  Introductions and context setting" in letter
    assert "⟦" not in letter
    assert "Tuesday 15 September 2026, 13:30 to" in letter  # the date as the engine writes it (PackDate.long)
    assert page.locator("#plan-print tbody tr").count() > 3


def test_bad_values_show_the_engines_words_beside_the_field(new_page, site_url, built, project):
    from iwe_pack.diagnostics.catalogue import CATALOGUE

    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page, attendees="2")
    page.fill("#f-start", "25:00")
    start_error = page.inner_text("#e-start")
    groups_error = page.inner_text("#e-groups")
    assert page.get_attribute("#f-start", "aria-invalid") == "true"
    page.fill("#f-place", "Calderdale \U0001F600")
    font_error = page.inner_text("#e-place")
    assert font_error.startswith("found '\U0001F600' (U+1F600)")
    assert font_error.endswith(CATALOGUE["pack.font-cannot-print"].text.split("{found}")[1])
    # the same words `iwe-pack check` gives for the same mistakes in a pack file
    original = (ROOT / "packs" / "ynys-mon.yml").read_text(encoding="utf-8")
    said = []
    for old, new in (('start: "10:00"', 'start: "25:00"'), ("attendees: 10", "attendees: 1")):
        assert old in original
        project.write("packs/ynys-mon.yml", original.replace(old, new))
        out = project.check(str(project.file("packs/ynys-mon.yml")))
        assert out.returncode != 0
        said.append(out.stdout + out.stderr)
    assert start_error == CATALOGUE["value.not-a-time"].text.format(found="'25:00'")
    assert start_error in said[0]
    assert groups_error == CATALOGUE["pack.more-groups-than-people"].text.format(found=3, allowed=2)
    assert CATALOGUE["pack.more-groups-than-people"].text.format(found=2, allowed=1) in said[1]


def test_the_downloaded_pack_file_passes_iwe_pack_check_with_the_same_agenda(new_page, site_url, built, project):
    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    page.click("input[name='format'][value='virtual']")
    page.fill("#f-platform", "Microsoft Teams")
    page.fill("#f-joining_link", "https://teams.example.org/meet/123")
    page.fill("#f-technical_host", "Priya Shah")
    page.click("#add-break")
    page.fill("#f-group-1", "Tîm Un: \"north\"")  # needs quoting in YAML
    agenda = shown_agenda(page)
    advice = page.inner_text("#plan-advice")
    letter = page.input_value("#plan-letter")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "calderdale.yml"
    text = Path(download.path()).read_text(encoding="utf-8")
    project.write("packs/calderdale.yml", text)
    out = project.check(str(project.file("packs/calderdale.yml")))
    assert out.returncode == 0, out.stdout + out.stderr
    from iwe_pack.load.loader import load_pack

    workshop = load_workshop(project.path)
    plan = load_pack(project.file("packs/calderdale.yml"), workshop, project.path)
    assert [[f"{i.clock}–{i.clock_end}", i.title, str(i.minutes)] for i in plan.agenda] == agenda
    assert plan.pack.groups[0].name == "Tîm Un: \"north\"" and plan.pack.format == "virtual"
    assert (plan.advice[0].message in advice) if plan.advice else advice == ""
    # the joining letter the page made is the one the site makes for the published pack
    from iwe_pack.load.loader import load_project
    from iwe_pack.views.letters import letters

    published = load_project(project.path)
    made = next(p for p in published.plans if p.slug == "calderdale")
    assert letter == letters(made, published.workshop, published.templates)["joining-instructions.txt"]


@pytest.mark.parametrize("form", ["in-person", "virtual"])
def test_the_calendar_invitation_the_page_makes_is_the_one_the_site_makes(new_page, site_url, built, project, form):
    """The same .ics for the same plan, from the browser and from the engine (but its DTSTAMP: when it was made)."""
    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    page.fill("#f-venue", "Halifax Town Hall; Crossley Street, Halifax")  # text a calendar file must escape
    if form == "virtual":
        page.click("input[name='format'][value='virtual']")
        page.fill("#f-platform", "Microsoft Teams")
        page.fill("#f-joining_link", "https://teams.example.org/meet/123")
        page.fill("#f-technical_host", "Priya Shah")
    page.fill("#f-date", "2026-10-26")  # the day after the clocks go back
    with page.expect_download() as got:
        page.click("#download-invitation")
    assert got.value.suggested_filename == "calderdale-invitation.ics"
    made_here = Path(got.value.path()).read_bytes()
    with page.expect_download() as info:
        page.click("#download")
    project.write("packs/calderdale.yml", Path(info.value.path()).read_text(encoding="utf-8"))
    from iwe_pack.load.loader import load_project
    from iwe_pack.views.letters import letters

    published = load_project(project.path)
    plan = next(p for p in published.plans if p.slug == "calderdale")
    engine = letters(plan, published.workshop, published.templates)["invitation.ics"].encode("utf-8")

    def without_stamp(data: bytes) -> list[bytes]:
        return [line for line in data.split(b"\r\n") if not line.startswith(b"DTSTAMP:")]

    assert without_stamp(made_here) == without_stamp(engine)
    assert b"DTSTART;TZID=Europe/London:20261026T133000" in made_here and errors == []


# --- the pack file means exactly what was typed ---------------------------------------------------------------

INJECTED = "evaluation_link: https://elsewhere.example/ #"
# Characters YAML reads as a line break (U+2028, U+2029, U+0085) or refuses in a file (a vertical tab)
BREAKERS = {"\u2028": "U+2028", "\u2029": "U+2029", "\u0085": "U+0085", "\u000b": "U+000B"}
# Every text field of the form, with an ordinary value, the format it shows in and the error beside it
TEXT_FIELDS = [
    ("#f-place", "Leeds", "in-person", "#e-place"),
    ("#f-convener", "Leeds City Council", "in-person", "#e-convener"),
    ("#f-start", "13:30", "in-person", "#e-start"),
    ("#f-venue", "Civic Hall", "in-person", "#e-venue"),
    ("#f-contact", "Jo Bloggs, jo@example.org", "in-person", "#e-contact"),
    ("#f-facilitators", "Jo Bloggs\nSam Patel", "in-person", "#e-facilitators"),
    ("#f-group-1", "Group 1", "in-person", "#e-group-1"),
    ("#f-groupfac-1", "Alex Wood", "in-person", "#e-group-1"),
    ("#f-break-title-1", "Tea", "in-person", "#e-break-1"),
    ("#f-platform", "Microsoft Teams", "virtual", "#e-platform"),
    ("#f-joining_link", "https://teams.example.org/meet/123", "virtual", "#e-joining_link"),
    ("#f-technical_host", "Priya Shah", "virtual", "#e-technical_host"),
]


def downloads_of(page) -> list:
    got: list = []
    page.on("download", lambda d: got.append(d))
    return got


def test_a_line_break_or_control_character_in_any_text_is_refused_in_the_engines_words(new_page, site_url, built,
                                                                                        project):
    from iwe_pack.diagnostics.catalogue import CATALOGUE

    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    got = downloads_of(page)
    tried = 0
    for field, ordinary, fmt, beside in TEXT_FIELDS:
        # each field on a fresh form: its problem shows as it is typed (the field is touched), not only on download
        page.evaluate("localStorage.clear()")
        page.reload()
        fill_new_place(page)
        page.click(f"input[name='format'][value='{fmt}']")
        if fmt == "virtual":
            page.fill("#f-platform", "Microsoft Teams")
        page.fill(field, ordinary)
        assert page.inner_text(beside) == "", field
        for char, code in BREAKERS.items():
            page.fill(field, ordinary + char + INJECTED)
            words = CATALOGUE["yaml.control-character"].text.format(found=code)
            assert page.inner_text(beside) == words, (field, code)
            assert page.get_attribute(field, "aria-invalid") == "true", (field, code)
            page.click("#download")
            assert page.inner_text("#action-status") == "Put right the problem shown in the form first.", (field, code)
            tried += 1
        page.fill(field, ordinary)
        assert page.inner_text(beside) == "" and page.get_attribute(field, "aria-invalid") is None, field
    assert tried == len(TEXT_FIELDS) * len(BREAKERS)
    page.wait_for_timeout(200)
    assert got == [] and errors == []
    # the words are the ones `iwe-pack check` gives for the same character in a pack file, however it is written
    original = (ROOT / "packs" / "ynys-mon.yml").read_text(encoding="utf-8")
    assert "place: Ynys Môn\n" in original
    for char, code in BREAKERS.items():
        for written in (char, f"\\u{ord(char):04X}"):
            project.write("packs/ynys-mon.yml", original.replace("place: Ynys Môn\n", f'place: "Ynys{written}Môn"\n'))
            out = project.check(str(project.file("packs/ynys-mon.yml")))
            assert out.returncode != 0
            assert CATALOGUE["yaml.control-character"].text.format(found=code) in out.stdout + out.stderr, (code, written)


UNUSUAL = {
    "place": "- Bro'r \"Fâl\": Cwm #2 & *Tŷ* !Ŵyn, Llanfair-ym-Muallt",
    "convener": "Cyngor: 'Powys' & \"Ceredigion\" # partners",
    "venue": "Neuadd y Dref: Stryd y Bont #3,\tYstradgynlais [Ystafell] {A} | > % @home ?",  # a tab, written \\x09
    "contact": "Siân ap Dafydd <sian@example.org>, 01234\u00a0567890 # ask for \\Siân\\",
    "facilitators": ["- Dŵr Jones", "! Elen: Wyn", "*Mali* & 'Huw'", "#Iolo", "yes", "null", "~", "3", "2026-09-15"],
    "groups": [{"name": "Tîm Un: \"gogledd\"", "facilitator": "- Gwenllïan #1"}, {"name": "& Tîm Dau *", "facilitator": "no"},
               {"name": "!Tîm Tri: 'de'"}],
    "break": "Paned: te & coffi #1 \"Ŵ\"",
}
VIRTUAL_UNUSUAL = {"platform": "Zoom: 'Cymru' #main & *backup*", "joining_link": "https://zoom.example.org/j/123?pwd=a#b:c&d=*e",
                   "technical_host": "- Rhodri ab Ieuan: \"host\" #2"}


@pytest.mark.parametrize("fmt", ["in-person", "virtual"])
def test_unusual_text_downloads_a_file_with_exactly_the_fields_and_values_typed(new_page, site_url, built, project,
                                                                                fmt):
    import yaml

    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    page.click(f"input[name='format'][value='{fmt}']")
    for key in ("place", "convener", "contact"):
        page.fill(f"#f-{key}", UNUSUAL[key])
    if fmt == "in-person":
        page.fill("#f-venue", UNUSUAL["venue"])
    else:
        for key, value in VIRTUAL_UNUSUAL.items():
            page.fill(f"#f-{key}", value)
    page.fill("#f-facilitators", "\n".join(UNUSUAL["facilitators"]))
    for n, g in enumerate(UNUSUAL["groups"], start=1):
        page.fill(f"#f-group-{n}", g["name"])
        page.fill(f"#f-groupfac-{n}", g.get("facilitator", ""))
    page.fill("#f-break-title-1", UNUSUAL["break"])
    after = page.input_value("#f-break-after-1")
    assert page.eval_on_selector_all(".iwe-error", "ps => ps.map(p => p.textContent).filter(Boolean)") == []
    with page.expect_download() as info:
        page.click("#download")
    name = info.value.suggested_filename
    assert name == "bro-r-fal-cwm-2-ty-wyn-llanfair-ym-muallt.yml"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    # nothing typed in the comment; nothing YAML could read as a line break or refuse, however it was typed
    assert text.startswith("#") and UNUSUAL["place"] not in text.splitlines()[0] + text.splitlines()[1]
    assert not re.search("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]", text)
    expected = {
        "place": UNUSUAL["place"], "convener": UNUSUAL["convener"], "date": "2026-09-15", "start": "13:30", "format": fmt,
        **({"venue": UNUSUAL["venue"]} if fmt == "in-person" else VIRTUAL_UNUSUAL),
        "contact": UNUSUAL["contact"], "attendees": 24, "groups": UNUSUAL["groups"],
        "facilitators": UNUSUAL["facilitators"], "self_assessment": "share", "minutes": {"self-assessment": 50},
        "breaks": [{"after": after, "minutes": 10, "title": UNUSUAL["break"]}],
    }
    assert yaml.safe_load(text) == expected
    assert errors == []
    project.write(f"packs/{name}", text)
    out = project.check(str(project.file(f"packs/{name}")))
    assert out.returncode == 0, out.stdout + out.stderr
    from iwe_pack.load.loader import load_pack

    pack = load_pack(project.file(f"packs/{name}"), load_workshop(project.path), project.path).pack
    assert (pack.place, pack.convener, pack.contact) == (UNUSUAL["place"], UNUSUAL["convener"], UNUSUAL["contact"])
    assert [(g.name, g.facilitator) for g in pack.groups] == [(g["name"], g.get("facilitator")) for g in UNUSUAL["groups"]]
    assert list(pack.facilitators) == UNUSUAL["facilitators"] and pack.breaks[0].title == UNUSUAL["break"]


def test_a_name_too_long_for_its_files_is_refused_and_no_file_is_offered(new_page, site_url, built, project):
    from iwe_pack.diagnostics.catalogue import CATALOGUE
    from iwe_pack.sources.packs import MAX_GROUP_SLUG, MAX_PLACE_SLUG, slugify

    words = CATALOGUE["pack.name-too-long"].text
    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    got = downloads_of(page)
    fill_new_place(page)
    long_place = "Llanfairpwllgwyngyll Gogerychwyrndrobwll " * 250  # a 10,000-letter file name before
    slug = slugify(long_place)
    page.fill("#f-place", long_place)
    said = words.format(what="place", found=len(slug), example=slug[:24], allowed=MAX_PLACE_SLUG)
    assert page.inner_text("#e-place") == said
    page.click("#download")
    assert "Put right" in page.inner_text("#action-status")
    # the longest name allowed downloads; one letter more does not
    page.fill("#f-place", "a" * MAX_PLACE_SLUG)
    assert page.inner_text("#e-place") == ""
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "a" * MAX_PLACE_SLUG + ".yml"
    page.fill("#f-place", "a" * (MAX_PLACE_SLUG + 1))
    assert page.inner_text("#e-place") == words.format(what="place", found=MAX_PLACE_SLUG + 1, example="a" * 24,
                                                       allowed=MAX_PLACE_SLUG)
    page.fill("#f-place", "Calderdale")
    long_group = "Tîm " + "y Gogledd " * 8
    group_slug = slugify(long_group)
    assert len(group_slug) > MAX_GROUP_SLUG
    page.fill("#f-group-2", long_group)
    group_said = words.format(what="group name", found=len(group_slug), example=group_slug[:24], allowed=MAX_GROUP_SLUG)
    assert page.inner_text("#e-group-2") == group_said
    page.click("#download")
    assert "Put right" in page.inner_text("#action-status")
    page.wait_for_timeout(200)
    assert len(got) == 1 and errors == []
    # `iwe-pack check` says the same of the same names in a pack file
    original = (ROOT / "packs" / "ynys-mon.yml").read_text(encoding="utf-8")
    project.write("packs/ynys-mon.yml", original.replace("place: Ynys Môn\n", f'place: "{long_place.strip()}"\n'))
    out = project.check(str(project.file("packs/ynys-mon.yml")))
    assert out.returncode != 0 and said in out.stdout + out.stderr
    first_group = re.search(r"  - name: (.+)\n", original)
    project.write("packs/ynys-mon.yml", original.replace(first_group.group(0), f'  - name: "{long_group}"\n', 1))
    out = project.check(str(project.file("packs/ynys-mon.yml")))
    assert out.returncode != 0 and group_said in out.stdout + out.stderr


def test_a_place_named_as_a_windows_device_downloads_a_file_it_can_be_saved_as(new_page, site_url, built):
    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    page.fill("#f-place", "Con")
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "con-2.yml"


def test_a_day_longer_than_the_budget_cannot_be_downloaded(new_page, site_url, built):
    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    for s in load_workshop(ROOT).sections:
        page.fill(f"#f-min-{s.id}", str(s.minutes.max))
    page.click("#add-break")
    page.fill("#f-break-min-2", "60")
    assert re.search(r"The day takes \d+ minutes with its breaks", page.inner_text("#e-breaks"))
    page.click("#download")
    assert "Put right" in page.inner_text("#action-status")


def test_the_advice_button_applies_the_recommendation(new_page, site_url, built):
    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page, attendees="60")
    before = page.locator(".g-name").count()
    assert "What to change" in page.inner_text("#plan-advice")
    page.click("#apply")
    assert page.inner_text("#plan-advice") == ""
    # 60 people stay in one room (issue 23): the change is more groups, so that none has more than 8
    assert int(page.input_value("#f-attendees")) == 60 and page.locator(".g-name").count() >= 8 > before


def test_the_plan_is_kept_in_this_browser_until_forgotten(new_page, site_url, built):
    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    page.reload()
    assert page.input_value("#f-place") == "Calderdale"
    assert "Calderdale" in page.evaluate("localStorage.getItem('iwe-plan-v1')")
    page.click("#forget")
    assert page.evaluate("localStorage.getItem('iwe-plan-v1')") is None
    page.reload()
    assert page.input_value("#f-place") == ""


def test_the_page_works_from_the_offline_copy_with_no_request_elsewhere(browser, built, tmp_path):
    import zipfile

    zipped = next((built.path / "site" / "downloads").glob("*offline*.zip"))
    with zipfile.ZipFile(zipped) as z:
        z.extractall(tmp_path)
    requests: list[str] = []
    url = next(tmp_path.glob("*/plan.html")).as_uri()
    context = browser.new_context(viewport={"width": 768, "height": 1024})  # its own, to go offline
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    context.set_offline(True)
    page.reload()
    fill_new_place(page)
    assert shown_agenda(page) and errors == []
    context.close()
    assert requests and all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests


def axe_violations(page) -> list:
    from npm_tools import axe_script

    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe_script())
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))", AXE_TAGS)


@pytest.mark.parametrize("size", SIZES)
def test_the_page_has_no_axe_violations(new_page, site_url, built, size):
    requests: list[str] = []
    page, _ = open_plan(new_page, f"{site_url}/plan.html", SIZES[size], requests)
    fill_new_place(page, attendees="60")  # with advice shown, and an error beside a field
    page.fill("#f-start", "25:00")
    found = axe_violations(page)
    assert found == []
    assert all(u.startswith((site_url, "data:", "blob:")) for u in requests)


def test_the_printed_agenda_names_the_place_date_and_version_on_every_page(new_page, site_url, built, tmp_path):
    import pdfplumber

    page, _ = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    page.emulate_media(media="print")
    assert not page.is_visible("#iwe-plan-form") and page.is_visible("#plan-agenda")
    pdf = tmp_path / "agenda.pdf"
    page.pdf(path=str(pdf), format="A4")
    version = load_workshop(ROOT).version
    with pdfplumber.open(pdf) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
    assert len(texts) >= 2
    for text in texts:
        assert "Calderdale" in text and "Tuesday 15 September 2026" in text and f"Pack version {version}" in text
    assert "Introductions and context setting" in texts[0]


def test_run_the_day_runs_the_plan_from_this_browser(new_page, site_url, built):
    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page)
    agenda = shown_agenda(page)
    page.click("#run")
    page.wait_for_url("**/plan-run.html")
    assert page.locator(".item").count() == len(agenda)
    assert page.inner_text(".item h3 .time") == agenda[0][0]
    assert page.locator(".item details .notes-body").count() == len(load_workshop(ROOT).sections)
    page.click("#start")
    assert page.inner_text("#now-title") == agenda[0][1]
    assert errors == []
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert axe_violations(page) == []


def test_a_plan_that_does_not_fit_says_so_first_in_print_and_in_run_mode(new_page, site_url, built, tmp_path):
    from iwe_pack.load.loader import load_pack

    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page, attendees="45")
    page.fill("#f-min-action-planning", "20")  # too short for its groups to share their actions: steps are cut
    advice = [" ".join(t.split()) for t in page.locator("#plan-advice .iwe-advice-text").all_inner_texts()]
    assert len(advice) >= 2 and any("cut to fit" in t for t in advice), advice
    assert "(needs " in page.inner_text("#plan-steps")
    with page.expect_download() as info:
        page.click("#download")
    shutil.copy(info.value.path(), tmp_path / "calderdale.yml")
    plan = load_pack(tmp_path / "calderdale.yml", load_workshop(ROOT), ROOT)
    assert plan.cuts and [flat(c) for c in plan.cuts] == [t for t in advice if "cut to fit" in t]
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    text = flat(" ".join(print_document(page, "#print-pack", tmp_path / "pack.pdf")))
    assert text.index("does not fit yet") < text.index("Agenda Time") and advice[0] in text
    for item in plan.agenda:  # every step at the clock time and minutes the engine fitted inside its section
        for s in item.steps:
            assert f"{s.clock} {s.title} ({s.minutes} min" in text, s.title
            assert item.start <= s.start and s.end <= item.end
    page.emulate_media(media="screen")
    page.evaluate("() => { window.printed = 0; }")
    agenda = flat(" ".join(print_document(page, "#print-agenda", tmp_path / "agenda.pdf")))
    assert agenda.index("does not fit yet") < agenda.index("Time What happens")
    page.emulate_media(media="screen")
    page.click("#run")
    page.wait_for_url("**/plan-run.html")
    notice = page.locator("main > .fit-notice")
    assert notice.count() == 1 and notice.bounding_box()["y"] < page.locator("#now-panel").bounding_box()["y"]
    said = " ".join(notice.inner_text().split())
    assert all(t in said for t in advice), (advice, said)
    assert ", needs " in page.inner_text("#items")
    assert errors == [] and axe_violations(page) == []


# --- the documents the page prints: facilitator pack, scoring sheets, sign-in sheet -----------------------

PRINT_GROUPS = ["Team Kestrel", "Team Heron", "Team Otter"]


def flat(text: str) -> str:
    """Text from a PDF with its line breaks as spaces (a title may wrap)."""
    return " ".join(text.split())


def planned_for_print(new_page, site_url, tmp_path, mode: str = "share"):
    """The page filled for a place with 3 named groups sharing the matrix out (or each scoring all of it) and
    14 people, and the engine's plan for the pack file the page downloads (what the printed documents must show)."""
    from iwe_pack.load.loader import load_pack

    page, errors = open_plan(new_page, f"{site_url}/plan.html")
    fill_new_place(page, attendees="14")
    for n, name in enumerate(PRINT_GROUPS, start=1):
        page.fill(f"#f-group-{n}", name)
    page.click(f"input[name='self_assessment'][value='{mode}']")
    with page.expect_download() as info:
        page.click("#download")
    path = tmp_path / "calderdale.yml"
    shutil.copy(info.value.path(), path)
    plan = load_pack(path, load_workshop(ROOT), ROOT)
    assert [g.name for g in plan.pack.groups] == PRINT_GROUPS and plan.shared == (mode == "share") and plan.pack.attendees == 14
    # the browser's print dialog is not opened in a test: the button must call it once
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    return page, errors, plan


def print_document(page, button: str, pdf: Path) -> list[str]:
    """Press a print button, then print the page as the browser would (A4), and read each page's text."""
    import pdfplumber

    page.click(button)
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def assert_stamped(texts: list[str], pdf: Path) -> None:
    """Every page names the place, date and pack version, and no text is smaller than print.css allows: the
    stamp in the top margin at --min-footer or more, the rest at --min-body or more."""
    import pdfplumber

    from test_print_pages import stated_minimums

    version = load_workshop(ROOT).version
    assert texts
    for n, text in enumerate(texts, start=1):
        assert "Calderdale" in text and "Tuesday 15 September 2026" in text and f"Pack version {version}" in text, n
    least = stated_minimums((ROOT / "overrides" / "print" / "print.css").read_text(encoding="utf-8"))
    top_margin = 18 / 25.4 * 72  # plan.css's @page top margin, where the stamp is
    with pdfplumber.open(pdf) as doc:
        small = [(n, c["text"], round(c["size"], 2)) for n, page in enumerate(doc.pages, start=1) for c in page.chars
                 if c["text"].strip() and c["size"] < least["footer" if c["bottom"] <= top_margin else "body"] - 0.01]
    assert not small, small[:10]


def test_the_printed_facilitator_pack_has_every_step_and_the_notes(new_page, site_url, built, tmp_path):
    from html import unescape

    from iwe_pack.views.editor_markdown import to_html

    page, errors, plan = planned_for_print(new_page, site_url, tmp_path)
    pdf = tmp_path / "pack.pdf"
    texts = print_document(page, "#print-pack", pdf)
    assert errors == []
    assert_stamped(texts, pdf)
    text = flat(" ".join(texts))
    assert "Facilitator pack" in flat(texts[0])
    steps = [s for item in plan.agenda for s in item.steps]
    assert len(steps) > 10
    missing = [f"{s.clock} {s.title} ({s.minutes} min)" for s in steps if f"{s.clock} {s.title} ({s.minutes} min)" not in text]
    assert not missing
    for item in plan.agenda:
        assert f"{item.clock}–{item.clock_end}" in text and item.title in text
    for s in steps:
        assert flat(s.do) in text
    headings = [flat(unescape(re.sub(r"<[^>]+>", "", h))) for s in plan.agenda if s.section
                for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", to_html(s.section.notes_markdown), re.S)]
    assert len(headings) > 5
    assert [h for h in headings if h not in text] == []
    import pdfplumber

    with pdfplumber.open(tmp_path / "pack.pdf") as doc:
        first_cells = {flat(t[0] or "") for p in doc.pages for table in p.extract_tables() for t in table}
    assert {i.handout.title for i in plan.print_list if not i.send} <= first_cells  # the print list


@pytest.mark.parametrize("mode", ["share", "whole"])
def test_the_printed_scoring_sheets_give_each_group_its_own_principles(new_page, site_url, built, tmp_path, mode):
    page, errors, plan = planned_for_print(new_page, site_url, tmp_path, mode)
    pdf = tmp_path / "scoring.pdf"
    texts = print_document(page, "#print-scoring", pdf)
    page.emulate_media(media="screen")
    assert axe_violations(page) == []  # the filled print-only area changes nothing for the screen
    assert errors == []
    assert_stamped(texts, pdf)
    titles = [p.title for p in load_workshop(ROOT).matrix.principles]
    import pdfplumber

    pages_of: dict[str, list[str]] = {g: [] for g in PRINT_GROUPS}
    cells_of: dict[str, set[str]] = {g: set() for g in PRINT_GROUPS}  # the levels' lines, read from the tables
    with pdfplumber.open(tmp_path / "scoring.pdf") as doc:
        for n, (text, pdf_page) in enumerate(zip(texts, doc.pages), start=1):
            named = [g for g in PRINT_GROUPS if g in text]
            assert len(named) == 1, (n, named)  # every page says whose sheet it is, and only that group
            pages_of[named[0]].append(flat(text))
            cells_of[named[0]] |= {flat(row[-1] or "") for t in pdf_page.extract_tables() for row in t}
    assert len(texts) >= len(PRINT_GROUPS)
    for group, principles in plan.allocation.items():
        assert pages_of[group], group
        text = " ".join(pages_of[group])
        assert {t for t in titles if t in text} == {p.title for p in principles}, group
        for p in principles:
            assert flat(p.statement) in text
            for pl in p.levels:
                assert flat(pl.short) in cells_of[group], (group, p.id, pl.level)
        assert text.count("What we could point to") == len(principles)
    # groups' sheets do not share a page: the first page of each is headed with its name
    assert sum(1 for t in texts if re.search(r"scoring sheet: Team", t, re.I)) == len(PRINT_GROUPS)


def test_the_printed_sign_in_sheet_has_a_row_for_each_person_and_spares(new_page, site_url, built, tmp_path):
    import pdfplumber

    page, errors, plan = planned_for_print(new_page, site_url, tmp_path)
    pdf = tmp_path / "sign-in.pdf"
    texts = print_document(page, "#print-sign-in", pdf)
    assert errors == []
    assert_stamped(texts, pdf)
    empty_rows = 0
    with pdfplumber.open(pdf) as doc:
        for p in doc.pages:
            for t in p.extract_tables():
                assert t[0][:3] == ["Name", "Organisation", "Email"] or all(not (c or "").strip() for c in t[0])
                empty_rows += sum(1 for row in t if all(not (c or "").strip() for c in row))
    assert empty_rows == 14 + 3


def test_the_agenda_button_prints_the_agenda_alone(new_page, site_url, built, tmp_path):
    page, errors, plan = planned_for_print(new_page, site_url, tmp_path)
    pdf = tmp_path / "agenda.pdf"
    texts = print_document(page, "#print-agenda", pdf)
    assert_stamped(texts, pdf)
    text = flat(" ".join(texts))
    for item in plan.agenda:
        assert f"{item.clock}–{item.clock_end} {item.title} {item.minutes}" in text
    assert "Step by step" not in text and "Joining instructions" not in text


# --- the planner never hides a focused field, never keeps a stale plan, never loses what was typed --------------

ALL_SIZES = {"laptop": (1366, 768), **SIZES}

# The focused element: where it is, what covers it, and its focus ring against what is behind the ring.
FOCUS_STATE = r"""() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  const vw = innerWidth, vh = innerHeight;
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  // what is behind the ring: the backgrounds of the element's ancestors, painted over white
  const layers = [];
  for (let a = e.parentElement; a; a = a.parentElement) { const c = parse(getComputedStyle(a).backgroundColor); if (c && c[3] > 0) layers.push(c); }
  let behind = [255, 255, 255];
  layers.reverse().forEach(c => { behind = over(c, behind); });
  const cs = getComputedStyle(e);
  let ring = null;
  if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) ring = parse(cs.outlineColor);
  else if (cs.boxShadow !== "none") ring = parse(cs.boxShadow);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const contrast = ring ? (() => { const a = lum(over(ring, behind)), b = lum(behind); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); })() : 0;
  // the part of the element on the screen, less what anything kept in view (sticky or fixed) covers of it
  const covers = Array.from(document.querySelectorAll("body *")).filter(c => {
    const p = getComputedStyle(c).position;
    return (p === "sticky" || p === "fixed") && !c.contains(e) && c.checkVisibility({opacityProperty: true, visibilityProperty: true});
  }).map(c => [c, c.getBoundingClientRect()]).filter(([c, b]) => b.width && b.height);
  const clip = (a, b) => ({left: Math.max(a.left, b.left), right: Math.min(a.right, b.right), top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom)});
  const seen = clip(r, {left: 0, top: 0, right: vw, bottom: vh});
  const area = b => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
  // a small grid over what is on the screen: the share of it no sticky or fixed box covers
  let free = 0, all = 0;
  for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) {
    const x = seen.left + (seen.right - seen.left) * (i + 0.5) / 12, y = seen.top + (seen.bottom - seen.top) * (j + 0.5) / 12;
    all++;
    if (!covers.some(([c, b]) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)) free++;
  }
  // one that fits between the header and the sticky bar must be clear of both
  const bar = document.getElementById("iwe-plan-actions"), header = document.querySelector(".md-header").getBoundingClientRect();
  const stuck = !bar.contains(e) && getComputedStyle(bar).position === "sticky", barBox = bar.getBoundingClientRect();
  const fits = r.height <= vh - header.height - (stuck ? barBox.height : 0);
  return {key: e.dataset.k || null, what: e.id || e.tagName.toLowerCase() + "." + e.className, inPlan: !!e.closest("#iwe-plan"),
          onScreen: area(seen) > 0 ? free / all : 0, fits, underBar: fits && stuck && area(clip(r, barBox)) > 0,
          underHeader: fits && area(clip(r, header)) > 0, top: r.top, bottom: r.bottom,
          ring: ring && cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor, contrast};
}"""

# Every control of the planner a person can reach with Tab (one stop for each group of radio buttons), marked
MARK_STOPS = """() => {
  const all = Array.from(document.querySelectorAll("#iwe-plan :is(a[href], button, input, select, textarea, [tabindex])"))
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}));
  const stops = all.filter(e => e.type !== "radio" || e.checked);
  all.forEach((e, i) => { e.dataset.k = String(i); });
  return stops.map(e => e.dataset.k);
}"""


def tab_through(page, first: str, key: str) -> list[dict]:
    """Focus ``first``, then press ``key`` until focus leaves the planner: each stop's state as it is focused."""
    page.focus(first)
    states = []
    for _ in range(400):
        state = page.evaluate(FOCUS_STATE)
        if not state["inPlan"]:
            break
        states.append(state)
        page.keyboard.press(key)
    return states


@pytest.mark.parametrize("size", ALL_SIZES)
def test_every_control_in_focus_is_in_view_and_shows_its_focus(new_page, site_url, built, size):
    page, errors = open_plan(new_page, f"{site_url}/plan.html", ALL_SIZES[size])
    fill_new_place(page, attendees="60")  # with the advice and its button, and the plan's tables
    page.wait_for_selector("#apply")
    stops = page.evaluate(MARK_STOPS)
    assert len(stops) > 40
    forward = tab_through(page, "#f-place", "Tab")
    backward = tab_through(page, f"[data-k='{stops[-1]}']", "Shift+Tab")  # from the planner's last control
    problems = []
    for way, states in (("forward", forward), ("backward", backward)):
        assert {s["key"] for s in states} == set(stops), way  # every control, and each once at least
        for s in states:
            if s["underBar"] or s["underHeader"] or s["onScreen"] == 0:
                problems.append((way, s["what"], "hidden", s))
            if s["contrast"] < 3:
                problems.append((way, s["what"], "focus not seen", s["ring"], round(s["contrast"], 2)))
    assert not problems, "\n".join(map(str, problems))
    assert errors == []


def test_the_focus_test_sees_a_field_under_the_bar_and_a_ring_that_cannot_be_seen(new_page, site_url, built):
    """The test above can fail: a field under the sticky bar, and a pale ring, are both seen."""
    page, _ = open_plan(new_page, f"{site_url}/plan.html", ALL_SIZES["laptop"])
    page.focus("#f-place")
    page.evaluate("""() => { const bar = document.getElementById('iwe-plan-actions').getBoundingClientRect();
      window.scrollBy(0, document.getElementById('f-contact').getBoundingClientRect().top - bar.top - 4); }""")
    page.add_style_tag(content="#f-contact:focus { outline: 3px solid #ddd !important; }")
    page.evaluate("document.getElementById('f-contact').focus({preventScroll: true})")
    state = page.evaluate(FOCUS_STATE)
    assert state["underBar"] and state["contrast"] < 3


def form_values(page) -> list:
    """Every field of the form, as it is: its id and value (a radio button: whether it is chosen)."""
    return page.eval_on_selector_all("#iwe-plan-form :is(input, select, textarea)",
                                     "es => es.map(e => e.type === 'radio' ? [e.name + '=' + e.value, e.checked] : [e.id, e.value])")


def yaml_keys(text: str) -> set:
    import yaml

    return set(yaml.safe_load(text))


def test_the_other_formats_fields_are_hidden_kept_and_left_out_of_the_file(new_page, site_url, built):
    page, errors = open_plan(new_page, f"{site_url}/plan.html", ALL_SIZES["laptop"])
    fill_new_place(page)
    assert page.inner_text("#format-note") == ""
    for field in ("#f-platform", "#f-joining_link", "#f-technical_host"):
        assert not page.is_visible(field)
    page.click("input[name='format'][value='virtual']")
    assert not page.is_visible("#f-venue")
    assert "venue you typed is not used" in page.inner_text("#format-note")
    page.fill("#f-platform", "Microsoft Teams \U0001F600")  # a character the font cannot print
    page.fill("#f-joining_link", "https://teams.example.org/meet/123")
    page.fill("#f-technical_host", "Priya Shah")
    page.fill("#f-platform", "Microsoft Teams")
    with page.expect_download() as info:
        page.click("#download")
    online = Path(info.value.path()).read_text(encoding="utf-8")
    assert "venue" not in yaml_keys(online) and "Halifax" not in online
    assert {"platform", "joining_link", "technical_host"} <= yaml_keys(online)
    # back to in person: the online fields are hidden, kept in this browser, not in the file, and the person is told
    page.fill("#f-platform", "Teams \U0001F600")
    page.click("input[name='format'][value='in-person']")
    for field in ("#f-platform", "#f-joining_link", "#f-technical_host"):
        assert not page.is_visible(field)
        box = page.eval_on_selector(field, "e => e.getBoundingClientRect().height")
        assert box == 0
    note = page.inner_text("#format-note")
    assert "platform, joining link and technical host you typed are not used for an in-person day" in note
    assert page.is_visible("#f-venue") and page.input_value("#f-venue").startswith("Halifax")
    assert page.eval_on_selector_all(".iwe-error", "ps => ps.map(p => p.textContent).filter(Boolean)") == []
    with page.expect_download() as info:
        page.click("#download")
    in_person = Path(info.value.path()).read_text(encoding="utf-8")
    assert not {"platform", "joining_link", "technical_host"} & yaml_keys(in_person)
    assert "Teams" not in in_person and "Priya" not in in_person and "teams.example.org" not in in_person
    assert "Priya Shah" in page.evaluate("localStorage.getItem('iwe-plan-v1')")
    page.click("input[name='format'][value='virtual']")
    assert page.input_value("#f-technical_host") == "Priya Shah"
    assert errors == []


def test_the_advice_change_says_what_it_changed_and_undo_puts_back_exactly_what_was_there(new_page, site_url, built):
    page, errors = open_plan(new_page, f"{site_url}/plan.html", ALL_SIZES["laptop"])
    fill_new_place(page, attendees="45")
    page.fill("#f-contact", "  Jo Bloggs, jo@example.org  ")  # spaces round it, kept as typed
    page.fill("#f-break-title-1", "Coffee break")
    page.fill("#f-break-min-1", "15")
    before, stored, agenda = form_values(page), page.evaluate("localStorage.getItem('iwe-plan-v1')"), shown_agenda(page)
    assert "What to change" in page.inner_text("#plan-advice")
    page.click("#apply")
    after = form_values(page)
    said = page.inner_text("#plan-changed")
    assert said.startswith("Changed to fit.")
    labels = dict(page.eval_on_selector_all("#iwe-plan-form label[for]", "ls => ls.map(l => [l.htmlFor, l.textContent])"))
    was = dict(before)
    changed = [(k, was[k], v) for k, v in after if k in was and was[k] != v]
    assert changed  # the advice changed something, and each change is said, from what to what
    for field, old, new in changed:
        if field.startswith("f-min-"):
            name = "Minutes for " + re.sub(r" \(\d+ to \d+ minutes\)$", "", labels[field])
        elif field.startswith(("f-group", "f-break")):
            continue  # said of the rows as a whole
        elif "=" in field:  # a radio button: its group's name and the chosen button's words
            if new:
                group, value = field.split("=")
                assert page.eval_on_selector(f"input[name='{group}'][value='{value}']", "e => e.parentNode.textContent.trim()") in said
            continue
        else:
            name = re.sub(r" \([^)]*\)$", "", labels[field])
        number = field == "f-attendees" or field.startswith("f-min-")
        old_words, new_words = ((v if number else f"“{v}”") if v != "" else "blank" for v in (old, new))
        assert f"{name}: from {old_words} to {new_words}." in said, (field, said)
    assert page.input_value("#f-break-title-1") == "Coffee break"  # a break kept keeps its name
    assert axe_violations(page) == []
    assert page.is_visible("#undo")
    page.click("#undo")
    assert form_values(page) == before
    assert page.evaluate("localStorage.getItem('iwe-plan-v1')") == stored
    assert shown_agenda(page) == agenda
    assert "Undone" in page.inner_text("#plan-changed")
    assert page.evaluate("document.activeElement.id") == "apply"
    assert errors == []


def test_an_invalid_field_marks_the_plan_out_of_date_and_nothing_prints_or_runs(new_page, site_url, built):
    page, errors = open_plan(new_page, f"{site_url}/plan.html", ALL_SIZES["laptop"])
    fill_new_place(page)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    buttons = page.eval_on_selector_all("[data-print-doc]", "bs => bs.map(b => '#' + b.id)") + ["#run"]
    dimmed = "parseFloat(getComputedStyle(document.getElementById('plan-agenda')).opacity)"

    def fresh():
        assert not page.is_visible("#plan-stale") and page.get_attribute("#iwe-plan-output", "data-stale") is None
        assert page.evaluate(dimmed) == 1
        assert all(page.get_attribute(b, "aria-disabled") is None for b in buttons)

    def refused(title: str, field: str):
        assert page.is_visible("#plan-stale") and page.inner_text("#plan-stale-title") == title
        assert page.evaluate(dimmed) < 1
        assert field in page.inner_text("#plan-stale-list")
        for b in buttons:
            assert page.get_attribute(b, "aria-disabled") == "true"
            page.focus(b)
            page.keyboard.press("Enter")
        assert page.evaluate("window.printed || 0") == 0
        assert page.url.endswith("/plan.html")  # not run
        assert "cannot be printed" in page.inner_text("#print-status")
        assert "Put right" in page.inner_text("#action-status")

    fresh()
    agenda = shown_agenda(page)
    # a section's minutes out of range: no plan can be made, so the one shown is the form as it was
    page.fill("#f-min-self-assessment", "999")
    refused("This plan is out of date", "Minutes for Self-assessment")
    assert shown_agenda(page) == agenda
    page.fill("#f-min-self-assessment", "50")
    fresh()
    # a field the plan does not need, left empty: the plan is the form's, but not ready to print or run
    page.fill("#f-convener", "")
    refused("This plan is not ready yet", "Who convenes the day")
    page.click("#plan-stale-list a")
    assert page.evaluate("document.activeElement.id") == "f-convener"
    page.fill("#f-convener", "Calderdale Council")
    fresh()
    page.click("#print-agenda")
    assert page.evaluate("window.printed") == 1
    assert errors == []


LATE = re.compile(r"\b(?:2[4-9]|[3-9][0-9]|[0-9]{3,}):[0-5][0-9]\b")


def page_text(page) -> str:
    """Everything the page shows, with what its text boxes hold."""
    return page.evaluate("document.body.innerText + '\\n' + Array.from(document.querySelectorAll('textarea, input'))"
                         ".map(e => e.value).join('\\n')")


def test_a_day_that_would_end_after_midnight_never_shows_a_time_past_2359(new_page, site_url, built, project):
    page, errors = open_plan(new_page, f"{site_url}/plan.html", ALL_SIZES["laptop"])
    fill_new_place(page)
    with page.expect_download() as info:
        page.click("#download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    page.fill("#f-start", "23:00")
    said = page.inner_text("#e-start")
    assert said.startswith("starting at 23:00, the workshop would end after midnight")
    assert not LATE.search(page_text(page))
    assert page.inner_text("#plan-stale-title") == "This plan is out of date"
    # the words `iwe-pack check` gives for the same start in a pack file
    assert 'start: "13:30"' in text
    project.write("packs/calderdale.yml", text.replace('start: "13:30"', 'start: "23:00"'))
    out = project.check(str(project.file("packs/calderdale.yml")))
    assert out.returncode != 0 and said in out.stdout + out.stderr
    # back to the page with that start kept: no plan is shown at all, and nothing prints or runs
    page.reload()
    assert page.input_value("#f-start") == "23:00"
    assert not LATE.search(page_text(page))
    assert not page.is_visible("#plan-agenda")
    page.focus("#run")
    page.keyboard.press("Enter")
    assert page.url.endswith("/plan.html") and "Put right" in page.inner_text("#action-status")
    # an earlier start is planned, as the words say
    page.fill("#f-start", "20:30")
    assert page.inner_text("#e-start") == "" and shown_agenda(page)
    assert not LATE.search(page_text(page))
    assert errors == []
