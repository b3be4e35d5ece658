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
from typing import Iterable, Protocol

from ..model.advice import TITLES as ADVICE_TITLES
from ..model.plan import PARTS, Plan, PrintItem, default_minutes, generic_print_list
from ..model.workshop import Workshop
from ..sources.format_blocks import labelled
from ..sources.packs import group_slug
from ..sources.schema import COPIES_LABELS
from ..sources.templates import TemplateSet
from .day_words import for_day
from .editor_markdown import to_html
from .matrix_words import template_words
from .paths import PRINT, file_stem, folder, run_papers
from .paths import run_name as run_path
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
    alts: tuple[str, ...] = ()  # Alt text for the figures drawn without one (the slides' diagrams), in order
    part: str = ""  # a part of the handout printed apart (model.plan.PARTS), "" for the whole

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]



class JobMaker(Protocol):
    """What makes a place's print jobs: :func:`jobs`, or whatever keeps what it made (``outputs.kept_jobs``)."""

    def __call__(self, workshop: Workshop, plan: Plan | None, templates: TemplateSet, when: dt.datetime | None = None,
                 fonts_dir: Path | None = None, names: set[str] | None = None) -> list[PrintJob]: ...


def _labelled_html(text: str, shift_headings: int = 0, keep_links: bool = False, **more) -> str:
    """``to_html`` for the blank generic pack: every kind of day's words, each block under its label."""
    return to_html(labelled(text), shift_headings=shift_headings, keep_links=keep_links, **more)

def stamp(workshop: Workshop, plan: Plan | None) -> str:
    if plan is None:
        return f"Place: ____________________   Date: ____________   Pack version {workshop.version}"
    return f"{plan.pack.place} · {plan.pack.date.long} · Pack version {workshop.version}"


def blank_agenda(workshop: Workshop) -> list[dict]:
    return [dict(title=s.title, minutes=default_minutes(s), section=s) for s in workshop.sections]


def jobs(workshop: Workshop, plan: Plan | None, templates: TemplateSet, when: dt.datetime | None = None,
         fonts_dir: Path | None = None, names: set[str] | None = None) -> list[PrintJob]:
    """Every PDF for one place (or, with ``plan=None``, the blank generic pack), dated ``when`` if given.

    A place with a record of the day also gets its report; ``fonts_dir`` (the pack's font) says which
    characters of attendees' answers it can print. ``names``: only the PDFs of these names (after the place's
    stem, such as ``facilitator-pack``)."""
    base = dict(w=workshop, plan=plan, p=plan.pack if plan else None, stamp=stamp(workshop, plan),
                version=workshop.version, created=_created(when), to_html=for_day(plan) if plan else _labelled_html,
                only_words=only_words,
                blank_agenda=blank_agenda(workshop), copies=COPIES_LABELS, advice_titles=ADVICE_TITLES,
                evaluation_qr=qr_figure(plan.feedback.link, f"the evaluation form for {plan.pack.place}",
                                        "Or answer on your phone: scan the code, or go to")
                if plan and plan.feedback.link else None)
    base.update(template_words(workshop.matrix))  # the matrix's own parts, marked on its print-offs
    out: list[PrintJob] = []
    stem, where = file_stem(plan), folder(plan)

    def add(name: str, title: str, template: str, sources: Iterable[str], paper: str = "A4 portrait",
            alts: tuple[str, ...] = (), part: str = "", **extra):
        if names is not None and name not in names:
            return
        html = render(templates, f"{PRINT}/{template}", title=title, paper=_paper_class(paper), part=part,
                      **base, **extra)
        handout = extra.get("handout")
        out.append(PrintJob(f"{where}/{stem}-{name}.pdf", title, html, tuple(sources), paper,
                            handout.id if handout else None, alts, part))

    place = f" for {plan.pack.place}" if plan else ""
    notes = [f"content/{s.notes_path}" for s in workshop.sections]
    add("facilitator-pack", f"Facilitator pack{place}", "facilitator-pack.html",
        ["content/workshop.yml", "content/handouts/room-set-up.md", *notes],
        room_set_up=workshop.handouts.get("room-set-up"))
    drawn = diagram_context(workshop, plan)
    deck_sources = ["content/slides.yml", "content/workshop.yml", "content/matrix.yml"]
    alts = tuple(f"A drawing: {d.label}" for d in drawn["diagrams"][1:] if d)  # the title slide has none
    add("slides", f"{workshop.deck.title}: slides{place}", "deck.html", deck_sources, "16:9", alts,
        deck=workshop.deck, **drawn)
    add("slides-handout", f"{workshop.deck.title}: slides with speaker notes{place}", "deck-handout.html",
        deck_sources, deck=workshop.deck, **drawn)
    for h in workshop.handouts.values():
        if plan and (not h.in_place_packs or (h.copies == "per-table-host" and not plan.hosts)):
            continue  # not about one place's day, or nobody to give it to
        sources = [f"content/handouts/{h.id}.md"]
        if h.layout in ("matrix", "scoring", "collation", "results"):
            sources.append("content/matrix.yml")
        if h.layout == "scoring" and plan and plan.shared:
            for number, (group, principles) in enumerate(plan.allocation.items(), start=1):
                add(f"{h.id}-{group_slug(group, number)}", f"{h.title}: {group}{place}", "scoring.html", sources,
                    h.paper, handout=h, principles=principles, group=group)
            continue
        principles = workshop.matrix.principles
        for part, _, title in PARTS.get(h.layout, (("", None, ""),)):  # a reference part is a print-off apart
            add(f"{h.id}-{part}" if part else h.id, f"{h.title}{title}{place}", f"{h.layout}.html", sources, h.paper,
                part=part, handout=h, principles=principles, group=None, rows=sign_in_rows(plan),
                cards=h.per_sheet)
    if plan and plan.record:
        record = plan.record
        sources = [record.origin.file] + ([record.evaluation.origin.file] if record.evaluation else [])
        add(REPORT_PDF, report_title(plan), "report.html", sources, **report_context(plan, fonts_dir))
    return out


# The sign-in sheet's rows: one for each person expected, and spares for those who come unannounced (a
# tenth of the room, at least three). The "Plan your day" page prints it with the same numbers.
SIGN_IN_LEAST_SPARES = 3
SIGN_IN_PEOPLE_PER_SPARE = 10


def sign_in_rows(plan: Plan | None) -> int:
    if not plan:
        return 16
    return plan.pack.attendees + max(SIGN_IN_LEAST_SPARES, math.ceil(plan.pack.attendees / SIGN_IN_PEOPLE_PER_SPARE))


def _paper_class(paper: str) -> str:
    return "deck" if paper == "16:9" else paper.lower().replace(" ", "-")


def _created(when: dt.datetime | None) -> str | None:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


# --- rendering --------------------------------------------------------------------------------


# --- the print run: one file for each paper size, every copy in the order of the day ---------------------------


@dataclass(frozen=True)
class RunEntry:
    """One file of a print-off in a print run, printed ``prints`` times."""

    item: PrintItem
    who: str  # the group a file is made for ("" for a file everyone gets)
    path: str  # the PDF in the site
    prints: int  # times the file is printed (cards: once a sheet)
    pages: int  # its pages

    @property
    def sheets(self) -> int:
        return self.item.sheets_of(self.pages) * self.prints


@dataclass(frozen=True)
class PrintRun:
    """A print run for one paper size: its own sheets (the order for the print room, a separator before each
    entry and a blank back) as a print job, and the order of pages to merge them with the print-offs in."""

    paper: str  # A4 or A3
    path: str  # in the site
    job: PrintJob | None  # None while the run's own sheets are being rendered
    entries: tuple[RunEntry, ...]
    order_pages: int  # pages of the order for the print room (the first pages of ``job``)

    @property
    def sheets_job(self) -> PrintJob:
        """The print job of the run's own sheets (a run is drafted without it, to lay them out)."""
        assert self.job is not None, "a draft print run has no sheets yet"
        return self.job

    @property
    def blank(self) -> int:
        """The page of ``job`` left blank (the back of a one-sided page)."""
        return self.order_pages + len(self.entries)

    @property
    def order(self) -> list[tuple[str, object]]:
        """Pages of ``job`` (``("page", n)``) and whole print-offs (``("file", path)``), as printed double-sided:
        every sheet starts on a front, so a one-sided page or the odd last page of a copy gets a blank back."""
        out: list[tuple[str, object]] = [("page", n) for n in range(self.order_pages)]
        out += [("page", self.blank)] * (self.order_pages % 2)
        for n, e in enumerate(self.entries):
            out += [("page", self.order_pages + n), ("page", self.blank)]
            for _ in range(e.prints):
                if e.item.double_sided:  # both sides; an odd last page gets a blank back
                    out += [("file", (e.path, n)) for n in range(e.pages)] + [("page", self.blank)] * (e.pages % 2)
                else:  # one side: each page with a blank back
                    for n in range(e.pages):
                        out += [("file", (e.path, n)), ("page", self.blank)]
        return out

    @property
    def pages(self) -> int:
        return 2 * self.sheets

    @property
    def sheets(self) -> int:
        """Sheets of paper the run takes, printed double-sided: its own, and the print-offs'."""
        return math.ceil(self.order_pages / 2) + len(self.entries) + sum(e.sheets for e in self.entries)


def run_entries(plan: Plan | None, items: list[PrintItem], paper: str) -> list[RunEntry]:
    """The files printed on ``paper`` (A4 or A3), in the order of the day, with their counted pages."""
    out = []
    for item in items:
        if item.send or item.paper != paper or not item.files:
            continue
        pages = item.pages or (1,) * len(item.files)
        for (who, path), prints, count in zip(file_paths(plan, item), item.prints, pages):
            out.append(RunEntry(item, who, path, prints, count))
    return out


def file_paths(plan: Plan | None, item: PrintItem) -> list[tuple[str, str]]:
    """Each file of a print list's item: (the group it is made for, or "", its PDF in the site)."""
    where, stem = folder(plan), file_stem(plan)
    numbers = {g: n for n, g in enumerate(plan.allocation, start=1)} if plan else {}
    return [(who, f"{where}/{stem}-{item.handout.id}-{group_slug(who, numbers[who])}.pdf" if who
             else f"{where}/{stem}-{item.name}.pdf") for who, _ in item.files]


def print_list_of(plan: Plan | None, workshop: Workshop) -> list[PrintItem]:
    """What a place prints (its plan's print list), or the blank pack's masters (one copy of each)."""
    return plan.print_list if plan else generic_print_list(workshop)


def print_runs(workshop: Workshop, plan: Plan | None, items: list[PrintItem], templates: TemplateSet,
               when: dt.datetime | None = None, order_pages: dict[str, int] | None = None) -> list[PrintRun]:
    """A print run for each paper size the print list uses, from its counted items. ``order_pages``: the pages the
    order for the print room takes at each paper size (one, unless a render found more)."""
    papers = run_papers(workshop, plan)
    entries = {p: run_entries(plan, items, p) for p in papers}
    order_pages = order_pages or {}
    totals = {p: sum(e.sheets for e in entries[p]) for p in papers}
    place = f" for {plan.pack.place}" if plan else ""
    out = []
    for paper in papers:
        draft = PrintRun(paper, run_path(plan, paper), None, tuple(entries[paper]), order_pages.get(paper, 1))
        title = f"Print run on {paper} paper{place}"
        html = render(templates, f"{PRINT}/print-run.html", title=title, paper=f"run-{paper.lower()}", w=workshop,
                      plan=plan, p=plan.pack if plan else None, stamp=stamp(workshop, plan), version=workshop.version,
                      created=_created(when), run=draft, papers=papers, totals=totals, copies=COPIES_LABELS,
                      others={p: run_path(plan, p).rsplit("/", 1)[-1] for p in papers if p != paper},
                      runs={p: PrintRun(p, "", None, tuple(entries[p]), order_pages.get(p, 1)) for p in papers})
        job = PrintJob(draft.path.replace(".pdf", "-sheets.pdf"), title, html, ("content/handouts.yml",),
                       "A3 landscape" if paper == "A3" else "A4 portrait")
        out.append(PrintRun(paper, draft.path, job, draft.entries, draft.order_pages))
    return out
