"""The downloads made while the site engine writes the pages, so an edit to one place costs about what it changes.

Rendering a place's print-offs (its facilitator pack alone takes two to three seconds) used to stop the build
before the engine wrote a page; now it runs beside it. :class:`Background` starts the render processes from
the build's own thread (:func:`pdf.start_pool`), then makes the downloads in a thread of its own. Meanwhile:

- the engine is given every file the pages offer (``Rendered.listings``) at a path that does not exist yet, so
  links to them check and nothing is copied; :meth:`Background.link` puts the made files in place at the end;
- a page made again once the print-offs are counted (a place's page, "Plan your day") waits for its counts
  (:meth:`Background.page`): the engine is given those pages last, those likely to wait longest last of all,
  so that while it waits for one, the rest are written.

A failed render is raised by :meth:`Background.made`, before the site is swapped in: the last good site stays.
"""

from __future__ import annotations

import concurrent.futures
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..model.project import Project
from ..sources.markdown_config import without_front_matter
from ..views import print_jobs
from ..views.print_jobs import JobMaker
from ..views.whole_site import Rendered
from . import atomic, pdf
from .downloads import Downloads, counted_pages, downloads


@dataclass
class Background:
    project: Project
    rendered: Rendered
    waiting: dict[str, threading.Event]  # pages made again once counted
    lateness: dict[str, int]  # and how late each is likely to be ready (downloads.counted_pages)
    pool: concurrent.futures.ProcessPoolExecutor
    make_jobs: JobMaker
    result: Downloads | None = None
    error: BaseException | None = None
    thread: threading.Thread | None = field(default=None, repr=False)

    @classmethod
    def start(cls, project: Project, rendered: Rendered, pool: concurrent.futures.ProcessPoolExecutor | None = None,
              make_jobs: JobMaker | None = None) -> "Background":
        """Make the downloads in a thread of their own, in ``pool`` (``pdf.start_pool``: shut down here once they
        are made), or in processes started now. ``make_jobs``: what makes print jobs (what made ``rendered``'s)."""
        lateness = counted_pages(project, rendered)
        waiting = {uri: threading.Event() for uri in lateness}
        made = cls(project, rendered, waiting, lateness, pool or pdf.start_pool(ready_for=project.root),
                   make_jobs or print_jobs.jobs)
        made.thread = threading.Thread(target=made._run, name="iwe-pack downloads", daemon=True)
        made.thread.start()
        return made

    def _run(self) -> None:
        try:
            self.result = downloads(self.project, self.rendered, pool=self.pool, page_ready=self._ready,
                                    make_jobs=self.make_jobs)
        except BaseException as exc:  # raised again, in the build's thread, by made()
            self.error = exc
        finally:
            self.pool.shutdown(cancel_futures=self.error is not None)
            for event in self.waiting.values():  # nothing waits for ever
                event.set()

    def _ready(self, uri: str) -> None:
        if uri in self.waiting:
            self.waiting[uri].set()

    def pages(self) -> dict[str, str | bytes]:
        """The generated pages, those that wait for counts last, the likely latest last of all."""
        pages = self.rendered.pages
        return {uri: pages[uri] for uri in sorted(pages, key=lambda uri: self.lateness.get(uri, 0))}

    def page(self, uri: str, markdown: str) -> str:
        """A generated page's Markdown as it is once its print list is counted (waiting for it if need be): its text
        alone, as the engine handed it (the engine read the front matter, which the counts do not change)."""
        event = self.waiting.get(uri)
        if event is None:
            return markdown
        event.wait()
        made = self.rendered.pages[uri]
        return without_front_matter(made) if isinstance(made, str) else markdown

    def offered(self) -> set[str]:
        """Every file a page offers: each will be made."""
        return {d.path for listing in self.rendered.listings.values() for d in listing}

    def made(self) -> Downloads:
        """Wait for the downloads; raise what stopped them (SourceErrors for a print-off that failed)."""
        assert self.thread is not None
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        missing = self.offered() - set(self.result.files)
        if missing:
            raise RuntimeError(f"The pages offer files the build did not make: {', '.join(sorted(missing))}")
        return self.result

    def link(self, site_dir: Path) -> Downloads:
        """Wait for the downloads, then link (or copy) each into the site."""
        made = self.made()
        for path, file in made.files.items():
            atomic.link_or_copy(file, Path(site_dir) / path)
        return made

    def abandon(self) -> None:
        """The build stopped: render nothing more (what is rendering finishes into the cache)."""
        self.pool.shutdown(wait=False, cancel_futures=True)
