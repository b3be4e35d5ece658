"""The maturity matrix: data checks, the page, the per-group sheets and scoring in a real browser."""

from __future__ import annotations

import csv
import io
import re

import yaml

from conftest import ROOT, strip_ansi
from pdfutil import needs_poppler, text
from test_packs import principles_by_group

MATRIX = yaml.safe_load((ROOT / "content/matrix.yml").read_text())


def test_matrix_is_complete():
    assert len(MATRIX["principles"]) >= 6
    scores = [lv["score"] for lv in MATRIX["levels"]]
    assert scores == list(range(1, len(scores) + 1)) and MATRIX["levels"][0]["name"] == "Not started"
    for p in MATRIX["principles"]:
        assert p["source"].strip()
        assert [lv["level"] for lv in p["levels"]] == scores
        for lv in p["levels"]:
            assert len(lv["descriptor"].split()) >= 12 and lv["evidence"] and all(q.strip() for q in lv["evidence"])


def test_a_missing_level_is_a_validation_error(project):
    text_ = project.read("content/matrix.yml")
    # drop the level-3 entry of the second principle
    second = text_.index("  - id: fairer-wellbeing-goals")
    start = text_.index("      - level: 3", second)
    end = text_.index("      - level: 4", start)
    project.write("content/matrix.yml", text_[:start] + text_[end:])
    result = project.check()
    out = strip_ansi(result.stderr)
    assert result.returncode == 1 and "Traceback" not in out
    assert re.search(r"content/matrix\.yml, line \d+, field principles\.2\.levels: principle "
                     r"'fairer-wellbeing-goals' has no entry for level 3 \(Optimising\)", out), out


def test_an_empty_descriptor_or_no_evidence_is_an_error(project):
    text_ = project.read("content/matrix.yml")
    text_ = re.sub(r"(        descriptor: ).*", r'\1""', text_, count=1)
    text_ = re.sub(r"        evidence:\n(          - .*\n)+", "        evidence: []\n", text_, count=1)
    project.write("content/matrix.yml", text_)
    out = strip_ansi(project.check().stderr)
    assert "field principles.1.levels.1.descriptor: is empty" in out
    project.write("content/matrix.yml", text_.replace('descriptor: ""', "descriptor: Something observable", 1))
    out = strip_ansi(project.check().stderr)
    assert re.search(r"line \d+, field principles\.1\.levels\.1\.evidence: found no evidence prompts", out), out


def test_matrix_page_has_every_principle_level_and_source(built):
    page = built.page("matrix/index.html")
    for p in MATRIX["principles"]:
        assert f'id="{p["id"]}"' in page
        for lv in p["levels"]:
            assert lv["descriptor"].split(".")[0].replace("'", "&#x27;")[:40].split("&")[0] in page
    assert page.count('class="iwe-principle"') == len(MATRIX["principles"])
    assert page.count("Source:") >= len(MATRIX["principles"])


def test_matrix_page_at_768_has_no_sideways_scrolling(browser, site_url):
    page = browser.new_page(viewport={"width": 768, "height": 1024})
    page.goto(f"{site_url}/matrix/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    # cards stack at this width: the levels are not side by side
    columns = page.evaluate("getComputedStyle(document.querySelector('.iwe-levels')).display")
    assert columns != "grid"
    page.set_viewport_size({"width": 1400, "height": 900})
    assert page.evaluate("getComputedStyle(document.querySelector('.iwe-levels')).display") == "grid"
    page.close()


@needs_poppler
def test_per_group_sheets_list_exactly_their_principles(built):
    titles = [p["title"] for p in MATRIX["principles"]]
    for pack_file in (ROOT / "packs").glob("*.yml"):
        pack = yaml.safe_load(pack_file.read_text())
        allocation = principles_by_group(built.page(f"packs/{pack_file.stem}.html"))
        seen = []
        for group in pack["groups"]:
            slug = re.sub(r"[^a-z0-9]+", "-", group["name"].lower().replace("î", "i")).strip("-")
            candidates = list((built.path / "site/downloads" / pack_file.stem).glob("*-scoring-sheet*.pdf"))
            if pack.get("self_assessment", "share") == "whole":
                assert len(candidates) == 1
                sheet = " ".join(text(candidates[0]).split())
                assert all(t in sheet for t in titles)
                break
            pdf = built.path / "site/downloads" / pack_file.stem / f"{pack_file.stem}-scoring-sheet-{slug}.pdf"
            sheet = " ".join(text(pdf).split())
            on_sheet = [t for t in titles if t in sheet]
            assert on_sheet == allocation[group["name"]], (pdf.name, on_sheet)
            seen += on_sheet
        else:
            assert sorted(seen) == sorted(titles)


@needs_poppler
def test_collation_sheet_prints_the_midpoint_rule(built):
    sheet = " ".join(text(built.path / "site/downloads/generic/iwe-workshop-collation-sheet.pdf").split())
    assert "The midpoint rule" in sheet and "Scores of 1 and 3 give 2" in sheet
    hull = " ".join(text(built.path / "site/downloads/kingston-upon-hull/kingston-upon-hull-collation-sheet.pdf").split())
    assert "Group A" in hull and "Group E" in hull


def test_scoring_in_the_browser(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{site_url}/matrix/scoring.html")
    first = MATRIX["principles"][0]
    page.fill("#iwe-groups", "2")
    page.dispatch_event("#iwe-groups", "change")
    page.select_option(f"#s-{first['id']}-0", "1")
    page.select_option(f"#s-{first['id']}-1", "3")
    card = page.locator(f"#score-{first['id']}")
    assert "Groups disagree" in card.inner_text()
    assert "Agreed score: 2 (" in card.inner_text()
    # the room may agree otherwise
    second = MATRIX["principles"][1]
    page.select_option(f"#s-{second['id']}-0", "2")
    page.select_option(f"#s-{second['id']}-1", "2")
    page.select_option(f"#s-{second['id']}-agreed", "3")
    assert "Agreed score: 3" in page.locator(f"#score-{second['id']}").inner_text()
    # kept across a reload, in this browser only
    page.reload()
    assert "Agreed score: 2 (" in page.locator(f"#score-{first['id']}").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    by_id = {r["principle_id"]: r for r in rows}
    assert len(rows) == len(MATRIX["principles"])
    assert (by_id[first["id"]]["group_1"], by_id[first["id"]]["group_2"], by_id[first["id"]]["agreed"]) == ("1", "3", "2")
    assert by_id[second["id"]]["agreed"] == "3" and by_id[second["id"]]["midpoint"] == "2"
    context.close()


def test_scoring_page_without_javascript_still_explains(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/matrix/scoring.html")
    body = page.inner_text("body")
    assert "midpoint rule" in body and "collation sheet" in body
    context.close()
