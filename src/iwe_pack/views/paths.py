"""Where each output goes in the site: one place for the folder and file names."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.plan import Plan, generic_print_list
from ..model.workshop import Workshop

PRINT = "print"  # the folder of print templates inside overrides/
DOWNLOADS = "downloads"  # where PDFs and zips go in the site
GENERIC = "generic"
OFF_PLAN_PAGE = "on-the-day/off-plan.md"  # when things go off plan, for every section


def folder(plan: Plan | None) -> str:
    return f"{DOWNLOADS}/{plan.slug if plan else GENERIC}"


def file_stem(plan: Plan | None) -> str:
    return plan.slug if plan else "iwe-workshop"


def zip_name(workshop: Workshop, plan: Plan | None) -> str:
    return f"{DOWNLOADS}/{file_stem(plan)}-pack-v{workshop.version}.zip"


def offline_zip_name(workshop: Workshop) -> str:
    return f"{DOWNLOADS}/wellbeing-workshop-pack-offline-v{workshop.version}.zip"


def run_name(plan: Plan | None, paper: str) -> str:
    """The print run on ``paper`` (A4 or A3): every copy of what is printed on it, in the order of the day."""
    return f"{folder(plan)}/{file_stem(plan)}-print-run-{paper.lower()}.pdf"


def run_papers(workshop: Workshop, plan: Plan | None) -> list[str]:
    """The paper sizes a place's print list uses (the blank pack's: its masters'), A4 first."""
    items = plan.print_list if plan else generic_print_list(workshop)
    return [p for p in ("A4", "A3") if any(not i.send and i.paper == p for i in items)]


def pptx_name(plan: Plan | None) -> str:
    return f"{folder(plan)}/{file_stem(plan)}-slides.pptx"


@dataclass(frozen=True)
class Download:
    """A file a page offers to download."""

    path: str  # in the site
    title: str
    paper: str = ""
    kind: str = "PDF"
    handout: str | None = None


def wtfc_kit_name(workshop: Workshop) -> str:
    return f"{DOWNLOADS}/wtfc-kit-v{workshop.version}.zip"


def listing(workshop: Workshop, plan: Plan | None, print_jobs: list) -> list[Download]:
    """What a place's page (or the generic pack's) offers: its zip, its PDFs and its slides to edit; the generic
    pack also offers the optional Working Together for Change kit as a zip of its own."""
    out = [Download(j.path, j.title, j.paper, "PDF", j.handout) for j in print_jobs]
    out.insert(1, Download(pptx_name(plan), f"{workshop.deck.title}: slides to edit", "", "PowerPoint"))
    for paper in reversed(run_papers(workshop, plan)):
        out.insert(0, Download(run_name(plan, paper), f"Print run on {paper}: every copy to print, in the order of the "
                               "day, with a separator sheet before each", paper, "PDF"))
    out.insert(0, Download(zip_name(workshop, plan), "Everything printed for the day in one zip file: the print runs "
                           "and each print-off", "", "ZIP"))
    if plan is None and any(workshop.handouts[j.handout].group == "wtfc" for j in print_jobs if j.handout):
        out.insert(1, Download(wtfc_kit_name(workshop), "The optional Working Together for Change kit in one zip file",
                               "", "ZIP"))
    return out
