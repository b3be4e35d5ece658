"""The taught section's slides: four forms, timing checked, place and date on each pack's title slide."""

from __future__ import annotations

import html as html_module
import re

import pytest
import yaml

from conftest import ROOT, strip_ansi
from pdfutil import fonts, info, needs_poppler, pages, text

DECK = yaml.safe_load((ROOT / "content/slides.yml").read_text())
SECTIONS = {s["id"]: s for s in yaml.safe_load((ROOT / "content/workshop.yml").read_text())["sections"]}
PACKS = {p.stem: yaml.safe_load(p.read_text()) for p in (ROOT / "packs").glob("*.yml")}
FOLDERS = {"generic": "iwe-workshop", **{slug: slug for slug in PACKS}}


def test_slide_minutes_fit_the_taught_section():
    total = sum(s["minutes"] for s in DECK["slides"])
    r = SECTIONS["taught-section"]["minutes"]
    assert r["min"] <= total <= r["max"]


def test_too_many_minutes_fail_the_build_and_name_the_skippable_slides(project):
    project.replace("content/slides.yml", "    minutes: 1\n", "    minutes: 11\n")  # the title slide
    total = sum(s["minutes"] for s in DECK["slides"]) + 10
    for result in (project.check(), project.build()):
        out = strip_ansi(result.stdout + result.stderr)
        assert result.returncode != 0 and "Traceback" not in out
        assert "content/slides.yml, line" in out and "field slides" in out
        assert f"The slides for Taught section do not fit the budget of 20–30 minutes: as planned they take {total}" in out
        assert "What to cut:" in out and "Slides marked 'skip: true'" in out


@needs_poppler
@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_pdf_deck_and_handout(built, folder):
    stem = FOLDERS[folder]
    deck = built.path / f"site/downloads/{folder}/{stem}-slides.pdf"
    meta = info(deck)
    width, height = map(float, re.findall(r"[\d.]+", meta["Page size"])[:2])
    assert abs(width / height - 16 / 9) < 0.01
    assert meta["Tagged"] == "yes" and meta["Title"]
    assert all(f["emb"] == "yes" for f in fonts(deck))
    assert pages(deck) == len(DECK["slides"])
    for n, slide in enumerate(DECK["slides"][1:], start=2):
        assert slide["title"] in " ".join(text(deck, n).split())
    first = " ".join(text(deck, 1).split())
    if folder != "generic":
        assert PACKS[folder]["place"] in first
    else:
        assert "Place: ____" in first
    handout = " ".join(text(built.path / f"site/downloads/{folder}/{stem}-slides-handout.pdf").split())
    for slide in DECK["slides"]:
        assert slide["notes"].split(".")[0].strip()[:50] in handout


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_pptx_opens_with_the_same_titles_and_notes(built, folder):
    from pptx import Presentation

    prs = Presentation(str(built.path / f"site/downloads/{folder}/{FOLDERS[folder]}-slides.pptx"))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    slides = list(prs.slides)
    assert len(slides) == len(DECK["slides"])
    for slide, source in zip(slides, DECK["slides"]):
        expected = DECK["title"] if source is DECK["slides"][0] else source["title"]
        assert slide.shapes.title.text == expected
        assert source["notes"].strip().split("\n")[0] in slide.notes_slide.notes_text_frame.text
    title_text = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    if folder != "generic":
        assert PACKS[folder]["place"] in title_text


def test_html_presentation_per_place(built):
    for slug, pack in PACKS.items():
        html = (built.path / f"site/packs/{slug}/present.html").read_text()
        shown = html_module.escape(pack["place"]).replace("&#x27;", "&#39;")
        assert shown in html, f"{pack['place']!r} not on its title slide"
        assert html.count(shown) >= 1 and pack["date"].strftime("%Y") in html
        assert html.count('class="slide"') == len(DECK["slides"])
    generic = (built.path / "site/slides/present.html").read_text()
    assert not re.search(r'(src|href)="(https?:)?//', generic)


def test_html_presentation_moves_with_keys_and_keeps_notes(browser, site_url):
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(f"{site_url}/slides/present.html")
    assert page.locator(".slide.current h2").inner_text() == DECK["title"]
    page.keyboard.press("ArrowRight")
    assert page.locator(".slide.current h2").inner_text() == DECK["slides"][1]["title"]
    assert page.url.endswith("#slide-2")
    assert not page.locator(".slide.current .notes").is_visible()
    page.keyboard.press("n")
    assert page.locator(".slide.current .notes").is_visible()
    page.keyboard.press("End")
    assert page.locator("#counter").inner_text() == f"Slide {len(DECK['slides'])} of {len(DECK['slides'])}"
    page.close()
