"""The taught section's slides as an editable PowerPoint file (python-pptx), for councils to add a logo or local
figures to.

It is laid out for 16:9 from the boxes in :mod:`.diagrams` (the same as the PDF deck), names the pack's font,
Atkinson Hyperlegible Next, in its theme, and draws each diagram with native shapes. A computer without that
font shows a similar one instead (PowerPoint: usually Arial); the layout is checked with the pack's font and
with Liberation Sans, which has Arial's letter widths. The slides' words, drawings and links are in
:mod:`.slides`, shared with the PDF deck and the HTML presentation.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

from ..model.plan import Plan
from ..model.workshop import Workshop
from . import diagrams as dg
from .diagrams import BODY, INSET, PALETTE, SLIDE, TITLE, Diagram, Rect, Words
from .qr import qr_png
from .slides import (
    ASK_BOX,
    ASK_CODE,
    ASK_TITLE,
    FALLBACK,
    FONT,
    HEADING_SIZE,
    POINT_SIZE,
    TITLE_SLIDE_BAND,
    TITLE_SLIDE_BODY,
    TITLE_SLIDE_TITLE,
    ask_slide,
    slide_diagrams,
    slide_links,
    title_slide_words,
)

FONT_NOTE = (f"This file uses the font {FONT}. On a computer without it, PowerPoint shows a similar font, "
             f"such as {FALLBACK}. The slides were checked with both: the words fit their boxes either way.")


# PANOSE of a plain sans serif: lets PowerPoint pick a like font (Arial) where the pack's font is missing
PANOSE = "020B0604020202020204"


EMU_PER_PT = 12700


WIDESCREEN = (12192000, 6858000)  # 13.333 by 7.5 inches, PowerPoint's own 16:9 size


TEMPLATE_WIDTH = 9144000  # python-pptx's default template is 4:3, 10 inches wide


def pptx_inputs(workshop: Workshop, plan: Plan | None, when: dt.datetime | None = None) -> str:
    """Everything :func:`pptx_bytes` makes a deck from, as text: the same text, the same deck (less the fonts, and
    the code that lays it out, which a cache key adds). Working it out costs a thousandth of making the deck, so
    a build can keep decks by it and make only those whose words, diagrams or place changed."""
    deck = workshop.deck
    title_words, body_words = title_slide_words(workshop, plan)
    slides = [(s.title, s.points, s.notes, s.minutes, s.skip, s.source, s.resources, drawing, links)
              for s, drawing, links in zip(deck.slides, slide_diagrams(workshop, plan), slide_links(workshop))]
    author = plan.pack.convener if plan else None
    ask = ask_slide(plan)
    place = plan.pack.place if plan and ask else None
    return repr(("pptx v1", deck.title, deck.subtitle, author, workshop.version, when, title_words, body_words, slides,
                 ask, place, FONT_NOTE, ASK_TITLE))


def pptx_bytes(workshop: Workshop, plan: Plan | None, fonts: dict[int, bytes], when: dt.datetime | None = None
               ) -> bytes:
    """The deck as a .pptx: title slide with place and date, a slide each with a title and points or a diagram.

    ``fonts`` is the pack's font as TrueType bytes by weight, 400 and 700 (for the thumbnail). Notes are included.
    The file is made reproducible: zip members in a fixed order with fixed dates.
    """
    from pptx import Presentation
    from pptx.util import Emu

    deck = workshop.deck
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDESCREEN[0]), Emu(WIDESCREEN[1])
    prs.part._element.sldSz.attrib.pop("type", None)  # not "screen4x3": a custom (widescreen) size
    _widen_masters(prs)
    _set_theme_fonts(prs)
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

    title_words, body_words = title_slide_words(workshop, plan)
    for s, drawing, links in zip(deck.slides, slide_diagrams(workshop, plan), slide_links(workshop)):
        if s is deck.slides[0]:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            _fill(slide.shapes.title.text_frame, [title_words])
            _fill(slide.placeholders[1].text_frame, body_words, space_before=10)
            _add_box(slide.shapes, dg.Box("Band", TITLE_SLIDE_BAND, fill="dark"), SLIDE)
        elif drawing is not None:
            slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
            _fill(slide.shapes.title.text_frame, [Words(s.title, HEADING_SIZE, bold=True)])
            _draw(slide.shapes, drawing, BODY)
        else:
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            _fill(slide.shapes.title.text_frame, [Words(s.title, HEADING_SIZE, bold=True)])
            frame = slide.placeholders[1].text_frame
            _fill(frame, [Words(p, POINT_SIZE) for p in [*s.points, *(text for text, _ in links)]], space_before=12)
            for para, (_, url) in zip(frame.paragraphs[len(s.points):], links):
                para.runs[0].hyperlink.address = url
        notes = s.notes.strip() + f"\n\n{s.minutes} min{'; skip if short of time' if s.skip else ''}. Source: {s.source}"
        if s is deck.slides[0]:
            notes += f"\n\n{FONT_NOTE}"
        slide.notes_slide.notes_text_frame.text = notes
    ask = ask_slide(plan)
    if ask and plan:
        _add_ask_slide(prs, ask, plan)
    raw = io.BytesIO()
    prs.save(raw)
    replace = {
        "docProps/app.xml": _app_xml([deck.title, *[s.title for s in deck.slides[1:]], *([ASK_TITLE] if ask else [])]),
        "docProps/thumbnail.jpeg": thumbnail_jpeg(title_words, body_words, fonts),
    }
    return _fixed_zip(raw.getvalue(), when, replace)


def _add_ask_slide(prs, ask: dict, plan: Plan) -> None:
    """The evaluation slide: its words and address left, the QR code (a picture with alt text) right."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    _fill(slide.shapes.title.text_frame, [Words(ask["title"], HEADING_SIZE, bold=True)])
    box = slide.shapes.add_textbox(_pt(ASK_BOX.x), _pt(ASK_BOX.y), _pt(ASK_BOX.w), _pt(ASK_BOX.h))
    box.name = "Evaluation"
    _fill(box.text_frame, [Words(ask["words"], POINT_SIZE), Words(ask["link"], POINT_SIZE, bold=True)],
          space_before=12)
    box.text_frame.paragraphs[1].runs[0].hyperlink.address = ask["link"]
    code = ASK_CODE
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(ask["link"])), _pt(code.x), _pt(code.y), _pt(code.w),
                                       _pt(code.h))
    picture.name = "QR code"
    picture._element.nvPicPr.cNvPr.set("descr", f"QR code: the evaluation form for {plan.pack.place}, {ask['link']}")
    slide.notes_slide.notes_text_frame.text = ask["notes"]


def _pt(value: float):
    from pptx.util import Emu

    return Emu(round(value * EMU_PER_PT))


def _widen_masters(prs) -> None:
    """Stretch the 4:3 template's master and layouts to 16:9, then set the boxes this deck uses.

    Slides inherit their boxes from the layouts, so a slide a council adds fits the wide slide too.
    """
    from pptx.oxml.ns import qn

    scale = WIDESCREEN[0] / TEMPLATE_WIDTH
    master = prs.slide_master
    for owner in [master, *prs.slide_layouts]:
        for xfrm in owner._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x")) * scale)))
                ext.set("cx", str(round(int(ext.get("cx")) * scale)))
    for ph in master.placeholders:
        box = {"title": TITLE, "body": BODY}.get(ph.element.ph_type.xml_value if ph.element.ph_type else "")
        if box:
            ph.left, ph.top, ph.width, ph.height = _pt(box.x), _pt(box.y), _pt(box.w), _pt(box.h)
    title_layout = prs.slide_layouts[0]
    for ph, box in zip(title_layout.placeholders, (TITLE_SLIDE_TITLE, TITLE_SLIDE_BODY)):
        ph.left, ph.top, ph.width, ph.height = _pt(box.x), _pt(box.y), _pt(box.w), _pt(box.h)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    title.find(qn("a:defRPr")).set("sz", str(HEADING_SIZE * 100))
    title.find(qn("a:defRPr")).set("b", "1")
    for level, size in zip(styles.find(qn("p:bodyStyle")), (POINT_SIZE, 22, 20, 18, 18, 18, 18, 18, 18)):
        rpr = level.find(qn("a:defRPr"))
        if rpr is not None:
            rpr.set("sz", str(size * 100))
        bullet = level.find(qn("a:buFont"))
        if bullet is not None:
            bullet.set("typeface", "+mn-lt")  # bullets in the text's own font, not Arial


def _set_theme_fonts(prs) -> None:
    """The themes (slides' and notes') name the pack's font for headings and text."""
    from lxml import etree
    from pptx.oxml.ns import qn

    for part in prs.part.package.iter_parts():
        if not str(part.partname).startswith("/ppt/theme/"):
            continue
        root = etree.fromstring(part.blob)
        root.set("name", "Wellbeing workshop pack")
        scheme = root.find(f".//{qn('a:fontScheme')}")
        scheme.set("name", FONT)
        for latin in (scheme.find(qn("a:majorFont")).find(qn("a:latin")),
                      scheme.find(qn("a:minorFont")).find(qn("a:latin"))):
            latin.attrib.clear()
            latin.set("typeface", FONT)
            latin.set("panose", PANOSE)
            latin.set("pitchFamily", "34")  # variable pitch, sans serif
            latin.set("charset", "0")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fill(frame, words: list[Words], align: str = "left", space_before: float = 0, colour: str = "ink") -> None:
    """Put paragraphs in a text frame, each with its size, weight and the deck's language."""
    from pptx.enum.lang import MSO_LANGUAGE_ID
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    frame.word_wrap = True
    for n, w in enumerate(words):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.CENTER if align == "center" else PP_ALIGN.LEFT
        if n and space_before:
            para.space_before = Pt(space_before)
        run = para.add_run()
        run.text = w.text
        run.font.size = Pt(w.size)
        run.font.bold = w.bold
        run.font.color.rgb = _rgb(colour)
        run.font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def _rgb(name: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(PALETTE[name])


def _plain(shape) -> None:
    """Drop the theme's shape style (accent fill, outline, shadow): each shape says what it looks like."""
    from pptx.oxml.ns import qn

    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _draw(shapes, d: Diagram, at: Rect) -> None:
    """Draw a diagram at ``at`` with native shapes (rectangles, text boxes, lines with arrowheads), grouped."""
    group = shapes.add_group_shape()
    group.name = f"Diagram: {d.label}"
    for b in d.drawn:
        _add_box(group.shapes, b, at)
    for ln in d.lines:
        _add_line(group.shapes, ln, at)
    for b in d.boxes[len(d.drawn):]:  # captions, then each item's boxes
        _add_box(group.shapes, b, at)


def _add_box(shapes, b: dg.Box, at: Rect):
    """A rectangle (filled or outlined) or a text box, with its words if any, placed relative to ``at``."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Pt

    where = _pt(at.x + b.rect.x), _pt(at.y + b.rect.y), _pt(b.rect.w), _pt(b.rect.h)
    if b.words and not (b.fill or b.outline):
        shape = shapes.add_textbox(*where)  # no fill and no outline already
    else:
        shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, *where)
        _plain(shape)
        if b.fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(b.fill)
        else:
            shape.fill.background()
        if b.outline:
            shape.line.color.rgb = _rgb(b.outline)
            shape.line.width = Pt(1.5)
        else:
            shape.line.fill.background()
    shape.name = b.name
    if b.words:
        frame = shape.text_frame
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # longer words an editor writes shrink, not spill
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(INSET)
        frame.vertical_anchor = MSO_ANCHOR.TOP if b.anchor == "top" else MSO_ANCHOR.MIDDLE
        _fill(frame, list(b.words), b.align, space_before=4, colour=b.colour)
    return shape


def _add_line(shapes, ln: dg.Line, at: Rect):
    """A straight connector, or a freeform line through more points, with a triangle head at its end."""
    from lxml import etree
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    points = [(_pt(at.x + x), _pt(at.y + y)) for x, y in ln.points]
    if len(points) == 2:
        shape = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *points[0], *points[1])
    else:
        builder = shapes.build_freeform(*points[0], scale=1.0)
        builder.add_line_segments(points[1:], close=False)
        shape = builder.convert_to_shape()
        shape.fill.background()
    _plain(shape)
    shape.name = ln.name
    shape.line.color.rgb = _rgb(ln.colour)
    shape.line.width = Pt(ln.width)
    if ln.dash:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    if ln.head:  # after the fill and dash: the order DrawingML requires
        etree.SubElement(shape.line._get_or_add_ln(), qn("a:tailEnd"), type="triangle", w="med", len="med")
    return shape


def _app_xml(titles: list[str]) -> bytes:
    """The document's extended properties: what it is, how many slides and notes, their titles."""
    parts = [FONT, "Wellbeing workshop pack", *titles]
    vector = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in parts)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<TotalTime>0</TotalTime><Application>iwe-pack</Application>"
        "<PresentationFormat>Widescreen</PresentationFormat>"
        f"<Slides>{len(titles)}</Slides><Notes>{len(titles)}</Notes><HiddenSlides>0</HiddenSlides>"
        "<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="6" baseType="variant">'
        "<vt:variant><vt:lpstr>Fonts used</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
        "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
        "<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(parts)}" baseType="lpstr">{vector}</vt:vector></TitlesOfParts>'
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode("utf-8")


THUMBNAIL_WIDTH = 320


SUPERSAMPLE = 4  # drawn this many times larger, then shrunk: small type stays even


def thumbnail_jpeg(title: Words, body: list[Words], fonts: dict[int, bytes]) -> bytes:
    """A small picture of the title slide (what file browsers show), drawn from its boxes and words."""
    from PIL import Image, ImageDraw, ImageFont

    scale = THUMBNAIL_WIDTH / SLIDE.w * SUPERSAMPLE
    image = Image.new("RGB", (round(SLIDE.w * scale), round(SLIDE.h * scale)), "white")
    draw = ImageDraw.Draw(image)
    ink = "#" + PALETTE["ink"]

    loaded: dict[tuple[bool, float], ImageFont.FreeTypeFont] = {}

    def font(w: Words):
        key = (w.bold, w.size)
        if key not in loaded:
            loaded[key] = ImageFont.truetype(io.BytesIO(fonts[700 if w.bold else 400]), round(w.size * scale))
        return loaded[key]

    def lines(w: Words, width: float) -> list[str]:
        out, line = [], ""
        for word in w.text.split():
            trial = f"{line} {word}".strip()
            if line and font(w).getlength(trial) > width:
                out.append(line)
                line = word
            else:
                line = trial
        return out + [line]

    def block(words: list[Words], r: Rect, bottom: bool) -> None:
        laid = [(w, ln) for w in words for ln in lines(w, (r.w - 2 * INSET) * scale)]
        heights = [w.size * 1.3 * scale for w, _ in laid]
        y = (r.bottom - INSET) * scale - sum(heights) if bottom else (r.y + INSET) * scale
        for (w, ln), h in zip(laid, heights):
            draw.text(((r.x + INSET) * scale, y), ln, font=font(w), fill=ink)
            y += h

    band = TITLE_SLIDE_BAND
    draw.rectangle([band.x * scale, band.y * scale, band.right * scale, band.bottom * scale],
                   fill="#" + PALETTE["dark"])
    block([title], TITLE_SLIDE_TITLE, bottom=True)
    block(body, TITLE_SLIDE_BODY, bottom=False)
    image = image.resize((THUMBNAIL_WIDTH, round(SLIDE.h * THUMBNAIL_WIDTH / SLIDE.w)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _fixed_zip(data: bytes, stamp: dt.datetime | None, replace: dict[str, bytes] | None = None) -> bytes:
    date_time = stamp.timetuple()[:6] if stamp and stamp.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # keep python-pptx's order: [Content_Types].xml first
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, replace.get(info.filename) or src.read(info.filename))
    return out.getvalue()
