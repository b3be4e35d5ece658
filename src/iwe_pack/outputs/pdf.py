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

import concurrent.futures
import contextlib
import hashlib
import logging
import mimetypes
import os
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, cast
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ..checks.styles import WarningCollector, print_digest
from ..checks.system import require_pdf_libraries
from ..diagnostics.problems import Diagnostic, SourceErrors
from ..sources import files
from ..sources.settings import Settings
from ..views.paths import PRINT
from ..views.print_jobs import PrintJob
from . import atomic

# Each print-off rendered (none taken from the cache) is said on a logger of its own, a child of "iwe_pack", so
# whatever shows the engine's log shows it too (the MkDocs hook attaches the site engine's handlers there), and a
# program can listen to it, or quieten it, alone: as WeasyPrint says what it does on "weasyprint".
progress = logging.getLogger("iwe_pack.progress")


class RefusedFetch(Exception):
    """A print source asked for a resource that is not allowed."""


TAGS_VERSION = "tags v1"  # what finish_tags adds: a change to it renders every PDF again


@lru_cache(maxsize=8192)
def cache_key(job: PrintJob, digest: str) -> str:
    """The name of a job's PDF in the cache (remembered: a build asks it of a job more than once)."""
    return hashlib.sha256(f"{digest}\0{TAGS_VERSION}\0{job.title}\0{job.html}\0{job.alts}".encode()).hexdigest()


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


def render_pdf(html: str, root: str, out: str, identifier: str, digest: str | None = None,
               alts: tuple[str, ...] = ()) -> list[str]:
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
            if alts or re.search(r"<(th|svg|img)\b", html):  # only tables and figures need more tags
                collect.messages.extend(finish_tags(tmp, alts))
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


def _explain(job: PrintJob, problems: list[str], root: Path) -> list[Diagnostic]:
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
        errors.append(Diagnostic(code, where, line, found=problem, details={"job": job.name}))
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


def start_pool(workers: int | None = None, ready_for: Path | None = None) -> concurrent.futures.ProcessPoolExecutor:
    """The processes that render PDFs, started now: made from this process (forked, where the system forks) before
    a thread of the build starts, so no worker begins life with a lock another thread held. The caller shuts it down.

    With ``ready_for`` (a project's folder), each process gets ready to render its print-offs as it starts
    (:func:`_get_ready`), while the build reads the sources: a build that renders anything starts at once."""
    require_pdf_libraries()  # one line naming what to install, not WeasyPrint failing in every process
    workers = workers or os.cpu_count() or 1
    if ready_for is None:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
    else:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=_get_ready,
                                                      initargs=(str(files.full(ready_for)),))
    pool.submit(int)  # the first task starts every worker
    return pool


READY_NICENESS = 5  # how much lower than the build's own thread a render process runs


def _get_ready(root: str) -> None:
    """A render process's start: import WeasyPrint and read the print stylesheet and its fonts, then render a line,
    which loads the rest of what a render uses (1 to 1.4 s of CPU, measured, which every process spent on its first
    print-off). The process runs from then on at a lower priority than the build's own thread, which reads the
    sources meanwhile: a build that renders nothing loses only time the CPU had spare. Whatever goes wrong is left
    for the first real render to report."""
    import tempfile

    with contextlib.suppress(Exception), tempfile.TemporaryDirectory(prefix="iwe-ready-") as folder:
        if hasattr(os, "nice"):
            os.nice(READY_NICENESS)
        html = '<html lang="en"><title>Ready</title><table><tr><th scope="col">Ready</th></tr></table></html>'
        render_pdf(html, root, str(Path(folder) / "ready.pdf"), "ready", print_digest(Path(root)))


def render_all(print_jobs: list[PrintJob], root: Path, cache: Path, workers: int | None = None,
               then: Callable[[dict[str, Path]], list[tuple[PrintJob, Path]]] | None = None,
               pool: concurrent.futures.ProcessPoolExecutor | None = None) -> dict[str, Path]:
    """Render every job (from the cache where nothing changed); return {site path: cached PDF}.

    Every job found in the cache is done at once; the rest render in parallel, one process per job. ``then`` is
    asked, at the start and each time a job is done, for more jobs that can now be made (with the cache folder of
    each): what shows the pages of other PDFs starts as soon as they are rendered, ahead of the rest (only two jobs
    a worker wait in the pool, so they do not queue behind every other). Raises SourceErrors naming every job that
    failed. With ``pool`` (:func:`start_pool`), its processes render, and stay for the caller to shut down; else
    processes are started when a job needs one.
    """
    root = Path(root)
    done: dict[str, Path] = {}
    digest = print_digest(root)
    errors: list[Diagnostic] = []
    waiting: list[tuple[PrintJob, Path, str]] = []  # not in the cache: each job, its PDF and the key naming it
    total = len(print_jobs)
    own = pool is None
    futures: dict = {}
    rendering: dict[Path, list[PrintJob]] = {}  # each PDF being made: the other jobs that wait for it
    swept: set[Path] = set()
    workers = workers or os.cpu_count() or 1

    def sort(jobs: list[tuple[PrintJob, Path]]) -> list[tuple[PrintJob, Path, str]]:
        """What the cache has is done now (so whatever waits only on those is not held behind a render)."""
        out = []
        for job, folder in jobs:
            if folder not in swept:
                swept.add(folder)
                folder.mkdir(parents=True, exist_ok=True)
                for stale in folder.glob(".tmp-*.part"):  # left by a killed build
                    if time.time() - stale.stat().st_mtime > 3600:
                        stale.unlink(missing_ok=True)
            key = cache_key(job, digest)
            target = folder / f"{key}.pdf"
            if target.is_file():
                done[job.path] = target
            else:
                out.append((job, target, key))
        return out

    waiting = sort([(job, cache) for job in print_jobs])
    try:
        while True:
            more = then(done) if then and not errors else []
            total += len(more)
            waiting[:0] = sort(more)  # first: they wait on nothing more, and others wait on them
            while waiting and len(futures) < 2 * workers:
                job, target, key = waiting.pop(0)
                if target in rendering:  # the same PDF is being made (for a job rendered ahead): wait for it
                    rendering[target].append(job)
                    continue
                if target.is_file():  # made since, for another job
                    done[job.path] = target
                    continue
                if pool is None:
                    pool = start_pool(workers)
                futures[pool.submit(render_pdf, job.html, str(root), str(target), key, digest, job.alts)] = (job, target)
                rendering[target] = []
            if not futures:
                if more or waiting:  # what was asked for was in the cache: ask again
                    continue
                break
            finished, _ = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in finished:
                job, target = futures.pop(future)
                problems = future.result()
                for each in [job, *rendering.pop(target)]:
                    if problems:
                        errors.extend(_explain(each, problems, root))
                    else:
                        done[each.path] = target
                    progress.info("Print-offs: %d/%d rendered (%s)", len(done), total, each.name)
    finally:
        if pool is not None and own:
            pool.shutdown(cancel_futures=bool(errors))
    if errors:
        raise SourceErrors(errors)
    return done


# --- what WeasyPrint's tags leave out, and print runs made of rendered PDFs ---------------------------------


def _elements(node):
    """Every structure element under ``node`` (a StructElem, or an array of kids), depth first."""
    import pikepdf

    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else node
    if kids is None:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def finish_tags(path: str | Path, alts: tuple[str, ...] = ()) -> list[str]:
    """Add to a tagged PDF what PDF/UA needs and WeasyPrint does not write (WeasyPrint 70 ``pdf/tags.py``):

    * each table header's ``Scope``: Column in a table's head, Row in its body (every ``th`` of the print
      templates says the same with its ``scope``);
    * ``Alt`` text for each figure that has none (a drawing WeasyPrint takes from an SVG without a ``<title>``):
      ``alts`` in the order of the document. A figure left without one is a problem.

    Returns the problems (empty when all went well). The file is rewritten only when something was added."""
    import pikepdf

    problems, changed, given = [], False, list(alts)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return ["the PDF is not tagged"]

        def walk(node, in_head: bool):
            nonlocal changed
            for kid in list(node.K) if isinstance(node.get("/K"), pikepdf.Array) else []:
                if not (isinstance(kid, pikepdf.Dictionary) and "/S" in kid):
                    continue
                tag = str(kid.S)
                if tag == "/TH":
                    attributes = kid.get("/A")
                    if attributes is None:
                        kid.A = attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                    if "/Scope" not in attributes:
                        attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
                        changed = True
                elif tag == "/Figure" and not str(kid.get("/Alt", "")).strip():
                    if given:
                        kid.Alt = pikepdf.String(given.pop(0))
                        changed = True
                    else:
                        problems.append("a figure has no Alt text (give the SVG a <title>, or the job its alts)")
                walk(kid, in_head or tag == "/THead")

        for document in (root.K if isinstance(root.K, pikepdf.Array) else [root.K]):
            walk(document, False)
        if given:
            problems.append(f"{len(given)} Alt text(s) left over: the PDF has fewer figures without one")
        if changed and not problems:
            pdf.save(path, deterministic_id=True)
    return problems


def merge(base: Path, order: list[tuple[str, Any]], out: Path) -> int:
    """Write ``out``: a tagged PDF of pages of ``base`` and whole other PDFs, in ``order``; return its pages.

    ``base`` (a rendered PDF: the print run's own sheets) gives the title, language and metadata. ``order``
    holds ``("page", n)`` for page ``n`` of ``base`` and ``("file", (path, n))`` for page ``n`` of another PDF
    (each top-level structure element of a WeasyPrint PDF is drawn on one page). A page may come many times
    (the copies of a print-off): each time is a page of its own with its own copy of the structure elements
    drawn on it, so the document's structure tree stays whole; pages that are the same
    share their drawing and fonts, so a hundred copies cost little more than one. The parent tree (which marked
    content belongs to which element) is made anew."""
    import pikepdf

    with pikepdf.open(base) as pdf:
        tree = pdf.Root.StructTreeRoot
        document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        own_pages = [page.obj for page in pdf.pages]
        index = {page.objgen: n for n, page in enumerate(own_pages)}
        own_kids: dict[int, list] = {}
        for kid in list(document.K):
            own_kids.setdefault(index.get(kid.Pg.objgen, 0), []).append(kid)
        sources: dict[object, tuple[list, list]] = {}
        opened = []
        used: set = set()
        pages, kids = [], []

        def place(template_pages, template_kids):
            key = tuple(p.objgen for p in template_pages)
            if key not in used:
                used.add(key)
                pages.extend(template_pages)
                kids.extend(template_kids)
                return
            mapping = {}
            for page in template_pages:
                mapping[page.objgen] = copy = pdf.make_indirect(pikepdf.Dictionary(page))
                if "/Annots" in page:
                    annots = pikepdf.Array()
                    for annot in page.Annots:
                        mapping[annot.objgen] = new = pdf.make_indirect(pikepdf.Dictionary(annot))
                        new.P = copy
                        annots.append(new)
                    copy.Annots = annots
                pages.append(copy)
            kids.extend(_copy_element(pdf, kid, mapping, document) for kid in template_kids)

        try:
            for kind, what in order:
                if kind == "page":
                    place([own_pages[what]], own_kids.get(what, []))
                    continue
                path, number = what
                if path not in sources:
                    src = pikepdf.open(path)
                    opened.append(src)
                    copied = [pdf.copy_foreign(page.obj) for page in src.pages]
                    at: dict[Any, int] = {page.objgen: n for n, page in enumerate(src.pages)}
                    src_root = src.Root.StructTreeRoot
                    src_document = src_root.K[0] if isinstance(src_root.K, pikepdf.Array) else src_root.K
                    by_page: list[list] = [[] for _ in copied]
                    for kid in src_document.K:
                        new = pdf.copy_foreign(kid)
                        new.P = document
                        by_page[at.get(kid.Pg.objgen, 0)].append(new)
                    sources[path] = (copied, by_page)
                copied, by_page = sources[path]
                place([copied[number]], by_page[number])
            del pdf.pages[:]
            for page in pages:
                pdf.pages.append(pikepdf.Page(page))
            document.K = pikepdf.Array(kids)
            _parent_tree(pdf, tree, document, pages)
            pdf.save(out, deterministic_id=True)
        finally:
            for src in opened:
                src.close()
        return len(pages)


def _copy_element(pdf, element, mapping: dict, parent):
    """A structure element and all under it, anew, with its pages and annotations swapped by ``mapping``."""
    import pikepdf

    new = pdf.make_indirect(pikepdf.Dictionary(element))
    new.P = parent
    for key in ("/Pg", "/Obj"):
        if key in element and element[key].objgen in mapping:
            new[key] = mapping[element[key].objgen]
    if "/K" in element:
        kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
        out = pikepdf.Array()
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append(_copy_element(pdf, kid, mapping, new))
            elif isinstance(kid, pikepdf.Dictionary):  # a marked-content or object reference
                ref = pikepdf.Dictionary(cast(Mapping[str, Any], kid))
                for key in ("/Pg", "/Obj"):
                    if key in kid and kid[key].objgen in mapping:
                        ref[key] = mapping[kid[key].objgen]
                out.append(ref)
            else:
                out.append(kid)
        new.K = out
    return new


def _parent_tree(pdf, tree, document, pages) -> None:
    """Number each page's marked content and each annotation afresh, and map them to their elements."""
    import pikepdf

    keys = {page.objgen: n for n, page in enumerate(pages)}
    for n, page in enumerate(pages):
        page.StructParents = n
    marked: dict[int, dict[int, object]] = {n: {} for n in range(len(pages))}
    objects: list = []
    for element in [document, *_elements(document)]:
        page = element.get("/Pg")
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, int):
                if page is not None and page.objgen in keys:
                    marked[keys[page.objgen]][int(kid)] = element
            elif isinstance(kid, pikepdf.Dictionary) and "/S" not in kid:
                if "/MCID" in kid:
                    on = kid.get("/Pg", page)
                    if on is not None and on.objgen in keys:
                        marked[keys[on.objgen]][int(kid.MCID)] = element
                elif "/Obj" in kid:
                    objects.append((kid.Obj, element))
    nums = pikepdf.Array()
    for n in range(len(pages)):
        found = marked[n]
        nums.append(n)
        nums.append(pdf.make_indirect(pikepdf.Array([found.get(i) for i in range(max(found, default=-1) + 1)])))
    for n, (annotation, element) in enumerate(objects, start=len(pages)):
        annotation.StructParent = n
        nums.append(n)
        nums.append(element)
    tree.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    tree.ParentTreeNextKey = len(pages) + len(objects)
