"""The taught section's slides as an editable PowerPoint file and an HTML presentation.

The PDF deck and the slide handout are print jobs (see printing.py); here are
the two other forms: a ``.pptx`` (python-pptx) that councils can edit to add a
logo or local figures, and a self-contained HTML presentation for the site
that works offline, with the keyboard or a swipe.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from ..model.plan import Plan
from ..model.workshop import Workshop
from ..sources.templates import TemplateSet
from .templates import render


def title_lines(workshop: Workshop, plan: Plan | None) -> list[str]:
    if plan is None:
        return ["Place: ____________________   Date: ______________"]
    return [f"{plan.pack.place} · {plan.pack.date.long}", plan.pack.convener]


def pptx_bytes(workshop: Workshop, plan: Plan | None, when: dt.datetime | None = None) -> bytes:
    """The deck as a .pptx: title slide with place and date, a title-and-content slide each, notes included.

    The file is made reproducible: zip members in a fixed order with fixed dates.
    """
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = workshop.deck
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    props = prs.core_properties
    props.title = deck.title
    props.subject = deck.subtitle
    props.author = plan.pack.convener if plan else "Yorkshire and Humber Association of Directors of Public Health"
    props.keywords = f"pack version {workshop.version}"
    props.language = "en-GB"
    if when:
        props.created = props.modified = when.replace(tzinfo=None)
        props.last_printed = when.replace(tzinfo=None)
    props.revision = 1
    props.last_modified_by = "iwe-pack"

    for n, s in enumerate(deck.slides):
        if n == 0:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            slide.shapes.title.text = deck.title
            body = slide.placeholders[1].text_frame
            body.text = deck.subtitle
            for line in title_lines(workshop, plan):
                body.add_paragraph().text = line
        else:
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = s.title
            frame = slide.placeholders[1].text_frame
            frame.text = s.points[0] if s.points else ""
            for point in s.points[1:]:
                frame.add_paragraph().text = point
            for para in frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(28)
        notes = s.notes.strip() + f"\n\n{s.minutes} min{'; skip if short of time' if s.skip else ''}. Source: {s.source}"
        slide.notes_slide.notes_text_frame.text = notes
    raw = io.BytesIO()
    prs.save(raw)
    return _fixed_zip(raw.getvalue(), when)


def _fixed_zip(data: bytes, stamp: dt.datetime | None) -> bytes:
    date_time = stamp.timetuple()[:6] if stamp and stamp.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # keep python-pptx's order: [Content_Types].xml first
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def present_html(workshop: Workshop, plan: Plan | None, templates: TemplateSet, assets: str, back: str) -> str:
    """A self-contained HTML presentation.

    ``assets`` is the relative path to the site's assets/ folder, ``back`` the link to the slides page.
    """
    return render(templates, "slides/present.html", w=workshop, deck=workshop.deck, plan=plan,
                  p=plan.pack if plan else None, title_lines=title_lines(workshop, plan), assets=assets,
                  back=back, version=workshop.version)
