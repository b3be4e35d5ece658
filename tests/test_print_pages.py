"""Every page of every PDF the site ships, as it comes off the printer.

One pass reads each PDF once with PDFium (pypdfium2: the engine pdfplumber renders with, and the one in
Chromium's PDF viewer), character by character, with each character's size and place on the sheet.
Measured on the 107 shipped PDFs (290 pages): pdfplumber takes about 30 s for the same characters,
PDFium about 3 s; poppler's ``pdftotext -bbox-layout`` gives word boxes but no font sizes.

The rules come from ``overrides/print/print.css``: the smallest sizes it states (``--min-body``,
``--min-footer``) and its page margins, which decide what is footer (text in the bottom margin).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

PRINT_CSS = ROOT / "overrides/print/print.css"
UNITS_PT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
SOURCE_LINE = re.compile(r"Sources?:")


def _length_pt(text: str) -> float:
    number, unit = re.fullmatch(r"\s*([\d.]+)\s*(pt|mm|cm|in|px)\s*", text).groups()
    return float(number) * UNITS_PT[unit]


def stated_minimums(css: str) -> dict[str, float]:
    """The minimum sizes print.css states, in points: {"body": …, "footer": …}."""
    found = {name: _length_pt(value) for name, value in re.findall(r"--min-(body|footer)\s*:\s*([^;]+);", css)}
    assert set(found) == {"body", "footer"}, "print.css should state --min-body and --min-footer"
    return found


def footer_zone(css: str) -> float:
    """How far up from the bottom edge the footer may reach, in points: the smallest bottom page margin."""
    bottoms = []
    for block in re.findall(r"@page[^{]*\{((?:[^{}]|\{[^{}]*\})*)\}", css):
        block = re.sub(r"@[\w-]+\s*\{[^{}]*\}", "", block)  # leave out the margin boxes (@bottom-left …)
        for value in re.findall(r"(?<![\w-])margin\s*:\s*([^;]+);", block):
            parts = value.split()
            bottoms.append(_length_pt(parts[{1: 0, 2: 0, 3: 2, 4: 2}[len(parts)]]))
    assert bottoms, "print.css should set the page margins in an @page rule"
    return min(bottoms)


@dataclass(frozen=True)
class Char:
    text: str
    footer: bool | None  # in the bottom margin (None: a space PDFium inferred, which belongs to both)
    size: float  # in points, as printed
    x: float
    y: float  # the baseline, up from the bottom edge

    @property
    def origin(self) -> tuple[float, float]:
        return self.x, self.y


@dataclass
class Page:
    pdf: str  # inside site/downloads
    number: int
    body: str = ""  # the text above the bottom margin, in reading order
    smallest_body: tuple[float, str] = (float("inf"), "")  # (size in pt, the text around the smallest character)
    smallest_footer: tuple[float, str] = (float("inf"), "")
    footer: str = ""  # the text in the bottom margin

    def __str__(self) -> str:
        return f"{self.pdf}, page {self.number}"


def read_pages(pdf: Path, name: str, zone: float) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, start=1):
            text_page = page.get_textpage()
            result = Page(name, number)
            chars, matrix, x, y = [], raw.FS_MATRIX(), ctypes.c_double(), ctypes.c_double()
            for i in range(text_page.count_chars()):
                if raw.FPDFText_IsGenerated(text_page, i) == 1:  # a space or line end PDFium inferred
                    chars.append(Char(" ", None, 0.0, *(chars[-1].origin if chars else (0.0, 0.0))))
                    continue
                raw.FPDFText_GetMatrix(text_page, i, ctypes.byref(matrix))
                raw.FPDFText_GetCharOrigin(text_page, i, ctypes.byref(x), ctypes.byref(y))
                left, bottom, right, top = text_page.get_charbox(i)
                chars.append(Char(chr(raw.FPDFText_GetUnicode(text_page, i)), (bottom + top) / 2 < zone,
                                  raw.FPDFText_GetFontSize(text_page, i) * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5,
                                  x.value, y.value))
            # reading order: lines from the top of the sheet down, each left to right (not drawing order)
            chars.sort(key=lambda c: (-round(c.origin[1] * 2), c.origin[0]))
            for i, c in enumerate(chars):
                key = "smallest_footer" if c.footer else "smallest_body"
                if c.footer is not None and c.text.strip() and c.size < getattr(result, key)[0] - 0.01:
                    context = "".join(o.text for o in chars[max(0, i - 30):i + 30] if o.footer in (c.footer, None))
                    setattr(result, key, (round(c.size, 2), " ".join(context.split())))
            result.body = " ".join("".join(c.text for c in chars if c.footer in (False, None)).split())
            result.footer = " ".join("".join(c.text for c in chars if c.footer in (True, None)).split())
            text_page.close()
            page.close()
            out.append(result)
    finally:
        doc.close()
    return out


@pytest.fixture(scope="module")
def sheets(built) -> tuple[list[Page], dict[str, float]]:
    """Every page of every PDF in the built site (read once), and the minimums print.css states."""
    css = PRINT_CSS.read_text(encoding="utf-8")
    zone = footer_zone(css)
    downloads = built.path / "site" / "downloads"
    pdfs = sorted(downloads.rglob("*.pdf"))
    assert len(pdfs) > 50, pdfs
    pages = [p for pdf in pdfs for p in read_pages(pdf, pdf.relative_to(downloads).as_posix(), zone)]
    return pages, stated_minimums(css)


def test_print_css_states_the_minimum_sizes_the_readme_promises():
    minimums = stated_minimums(PRINT_CSS.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    promised = re.search(r"(\d+) pt or more", readme)
    assert promised, "the README should say how big the print is"
    assert minimums["body"] >= float(promised.group(1)), minimums
    assert minimums["footer"] <= minimums["body"]


def test_no_page_holds_only_its_footer_and_a_source_line(sheets):
    pages, _ = sheets
    lonely = [f"{p}: {p.body[:80]!r}" for p in pages if not p.body or SOURCE_LINE.match(p.body)]
    assert not lonely, "pages with nothing but the footer and a source line:\n" + "\n".join(lonely)


def test_every_page_has_its_footer_in_the_bottom_margin(sheets):
    pages, _ = sheets
    # a print run is print-offs one after another, each page numbered in its own, with the print room's own sheets
    missing = [f"{p}: {p.footer!r}" for p in pages if f"Page {p.number} of" not in p.footer and not (
        "-print-run-" in p.pdf and re.search(r"Page \d+ of \d+|Print room sheet: not for handing out", p.footer))]
    assert not missing, "pages without one footer line in the bottom margin:\n" + "\n".join(missing)


def test_no_text_below_the_minimum_size(sheets):
    pages, minimum = sheets
    small = [f"{p}: {size} pt in {where} ({context!r})"
             for p in pages
             for where, (size, context), least in [("body", p.smallest_body, minimum["body"]),
                                                    ("footer", p.smallest_footer, minimum["footer"])]
             if size < least - 0.01]
    assert not small, (f"text smaller than print.css allows (body {minimum['body']} pt, footer "
                       f"{minimum['footer']} pt):\n" + "\n".join(small))
