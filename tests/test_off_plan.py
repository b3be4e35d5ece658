"""When things go off plan: the words a first-time facilitator needs, from content/off-plan.yml.

The guidance reads at age 12 or lower and copies no run of words from the sources; bad input is named with file,
line and field by `iwe-pack check`; each place prints it as one sheet for each facilitator, two-sided; and run
mode opens the current section's part in one tap, with the network off, at a tablet's and a phone's size.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, assert_clean_failure
from pdfutil import needs_poppler, pages, text
from test_reading_age import MOST, reading_age

OFF_PLAN = "content/off-plan.yml"
OWN_WORDS = Path("/work/shared/tools/own_words.py")
SOURCES = Path("/work/shared/sources")


def guidance_texts(path: Path) -> list[str]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["advice"]
    out = []
    for e in entries:
        out += [e["do"], e["say"], *((e.get("online") or {}).get(k) or "" for k in ("do", "say"))]
    return [t for t in out if t]


def test_the_guidance_reads_at_age_12_or_lower():
    texts = guidance_texts(ROOT / OFF_PLAN)
    assert len(texts) > 20
    age = reading_age("\n\n".join(texts))
    assert age <= MOST, f"{OFF_PLAN}: reading age about {age:.1f}; write shorter sentences and plainer words"
    for piece in texts:  # no one piece hides behind the others' plainness
        assert reading_age(piece) <= MOST + 2, f"reading age about {reading_age(piece):.1f}: {piece}"


@pytest.mark.skipif(not OWN_WORDS.is_file() or not SOURCES.is_dir(), reason="the own-words check is not here")
def test_the_guidance_copies_no_run_of_words_from_the_sources():
    """The own-words check lists nothing from the guidance, so its count of quotations is what it was."""
    out = subprocess.run([sys.executable, str(OWN_WORDS), str(SOURCES), str(ROOT)], capture_output=True, text=True,
                         timeout=120).stdout
    assert re.search(r"\d+ runs? of 15\+ words", out), out
    assert OFF_PLAN not in out and "off-plan" not in out, out


# --- bad input ------------------------------------------------------------------------------------------------


def test_an_unknown_moment_is_named_with_its_line_and_the_moments_allowed(project):
    line = project.line_of(OFF_PLAN, "- moment: far-apart")
    project.replace(OFF_PLAN, "  - moment: far-apart\n    do: Ask each side", "  - moment: far-away\n    do: Ask each side")
    assert_clean_failure(project.check(), f"{OFF_PLAN}, line {line}", "field advice.3.moment", "found 'far-away'",
                         "did you mean 'far-apart'?", "allowed: one-voice, quiet-group, far-apart")


def test_empty_words_are_named_with_their_line_and_field(project):
    line = project.line_of(OFF_PLAN, "say: So we keep to time, please say just your name")
    project.replace(OFF_PLAN, "    say: So we keep to time, please say just your name and where you work.",
                    '    say: ""')
    assert_clean_failure(project.check(), f"{OFF_PLAN}, line {line}", "field advice.8.say",
                         "is empty; write some text here")


def test_an_unknown_section_is_named_with_the_sections_allowed(project):
    line = project.line_of(OFF_PLAN, "section: vision")
    project.replace(OFF_PLAN, "    section: vision\n    do: Ask the group to picture",
                    "    section: visoin\n    do: Ask the group to picture")
    assert_clean_failure(project.check(), f"{OFF_PLAN}, line {line}", "field advice.13.section",
                         "unknown section 'visoin'", "did you mean 'vision'?", "self-assessment, vision")


def test_a_moment_given_twice_or_left_out_is_said(project):
    """Giving the moment a second entry for every section says both lines, and the moment it no longer covers."""
    first = project.line_of(OFF_PLAN, "- moment: one-voice")
    second = project.line_of(OFF_PLAN, "- moment: kit-fails")
    project.replace(OFF_PLAN, "  - moment: kit-fails", "  - moment: one-voice")
    assert_clean_failure(project.check(), f"{OFF_PLAN}, line {second}", "field advice.7.moment",
                         "moment 'one-voice' is given twice for every section", f"first on line {first}",
                         "no advice for every section for the moment 'kit-fails'")


def test_a_missing_key_names_what_is_allowed(project):
    line = project.line_of(OFF_PLAN, "- moment: not-now")
    project.replace(OFF_PLAN, "    do: Write the point on the parking space sheet. Say who will look at it after the day. "
                              "Move on.\n", "")
    assert_clean_failure(project.check(), f"{OFF_PLAN}, line {line}", "field advice.5.do: is missing")


# --- the site and the print-off -------------------------------------------------------------------------------


def plans(path: Path):
    from iwe_pack import load_packs, load_workshop

    workshop = load_workshop(path)
    return workshop, load_packs(path, workshop)


@needs_poppler
def test_each_place_prints_one_two_sided_sheet_for_each_facilitator(built):
    workshop, found = plans(built.path)
    assert found
    for plan in found:
        items = [i for i in plan.print_list if i.handout.id == "off-plan"]
        assert len(items) == 1, plan.slug
        item = items[0]
        assert item.copies == len(plan.pack.facilitators) and not item.send and item.double_sided
        pdf = built.path / "site" / "downloads" / plan.slug / f"{plan.slug}-off-plan.pdf"
        assert pages(pdf) == 2, f"{pdf.name}: {pages(pdf)} pages; it must print on one sheet, both sides"
        online = plan.pack.format == "virtual"
        words = text(pdf)
        flat = " ".join(words.split())
        for m in workshop.off_plan.general:
            title, _, say = m.words(online)
            assert title in flat and " ".join(say.split()[:6]) in flat, (plan.slug, title)
        # the place's page lists it, with the sheets counted from the PDF
        page = built.page(f"packs/{plan.slug}.html")
        row = re.search(r"<tr>\s*<td>When things go off plan</td>(.*?)</tr>", page, re.S)
        assert row, plan.slug
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
        assert str(len(plan.pack.facilitators)) in cells and "both" in " ".join(cells), cells
        assert re.search(r"\b" + str(len(plan.pack.facilitators)) + r"\b", cells[-1]), cells
        # and the facilitator pack holds it too
        pack = " ".join(text(built.path / "site" / "downloads" / plan.slug / f"{plan.slug}-facilitator-pack.pdf").split())
        assert "When things go off plan" in pack and " ".join(workshop.off_plan.general[0].words(online)[2].split()[:6]) in pack


def test_the_page_is_linked_from_each_section_and_each_place(built):
    workshop, found = plans(built.path)
    page = html.unescape(built.page("on-the-day/off-plan.html"))
    for s in workshop.sections:
        assert f'id="{s.id}"' in page, s.id
        assert 'href="off-plan.html#' + s.id + '"' in built.page(f"on-the-day/{s.id}.html"), s.id
        for m in workshop.off_plan.own(s.id):
            assert m.say in page, m.say
    for plan in found:
        assert 'href="../on-the-day/off-plan.html"' in built.page(f"packs/{plan.slug}.html"), plan.slug


# --- run mode -------------------------------------------------------------------------------------------------


RUN = "packs/kingston-upon-hull/run.html"
START = dt.datetime(2026, 3, 12, 9, 30)
SIZES = {"portrait": (768, 1024), "phone": (320, 640)}


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES)
def test_run_mode_opens_the_current_sections_guidance_in_one_tap(browser, site_url, built, size):
    """Offline, in the self-assessment: one press of the panel's button opens that section's part, which fits the
    screen; Tab reaches Close with a visible ring; Escape shuts it and focus goes back to the button."""
    workshop, found = plans(built.path)
    plan = next(p for p in found if p.slug == "kingston-upon-hull")
    where = next(n for n, i in enumerate(plan.agenda) if i.section and i.section.id == "self-assessment")
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.clock.install(time=START - dt.timedelta(seconds=1))
    page.clock.pause_at(START)
    page.goto(f"{site_url}/{RUN}")
    context.set_offline(True)
    page.click("#start")
    for _ in range(where):
        page.click("#advance")
    assert page.inner_text("#now-title") == plan.agenda[where].title
    button = page.locator("#off-plan-open")
    button.scroll_into_view_if_needed()
    button.focus()
    page.keyboard.press("Enter")  # the one tap, from the keyboard
    dialog = page.locator("#off-plan")
    assert dialog.evaluate("d => d.open")
    shown = page.locator(".off-plan-section:visible")
    assert shown.count() == 1 and shown.get_attribute("data-section") == "self-assessment"
    assert "Self-assessment" in page.inner_text("#off-plan-title")
    words = " ".join(shown.inner_text().split())
    for m in workshop.off_plan.for_section("self-assessment"):
        title, do, say = m.words(plan.pack.format == "virtual")
        assert title in words and " ".join(say.split()) in words, title
    other = next(m for m in workshop.off_plan.own("vision"))
    assert " ".join(other.say.split()) not in words  # another section's own words are not shown
    box = dialog.evaluate("d => { const r = d.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom,"
                          " d.scrollWidth <= d.clientWidth]; }")
    assert box[0] >= 0 and box[1] >= 0 and box[2] <= size[0] and box[3] <= size[1] and box[4], box
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "off-plan-close"
    ring = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                         " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert ring[0] != "none" and ring[1] >= 2, ring
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.id") == "off-plan-open"
    context.close()
