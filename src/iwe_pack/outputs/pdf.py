"""Print-offs: each a PDF rendered by WeasyPrint from our own print templates.

The templates and the print stylesheet live in ``overrides/print/`` (one place
for web and print design). :func:`render_all` renders the print jobs (``views.print_jobs``):

* **safely**: every resource goes through :class:`SafeFetcher`, which allows
  only ``data:`` URLs and files inside the project; anything else stops the
  render with an error naming the source file and line;
* **strictly**: any WeasyPrint warning (a missing image or font) fails the job;
* **accessibly**: PDF/UA-1 (tagged), with title and language;
* **fast**: a content-hash cache skips unchanged PDFs, and the rest render in
  parallel, one process per job;
* **atomically**: each PDF is written to a temporary file and renamed, so a
  killed build never leaves half a file;
* **reproducibly**: no timestamps unless ``SOURCE_DATE_EPOCH`` gives one.
"""

from __future__ import annotations

from functools import lru_cache

import concurrent.futures
import hashlib
import logging
import mimetypes
import os
import re
import time
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ..checks.styles import WarningCollector, print_digest
from ..checks.system import require_pdf_libraries
from ..diagnostics.record import SourceError, SourceErrors
from ..sources.settings import Settings
from ..views.paths import PRINT
from ..views.print_jobs import PrintJob
from . import atomic


class RefusedFetch(Exception):
    """A print source asked for a resource that is not allowed."""


def cache_key(job: PrintJob, digest: str) -> str:
    return hashlib.sha256(f"{digest}\0{job.title}\0{job.html}".encode()).hexdigest()


def cache_dir(root: Path, settings: Settings) -> Path:
    """Where rendered PDFs are kept, named by content hash: ``.cache/iwe-pack/pdf`` in the project,
    or the ``cache`` setting's ``pdf`` folder (safe to share between checkouts: names are content hashes)."""
    return settings.cache_folder(root) / "pdf"


class SafeFetcher:
    """Allows ``data:`` URLs and files inside the project's ``content/`` and ``overrides/`` folders;
    refuses everything else (other servers, other files on the machine, the rest of the project such
    as ``.git``), before any request is made."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.allowed = [self.root / "content", self.root / "overrides"]

    def __call__(self, url: str, *args, **kwargs):
        from weasyprint.urls import URLFetcherResponse

        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            import urllib.request

            with urllib.request.urlopen(url) as response:  # data: only, decoded in memory
                return URLFetcherResponse(url, response.read(), {"Content-Type": response.headers.get_content_type()})
        if scheme == "file":
            path = Path(url2pathname(unquote(urlparse(url).path))).resolve()
            inside = any(path.is_relative_to(folder) for folder in self.allowed)
            if inside and path.is_file():
                data = path.read_bytes()
                if data[:4] == b"wOF2":  # the site's fonts: given to WeasyPrint as the TrueType it would make
                    return URLFetcherResponse(url, _sfnt(data), {"Content-Type": "font/ttf"})
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": mime})
            if inside:
                raise RefusedFetch(f"{url}: no such file in the project")
        raise RefusedFetch(url)

    fetch = __call__


@lru_cache(maxsize=32)
def _sfnt(woff2_data: bytes) -> bytes:
    """A WOFF2 font unpacked, as WeasyPrint unpacks it (fontTools' woff2), once per process instead of once per
    PDF: unpacking the pack's 8 font files took about 0.35 s of a 0.54 s agenda."""
    import io

    from fontTools.ttLib import woff2

    out = io.BytesIO()
    woff2.decompress(io.BytesIO(woff2_data), out)
    return out.getvalue()


def _fetcher(root: Path):
    """A WeasyPrint URL fetcher object around :class:`SafeFetcher` (WeasyPrint 63+ takes a URLFetcher)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    safe = SafeFetcher(root)

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            try:
                return safe(url)
            except RefusedFetch as exc:
                raise FatalURLFetchingError(f"refused: {exc}") from exc

    return Fetcher(allow_redirects=False, fail_on_errors=True)


def render_pdf(html: str, root: str, out: str, identifier: str, digest: str | None = None) -> list[str]:
    """Render one PDF to ``out`` atomically; return the problems (empty when all went well).

    Runs in a worker process: takes and returns only plain values. ``digest`` is :func:`print_digest` of ``root``
    where the caller has it already (render_all does, for every PDF it renders).
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    collect = WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        with atomic.replacing(Path(out)) as tmp:
            fonts, counters, stylesheet, warned = _print_stylesheet(str(root), digest or print_digest(Path(root)))
            collect.messages.extend(warned)
            base_url = (Path(root) / "overrides" / PRINT).as_uri() + "/"
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher(Path(root)))
            document.write_pdf(tmp, stylesheets=[stylesheet], font_config=fonts, counter_style=counters,
                               pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode()[:32])
            if collect.messages:
                raise _Warned()
    except _Warned:
        pass
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        collect.messages.append(f"refused to fetch {str(cause) if cause else exc}")
    except Exception as exc:  # a broken template or stylesheet: report, do not hide
        collect.messages.append(f"{type(exc).__name__}: {exc}")
    finally:
        logger.removeHandler(collect)
    return collect.messages


@lru_cache(maxsize=2)
def _print_stylesheet(root: str, digest: str):
    """``print.css`` parsed once per process (and per content, ``digest``), with the fonts its ``@font-face``
    rules load: parsing it again for each PDF was about a fifth of the time a PDF took. Returns the font
    configuration and counter styles the stylesheet was read into (each PDF must use the same ones), the
    stylesheet, and what WeasyPrint warned while reading it (every PDF made with it reports that).

    Given to WeasyPrint as the one stylesheet of every print-off (``base.html`` links none), so it is of the
    "user" origin: that changes nothing here, since print.css has no ``!important`` and the print templates
    no other stylesheet (``test_print.py`` keeps both true)."""
    import weasyprint
    from weasyprint.css.counters import CounterStyle
    from weasyprint.text.fonts import FontConfiguration

    collect = WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        fonts, counters = FontConfiguration(), CounterStyle()
        _remove_at_exit(fonts)
        path = Path(root) / "overrides" / PRINT / "print.css"
        stylesheet = weasyprint.CSS(string=path.read_text(encoding="utf-8"), base_url=path.parent.as_uri() + "/",
                                    url_fetcher=_fetcher(Path(root)), font_config=fonts, counter_style=counters)
    finally:
        logger.removeHandler(collect)
    return fonts, counters, stylesheet, tuple(collect.messages)


def _remove_at_exit(fonts) -> None:
    """WeasyPrint copies the fonts a stylesheet loads into a temporary folder, and removes it when the font
    configuration is deleted. One kept for the life of a process must be removed as the process ends: at exit,
    and in a worker of the process pool (which ends without running ``atexit``) by multiprocessing's own
    finalizers. Without this, each build left a folder in the temporary directory for each worker."""
    import atexit
    import multiprocessing.util
    import shutil

    def remove() -> None:
        folder, fonts._folder = fonts._folder, None  # WeasyPrint's own __del__ then has nothing left to do
        if folder:
            shutil.rmtree(folder, ignore_errors=True)

    atexit.register(remove)
    multiprocessing.util.Finalize(None, remove, exitpriority=0)


class _Warned(Exception):
    """WeasyPrint warned: the PDF is not kept."""


def _explain(job: PrintJob, problems: list[str], root: Path) -> list[SourceError]:
    """Turn WeasyPrint's problems into errors that name the source file and line where possible."""
    errors = []
    for problem in problems:
        where, line = f"print-off {job.path}", None
        url = re.search(r"(?:refused to fetch |Failed to load \w+ at |URL: )['\"]?([^'\"\s:]+:[^'\"\s]*|[^'\"\s]+)",
                        problem)
        needle = url.group(1) if url else None
        if needle:
            needle = needle.removeprefix("refused: ")
            for src in job.sources:
                path = Path(root) / src
                if not path.is_file():
                    continue
                for n, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if needle in text or _unfile(needle) in text:
                        where, line = src, n
                        break
                if line:
                    break
        code = "print.refused" if "refused" in problem else "print.warning"
        errors.append(SourceError(code, where, line, found=problem, details={"job": job.name}))
    return errors


def _unfile(url: str) -> str:
    return url.removeprefix("refused: ").rsplit("/", 1)[-1] if url.startswith("file:") else url


def _targets(print_jobs: list[PrintJob], digest: str, cache: Path) -> list[tuple[PrintJob, Path, str]]:
    """Each job with the cache file its PDF lives in, and the key that names it (``digest``: :func:`print_digest`)."""
    keys = [cache_key(job, digest) for job in print_jobs]
    return [(job, cache / f"{key}.pdf", key) for job, key in zip(print_jobs, keys)]


def cached(print_jobs: list[PrintJob], root: Path, cache: Path) -> dict[str, Path]:
    """The jobs whose PDF is already in the cache: {site path: cached PDF}."""
    return {job.path: target for job, target, _ in _targets(print_jobs, print_digest(root), cache) if target.is_file()}


def render_all(print_jobs: list[PrintJob], root: Path, cache: Path, workers: int | None = None,
               progress: Callable[[int, int, PrintJob, bool], None] | None = None) -> dict[str, Path]:
    """Render every job (from the cache where nothing changed); return {site path: cached PDF}.

    Uncached jobs render in parallel, one process per job. Raises SourceErrors naming every job that failed.
    """
    root = Path(root)
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(".tmp-*.part"):  # left by a killed build
        if time.time() - stale.stat().st_mtime > 3600:
            stale.unlink(missing_ok=True)
    done: dict[str, Path] = {}
    todo = []
    digest = print_digest(root)
    for job, target, key in _targets(print_jobs, digest, cache):
        if target.is_file():
            done[job.path] = target
            if progress:
                progress(len(done), len(print_jobs), job, True)
        else:
            todo.append((job, target, key))
    errors: list[SourceError] = []
    if todo:
        require_pdf_libraries()  # one line naming what to install, not WeasyPrint failing in every process
        workers = workers or min(len(todo), os.cpu_count() or 1)
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(render_pdf, job.html, str(root), str(target), key, digest): (job, target)
                       for job, target, key in todo}
            for future in concurrent.futures.as_completed(futures):
                job, target = futures[future]
                problems = future.result()
                if problems:
                    errors.extend(_explain(job, problems, root))
                else:
                    done[job.path] = target
                if progress:
                    progress(len(done), len(print_jobs), job, False)
    if errors:
        raise SourceErrors(errors)
    return done
