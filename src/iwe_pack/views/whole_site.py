"""Every view of the project at once: the site's pages, each place's print jobs, letters and download lists.

Pure: made from the :class:`Project` only. The site build and ``iwe-pack check``
both call :func:`render_site`, so the check runs exactly what the build renders
(all but the PDFs' own layout, which ``outputs.pdf`` does).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.project import Project
from ..sources.layout import FONTS
from . import letters, pages, paths, print_jobs
from .paths import Download
from .print_jobs import JobMaker, PrintJob


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, str | bytes]  # by path in the docs folder
    jobs: dict[str | None, list[PrintJob]]  # by place (None: the generic pack)
    letters: dict[str, dict[str, str]]  # by place: {file name: text}
    listings: dict[str | None, list[Download]]  # what each place's page offers to download


def render_site(project: Project, downloads: bool = True, make_jobs: JobMaker = print_jobs.jobs) -> Rendered:
    """Render every page and print job; ``downloads=False`` leaves out print-offs (a pages-only build).
    ``make_jobs``: what makes each place's print jobs (:func:`print_jobs.jobs`, or what keeps them between builds)."""
    workshop, templates = project.workshop, project.templates
    when = project.settings.source_date
    jobs: dict[str | None, list[PrintJob]] = {}
    listings: dict[str | None, list[Download]] = {}
    for plan in [None, *project.plans]:
        slug = plan.slug if plan else None
        jobs[slug] = make_jobs(workshop, plan, templates, when, project.root / FONTS) if downloads else []
        listings[slug] = paths.listing(workshop, plan, jobs[slug]) if downloads else []
    texts = {plan.slug: letters.letters(plan, workshop, templates, when) for plan in project.plans}
    return Rendered(pages.all_pages(project, listings, texts), jobs, texts, listings)
