"""Print-offs: each a PDF rendered by WeasyPrint from our own print templates.

The templates and the print stylesheet live in ``overrides/print/`` (one place
for web and print design). :func:`jobs` lists the PDFs for a place (or the
blank generic pack); :func:`render_all` renders them:

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
import datetime as dt
import hashlib
import logging
import math
import mimetypes
import os
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from . import atomic
from .errors import SourceError, SourceErrors
from .model import COPIES_LABELS, Workshop
from .packs import Plan, default_minutes, group_slug
from .printmd import to_html
from .render import render

PRINT = "print"  # the folder of print templates inside overrides/
DOWNLOADS = "downloads"  # where PDFs and zips go in the site
GENERIC = "generic"
CARDS_PER_SHEET = 6


class RefusedFetch(Exception):
    """A print source asked for a resource that is not allowed."""


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


def source_date() -> dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return None


def stamp(workshop: Workshop, plan: Plan | None) -> str:
    if plan is None:
        return f"Place: ____________________   Date: ____________   Pack version {workshop.version}"
    return f"{plan.pack.place} · {plan.pack.date.long} · Pack version {workshop.version}"


def folder(plan: Plan | None) -> str:
    return f"{DOWNLOADS}/{plan.slug if plan else GENERIC}"


def file_stem(plan: Plan | None) -> str:
    return plan.slug if plan else "iwe-workshop"


def blank_agenda(workshop: Workshop) -> list[dict]:
    return [dict(title=s.title, minutes=default_minutes(s), section=s) for s in workshop.sections]


def jobs(workshop: Workshop, plan: Plan | None, root: Path) -> list[PrintJob]:
    """Every PDF for one place (or, with ``plan=None``, the blank generic pack)."""
    templates = Path(root) / "overrides"
    base = dict(w=workshop, plan=plan, p=plan.pack if plan else None, stamp=stamp(workshop, plan),
                version=workshop.version, created=_created(), to_html=to_html,
                blank_agenda=blank_agenda(workshop), copies=COPIES_LABELS)
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
    add("slides", f"{workshop.deck.title}: slides{place}", "deck.html", ["content/slides.yml"], "16:9",
        deck=workshop.deck)
    add("slides-handout", f"{workshop.deck.title}: slides with speaker notes{place}", "deck-handout.html",
        ["content/slides.yml"], deck=workshop.deck)
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
            group=None, rows=_sign_in_rows(plan), cards=CARDS_PER_SHEET)
    return out


def _sign_in_rows(plan: Plan | None) -> int:
    return plan.pack.attendees + max(3, math.ceil(plan.pack.attendees / 10)) if plan else 16


def _paper_class(paper: str) -> str:
    return "deck" if paper == "16:9" else paper.lower().replace(" ", "-")


def _created() -> str | None:
    when = source_date()
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


# --- rendering --------------------------------------------------------------------------------


def assets_digest(root: Path) -> str:
    """A hash of everything a print template can pull in: templates, styles, fonts, and WeasyPrint itself."""
    import weasyprint

    h = hashlib.sha256(f"weasyprint {weasyprint.__version__}; iwe-pack print v1".encode())
    for folder_ in (Path(root) / "overrides" / PRINT, Path(root) / "overrides" / "assets" / "fonts"):
        for path in sorted(p for p in folder_.rglob("*") if p.is_file()):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cache_key(job: PrintJob, digest: str) -> str:
    return hashlib.sha256(f"{digest}\0{job.title}\0{job.html}".encode()).hexdigest()


def cache_dir(root: Path) -> Path:
    """Where rendered PDFs are kept, named by content hash: ``.cache/iwe-pack/pdf`` in the project,
    or ``$IWE_PACK_CACHE/pdf`` (safe to share between checkouts, since names are content hashes)."""
    shared = os.environ.get("IWE_PACK_CACHE")
    return (Path(shared) if shared else Path(root) / ".cache" / "iwe-pack") / "pdf"


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
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            if inside:
                raise RefusedFetch(f"{url}: no such file in the project")
        raise RefusedFetch(url)

    fetch = __call__


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


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_pdf(html: str, root: str, out: str, identifier: str) -> list[str]:
    """Render one PDF to ``out`` atomically; return the problems (empty when all went well).

    Runs in a worker process: takes and returns only plain values.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        with atomic.replacing(Path(out)) as tmp:
            base_url = (Path(root) / "overrides" / PRINT).as_uri() + "/"
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher(Path(root)))
            document.write_pdf(tmp, pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode()[:32])
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
        allowed = ("only files inside the project and data: URLs may be used in print-offs"
                   if "refused" in problem else "fix the source so that the print-off renders without warnings")
        errors.append(SourceError(where, line, None, f"{problem} (making {job.name}); {allowed}"))
    return errors


def _unfile(url: str) -> str:
    return url.removeprefix("refused: ").rsplit("/", 1)[-1] if url.startswith("file:") else url


def _targets(print_jobs: list[PrintJob], root: Path) -> list[tuple[PrintJob, Path, str]]:
    """Each job with the cache file its PDF lives in, and the key that names it."""
    cache, digest = cache_dir(root), assets_digest(root)
    keys = [cache_key(job, digest) for job in print_jobs]
    return [(job, cache / f"{key}.pdf", key) for job, key in zip(print_jobs, keys)]


def cached(print_jobs: list[PrintJob], root: Path) -> dict[str, Path]:
    """The jobs whose PDF is already in the cache: {site path: cached PDF}."""
    return {job.path: target for job, target, _ in _targets(print_jobs, root) if target.is_file()}


def render_all(print_jobs: list[PrintJob], root: Path, workers: int | None = None,
               progress: Callable[[int, int, PrintJob, bool], None] | None = None) -> dict[str, Path]:
    """Render every job (from the cache where nothing changed); return {site path: cached PDF}.

    Uncached jobs render in parallel, one process per job. Raises SourceErrors naming every job that failed.
    """
    root = Path(root)
    cache = cache_dir(root)
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(".tmp-*.part"):  # left by a killed build
        if time.time() - stale.stat().st_mtime > 3600:
            stale.unlink(missing_ok=True)
    done: dict[str, Path] = {}
    todo = []
    for job, target, key in _targets(print_jobs, root):
        if target.is_file():
            done[job.path] = target
            if progress:
                progress(len(done), len(print_jobs), job, True)
        else:
            todo.append((job, target, key))
    errors: list[SourceError] = []
    if todo:
        workers = workers or min(len(todo), os.cpu_count() or 1)
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(render_pdf, job.html, str(root), str(target), key): (job, target)
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


def write_zip(out: Path, members: dict[str, bytes | Path]) -> None:
    """Write a zip atomically, with members in name order and fixed timestamps (reproducible)."""
    when = source_date() or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    stamp_ = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    with atomic.replacing(out) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name in sorted(members):
                data = members[name]
                info = zipfile.ZipInfo(name, date_time=stamp_)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, data.read_bytes() if isinstance(data, Path) else data)


def zip_name(workshop: Workshop, plan: Plan | None) -> str:
    return f"{DOWNLOADS}/{file_stem(plan)}-pack-v{workshop.version}.zip"


__all__ = ["PrintJob", "SafeFetcher", "jobs", "render_all", "write_zip", "zip_name"]
