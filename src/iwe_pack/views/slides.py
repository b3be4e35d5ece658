"""The taught section's slides: their words, drawings, links and the closing "tell us" slide, shared by the
PDF deck (print_jobs.py), the PowerPoint file (powerpoint.py) and the self-contained HTML presentation made here, for
the site, which works offline with the keyboard or a swipe."""

from __future__ import annotations

from ..model.plan import Plan
from ..model.workshop import Workshop
from ..sources.templates import TemplateSet
from . import diagrams as dg
from .diagrams import BODY, INSET, MARGIN, PALETTE, SLIDE, Diagram, Rect, Words
from .qr import qr_svg
from .templates import render

FONT = "Atkinson Hyperlegible Next"
FALLBACK = "Arial"  # what the layout was also checked with (as Liberation Sans, its metric twin)

# The title slide's boxes and sizes (points), shared by the slide and its thumbnail.
TITLE_SLIDE_TITLE = Rect(MARGIN, 96, SLIDE.w - 2 * MARGIN, 150)
TITLE_SLIDE_BODY = Rect(MARGIN, 262, SLIDE.w - 2 * MARGIN, 220)
TITLE_SLIDE_BAND = Rect(0, 0, SLIDE.w, 18)  # a band of the pack's indigo along the top
TITLE_SIZE, HEADING_SIZE, POINT_SIZE = 44, 32, 24


def title_lines(workshop: Workshop, plan: Plan | None) -> list[str]:
    if plan is None:
        return ["Place: ____________________   Date: ______________"]
    return [f"{plan.pack.place} · {plan.pack.date.long}", plan.pack.convener]


def title_slide_words(workshop: Workshop, plan: Plan | None) -> tuple[Words, list[Words]]:
    """The title slide's title and the paragraphs under it."""
    lines = title_lines(workshop, plan)
    body = [Words(workshop.deck.subtitle, 24), Words(lines[0], 24, bold=True), *[Words(t, 20) for t in lines[1:]]]
    return Words(workshop.deck.title, TITLE_SIZE, bold=True), body


def slide_diagrams(workshop: Workshop, plan: Plan | None) -> list[Diagram | None]:
    """Each slide's diagram (None for a slide of points), for every form of the deck."""
    return [dg.diagram(s, workshop, plan) for s in workshop.deck.slides]


def slide_links(workshop: Workshop) -> list[list[tuple[str, str]]]:
    """Each slide's links (text, address), listed after its points: for a slide marked ``resources: true``,
    the pre-work (content/workshop.yml) and then the deck's resources (content/slides.yml); else none."""
    both = [(f"Pre-work: {item.title}", str(item.url)) for item in workshop.prework if item.url]
    both += [(r.title, str(r.url)) for r in workshop.deck.resources]
    return [both if s.resources else [] for s in workshop.deck.slides]


# A place's deck ends with a slide for the wrap-up's evaluation step, when its form has an address: a QR code
# of it, and the address as text. Its words are the same in every form of the deck.
ASK_TITLE = "Tell us what you thought"
ASK_WORDS = "Scan the code with your phone's camera to answer a few short questions about today. Or go to:"
ASK_NOTES = ("Show this slide at the end of the day, in the wrap-up, at the evaluation step. Leave it up while "
             "people scan the code. The address is in the follow-up message too.")
ASK_BOX = Rect(BODY.x, BODY.y, BODY.w - 330, BODY.h)  # the words, left of the code
ASK_CODE = Rect(BODY.right - 300, BODY.y + 20, 300, 300)  # the code: about 10 cm across on a 2.5 m screen


def ask_slide(plan: Plan | None) -> dict | None:
    """The evaluation slide's words, address and code (as inline SVG), or None without an address."""
    if plan is None or not plan.feedback.link:
        return None
    link = plan.feedback.link
    return dict(title=ASK_TITLE, words=ASK_WORDS, link=link, notes=ASK_NOTES,
                svg=qr_svg(link, f"QR code: the evaluation form for {plan.pack.place}"))


def diagram_context(workshop: Workshop, plan: Plan | None) -> dict:
    """What the HTML forms (PDF deck, handout, presentation) need to draw the diagrams (slides/_diagram.html),
    each slide's links, and the evaluation slide at the end (``ask``, or None)."""
    return dict(diagrams=slide_diagrams(workshop, plan), palette=PALETTE, inset=INSET, links=slide_links(workshop),
                ask=ask_slide(plan))


def present_html(workshop: Workshop, plan: Plan | None, templates: TemplateSet, assets: str, back: str) -> str:
    """A self-contained HTML presentation.

    ``assets`` is the relative path to the site's assets/ folder, ``back`` the link to the slides page.
    """
    return render(templates, "slides/present.html", w=workshop, deck=workshop.deck, plan=plan,
                  p=plan.pack if plan else None, title_lines=title_lines(workshop, plan), assets=assets,
                  back=back, version=workshop.version, **diagram_context(workshop, plan))
