"""Print-offs as HTML: each PDF's page, from the print templates in ``overrides/print/``.

:func:`jobs` lists the PDFs for a place (or the blank generic pack) as
:class:`PrintJob` values: the site path, the title and the finished HTML.
Rendering them is ``outputs.pdf``'s work.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..model.plan import Plan, default_minutes
from ..model.workshop import Workshop
from ..sources.schema import COPIES_LABELS, group_slug
from ..sources.templates import TemplateSet
from .editor_markdown import to_html
from .paths import PRINT, file_stem, folder
from .matrix_words import template_words
from .qr import qr_figure
from .report import REPORT_PDF, report_context, report_title
from .slides import diagram_context
from .steps_words import only_words
from .templates import render





@dataclass(frozen=True)
class PrintJob:
    path: str  # inside the site, e.g. downloads/kingston-upon-hull/kingston-upon-hull-attendee-agenda.pdf
    title: str
    html: str
    sources: tuple[str, ...] = ()  # the content files it was made from (for error messages)
    paper: str = "A4 portrait"
    handout: str | None = None  # the handout id (None for the facilitator pack)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def stamp(workshop: Workshop, plan: Plan | None) -> str:
    if plan is None:
        return f"Place: ____________________   Date: ____________   Pack version {workshop.version}"
    return f"{plan.pack.place} · {plan.pack.date.long} · Pack version {workshop.version}"


def blank_agenda(workshop: Workshop) -> list[dict]:
    return [dict(title=s.title, minutes=default_minutes(s), section=s) for s in workshop.sections]


def jobs(workshop: Workshop, plan: Plan | None, templates: TemplateSet, when: dt.datetime | None = None,
         fonts_dir: Path | None = None) -> list[PrintJob]:
    """Every PDF for one place (or, with ``plan=None``, the blank generic pack), dated ``when`` if given.

    A place with a record of the day also gets its report; ``fonts_dir`` (the pack's font) says which
    characters of attendees' answers it can print."""
    base = dict(w=workshop, plan=plan, p=plan.pack if plan else None, stamp=stamp(workshop, plan),
                version=workshop.version, created=_created(when), to_html=to_html, only_words=only_words,
                blank_agenda=blank_agenda(workshop), copies=COPIES_LABELS,
                evaluation_qr=qr_figure(plan.feedback.link, f"the evaluation form for {plan.pack.place}",
                                        "Or answer on your phone: scan the code, or go to")
                if plan and plan.feedback.link else None)
    base.update(template_words(workshop.matrix))  # the matrix's own parts, marked on its print-offs
    out: list[PrintJob] = []
    stem, where = file_stem(plan), folder(plan)

    def add(name: str, title: str, template: str, sources: Iterable[str], paper: str = "A4 portrait", **extra):
        html = render(templates, f"{PRINT}/{template}", title=title, paper=_paper_class(paper), **base, **extra)
        handout = extra.get("handout")
        out.append(PrintJob(f"{where}/{stem}-{name}.pdf", title, html, tuple(sources), paper,
                            handout.id if handout else None))

    place = f" for {plan.pack.place}" if plan else ""
    notes = [f"content/{s.notes_path}" for s in workshop.sections]
    add("facilitator-pack", f"Facilitator pack{place}", "facilitator-pack.html",
        ["content/workshop.yml", "content/handouts/room-set-up.md", *notes],
        room_set_up=workshop.handouts.get("room-set-up"))
    drawn = diagram_context(workshop, plan)
    deck_sources = ["content/slides.yml", "content/workshop.yml", "content/matrix.yml"]
    add("slides", f"{workshop.deck.title}: slides{place}", "deck.html", deck_sources, "16:9",
        deck=workshop.deck, **drawn)
    add("slides-handout", f"{workshop.deck.title}: slides with speaker notes{place}", "deck-handout.html",
        deck_sources, deck=workshop.deck, **drawn)
    for h in workshop.handouts.values():
        if plan and not h.in_place_packs:
            continue
        sources = [f"content/handouts/{h.id}.md"]
        if h.layout in ("matrix", "scoring", "collation", "results"):
            sources.append("content/matrix.yml")
        if h.layout == "scoring" and plan and plan.shared:
            for number, (group, principles) in enumerate(plan.allocation.items(), start=1):
                add(f"{h.id}-{group_slug(group, number)}", f"{h.title}: {group}{place}", "scoring.html", sources,
                    h.paper, handout=h, principles=principles, group=group)
            continue
        principles = workshop.matrix.principles
        add(h.id, f"{h.title}{place}", f"{h.layout}.html", sources, h.paper, handout=h, principles=principles,
            group=None, rows=_sign_in_rows(plan), cards=h.per_sheet)
    if plan and plan.record:
        record = plan.record
        sources = [record.origin.file] + ([record.evaluation.origin.file] if record.evaluation else [])
        add(REPORT_PDF, report_title(plan), "report.html", sources, **report_context(plan, fonts_dir))
    return out


# The sign-in sheet's rows: one for each person expected, and spares for those who come unannounced (a
# tenth of the room, at least three). The "Plan your day" page prints it with the same numbers.
SIGN_IN_LEAST_SPARES = 3
SIGN_IN_PEOPLE_PER_SPARE = 10


def _sign_in_rows(plan: Plan | None) -> int:
    if not plan:
        return 16
    return plan.pack.attendees + max(SIGN_IN_LEAST_SPARES, math.ceil(plan.pack.attendees / SIGN_IN_PEOPLE_PER_SPARE))


def _paper_class(paper: str) -> str:
    return "deck" if paper == "16:9" else paper.lower().replace(" ", "-")


def _created(when: dt.datetime | None) -> str | None:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


# --- rendering --------------------------------------------------------------------------------
