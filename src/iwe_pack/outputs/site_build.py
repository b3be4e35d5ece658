"""One build of the site, whatever the site engine: what the MkDocs hook (or another engine's adapter) calls.

A :class:`SiteBuild` is made once a build (:meth:`SiteBuild.start` reads and
checks every source), then gives the engine, step by step, the navigation,
the generated pages and the files to copy, and checks each page it renders.
It holds nothing between builds.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..checks.resources import html_resource_problems, resource_problems
from ..diagnostics.record import SourceError, SourceErrors
from ..model.plan import Plan
from ..model.project import PACKS, load_packs, load_workshop
from ..model.workshop import Workshop
from ..sources.settings import Settings
from ..sources.text import read_text
from ..diagnostics.record import Collector
from ..views import pages, paths
from ..views.print_jobs import PrintJob
from . import atomic, pdf
from .downloads import Downloads, downloads, none, write_offline_zip

log = logging.getLogger("iwe_pack")


@dataclass
class SiteBuild:
    root: Path
    settings: Settings
    serving: bool
    workshop: Workshop
    plans: list[Plan]
    made: Downloads = field(default_factory=Downloads)

    @classmethod
    def start(cls, root: Path, settings: Settings, serving: bool = False) -> "SiteBuild":
        """Read and check every source; raise SourceErrors listing every problem."""
        root = Path(root)
        workshop = load_workshop(root)
        plans = load_packs(root, workshop, only=list(settings.packs) or None)
        return cls(root, settings, serving, workshop, plans)

    @property
    def version(self) -> str:
        return self.workshop.version

    def nav_expansions(self) -> dict[str, list]:
        """Navigation entries of ``mkdocs.yml`` that stand for a list of generated pages."""
        return {
            f"{pages.ON_THE_DAY}/index.md": pages.nav(self.workshop),
            f"{PACKS}/index.md": pages.packs_nav(self.plans),
            f"{pages.PRINT_OFFS}/index.md": pages.print_offs_nav(self.workshop),
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

    def generate(self, progress: Callable[[int, int, PrintJob, bool], None] | None = None
                 ) -> tuple[dict[str, str | bytes], dict[str, Path]]:
        """The generated pages ({docs path: Markdown or bytes}) and the files to copy ({site path: file})."""
        if not self.settings.pdf:  # pages only: for benchmarks and quick previews
            self.made = none(self.plans)
        else:
            self.made = downloads(self.workshop, self.plans, self.root, self.settings, render=not self.serving,
                                  progress=progress)
        generated = pages.all_pages(self.workshop, self.plans, self.root, self.made.by_place,
                                    self.settings.releases_url)
        files = dict(self.made.files)
        for job in self.made.pending:  # serve: link now, render in the background
            files[job.path] = pdf.cache_dir(self.root, self.settings) / "pending" / job.name
        return generated, files

    def offline_zip(self) -> tuple[str, Path]:
        """The offline copy's path in the site, and a placeholder (it is written after the build)."""
        return paths.offline_zip_name(self.workshop), pdf.cache_dir(self.root, self.settings).parent / "made-after-build"

    def editor_page(self, markdown: str, source: Path) -> str:
        """Check a page an editor wrote and fill in its ``<!-- iwe:... -->`` markers."""
        content = self.root / "content"
        problems = resource_problems(source.read_text(encoding="utf-8"), source, content)
        if problems:
            rel = source.resolve().relative_to(self.root.resolve()).as_posix()
            raise SourceErrors([SourceError(rel, n, None, p) for n, p in problems])
        return pages.expand_markers(markdown, self.workshop, self.root / "overrides")

    def rendered_page(self, html: str, dest_uri: str, src_uri: str | None) -> str:
        """Check a page's HTML for what it would fetch from elsewhere; label tick boxes."""
        problems = html_resource_problems(html, dest_uri)
        if problems:
            where = f"content/{src_uri}" if src_uri else f"the page {dest_uri}"
            raise SourceErrors([SourceError(where, None, None, p) for p in problems])
        return pages.label_tasks(html)

    def finish(self, site_dir: Path) -> None:
        """After the pages are written: the offline copy, or (serving) render what is pending."""
        if not self.serving and self.settings.pdf:
            write_offline_zip(Path(site_dir), self.workshop, self.settings)
        pending = self.made.pending
        if pending:
            log.info(f"Print-offs: rendering {len(pending)} PDFs in the background; "
                     "they appear in the site as they are ready (run 'make build' for zips).")
            threading.Thread(target=self._render_later, args=(pending, Path(site_dir)), daemon=True).start()

    def _render_later(self, jobs: list[PrintJob], site_dir: Path) -> None:
        try:
            done = pdf.render_all(jobs, self.root, pdf.cache_dir(self.root, self.settings))
        except SourceErrors as exc:
            log.warning(str(exc))
            return
        for path, cached in done.items():
            atomic.copy(cached, site_dir / path)
