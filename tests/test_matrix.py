"""The maturity matrix: data checks, the page, the per-group sheets and scoring in a real browser."""

from __future__ import annotations

import csv
import io
import re

import yaml

from conftest import ROOT, assert_clean_failure, strip_ansi
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
            # one short line for the room, much shorter than the full descriptor
            assert 1 <= len(lv["short"].split()) <= 15 and "\n" not in lv["short"].strip()
            assert len(lv["short"].split()) < len(lv["descriptor"].split())


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


def test_a_missing_short_line_names_file_line_and_field(project):
    """Every level of every principle needs its short line for the room."""
    line = project.line_of("content/matrix.yml", "      - level: 1")  # the first principle's first level
    short = MATRIX["principles"][0]["levels"][0]["short"]
    project.replace("content/matrix.yml", f"        short: {short}\n", "")
    assert_clean_failure(project.check(), f"content/matrix.yml, line {line}, field principles.1.levels.1.short: "
                                          "is missing; add 'short:' here (allowed: one line of at most 15 words)")


def test_a_long_short_line_or_an_own_part_without_its_note_is_an_error(project):
    second = MATRIX["principles"][1]["levels"][0]["short"]
    own = next(n for n, p in enumerate(MATRIX["principles"], start=1) if p.get("own"))
    based_on = MATRIX["principles"][own - 1]["based_on"]
    project.replace("content/matrix.yml", f"        short: {second}\n",
                    "        short: " + " ".join(["word"] * 16) + "\n")
    project.replace("content/matrix.yml", f"    based_on: {based_on}\n", "")
    line = project.line_of("content/matrix.yml", " ".join(["word"] * 16))
    assert_clean_failure(project.check(),
                         f"content/matrix.yml, line {line}, field principles.2.levels.1.short: found 16 words; "
                         "allowed: one line of at most 15 words",
                         f"field principles.{own}.based_on: is missing: a principle or level marked 'own: true'")


def _sections(page: str) -> dict[str, str]:
    """Each principle's card on the matrix page, by its id."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<section class="iwe-principle">.*?id="([a-z0-9-]+)".*?</section>',
                                                        page, re.S)}


def _plain(html_text: str) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


OWN = "Pack's own"


def test_matrix_page_shows_the_short_form_first_and_the_full_text_folded(built):
    """Each principle's card shows one short line a level; the descriptors and evidence prompts are in a
    collapsed block under it."""
    cards = _sections(built.page("matrix/index.html"))
    assert list(cards) == [p["id"] for p in MATRIX["principles"]]
    for p in MATRIX["principles"]:
        first, _, folded = cards[p["id"]].partition("<details")
        assert folded and "open" not in folded.split(">", 1)[0]
        shown, hidden = _plain(first), _plain(folded)
        for lv in p["levels"]:
            assert lv["short"] in shown, (p["id"], lv["short"])
            assert lv["descriptor"] not in shown and lv["descriptor"] in hidden
            assert all(q in hidden for q in lv["evidence"])


def test_matrix_page_says_which_parts_are_the_packs_own(built):
    page = built.page("matrix/index.html")
    cards = _sections(page)
    for p in MATRIX["principles"]:
        heading = _plain(re.search(r"<h3.*?</h3>", cards[p["id"]], re.S).group(0))
        assert (OWN in heading) == bool(p.get("own")), heading
        if p.get("own"):
            assert f"The pack's own principle, built from {p['based_on']}." in _plain(cards[p["id"]])
    items = re.findall(r"<li>(.*?)</li>", page.split('id="the-levels"')[1].split('id="the-principles"')[0], re.S)
    assert len(items) == len(MATRIX["levels"])
    for item, lv in zip(map(_plain, items), MATRIX["levels"]):
        assert item.startswith(lv["name"]) and (OWN in item) == bool(lv.get("own")), item
        if lv.get("own"):
            assert f"{OWN} The pack's own level, built from {lv['based_on']}." in item
    key = _plain(page.split('class="iwe-own-key"')[1].split("</p>")[0])
    for n, p in enumerate(MATRIX["principles"], start=1):
        assert (f"{n} ({p['title']})" in key) == bool(p.get("own")), key
    assert all(lv["name"] in key for lv in MATRIX["levels"] if lv.get("own"))
    assert MATRIX["model"] in key


def _room_table(pdf) -> list[list[str]]:
    """The printed matrix's first page as a table: a row a principle, a cell a level (words joined)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        tables = doc.pages[0].extract_tables()
    grid = max(tables, key=len)  # the matrix (a ruled box, such as the key's border, reads as a table too)
    return [[" ".join((cell or "").split()) for cell in row] for row in grid]


def test_printed_matrix_gives_the_room_the_short_form_and_keeps_the_reference(built):
    pdf = built.path / "site/downloads/generic/iwe-workshop-maturity-matrix.pdf"
    head, *rows = _room_table(pdf)
    assert len(rows) == len(MATRIX["principles"])  # every principle on the one sheet for the room
    for row, p in zip(rows, MATRIX["principles"]):
        assert p["title"] in row[0] and p["statement"] in row[0]
        assert row[1:] == [lv["short"] for lv in p["levels"]]
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        room = " ".join(" ".join((page.extract_text() or "").split()) for page in doc.pages)
    assert not any(lv["descriptor"][:40] in room for p in MATRIX["principles"] for lv in p["levels"])
    # the descriptors are a print-off apart, one for each facilitator, so the room's copies are one sheet each
    with pdfplumber.open(pdf.with_name("iwe-workshop-maturity-matrix-reference.pdf")) as doc:
        reference = " ".join(" ".join((page.extract_text() or "").split()) for page in doc.pages)
    for p in MATRIX["principles"]:
        for lv in p["levels"]:
            assert " ".join(lv["descriptor"].split()[:6]) in reference
            assert all(" ".join(q.split()[:5]) in reference for q in lv["evidence"])


def test_printed_matrix_and_scoring_sheets_mark_the_packs_own_parts(built):
    pdf = built.path / "site/downloads/generic/iwe-workshop-maturity-matrix.pdf"
    head, *rows = _room_table(pdf)
    for cell, lv in zip(head[1:], MATRIX["levels"]):
        assert lv["name"] in cell and (OWN in cell) == bool(lv.get("own")), cell
    for row, p in zip(rows, MATRIX["principles"]):
        assert (OWN in row[0]) == bool(p.get("own")), row[0]
    first = " ".join(text(pdf, 1).split())
    for n, p in enumerate(MATRIX["principles"], start=1):  # the key names the pack's own principles
        assert (f"{n} ({p['title']})" in first) == bool(p.get("own"))
    # a scoring sheet: a page a principle, its heading marked if it is the pack's own, and the own levels marked
    import pdfplumber

    sheet = built.path / "site/downloads/generic/iwe-workshop-scoring-sheet.pdf"
    with pdfplumber.open(sheet) as doc:
        sheets = [(" ".join((page.extract_text() or "").split()),
                   next(t for t in page.extract_tables() if any("Level" in (c or "") for c in t[0])))
                  for page in doc.pages]
    assert f"The mark {OWN} shows a principle or level that is the pack's own work" in sheets[0][0]
    assert len(sheets) == len(MATRIX["principles"])
    for n, (p, (page, table)) in enumerate(zip(MATRIX["principles"], sheets), start=1):
        heading = page.split(f"{n}. {p['title']}", 1)[1]
        assert heading.startswith(f" {OWN}") == bool(p.get("own")), (n, heading[:40])
        assert (f"The pack's own principle, built from {p['based_on']}." in page) if p.get("own") else \
            ("The pack's own principle" not in page)
        levels = {" ".join((row[1] or "").split()): " ".join((row[2] or "").split()) for row in table[1:]}
        for lv, pl in zip(MATRIX["levels"], p["levels"]):
            cell = f"{lv['score']}. {lv['name']}" + (f" {OWN}" if lv.get("own") else "")
            assert levels.get(cell) == pl["short"], (n, cell, levels)


def test_matrix_page_has_every_principle_level_and_source(built):
    page = built.page("matrix/index.html")
    for p in MATRIX["principles"]:
        assert f'id="{p["id"]}"' in page
        for lv in p["levels"]:
            assert lv["descriptor"].split(".")[0].replace("'", "&#x27;")[:40].split("&")[0] in page
    assert page.count('class="iwe-principle"') == len(MATRIX["principles"])
    assert page.count("Source:") >= len(MATRIX["principles"])


def test_matrix_page_at_768_has_no_sideways_scrolling(new_page, site_url):
    page = new_page((768, 1024))
    page.goto(f"{site_url}/matrix/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    # cards stack at this width: the levels are not side by side
    columns = page.evaluate("getComputedStyle(document.querySelector('.iwe-levels')).display")
    assert columns != "grid"
    page.set_viewport_size({"width": 1400, "height": 900})
    assert page.evaluate("getComputedStyle(document.querySelector('.iwe-levels')).display") == "grid"


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


def test_scoring_in_the_browser(new_page, site_url, tmp_path):
    page = new_page((768, 1024))
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


def test_scoring_page_without_javascript_still_explains(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/matrix/scoring.html")
    body = page.inner_text("body")
    assert "midpoint rule" in body and "collation sheet" in body
    context.close()


PACKS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "packs").glob("*.yml"))}
SCORING_PAGES = ["matrix/scoring.html", *(f"packs/{slug}/scoring.html" for slug in PACKS)]

TOOL_GROUPS = """() => [...document.querySelectorAll('#iwe-scoring fieldset')].map(f => [
  f.querySelector('legend').textContent.replace(/^\\d+\\. /, ''),
  [...f.querySelectorAll('label')].map(l => l.textContent).filter(t => t !== 'Agreed by the room')])"""


def test_each_place_scores_with_its_own_groups_by_name(built, new_page, site_url):
    titles = [p["title"] for p in MATRIX["principles"]]
    page = new_page((768, 1024))
    for slug, pack in PACKS.items():
        pack_page = built.page(f"packs/{slug}.html")
        assert f'href="{slug}/scoring.html"' in pack_page  # the way in, from the place's page
        allocation = principles_by_group(pack_page)
        page.goto(f"{site_url}/packs/{slug}/scoring.html")
        assert pack["place"] in page.locator("h1").inner_text()
        shown = page.evaluate(TOOL_GROUPS)
        assert [title for title, _ in shown] == titles
        names = [g["name"] for g in pack["groups"]]
        for title, groups in shown:
            # the groups that score this principle, as the pack page shares the matrix out
            assert groups == [n for n in names if allocation[n] == ["All"] or title in allocation[n]], (slug, title)
        assert not page.locator("#iwe-groups").count()  # the number of groups comes from the pack


def test_a_place_scoring_page_downloads_its_groups_by_name(new_page, site_url):
    slug, pack = next(iter(PACKS.items()))
    page = new_page((768, 1024))
    page.goto(f"{site_url}/packs/{slug}/scoring.html")
    first_title, first_groups = page.evaluate(TOOL_GROUPS)[0]
    first = next(p for p in MATRIX["principles"] if p["title"] == first_title)
    page.select_option(f"#s-{first['id']}-0", "2")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    assert info.value.suggested_filename == f"self-assessment-scores-{slug}.csv"
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert list(rows[0])[2:-2] == [g["name"] for g in pack["groups"]]
    assert rows[0][first_groups[0]] == "2" and rows[0]["agreed"] == "2"
    # a place's scores are its own: the general page does not show them
    page.goto(f"{site_url}/matrix/scoring.html")
    assert "Agreed score: –" in page.locator(f"#score-{first['id']}").inner_text()


def test_group_names_reach_the_tool_as_text(project, new_page):
    from browser import serve

    hostile = 'Red </script><img src=x onerror="document.title=1"> & “Co”'
    project.replace("packs/north-yorkshire.yml", "  - name: Dales\n", f"  - name: '{hostile}'\n")
    result = project.build_here()
    assert result.returncode == 0, result.stderr
    url, stop = serve(project.path / "site")
    try:
        page = new_page()
        page.goto(f"{url}/packs/north-yorkshire/scoring.html")
        groups = [g for _, names in page.evaluate(TOOL_GROUPS) for g in names]
        assert hostile in groups
        assert page.locator("#iwe-scoring img").count() == 0
    finally:
        stop()


def _opaque(colour: str, background=(255, 255, 255)) -> tuple[float, ...]:
    r, g, b, *a = (float(x) for x in re.findall(r"[\d.]+", colour))
    alpha = a[0] if a else 1.0
    return tuple(alpha * c + (1 - alpha) * bg for c, bg in zip((r, g, b), background))


def _contrast(one, two) -> float:
    def luminance(rgb):
        c = [x / 255 for x in rgb]
        c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FIELDS = """() => [...document.querySelectorAll('#iwe-scoring input, #iwe-scoring select')].map(e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {id: e.id, top: r.top + scrollY, bottom: r.bottom + scrollY, border: parseFloat(s.borderTopWidth),
          style: s.borderTopStyle, colour: s.borderTopColor};
})"""


def test_scoring_tool_starts_on_the_first_screen_with_fields_you_can_see(new_page, site_url):
    page = new_page((768, 1024))
    for rel in SCORING_PAGES:
        page.goto(f"{site_url}/{rel}")
        fields = page.evaluate(FIELDS)
        assert fields, rel
        assert fields[0]["bottom"] <= 1024, (rel, fields[0])  # the first input is on the first screen
        for f in fields:
            assert f["border"] > 0 and f["style"] not in ("none", "hidden"), (rel, f)
            assert _contrast(_opaque(f["colour"]), (255, 255, 255)) >= 3, (rel, f)  # WCAG 1.4.11


SELECTS_FIT = """async () => {
  await document.fonts.ready;
  const canvas = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('#iwe-scoring select')].map(s => {
    const cs = getComputedStyle(s);
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const widest = Math.max(...[...s.options].map(o => canvas.measureText(o.text).width));
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24;  // the arrow
    const label = s.previousElementSibling;
    return {id: s.id, widest: Math.ceil(widest), room: Math.floor(room),
            labelClipped: label.scrollWidth > label.clientWidth + 1};
  });
}"""


def test_nothing_in_the_scoring_tool_is_clipped(new_page, site_url):
    for width, height in [(320, 640), (768, 1024)]:
        page = new_page((width, height))
        for rel in SCORING_PAGES:
            page.goto(f"{site_url}/{rel}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (rel, width)
            fits = page.evaluate(SELECTS_FIT)
            assert fits, rel
            tight = [f for f in fits if f["widest"] > f["room"] or f["labelClipped"]]
            assert not tight, (rel, width, tight[:3])
