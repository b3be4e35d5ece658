"""The print run: what a council's print room prints, checked against the PDFs themselves.

The print list on each place's page (its "What to print" table) is read as the person printing reads it, and
every number in it is checked against the PDFs the build wrote, read with poppler; then each print run (one
file per paper size, every copy in the order of the day) against the list. The structure tree of every PDF
is read with pikepdf (qpdf), not with the code that wrote it.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from pdfutil import needs_poppler, pages, text

pytestmark = needs_poppler

PACKS = {p.stem: yaml.safe_load(p.read_text()) for p in (ROOT / "packs").glob("*.yml")}
HANDOUTS = yaml.safe_load((ROOT / "content/handouts.yml").read_text())["handouts"]
BY_TITLE = {h["title"]: h for h in HANDOUTS}
REFERENCE = ": reference pages"  # the matrix's reference part, a print-off of its own


def rows(built, slug: str) -> list[dict]:
    """The place's print list as its page shows it: one dict a row of the "What to print" table."""
    page = built.page(f"packs/{slug}.html")
    section = page[page.index('id="what-to-print"'):page.index('id="letters-for-the-day"')]
    table = section[section.index("<table"):section.index("</table>")]
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        title, _, who, copies, paper, sides, sheets = cells
        if title.startswith("All on"):
            continue
        out.append(dict(title=title, who=who, copies=int(copies), paper=paper, double=sides == "both",
                        sheets=int(sheets.split()[0])))
    assert out, slug
    return out


def files_of(site: Path, slug: str, row: dict) -> list[Path]:
    """The PDFs a row prints: its print-off's, or one for each group."""
    title = row["title"].removesuffix(REFERENCE)
    handout = BY_TITLE[title]
    name = handout["id"] + ("-reference" if row["title"].endswith(REFERENCE) else "")
    folder = site / "downloads" / slug
    one = folder / f"{slug}-{name}.pdf"
    if one.is_file():
        return [one]
    # a file for each group, in the pack's order of its groups
    from iwe_pack.sources.packs import group_slug

    groups = [folder / f"{slug}-{name}-{group_slug(g['name'], n)}.pdf"
              for n, g in enumerate(PACKS[slug]["groups"], start=1)]
    assert all(g.is_file() for g in groups), (slug, row["title"], groups)
    return groups


def sheets_of(row: dict, handout: dict, pdf_pages: int, copies: int) -> int:
    """Sheets for ``copies`` copies of a PDF of ``pdf_pages`` pages, as the row says it is printed."""
    prints = math.ceil(copies / handout.get("per_sheet", 1))
    return (math.ceil(pdf_pages / 2) if row["double"] else pdf_pages) * prints


@pytest.mark.parametrize("slug", sorted(PACKS))
def test_each_rows_sheets_are_the_pdfs_pages_times_copies(built, slug):
    site = built.path / "site"
    counted = 0
    for row in rows(built, slug):
        handout = BY_TITLE[row["title"].removesuffix(REFERENCE)]
        files = files_of(site, slug, row)
        if len(files) > 1:  # a file for each group, one copy each
            assert row["copies"] == len(files), row
            expected = sum(sheets_of(row, handout, pages(f), 1) for f in files)
        else:
            expected = sheets_of(row, handout, pages(files[0]), row["copies"])
        assert row["sheets"] == expected, (row, [(f.name, pages(f)) for f in files])
        counted += row["sheets"] != math.ceil(row["copies"] / handout.get("per_sheet", 1))
        assert row["paper"] == handout.get("paper", "A4 portrait").split()[0]
    assert counted, "no row has more than a page a copy: the counts cannot have come from the PDFs"


def test_the_matrix_is_a_room_form_for_each_group_and_reference_pages_for_each_facilitator(built):
    for slug, pack in PACKS.items():
        found = {r["title"]: r for r in rows(built, slug)}
        if pack.get("format") == "virtual":
            continue  # sent as PDFs
        form, reference = found["Maturity matrix"], found["Maturity matrix" + REFERENCE]
        assert form["copies"] == len(pack["groups"]) and form["sheets"] == form["copies"]
        assert reference["copies"] == len(pack["facilitators"])
        folder = built.path / "site/downloads" / slug
        assert pages(folder / f"{slug}-maturity-matrix.pdf") == 1
        assert "reference pages" in text(folder / f"{slug}-maturity-matrix-reference.pdf", 1)


def separators(pdf: Path) -> dict[int, str]:
    """{page: text} of a print run's separator sheets."""
    out = {}
    for n in range(1, pages(pdf) + 1):
        page = text(pdf, n)
        if re.search(r"Separator sheet \d+ of \d+", page):
            out[n] = page
    return out


@pytest.mark.parametrize("slug", sorted(PACKS))
def test_each_print_run_holds_every_copy_in_the_order_of_the_day(built, slug):
    site = built.path / "site"
    listed = rows(built, slug)
    papers = sorted({r["paper"] for r in listed})
    assert "A4" in papers
    for paper in papers:
        run = site / "downloads" / slug / f"{slug}-print-run-{paper.lower()}.pdf"
        these = [r for r in listed if r["paper"] == paper]
        # the files in the order of the list (the order of the day), a group's own sheet each
        expected = [(r, f) for r in these for f in files_of(site, slug, r)]
        found = separators(run)
        starts = sorted(found)
        assert len(starts) == len(expected), (run.name, len(starts), len(expected))
        order_pages = starts[0] - 1
        items = sum(r["sheets"] for r in these)
        # printed on both sides: two pages a sheet, the order and each separator a sheet of their own
        assert pages(run) == 2 * (math.ceil(order_pages / 2) + len(expected) + items), run.name
        assert f"{pages(run)} pages" in " ".join(text(run, 1).split())
        for (row, pdf), start, end in zip(expected, starts, starts[1:] + [pages(run) + 1]):
            words = " ".join(found[start].split())
            assert row["title"].split(":")[0] in words, (run.name, start, row["title"])
            copies = 1 if len(files_of(site, slug, row)) > 1 else row["copies"]
            assert re.search(rf"Copies {copies} (cop|card)", words), (run.name, start, words)
            handout = BY_TITLE[row["title"].removesuffix(REFERENCE)]
            assert ("Cut Yes" in words) == (handout.get("per_sheet", 1) > 1), words
            # then the separator's blank back, then every copy: its pages, two a sheet
            assert end - start == 2 + 2 * sheets_of(row, handout, pages(pdf), copies), (run.name, start, row["title"])
            first = " ".join(text(pdf, 1).split())[:40]
            assert first in " ".join(text(run, start + 2).split()), (run.name, start + 2, first)
            last = " ".join(text(pdf, pages(pdf)).split())[:40]
            assert last in " ".join(text(run, end - 1).split() + text(run, end - 2).split()), (run.name, end, last)


def test_the_generic_pack_has_a_print_run_of_masters(built):
    run = built.path / "site/downloads/generic/iwe-workshop-print-run-a4.pdf"
    seps = separators(run)
    assert len(seps) > 10
    assert all(re.search(r"Copies 1 (copy|card)", " ".join(t.split())) for t in seps.values())


# --- PDF/UA: the structure tree of every PDF -----------------------------------------------------------------------


def elements(node):
    import pikepdf

    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def test_every_pdf_has_a_whole_structure_tree_with_alt_text_and_header_scope(built):
    """Read with pikepdf: marked, in English, titled; every figure has Alt text; every table header a Scope;
    cards are not a table; and every page's marked content belongs to elements drawn on that page (what a merged
    print run must keep)."""
    import pikepdf

    downloads = built.path / "site/downloads"
    checked = 0
    for path in sorted(downloads.rglob("*.pdf")):
        with pikepdf.open(path) as pdf:
            where = path.relative_to(downloads).as_posix()
            assert pdf.Root.MarkInfo.Marked, where
            assert str(pdf.Root.Lang) == "en-GB", where
            with pdf.open_metadata() as meta:
                assert meta.get("dc:title"), where
                assert meta.get("pdfuaid:part") == "1", where
            root = pdf.Root.StructTreeRoot
            found = list(elements(root.K[0] if isinstance(root.K, pikepdf.Array) else root.K))
            tags = [str(e.S) for e in found]
            for e in found:
                if e.S == "/Figure":
                    assert str(e.get("/Alt", "")).strip(), (where, "a figure without Alt text")
                if e.S == "/TH":
                    assert str(e.A.get("/Scope")) in ("/Row", "/Column"), (where, "a header without Scope")
            if "check-in-card" in path.name:
                assert "/Table" not in tags, where
            nums = list(root.ParentTree.Nums)
            tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            for n, page in enumerate(pdf.pages):
                owners = tree[int(page.StructParents)]
                assert all(o is None or o.Pg.objgen == page.objgen for o in owners), (where, n + 1)
            checked += 1
    assert checked > 100


def test_the_slide_handout_carries_the_evaluation_slide(built):
    from iwe_pack.views.slides import ASK_TITLE

    places = 0
    for slug in PACKS:
        folder = built.path / "site/downloads" / slug
        deck = " ".join(text(folder / f"{slug}-slides.pdf").split())
        handout = " ".join(text(folder / f"{slug}-slides-handout.pdf").split())
        assert (ASK_TITLE in deck) == (ASK_TITLE in handout), slug
        if ASK_TITLE in deck:
            places += 1
            link = re.search(r"https?://\S+", deck[deck.rindex(ASK_TITLE):]).group(0)
            assert link in handout, slug
    assert places, "no place's deck has the evaluation slide"
