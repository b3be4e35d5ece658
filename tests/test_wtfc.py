"""Working Together for Change: the twelve printouts, the hands-on tools, and statement cards from a CSV."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, iwe_pack, strip_ansi
from pdfutil import needs_poppler, text

HANDOUTS = yaml.safe_load((ROOT / "content/handouts.yml").read_text())["handouts"]
GUIDE = ROOT.parent / "shared/sources/002_efea264cebc7e614.txt"


def guide_printouts() -> list[str]:
    """The names in the guide's list "All Available Print offs"."""
    if not GUIDE.is_file():
        pytest.skip("the WtFC guide (../shared/sources) is not beside this checkout")
    body = GUIDE.read_text(encoding="utf-8").split("All Available Print offs:", 1)[1]
    return re.findall(r"^- \[(.+?)\]", body[:2000], flags=re.M)


def test_all_twelve_printouts_are_pages_and_pdfs_named_as_in_the_guide(built):
    names = guide_printouts()
    assert len(names) == 12
    by_title = {h["title"].lower(): h for h in HANDOUTS}
    for name in names:
        h = by_title.get(name.lower())
        assert h, f"no print-off titled {name!r}"
        page = built.page(f"print-offs/{h['id']}.html")
        assert "<h1" in page and name.lower() in page.lower()
        pdf = built.path / f"site/downloads/generic/iwe-workshop-{h['id']}.pdf"
        assert pdf.is_file()


TOOLS = ["why ladder", "three perspectives", "three hats", "dot-voting", "investment grid", "action plan",
         "two loops", "visioning", "parking space", "reflective notes"]


def test_every_tool_is_a_page_and_a_pdf(built):
    for tool in TOOLS:
        h = next((h for h in HANDOUTS if tool in h["title"].lower()), None)
        assert h, tool
        assert (built.path / f"site/print-offs/{h['id']}.html").is_file()
        assert (built.path / f"site/downloads/generic/iwe-workshop-{h['id']}.pdf").is_file()


@needs_poppler
def test_set_up_sheets_double_as_shopping_lists(built):
    for day in (1, 2):
        sheet = " ".join(text(built.path / f"site/downloads/generic/iwe-workshop-wtfc-day-{day}-set-up.pdf").split()).lower()
        for thing in ["card", "board", "marker", "dot"]:
            assert thing in sheet, (day, thing)


@needs_poppler
def test_investment_grid_is_a3_with_its_four_boxes(built):
    from pdfutil import info

    pdf = built.path / "site/downloads/generic/iwe-workshop-investment-grid.pdf"
    assert info(pdf)["Page size"].endswith("(A3)")
    sheet = " ".join(text(pdf).split())
    for box in ["Quick wins", "Major projects", "Fill-ins", "Thankless tasks"]:
        assert box in sheet


def cards(tmp_path: Path, csv_text: str | bytes, *extra: str):
    src = tmp_path / "statements.csv"
    src.write_bytes(csv_text if isinstance(csv_text, bytes) else csv_text.encode("utf-8"))
    out = tmp_path / "cards.pdf"
    result = iwe_pack("--root", str(ROOT), "cards", str(src), "-o", str(out), *extra)
    return result, out


LONG = ("Nobody joins up: I tell my story to the council, the NHS and the job centre, one after another, "
        "and each of them asks me the same questions again as if we had never met before at all.")


@needs_poppler
def test_cards_at_23pt_with_suffixes_and_nothing_cut_off(tmp_path):
    import pdfplumber

    rows = [("I can get to the GP by bus now.", "working-well", ""),
            ("I wait weeks to hear about my housing repair.", "not-working-well", "c"),
            (LONG, "not-working-well", ""),
            ("Jobs near home that pay enough to live on.", "iff", "")]
    rows = rows * 4  # several pages
    csv_text = "text,type,code\n" + "".join(f'"{t}",{k},{c}\n' for t, k, c in rows)
    result, out = cards(tmp_path, csv_text)
    assert result.returncode == 0, result.stderr
    assert f"{len(rows)} cards (4 ww, 8 nww, 4 iff)" in result.stdout
    assert re.search(rf"row \d+: {len(LONG)} characters, more than 170", result.stdout)
    sheet_words = set("statement cards from statements.csv cut along the dashed lines tag at end of each strip says "
                      "which question it answers ww working well nww not iff important for future amended pack "
                      "version page".split())
    statement_words = {w.strip(".,:") for statement, _, _ in rows for w in statement.split()
                       if w.strip(".,:").lower() not in sheet_words}
    with pdfplumber.open(out) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["size", "fontname"])]
        pages_text = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    in_statements = [w for w in words if w["text"].strip(".,:") in statement_words]
    assert len(in_statements) > 50
    assert {round(w["size"], 1) for w in in_statements} == {23.0}
    assert all(w["fontname"].endswith("Bold") for w in in_statements)
    everything = " ".join(pages_text)
    for statement, kind, _ in rows[:4]:
        tag = {"working-well": "ww", "not-working-well": "nww", "iff": "iff"}[kind]
        assert everything.count(f"{statement} {tag}") == 4, statement  # whole, on one page, with its tag
    assert everything.count("Amended: c") == 4


@pytest.mark.parametrize("csv_text,needle", [
    ("words,type\nHello,ww\n", "line 1, field words: unknown column 'words'"),
    ("text,kind\nHello,ww\n", "field type: the column 'type' is missing"),
    ("text,type\nHello,working well\n", "line 2, field type: row 2: found 'working well' (did you mean 'working-well'?)"),
    ("text,type\nHello,ww\n   ,nww\n", "line 3, field text: row 3: the text is empty"),
    ("text,type,code\nHello,ww,z\n", "line 2, field code: row 2: found 'z'; allowed: one amendment code letter"),
    ("text,type\nHello, there,ww\n", "line 2: row 2 has 3 cells but the header has 2"),
    ("text,type\nCaf\xe9 good,ww\nFine,nww\n".encode("latin-1"), "line 2: row 2 is not UTF-8 text"),
    ("", "line 1: the file is empty"),
])
def test_bad_csv_gets_a_clear_error_with_the_row(tmp_path, csv_text, needle):
    result, out = cards(tmp_path, csv_text)
    message = strip_ansi(result.stderr)
    assert result.returncode == 1 and "Traceback" not in message
    assert needle in message, message
    assert not out.exists()


def test_hostile_statements_are_printed_as_text(tmp_path):
    result, out = cards(tmp_path, 'text,type\n"<script>alert(1)</script> {{7*7}} & <b>x</b>",ww\n')
    assert result.returncode == 0, result.stderr
    if __import__("shutil").which("pdftotext"):
        assert "<script>alert(1)</script>{{7*7}}&<b>x</b>ww" in "".join(text(out).split())
