"""One build of the site, whatever the site engine: what the MkDocs hook (or another engine's adapter) calls.

A :class:`SiteBuild` is made once a build. :meth:`SiteBuild.start` runs :func:`validate`, in three phases:

1. read and check every source, and make the model (``load.loader.load_project``);
2. render every view in memory (``views.whole_site``);
3. check what only a rendered site shows (:func:`check_rendered`: links between pages). The last checks run as
   the engine and the renderer finish: each page's HTML (:meth:`SiteBuild.rendered_page`) and the print styles
   as WeasyPrint reads them (``outputs.pdf``), each raising the same clear errors.

So every mistake an editor can make is found before anything is written, and ``iwe-pack check`` runs the same.
Then it gives the engine the navigation, the generated pages and the files to
copy. It holds nothing between builds. Unless serving, it builds the site into a fresh
folder and swaps it in only when complete (:mod:`.site_swap`).
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..checks.links import check_links
from ..diagnostics.problems import Collector, Diagnostic, SourceErrors
from ..load.loader import load_project
from ..model.project import Project
from ..sources.settings import Settings
from ..views import pages, paths, print_jobs
from ..views.print_jobs import PrintJob
from ..views.templates import RememberedBytecode, template_problem
from ..views.whole_site import Rendered, render_site
from . import atomic, pdf
from .background import Background
from .converted_pages import ConvertedPages
from .downloads import Downloads, downloads, write_offline_zip
from .kept_jobs import KeptJobs
from .page_checks import CleanPages
from .site_swap import OutputError, SiteSwap  # noqa: F401  (OutputError: raised by start, for the adapter)

log = logging.getLogger("iwe_pack")


def validate(root: Path, settings: Settings, extra_packs: Sequence[Path] = (),
             jobs: KeptJobs | None = None) -> tuple[Project, Rendered]:
    """Read and check every source, then render every view: the build's whole validation.

    ``extra_packs`` are pack files to check as if they were in ``packs/`` (``iwe-pack check FILE``);
    when given, only those of ``packs/`` are loaded. Raises SourceErrors listing every problem, with
    file and line (a template's too). ``jobs``: what makes (or keeps) the print jobs, for the build to ask again.
    """
    # compiled templates are kept beside the PDFs for the next build (the theme's too: SiteBuild.compiled_templates)
    compiled = RememberedBytecode(atomic.Shelf(settings.cache_folder(root) / "templates"))
    project = load_project(root, settings, extra_packs, compiled=compiled)
    try:
        rendered = render_site(project, downloads=settings.pdf,
                               make_jobs=jobs or KeptJobs(settings.cache_folder(root)))
    except Exception as exc:  # a mistake inside a template an editor can change
        where = template_problem(exc, project.templates)
        if where is None:
            raise
        file, line, detail = where
        raise SourceErrors([Diagnostic("template.error", file, line, found=detail)]) from None
    check_rendered(project, rendered)
    return project, rendered


def _render_processes(root: Path) -> concurrent.futures.ProcessPoolExecutor | None:
    """The render processes, started before the sources are read (no thread of the build exists yet), each getting
    ready to render meanwhile; None where the PDF libraries are missing (the build says so once the sources are
    checked, as it did before)."""
    try:
        return pdf.start_pool(ready_for=root)
    except SourceErrors:
        return None


def check_rendered(project: Project, rendered: Rendered) -> None:
    """The checks' last phase, once the views are rendered: links in section notes and handout texts must reach a
    page the build makes."""
    errors = Collector(project.root)
    content = project.root / "content"
    known = set(rendered.pages) | set(project.pages)
    known |= {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()}
    for s in project.workshop.sections:
        check_links(s.notes_source, f"content/{s.notes_path}", pages.section_uri(s), known, errors)
    for h in project.workshop.handouts.values():
        check_links(h.body, f"content/handouts/{h.id}.md", f"{pages.PRINT_OFFS}/{h.id}.md", known, errors)
    errors.raise_if_any()


@dataclass
class SiteBuild:
    project: Project
    rendered: Rendered
    serving: bool
    made: Downloads = field(default_factory=Downloads)
    output: SiteSwap | None = None  # the fresh folder this build writes, and the site it replaces
    background: Background | None = None  # the downloads, made while the engine writes the pages
    pool: concurrent.futures.ProcessPoolExecutor | None = None  # the render processes, started with the build
    clean_pages: CleanPages | None = None  # the pages the last builds found fetching nothing from elsewhere
    converted: ConvertedPages | None = None  # the pages the last builds converted from Markdown, to reuse
    jobs: KeptJobs | None = None  # each place's print jobs, kept between builds

    @classmethod
    def start(cls, root: Path, settings: Settings, serving: bool = False, site_dir: Path | None = None,
              strict_logger: str | None = None) -> "SiteBuild":
        """Read, check and render everything; raise SourceErrors listing every problem.

        With ``site_dir`` (and not serving), first check the site there can be written and replaced (else
        raise OutputError), and build into a fresh folder (:attr:`site_dir`) that :meth:`finish` swaps in.
        ``strict_logger``: the logger whose warnings will stop the build, so that it must not swap.
        """
        output = SiteSwap.begin(site_dir, strict_logger) if site_dir is not None and not serving else None
        pool = _render_processes(Path(root)) if settings.pdf and not serving else None
        jobs = KeptJobs(settings.cache_folder(Path(root)))
        try:
            project, rendered = validate(Path(root), settings, jobs=jobs)
        except BaseException:
            if output:
                output.discard()
            if pool:
                pool.shutdown(cancel_futures=True)
            raise
        if not settings.accessibility_contact:
            log.info("The accessibility statement gives no email address or phone number for requests and "
                     "complaints: set IWE_ACCESSIBILITY_EMAIL or IWE_ACCESSIBILITY_PHONE (a release needs one).")
        return cls(project, rendered, serving, output=output, pool=pool, jobs=jobs)

    @property
    def site_dir(self) -> Path | None:
        """Where this build writes the site (a fresh folder); None: in the engine's own (serving, or a mount point)."""
        return self.output.fresh if self.output else None

    @property
    def compiled_templates(self) -> RememberedBytecode:
        """Where this build keeps compiled templates: the site engine's theme templates may be kept there too."""
        return self.project.templates.compiled

    @property
    def version(self) -> str:
        return self.project.workshop.version

    def nav_expansions(self) -> dict[str, list]:
        """Navigation entries of ``mkdocs.yml`` that stand for a list of generated pages."""
        workshop = self.project.workshop
        return {
            f"{pages.ON_THE_DAY}/index.md": pages.nav(workshop),
            f"{pages.PRINT_OFFS}/index.md": pages.print_offs_nav(workshop),
            f"{pages.MATRIX}/index.md": pages.matrix_nav(),
        }

    @staticmethod
    def in_nav(uri: str) -> bool:
        """Whether a generated page is listed in the navigation (a place's own tool pages are reached from its page)."""
        return pages.in_nav(uri)

    @staticmethod
    def template_folders() -> tuple[str, ...]:
        """Folders of ``overrides/`` that hold the engine's templates, not site files."""
        return (pages.TEMPLATE_DIR, paths.PRINT)

    def generate(self) -> tuple[dict[str, str | bytes], dict[str, Path]]:
        """The generated pages ({docs path: Markdown or bytes}) and the files to copy ({site path: file}).

        A full build makes the downloads while the engine writes the pages (:mod:`.background`): each file is
        named at a path that does not exist yet, so the engine copies nothing, and :meth:`finish` puts them in
        place; the engine asks for each generated page again (:meth:`page`). Each print-off rendered is said on the
        ``iwe_pack.progress`` logger."""
        settings = self.project.settings
        if not settings.pdf:
            return self.rendered.pages, {}
        if not self.serving:
            self.background = Background.start(self.project, self.rendered, self.pool, self.jobs)
            later = settings.cache_folder(self.project.root) / "made-after-build"
            return self.background.pages(), {path: later for path in sorted(self.background.offered())}
        self.made = downloads(self.project, self.rendered, render=False, make_jobs=self.jobs or print_jobs.jobs)
        files = dict(self.made.files)
        cache = pdf.cache_dir(self.project.root, settings)
        for job in self.made.pending:  # serve: link now, render in the background
            files[job.path] = cache / "pending" / job.name
        return self.rendered.pages, files

    def page(self, uri: str, markdown: str) -> str:
        """A generated page, as it is once the print-offs it lists are counted (waiting for them if need be)."""
        return self.background.page(uri, markdown) if self.background else markdown


    def offline_zip(self) -> tuple[str, Path]:
        """The offline copy's path in the site, and a placeholder (it is written after the build)."""
        cache = self.project.settings.cache_folder(self.project.root)
        return paths.offline_zip_name(self.project.workshop), cache / "made-after-build"

    def editor_page(self, markdown: str) -> str:
        """A page an editor wrote (checked when the project was loaded), with its markers filled in."""
        settings = self.project.settings
        return pages.expand_markers(markdown, self.project.workshop, self.project.templates, settings.issues_url,
                                    settings.accessibility_email, settings.accessibility_phone)

    def converted_pages(self, settings: str) -> ConvertedPages:
        """What earlier builds made of each page's Markdown (:mod:`.converted_pages`), for the site engine to reuse.
        ``settings``: what the engine's conversion depends on besides the Markdown and the page's path."""
        if self.converted is None or self.converted.settings != settings:
            self.converted = ConvertedPages(self.project.settings.cache_folder(self.project.root), settings)
        return self.converted

    def rendered_page(self, html: str, dest_uri: str, src_uri: str | None) -> str:
        """Check a page's HTML for what it would fetch from elsewhere (unless an earlier build found the same HTML
        clean: :mod:`.page_checks`); label tick boxes."""
        if self.clean_pages is None:
            self.clean_pages = CleanPages(self.project.settings.cache_folder(self.project.root))
        problems = self.clean_pages.problems(html, dest_uri)
        if problems:
            where = f"content/{src_uri}" if src_uri else f"the page {dest_uri}"
            raise SourceErrors([Diagnostic(code, where, found=found) for code, found in problems])
        return pages.label_tasks(html)

    def finish(self, site_dir: Path) -> Path | None:
        """After the pages are written: the offline copy, then swap the site in; or (serving) render what is pending.

        Return the folder the new site is now in, if it was swapped in. A build that will stop on a warning
        (strict) writes nothing more, and leaves the last site as it was.
        """
        settings = self.project.settings
        doomed = bool(self.output and self.output.doomed)
        if self.clean_pages is not None:
            self.clean_pages.save()
        if self.converted is not None:
            log.debug(f"Pages converted from Markdown: {self.converted.converted}; "
                      f"reused from earlier builds: {self.converted.reused}")
        if self.jobs is not None:
            log.debug(f"Places' print jobs made: {self.jobs.made}; reused from earlier builds: {self.jobs.reused}")
        if self.background and doomed:
            self.background.abandon()
        elif self.background:
            self.made = self.background.link(Path(site_dir))
        if not self.serving and settings.pdf and not doomed:
            write_offline_zip(Path(site_dir), self.project.workshop, settings,
                              cache=settings.cache_folder(self.project.root), kept_files=self.made.files)
        if self.output:
            return self.output.target if self.output.publish() else None
        pending = self.made.pending
        if pending:
            log.info(f"Print-offs: rendering {len(pending)} PDFs in the background; "
                     "they appear in the site as they are ready (run 'make build' for zips).")
            threading.Thread(target=self._render_later, args=(pending, Path(site_dir)), daemon=True).start()
        return None

    def _render_later(self, jobs: list[PrintJob], site_dir: Path) -> None:
        root, settings = self.project.root, self.project.settings
        try:
            done = pdf.render_all(jobs, root, pdf.cache_dir(root, settings))
        except SourceErrors as exc:
            log.warning(str(exc))
            return
        for path, cached in done.items():
            atomic.link_or_copy(cached, site_dir / path)
