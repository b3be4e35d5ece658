"""Where each output goes in the site: one place for the folder and file names."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.plan import Plan
from ..model.workshop import Workshop

PRINT = "print"  # the folder of print templates inside overrides/
DOWNLOADS = "downloads"  # where PDFs and zips go in the site
GENERIC = "generic"


def folder(plan: Plan | None) -> str:
    return f"{DOWNLOADS}/{plan.slug if plan else GENERIC}"


def file_stem(plan: Plan | None) -> str:
    return plan.slug if plan else "iwe-workshop"


def zip_name(workshop: Workshop, plan: Plan | None) -> str:
    return f"{DOWNLOADS}/{file_stem(plan)}-pack-v{workshop.version}.zip"


def offline_zip_name(workshop: Workshop) -> str:
    return f"{DOWNLOADS}/wellbeing-workshop-pack-offline-v{workshop.version}.zip"


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
    out.insert(0, Download(zip_name(workshop, plan), "All the print-offs for the workshop in one zip file", "", "ZIP"))
    if plan is None and any(workshop.handouts[j.handout].group == "wtfc" for j in print_jobs if j.handout):
        out.insert(1, Download(wtfc_kit_name(workshop), "The optional Working Together for Change kit in one zip file",
                               "", "ZIP"))
    return out
