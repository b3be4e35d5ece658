"""The taught section's slides: four forms, timing checked, place and date on each pack's title slide,
the .pptx laid out for 16:9 as LibreOffice Impress shows it, and the diagrams drawn in every form."""

from __future__ import annotations

import datetime as dt
import html as html_module
import io
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree

import pytest
import yaml

from conftest import ROOT, assert_clean_failure, strip_ansi
from impress import convert, fontconfig, outside, placed_text, require_impress, shapes_on
from pdfutil import fonts, info, needs_poppler, pages, text

DECK = yaml.safe_load((ROOT / "content/slides.yml").read_text())
SECTIONS = {s["id"]: s for s in yaml.safe_load((ROOT / "content/workshop.yml").read_text())["sections"]}
PACKS = {p.stem: yaml.safe_load(p.read_text()) for p in (ROOT / "packs").glob("*.yml")}
FOLDERS = {"generic": "iwe-workshop", **{slug: slug for slug in PACKS}}
DIAGRAMS = {n: s["diagram"] for n, s in enumerate(DECK["slides"], start=1) if s.get("diagram")}
EMU_PER_PT = 12700
GROUP, FREEFORM, LINE, PICTURE, AUTO_SHAPE = 6, 5, 9, 13, 1  # python-pptx's MSO_SHAPE_TYPE values


def slide_count(folder: str) -> int:
    """The deck's slides, and for a place whose evaluation form has an address, the evaluation slide after them."""
    return len(DECK["slides"]) + (1 if PACKS.get(folder, {}).get("evaluation_link") else 0)


# the minutes the taught section keeps after the slides: its steps with a fixed time (content/sections/<id>.yml)
QUESTIONS = sum(step["minutes"].get("fixed", 0) for step in yaml.safe_load(
    (ROOT / "content/sections/taught-section.yml").read_text())["steps"])


def test_the_deck_fits_its_sections_presenting_time():
    """The slides fit what the taught section leaves after its questions at the end: all of them within its
    longest time, and those not marked skip within its shortest."""
    r, questions = SECTIONS[DECK.get("section", "taught-section")]["minutes"], QUESTIONS
    every = sum(s["minutes"] for s in DECK["slides"])
    core = sum(s["minutes"] for s in DECK["slides"] if not s.get("skip"))
    assert questions > 0
    assert r["min"] - questions <= every <= r["max"] - questions, (every, r, questions)
    assert core <= r["min"] - questions, (core, r, questions)


def test_the_slides_keep_questions_for_the_end():
    """Only the last slide's notes turn to the room for questions; the others do not stop to ask it."""
    asks = re.compile(r"\bAsk( the room)?:|\bAsk (the room|people) (what|which|who|how)\b")
    stopping = [s["title"] for s in DECK["slides"][:-1] if asks.search(s["notes"])]
    assert not stopping, stopping
    assert "question" in DECK["slides"][-1]["title"].lower() and "?" in DECK["slides"][-1]["notes"]


def test_too_many_minutes_fail_the_build_and_name_the_skippable_slides(project):
    project.replace("content/slides.yml", "    minutes: 1\n", "    minutes: 11\n")  # the title slide
    total = sum(s["minutes"] for s in DECK["slides"]) + 10
    r, questions = SECTIONS["taught-section"]["minutes"], QUESTIONS
    budget = f"{r['min'] - questions}–{r['max'] - questions}"
    for result in (project.check(), project.build_here()):
        out = strip_ansi(result.stdout + result.stderr)
        assert result.returncode != 0 and "Traceback" not in out
        assert "content/slides.yml, line" in out and "field slides" in out
        assert f"The slides for Taught section do not fit the budget of {budget} minutes: as planned they take {total}" in out
        assert f"less the {questions} kept for questions at the end" in out
        assert "What to cut:" in out and "Slides marked 'skip: true'" in out


def test_slides_not_marked_skip_must_fit_the_shortest_section(project):
    project.replace("content/slides.yml", "    skip: true\n", "    skip: false\n")  # the first slide marked skip
    first_skip = next(s for s in DECK["slides"] if s.get("skip"))
    core = sum(s["minutes"] for s in DECK["slides"] if not s.get("skip")) + first_skip["minutes"]
    r, questions = SECTIONS["taught-section"]["minutes"], QUESTIONS
    assert_clean_failure(project.check(), "content/slides.yml, line", "field slides",
                         f"the slides not marked 'skip: true' take {core} minutes; allowed: at most "
                         f"{r['min'] - questions}")


def _resource_links() -> list[tuple[str, str]]:
    """What the slide marked ``resources: true`` links, read from the sources: the pre-work, then the resources."""
    workshop = yaml.safe_load((ROOT / "content/workshop.yml").read_text())
    return ([(f"Pre-work: {p['title']}", p["url"]) for p in workshop["prework"] if p.get("url")]
            + [(r["title"], r["url"]) for r in DECK["resources"]])


def test_the_last_slide_links_the_pre_work_and_the_networks_pages(built):
    """The last slide lists the resources as links in the PDF deck and the .pptx; the handout prints each
    address; the Sources page links the same pages."""
    import pdfplumber
    from pptx import Presentation

    links = _resource_links()
    assert DECK["slides"][-1].get("resources") and any("yhphnetwork" in url for _, url in links)
    downloads = built.path / "site/downloads/generic"
    with pdfplumber.open(downloads / "iwe-workshop-slides.pdf") as pdf:
        last = pdf.pages[-1]
        on_page = " ".join((last.extract_text() or "").split())
        assert [h["uri"] for h in last.hyperlinks] == [url for _, url in links]
    for title, _ in links:
        assert title in on_page
    slide = list(Presentation(str(downloads / "iwe-workshop-slides.pptx")).slides)[-1]
    runs = [run for shape in slide.shapes if shape.has_text_frame for para in shape.text_frame.paragraphs
            for run in para.runs if run.hyperlink.address]
    assert [(run.text, run.hyperlink.address) for run in runs] == links
    with pdfplumber.open(downloads / "iwe-workshop-slides-handout.pdf") as pdf:
        handout = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
        printed = [h["uri"] for page in pdf.pages for h in page.hyperlinks]
    for title, url in links:
        assert f"{title}: https://" in handout and url in printed
    sources = built.page("reference/sources.html")
    for _, url in links:
        assert f'href="{url}"' in sources


@needs_poppler
@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_pdf_deck_and_handout(built, folder):
    stem = FOLDERS[folder]
    deck = built.path / f"site/downloads/{folder}/{stem}-slides.pdf"
    meta = info(deck)
    width, height = map(float, re.findall(r"[\d.]+", meta["Page size"])[:2])
    assert abs(width / height - 16 / 9) < 0.01
    assert meta["Tagged"] == "yes" and meta["Title"]
    found = fonts(deck)
    assert found and all(f["emb"] == "yes" for f in found)  # some font, and every one embedded
    assert pages(deck) == slide_count(folder)
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
    assert len(slides) == slide_count(folder)
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


def test_html_presentation_moves_with_keys_and_keeps_notes(new_page, site_url):
    page = new_page((1024, 768))
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


# --- The .pptx as LibreOffice Impress shows it ---------------------------------------------------------


@pytest.fixture(scope="module")
def model():
    from iwe_pack.load.loader import load_packs, load_workshop

    workshop = load_workshop(ROOT)
    return workshop, {plan.slug: plan for plan in load_packs(ROOT, workshop)}


@pytest.fixture(scope="module")
def decks(model, tmp_path_factory):
    """Every deck (the generic one and each place's) as a .pptx, made in-process: {folder: path}."""
    from iwe_pack.sources.fonts import truetype
    from iwe_pack.sources.layout import FONTS
    from iwe_pack.views.powerpoint import pptx_bytes

    workshop, plans = model
    folder = tmp_path_factory.mktemp("decks")
    fonts = {weight: truetype(ROOT / FONTS, weight) for weight in (400, 700)}
    out = {}
    for name in FOLDERS:
        out[name] = folder / f"{name}.pptx"
        out[name].write_bytes(pptx_bytes(workshop, plans.get(name), fonts, dt.datetime(2026, 1, 1)))
    return out


# One Impress run for each font: two workers (pytest-xdist) can run them side by side (see work_unit in conftest.py).
@pytest.fixture(scope="module", params=["pack font", "fallback font"])
def impress(request, decks, tmp_path_factory):
    """Every deck saved as PDF by Impress in one run: with the pack's font installed, or without it and
    Liberation Sans (Arial's widths) in its place. Returns (which font, {folder: PDF})."""
    from iwe_pack.sources.fonts import truetype
    from iwe_pack.sources.layout import FONTS

    require_impress()
    folder = tmp_path_factory.mktemp("impress")
    files = {f"pack-{w}.ttf": truetype(ROOT / FONTS, w) for w in (400, 700)} if request.param == "pack font" else None
    pdfs = convert(list(decks.values()), folder / "pdf", fontconfig(folder / "fonts", files), folder / "profile")
    return request.param, {name: pdfs[path] for name, path in decks.items()}


def _expected_words(kind: str, workshop, plan) -> list[str]:
    """What a diagram must say, from the sources (the model), not from the drawing code."""
    if kind == "running-order":
        if plan:
            return [w for item in plan.agenda for w in (item.clock, item.title, f"{item.minutes} min")]
        return [w for s in workshop.sections for w in (s.title, f"{s.minutes.min}–{s.minutes.max} min")]
    if kind == "matrix-levels":
        return [level.name for level in workshop.matrix.levels]
    return next(s.points for s in workshop.deck.slides if s.diagram == kind)


@needs_poppler
def test_impress_shows_every_text_inside_its_box_at_its_size(decks, impress):
    import pdfplumber
    from pptx import Presentation

    font, pdfs = impress
    expected_font = "AtkinsonHyperlegibleNext" if font == "pack font" else "LiberationSans"
    for name, path in decks.items():
        prs = Presentation(str(path))
        width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
        with pdfplumber.open(pdfs[name]) as pdf:
            assert len(pdf.pages) == len(prs.slides) == slide_count(name)
            for n, (slide, page) in enumerate(zip(prs.slides, pdf.pages), start=1):
                where = f"{name} slide {n} ({font})"
                placed = placed_text(slide, page, width)
                assert len(placed) >= 2, where
                for shape, box, chars in placed:
                    assert 0 <= box.left and box.right <= width and 0 <= box.top and box.bottom <= height, where
                    far = max(outside(c, box) for c in chars)
                    assert far <= 1, f"{where}: {shape.text_frame.text[:40]!r} runs {far:.0f} pt outside its box"
                    sizes = {round(r.font.size.pt) for p in shape.text_frame.paragraphs for r in p.runs}
                    shown = {round(c["size"]) for c in chars}
                    assert shown <= sizes, f"{where}: {shape.name!r} shown at {shown} pt, not {sizes} (shrunk?)"
                used = {c["fontname"].split("+")[-1].split("-")[0] for c in page.chars if c["text"].strip()}
                assert used == {expected_font}, where


@needs_poppler
def test_impress_shows_each_title_on_one_line(decks, impress):
    import pdfplumber
    from pptx import Presentation

    font, pdfs = impress
    for name, path in decks.items():
        prs = Presentation(str(path))
        with pdfplumber.open(pdfs[name]) as pdf:
            for n, (slide, page) in enumerate(zip(prs.slides, pdf.pages), start=1):
                title = next(chars for shape, _, chars in placed_text(slide, page, prs.slide_width / EMU_PER_PT)
                             if shape == slide.shapes.title)
                lines = {round(c["top"] / 10) for c in title}
                assert len(lines) == 1, f"{name} slide {n}: the title wraps onto {len(lines)} lines ({font})"


@needs_poppler
def test_impress_title_slide_shows_place_date_and_convener(impress, model):
    workshop, plans = model
    for name, pdf in impress[1].items():
        first = " ".join(text(pdf, 1).split())
        assert workshop.deck.title in first and workshop.deck.subtitle in first
        if name == "generic":
            assert "Place: ____" in first and "Date: ____" in first
        else:
            pack = plans[name].pack
            assert f"{pack.place} · {pack.date.long}" in first and pack.convener in first


@needs_poppler
def test_impress_draws_the_diagrams(impress, model):
    import pdfplumber

    workshop, plans = model
    for name, pdf_path in impress[1].items():
        with pdfplumber.open(pdf_path) as pdf:
            for n, kind in DIAGRAMS.items():
                page = pdf.pages[n - 1]
                shown = " ".join(text(pdf_path, n).split())
                for word in _expected_words(kind, workshop, plans.get(name)):
                    assert word in shown, f"{name} slide {n} ({kind}): {word!r} not shown"
                assert len(page.rects) + len(page.curves) + len(page.lines) >= 3, f"{name} slide {n}: nothing drawn"


def test_pptx_boxes_span_the_wide_slide(decks):
    from pptx import Presentation

    for name, path in decks.items():
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # PowerPoint's 16:9
        for n, slide in enumerate(list(prs.slides)[:len(DECK["slides"])], start=1):  # the evaluation slide: below
            boxes = [s for s in slide.shapes if s.is_placeholder or s.shape_type == GROUP]
            assert len(boxes) >= 2
            for shape in boxes:
                share = shape.width / prs.slide_width
                assert share >= 0.85, f"{name} slide {n}: {shape.name!r} spans {share:.0%} of the slide"
        for layout in (prs.slide_layouts[0], prs.slide_layouts[1]):  # what a slide a council adds starts from
            main = [ph for ph in layout.placeholders if ph.placeholder_format.idx in (0, 1)]  # title, body
            assert len(main) == 2 and all(ph.width / prs.slide_width >= 0.85 for ph in main)


def test_pptx_evaluation_slide_sets_its_words_beside_the_code(decks):
    """A place with an evaluation address: the last slide's title spans the slide; its words and QR code sit side by
    side inside the body's width, the code square and at least 250 pt (about a third of the slide's height)."""
    from pptx import Presentation

    places = [name for name in decks if slide_count(name) > len(DECK["slides"])]
    assert places
    for name in places:
        prs = Presentation(str(decks[name]))
        last = list(prs.slides)[-1]
        assert last.shapes.title.width / prs.slide_width >= 0.85
        (words,) = [s for s in last.shapes if s.has_text_frame and s != last.shapes.title]
        (code,) = [s for s in last.shapes if s.shape_type == PICTURE]
        assert PACKS[name]["evaluation_link"] in words.text_frame.text
        assert words.left + words.width <= code.left and code.left + code.width <= prs.slide_width
        assert code.width == code.height and code.width / EMU_PER_PT >= 250


def test_pptx_diagrams_are_native_shapes(decks, model):
    from pptx import Presentation

    workshop, plans = model
    for name, path in decks.items():
        prs = Presentation(str(path))
        slides = list(prs.slides)
        # no pictures, but the evaluation slide's QR code (tests/test_evaluation.py reads it)
        assert not [s for slide in slides[:len(DECK["slides"])] for s, _ in shapes_on(slide) if s.shape_type == PICTURE]
        for n, kind in DIAGRAMS.items():
            groups = [s for s in slides[n - 1].shapes if s.shape_type == GROUP]
            assert len(groups) == 1, f"{name} slide {n}: {len(groups)} groups"
            members = list(groups[0].shapes)
            said = " ".join(s.text_frame.text for s in members if s.has_text_frame)
            for word in _expected_words(kind, workshop, plans.get(name)):
                assert word in said, f"{name} slide {n}: {word!r} not in the {kind} shapes"
            kinds = Counter(s.shape_type for s in members)
            arrows = [s for s in members if s.shape_type in (LINE, FREEFORM) and "tailEnd" in s._element.xml]
            if kind == "running-order":
                rows = len(plans[name].agenda) if name in plans else len(workshop.sections)
                assert kinds[AUTO_SHAPE] >= rows  # a bar each
            elif kind == "matrix-levels":
                assert kinds[AUTO_SHAPE] >= len(workshop.matrix.levels) and arrows
            else:
                assert kinds[FREEFORM] >= 2 and len(arrows) >= 4  # two loops, arrows between them


def test_pptx_document_properties_and_thumbnail(decks, model):
    from PIL import Image

    workshop, _ = model
    thumbnails = {}
    for name, path in decks.items():
        with zipfile.ZipFile(path) as z:
            app = ElementTree.fromstring(z.read("docProps/app.xml"))
            ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
            assert app.findtext("ep:Slides", namespaces=ns) == str(slide_count(name))
            assert app.findtext("ep:Notes", namespaces=ns) == str(slide_count(name))
            assert "4:3" not in app.findtext("ep:PresentationFormat", namespaces=ns)
            size = re.search(rb"<p:sldSz [^>]*>", z.read("ppt/presentation.xml")).group()
            assert b'cx="12192000"' in size and b'cy="6858000"' in size and b"screen4x3" not in size
            theme = z.read("ppt/theme/theme1.xml").decode()
            assert re.search(r'<a:majorFont><a:latin typeface="Atkinson Hyperlegible Next"', theme)
            assert re.search(r'<a:minorFont><a:latin typeface="Atkinson Hyperlegible Next"', theme)
            thumbnails[name] = z.read("docProps/thumbnail.jpeg")
        image = Image.open(io.BytesIO(thumbnails[name]))
        assert image.format == "JPEG" and abs(image.width / image.height - 16 / 9) < 0.02
        dark = sum(image.convert("L").point(lambda v: 255 if v < 100 else 0).histogram()[255:])
        assert dark > image.width * image.height * 0.01, f"{name}: the thumbnail is blank"
    assert len(set(thumbnails.values())) == len(thumbnails)  # each shows its own title slide


def test_an_unknown_diagram_fails_with_file_line_and_allowed_names(project):
    project.replace("content/slides.yml", "    diagram: running-order\n", "    diagram: runing-order\n")
    line = project.line_of("content/slides.yml", "diagram: runing-order")
    n = next(n for n, kind in DIAGRAMS.items() if kind == "running-order")
    for result in (project.check(), project.build_here()):
        assert_clean_failure(result, f"content/slides.yml, line {line}", f"field slides.{n}.diagram",
                             "found 'runing-order' (did you mean 'running-order'?)",
                             "allowed: running-order, matrix-levels, two-loops")


def test_two_loops_needs_three_points(project):
    first = next(s for s in DECK["slides"] if s.get("diagram") == "two-loops")["points"][0]
    project.replace("content/slides.yml", f'      - "{first}"\n', "")
    n = next(n for n, kind in DIAGRAMS.items() if kind == "two-loops")
    assert_clean_failure(project.check(), "content/slides.yml, line", f"field slides.{n}.points",
                         "found 2 points on a slide with the two-loops diagram", "allowed: exactly 3")


@needs_poppler
@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_diagrams_say_the_same_in_every_form(built, model, folder):
    """The PDF deck, the slide handout, the HTML presentation and the site's .pptx draw each diagram with
    the same words, from the same sources."""
    from pptx import Presentation

    workshop, plans = model
    plan = plans.get(folder)
    site = built.path / "site"
    deck = site / f"downloads/{folder}/{FOLDERS[folder]}-slides.pdf"
    html = (site / (f"packs/{folder}/present.html" if plan else "slides/present.html")).read_text()
    pptx = list(Presentation(str(site / f"downloads/{folder}/{FOLDERS[folder]}-slides.pptx")).slides)
    for n, kind in DIAGRAMS.items():
        on_page = " ".join(text(deck, n).split())
        slide = html.split(f'id="slide-{n}"')[1].split('<aside class="notes"')[0]
        in_pptx = " ".join(s.text_frame.text for s, _ in shapes_on(pptx[n - 1]) if s.has_text_frame)
        assert f'class="diagram diagram-{kind}"' in slide and "<svg" in slide
        for word in _expected_words(kind, workshop, plan):
            if kind != "matrix-levels" or len(word) < 20:
                assert word in on_page, f"PDF deck slide {n}: {word!r}"
            assert word in slide, f"presentation slide {n}: {word!r}"
            assert word in in_pptx, f".pptx slide {n}: {word!r}"
