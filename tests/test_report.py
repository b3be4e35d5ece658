"""The views of the record of the day: each place's report page and PDF, the follow-up letter, and the editors'
"Learning across places" page.

Every expected value is recomputed here from the source files (the records' YAML with yaml, their CSVs with
the csv module, the packs and the matrix), never with the engine's readers.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from statistics import mean

import pytest
import yaml

from conftest import ROOT, assert_clean_failure
from pdfutil import info, needs_poppler
from test_print_pages import PRINT_CSS, footer_zone, read_pages, stated_minimums

RECORDS = ROOT / "packs" / "records"
SLUGS = sorted(p.stem for p in RECORDS.glob("*.yml"))
MATRIX = yaml.safe_load((ROOT / "content/matrix.yml").read_text(encoding="utf-8"))
RATINGS = ("useful", "run_well", "confident")
TEXTS = ("resonated", "improve", "learning")


def long_date(value) -> str:
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{d:%A} {d.day} {d:%B %Y}"


def shown(value: float) -> str:
    """A score or a mean as the pages show it: to one decimal place, without a trailing .0."""
    return f"{round(value, 1):g}"


def csv_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((RECORDS / name).read_text(encoding="utf-8-sig"), newline="")))


def record(slug: str) -> dict:
    return yaml.safe_load((RECORDS / f"{slug}.yml").read_text(encoding="utf-8"))


def pack(slug: str) -> dict:
    return yaml.safe_load((ROOT / "packs" / f"{slug}.yml").read_text(encoding="utf-8"))


def scores(slug: str) -> dict[str, str]:
    """Principle title -> the agreed score as written, or "Not scored"."""
    r = record(slug)["scores"]
    found = {row["principle_id"]: row["agreed"] for row in csv_rows(r["from"])} if "from" in r else \
        {k: shown(float(v)) for k, v in r.items()}
    return {p["title"]: found.get(p["id"]) or "Not scored" for p in MATRIX["principles"]}


def times(slug: str) -> dict[str, tuple[int, int]]:
    """Section id -> (planned, actual) minutes."""
    m, planned = record(slug)["minutes"], pack(slug)["minutes"]
    actual = {row["section_id"]: int(row["actual_minutes"]) for row in csv_rows(m["from"]) if row["section_id"]} \
        if "from" in m else m
    return {sid: (planned[sid], actual[sid]) for sid in actual}


def answers(slug: str) -> dict | None:
    """The evaluation as the record maps it: {field: [non-empty answers]} and the number of responses."""
    e = record(slug).get("evaluation")
    if not e:
        return None
    rows = csv_rows(e["from"])
    columns = e.get("columns") or {f: f for f in (*RATINGS, *TEXTS) if f in rows[0]}
    out = {f: [row[header].strip() for row in rows if row[header].strip()] for f, header in columns.items()}
    return {"responses": len(rows), "fields": out, "rows": rows}


def table(page: str, caption_start: str) -> list[list[str]]:
    """The rows of the table whose caption starts with ``caption_start``: each row's cells as plain text."""
    m = re.search(r"<table>\s*<caption>" + re.escape(caption_start) + r".*?</table>", page, flags=re.S)
    assert m, f"no table captioned {caption_start!r}"
    rows = re.findall(r"<tr>(.*?)</tr>", m.group(0), flags=re.S)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r,
                                                                                     flags=re.S)] for r in rows]


def plain(page: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page).split()))


# --- the report page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_report_page_shows_scores_actions_next_meeting_and_evaluation(built, slug):
    page = built.page(f"packs/{slug}/report.html")
    text = plain(page)
    r = record(slug)
    assert "Illustrative: made up to show how a report looks" in text  # every example record is made up
    rows = table(page, "The score the room agreed")
    assert rows[0][:2] == ["Principle", "Agreed score"]
    assert {row[0]: row[1] for row in rows[1:]} == scores(slug)
    levels = {lv["score"]: lv["name"] for lv in MATRIX["levels"]}
    for row in rows[1:]:
        if row[1] != "Not scored":
            principle = next(p for p in MATRIX["principles"] if p["title"] == row[0])
            level = int(float(row[1]))
            assert row[2] == levels[level]
            assert row[3] == next(pl["short"] for pl in principle["levels"] if pl["level"] == level)
    actions = table(page, "Actions agreed")[1:]
    assert [(a[0], a[1], a[2], a[3]) for a in actions] == [
        (a["what"], a["who"], long_date(a["by"]), "Yes" if a["smart"] else "No") for a in r["actions"]]
    meeting = re.search(r'<h2 id="next-meeting">.*?</h2>\s*<p><strong>(.*?)</strong>', page, flags=re.S)
    assert meeting and meeting.group(1) == long_date(r["next_meeting"])
    e = answers(slug)
    if e is None:
        assert "No answers were collected." in text
        return
    assert f"{e['responses']} people answered" in text
    ratings = [row[1:] for row in table(page, "Ratings from 1")[1:]]  # in the order the questions are asked
    asked = [f for f in RATINGS if f in e["fields"]]
    assert len(ratings) == len(asked)
    for f, row in zip(asked, ratings):
        values = [int(re.match(r"\d", v).group(0)) for v in e["fields"][f]]
        assert row == [str(len(values)), shown(mean(values))] + [str(values.count(n)) for n in range(1, 6)]
    for f in TEXTS:
        given = e["fields"][f]
        assert f"{len(given)} answer{'s' if len(given) != 1 else ''}:" in text
        for answer in given:
            assert " ".join(answer.split()) in text
    for row in e["rows"]:  # names people typed are never shown
        for key in ("Name", "Email", "name"):
            if row.get(key) and row[key] != "anonymous":
                assert row[key] not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_pack_page_links_the_report_and_its_pdf(built, slug):
    page = built.page(f"packs/{slug}.html")
    assert f'href="{slug}/report.html"' in page
    assert f'href="../downloads/{slug}/{slug}-record-of-the-day.pdf"' in page
    assert f'href="../../downloads/{slug}/{slug}-record-of-the-day.pdf"' in built.page(f"packs/{slug}/report.html")


# --- the report PDF -----------------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("slug", SLUGS)
def test_report_pdf_is_tagged_holds_the_actions_and_next_meeting_and_is_12pt(built, slug):
    import pdfplumber

    pdf = built.path / "site" / "downloads" / slug / f"{slug}-record-of-the-day.pdf"
    meta = info(pdf)
    assert meta["Tagged"] == "yes" and meta["Title"] == f"Record of the day for {pack(slug)['place']}"
    with pdfplumber.open(pdf) as doc:
        text = " ".join(" ".join((p.extract_text() or "") for p in doc.pages).split())
        cells = [" ".join((c or "").split()) for p in doc.pages for t in p.extract_tables() for row in t for c in row]
    r = record(slug)
    for a in r["actions"]:
        assert any(cell.startswith(a["what"]) for cell in cells), a["what"]
        assert a["who"] in cells and long_date(a["by"]) in cells, a
    assert long_date(r["next_meeting"]) in text
    assert "Illustrative: made up" in text
    css = PRINT_CSS.read_text(encoding="utf-8")
    least = stated_minimums(css)
    pages = read_pages(pdf, pdf.name, footer_zone(css))
    for p in pages:
        assert p.smallest_body[0] >= least["body"] - 0.01, (str(p), p.smallest_body)
        assert f"Page {p.number} of {len(pages)}" in p.footer


def test_answers_the_font_cannot_print_are_marked_and_the_pdf_keeps_to_the_pack_font(project, tmp_path):
    """Attendees' answers were not checked against the font: an emoji or a script it lacks prints as [?]."""
    from iwe_pack.load.loader import load_project
    from iwe_pack.outputs.pdf import render_pdf
    from iwe_pack.views.whole_site import render_site
    from pdfutil import fonts

    rel = "packs/records/ynys-mon-evaluation.csv"
    text = project.read(rel)
    project.write(rel, text.replace("Small groups let everyone speak.", "Small groups let everyone speak 😀 日本."))
    loaded = load_project(project.path)
    job = next(j for j in render_site(loaded).jobs["ynys-mon"] if j.path.endswith("-record-of-the-day.pdf"))
    out = tmp_path / "report.pdf"
    assert render_pdf(job.html, str(project.path), str(out), "test") == []
    used = fonts(out)
    assert used and all(f["name"].split("+")[-1].replace("-", "").startswith("AtkinsonHyperlegibleNext")
                        for f in used), used
    import pdfplumber

    with pdfplumber.open(out) as doc:
        printed = " ".join(" ".join((p.extract_text() or "") for p in doc.pages).split())
    assert "Small groups let everyone speak [?] [?]." in printed
    assert "[?] stands for a character" in printed


def test_long_words_an_editor_or_attendee_typed_wrap_inside_the_report_pdf(project, tmp_path):
    """An answer of the most characters allowed with no space in it, and an action with a long address in it, wrap
    at the edge of the text column instead of running off the page."""
    import pdfplumber

    from iwe_pack.load.loader import load_project
    from iwe_pack.outputs.pdf import render_pdf
    from iwe_pack.sources.record_csv import MAX_ANSWER
    from iwe_pack.views.whole_site import render_site

    answer = ("Abcdefghij" * MAX_ANSWER)[:MAX_ANSWER]
    address = "https://example.org/" + "WellbeingGoal" * 24
    project.replace("packs/records/ynys-mon-evaluation.csv", "More time to agree the vision.", answer)
    project.replace("packs/records/ynys-mon.yml", "name one wellbeing goal for their area.",
                    f"name one wellbeing goal for their area, as at {address}")
    job = next(j for j in render_site(load_project(project.path)).jobs["ynys-mon"]
               if j.path.endswith("-record-of-the-day.pdf"))
    out = tmp_path / "report.pdf"
    assert render_pdf(job.html, str(project.path), str(out), "test") == []
    right, bottom = 16 / 25.4 * 72, 15 / 25.4 * 72  # the page's right and bottom margins (print.css: @page margin)
    with pdfplumber.open(out) as doc:
        printed = "".join(p.crop((0, 0, p.width, p.height - bottom)).extract_text() for p in doc.pages)  # no footer
        off = [(p.page_number, c["text"], round(c["x1"])) for p in doc.pages for c in p.chars
               if c["x1"] > p.width - right + 0.5]
    assert not off, off[:5]
    squeezed = re.sub(r"\s+", "", printed)
    assert answer in squeezed and address in squeezed  # all of it printed, in order


# --- the follow-up letter -----------------------------------------------------------------------------


def test_follow_up_letter_carries_the_record_and_keeps_the_blanks_without_one(project):
    from iwe_pack.load.loader import load_project

    project.file("packs/records/north-yorkshire.yml").unlink()
    from iwe_pack.views.whole_site import render_site

    texts = render_site(load_project(project.path), downloads=False).letters
    hull = texts["kingston-upon-hull"]["follow-up.txt"]
    r = record("kingston-upon-hull")
    for a in r["actions"]:
        assert f"- {a['what']} | {a['who']} | {long_date(a['by'])}" in hull
    assert " ".join(r["vision"].split()) in hull
    for point in r["purpose"]:
        assert f"- {point}" in hull
    assert f"- Group: {r['governance']['group']}" in hull
    assert f"We will meet again on: {long_date(r['next_meeting'])}" in hull
    assert "Made up" in hull
    ny = texts["north-yorkshire"]["follow-up.txt"]
    assert "Action | Who | By when\n- \n- \n- \n" in ny
    assert re.search(r"We will meet again on: *\n", ny)
    for a in record("north-yorkshire")["actions"]:
        assert a["what"] not in ny


# --- learning across places ---------------------------------------------------------------------------


def chart(page: str) -> dict[tuple[str, str], tuple[str, float]]:
    """(principle, place) -> (the value printed beside its bar, the bar's width in %), from the chart."""
    opening = '<div class="iwe-chart" aria-hidden="true">'
    assert opening in page, "no chart, or it is not hidden from screen readers"
    start = page.index(opening)
    block = page[start:page.index("<table>", start)]
    out = {}
    for group in block.split('<p class="iwe-chart-title">')[1:]:
        title = html.unescape(group.split("</p>", 1)[0])
        for place, width, value in re.findall(
                r'<span class="iwe-chart-place">(.*?)</span>.*?style="width: ([\d.]+)%".*?'
                r'<span class="iwe-chart-value">(.*?)</span>', group, flags=re.S):
            out[(title, html.unescape(place))] = (html.unescape(value), float(width))
    return out


def test_learning_page_sets_every_record_side_by_side(built):
    page = built.page("learning.html")
    places = {slug: pack(slug)["place"] + " (made up)" for slug in SLUGS}
    rows = table(page, "The score each place agreed")
    header, body = rows[0], rows[1:]
    assert header[1:] == [places[s] for s in SLUGS]
    from_table = {(row[0], header[i]): row[i] for row in body for i in range(1, len(header))}
    for slug in SLUGS:
        for title, score in scores(slug).items():
            assert from_table[(title, places[slug])] == score
    drawn = chart(page)
    top = max(lv["score"] for lv in MATRIX["levels"])
    assert {k: v for k, (v, _) in drawn.items()} == from_table  # the chart's numbers are the table's
    for (_, _), (value, width) in drawn.items():
        assert width == pytest.approx(0 if value == "Not scored" else float(value) / top * 100, abs=0.05)
    overall: dict[str, list[int]] = {}
    for slug in SLUGS:
        minutes = table(page, f"Minutes planned and taken in {places[slug]}")[1:]
        shown_times = {row[0].split(". ", 1)[1]: (int(row[1]), int(row[2])) for row in minutes}
        titles = {s["id"]: s["title"] for s in yaml.safe_load((ROOT / "content/workshop.yml").read_text())["sections"]}
        assert shown_times == {titles[sid]: t for sid, t in times(slug).items()}
        for sid, (planned, actual) in times(slug).items():
            overall.setdefault(titles[sid], []).append(actual - planned)
    summary = {row[0].split(". ", 1)[1]: row[1:] for row in table(page, "Each section at the places")[1:]}
    for title, diffs in overall.items():
        m = mean(diffs)
        assert summary[title][0] == str(len(diffs))
        assert summary[title][2] == (("+" if round(m, 1) > 0 else "") + shown(m))
        assert (summary[title][1] == "None") == (not any(d > 0 for d in diffs))
    assert "Self-assessment" in [t for t, v in summary.items() if v[1] != "None"]


def test_learning_page_lessons_link_to_their_version(built):
    page = built.page("learning.html")
    lessons = yaml.safe_load((ROOT / "content/learning.yml").read_text(encoding="utf-8"))["lessons"]
    whats_new = built.page("whats-new.html")
    for lesson in lessons:
        assert html.escape(lesson["learned"], quote=False) in page or lesson["learned"] in plain(page)
        if lesson["changed_in"] != "not yet":
            anchor = "iwe-version-" + re.sub(r"[^a-z0-9]+", "-", lesson["changed_in"].lower()).strip("-")
            assert f'href="whats-new.html#{anchor}"' in page
            assert f'id="{anchor}"' in whats_new
    assert plain(page).count("(made up)") >= len([x for x in lessons if x.get("illustrative")])


def test_a_bad_learning_file_names_file_line_and_field(project):
    project.write("content/learning.yml", "\n".join([
        "lessons:",
        "  - learned: Something we learned.",
        "    places: [kingston-upon-hul]",
        "    section: self-asessment",
        "    changed_in: 9.9.9",
        "",
    ]))
    out = assert_clean_failure(project.check(), "content/learning.yml, line 3, field lessons.1.places.1",
                               "unknown place 'kingston-upon-hul' (did you mean 'kingston-upon-hull'?)",
                               "content/learning.yml, line 4, field lessons.1.section",
                               "unknown section 'self-asessment'",
                               "content/learning.yml, line 5, field lessons.1.changed_in", "found '9.9.9'")
    assert "1.0.0" in out and "'not yet'" in out
