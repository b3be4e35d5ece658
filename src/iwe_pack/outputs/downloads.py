"""Downloads for the site: every place's print-offs and zip, and the generic blank pack.

:func:`downloads` renders what the cache lacks (unless told not to) and maps
each file's path in the site to the file on disk that holds its bytes.
Engine-neutral: the MkDocs hook adds these as files; another engine could copy them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping

from ..checks.styles import print_digest
from ..model.plan import Plan, with_pages
from ..model.project import Project
from ..model.workshop import Workshop
from ..sources.fonts import truetype
from ..sources.layout import FONTS, PACKS
from ..sources.settings import Settings
from ..views import pages, paths, powerpoint, print_counts, print_jobs
from ..views.whole_site import Rendered
from . import atomic, pdf
from .archive import write_zip


@dataclass
class Downloads:
    files: dict[str, Path] = field(default_factory=dict)  # site path -> bytes on disk
    pending: list[print_jobs.PrintJob] = field(default_factory=list)  # not rendered yet (serve)
    jobs: list[print_jobs.PrintJob] = field(default_factory=list)


def downloads(project: Project, rendered: Rendered, render: bool = True,
              pool: concurrent.futures.ProcessPoolExecutor | None = None,
              page_ready: Callable[[str], None] = lambda uri: None,
              make_jobs: print_jobs.JobMaker = print_jobs.jobs) -> Downloads:
    """Render the print jobs (from the cache where nothing changed), count their pages into each place's print
    list, then render what shows the counts (the facilitator pack and the print runs' own sheets), merge the print
    runs, and make each place's slides and zip. The place's page is made again with the counted print list, and so
    is "Plan your day" once every place is counted (:func:`counted_pages`): ``page_ready`` is told each one's path
    as it is done. ``pool``: the processes to render in (``pdf.start_pool``).

    Without ``render`` (serving), what the cache lacks is left pending; the counts are those of the cache.
    ``make_jobs``: what makes the print jobs (what made ``rendered``'s)."""
    root, settings, workshop, plans = project.root, project.settings, project.workshop, project.plans
    out = Downloads()
    when = settings.source_date
    per_place = dict(rendered.jobs)
    first = [j for place_jobs in per_place.values() for j in place_jobs if not shows_counts(j)]
    cache = pdf.cache_dir(root, settings)
    sheets_cache = settings.cache_folder(root) / "print-run-sheets"  # only inside a run: kept apart from the PDFs
    plans_by_slug: dict[str | None, Plan] = {p.slug: p for p in plans}
    runs: dict[str | None, list[print_jobs.PrintRun]] = {}
    counted: dict[str | None, list] = {}
    second: list[print_jobs.PrintJob] = []
    merged: dict[str | None, list[concurrent.futures.Future]] = {}
    page_counts = PageCounts(settings.cache_folder(root))

    def late_jobs(plan, items: list) -> list[print_jobs.PrintJob]:
        """What shows the counted print list: the facilitator pack."""
        return make_jobs(workshop, replace(plan, print_list=items) if plan else None, project.templates, when,
                         root / FONTS, names={"facilitator-pack"})

    def counted_places(done: dict[str, Path]) -> list[tuple[print_jobs.PrintJob, Path]]:
        """Each place whose print-offs are all rendered: its counted print list, page, facilitator pack and runs."""
        more = []
        for slug, place_jobs in per_place.items():
            plan = plans_by_slug.get(slug)
            items = print_jobs.print_list_of(plan, workshop)
            counts = None if slug in counted else _counts(plan, items, done, page_counts)
            if counts is None:
                continue
            counted[slug] = items = with_pages(items, counts)
            late = late_jobs(plan, items)
            if plan:
                plans_by_slug[slug] = plan = replace(plan, print_list=items)
                page_ready(_page_again(project, rendered, plan))
            per_place[slug] = [late[0] if shows_counts(j) else j for j in place_jobs]
            second.extend(late)
            more += [(j, cache) for j in late]
            if render:  # print runs, like zips, only in a full build
                runs[slug] = print_jobs.print_runs(workshop, plan, items, project.templates, when)
                more += [(r.sheets_job, sheets_cache) for r in runs[slug]]
            if len(counted) == len(per_place):  # the last counted: the planner's pages model is measured
                page_ready(_plan_page_again(project, rendered, counted))
        for slug, place_runs in runs.items():  # merged as soon as their sheets are made, while the rest render
            if slug in merged or not all(r.sheets_job.path in done for r in place_runs):
                continue
            again = _order_pages(place_runs, done, page_counts)
            if again:  # an order for the print room longer than its one page: made again with its pages
                runs[slug] = print_jobs.print_runs(workshop, plans_by_slug.get(slug), counted[slug],
                                                   project.templates, when, again)
                more += [(r.sheets_job, sheets_cache) for r in runs[slug]]
                continue
            merged[slug] = [_merged(r, done, cache, submit) for r in place_runs]
        return more

    # a print run is merged in a render process where there are some: copying pages holds the build's own thread
    submit = pool.submit if pool is not None else _now

    kept = settings.cache_folder(root)
    fonts = {weight: _kept_truetype(root / FONTS, weight, kept) for weight in (400, 700)}
    # each place's deck (not made from the print list) is looked for in a thread while the PDFs render, and made
    # in a render process where there are some
    decks = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    deck_of = {slug: decks.submit(_kept_deck, workshop, plans_by_slug.get(slug), fonts, when, kept, submit)
               for slug in per_place}
    try:
        if render:
            ahead = _guessed_ahead(per_place, plans_by_slug, workshop, first, page_counts, root, cache, late_jobs)
            made = pdf.render_all(_counted_first(first, per_place, plans_by_slug, workshop, ahead), root, cache,
                                  then=counted_places, pool=pool)
            out.files.update({path: file for path, file in made.items() if not path.endswith(GUESS)})
        else:
            _pending(out, first, root, cache)
            counted_places(out.files)
            late = {j.path for j in second}
            _pending(out, second + [j for place_jobs in per_place.values() for j in place_jobs
                                    if shows_counts(j) and j.path not in late], root, cache)
        deck_files = {slug: made.result() for slug, made in deck_of.items()}
    finally:
        decks.shutdown(cancel_futures=True)
    page_counts.save()
    out.jobs = first + second
    for slug, place_jobs in per_place.items():
        plan = plans_by_slug.get(slug)
        out.files[paths.pptx_name(plan)] = deck_files[slug]
        kit = [j for j in place_jobs if slug is None and j.handout and workshop.handouts[j.handout].group == "wtfc"]
        if kit and all(j.path in out.files for j in kit):
            out.files[paths.wtfc_kit_name(workshop)] = _zip({j.name: out.files[j.path] for j in kit}, kept, settings)
        for run in runs.get(slug, []):  # a run's own sheets are in the run, not a download of their own
            out.files.pop(run.sheets_job.path, None)
        if slug not in merged:
            continue
        for run, merging in zip(runs[slug], merged[slug]):
            out.files[run.path] = merging.result()
        # the zip holds what is printed for the day: the print runs, each print-off on the list, the facilitator
        # pack; records, reports, slides and letters are beside it on the place's page
        items = counted[slug]
        wanted = [r.path for r in runs[slug]] + [path for _, path in _counted_files(plan, items)]
        wanted += [j.path for j in place_jobs if shows_counts(j)]
        if all(path in out.files for path in wanted):
            members = {path.rsplit("/", 1)[-1]: out.files[path] for path in wanted}
            out.files[paths.zip_name(workshop, plan)] = _zip(members, kept, settings)
    return out


GUESS = "#guessed"  # a job rendered ahead, from guessed counts: in the cache, but not (by this path) in the site


def _guessed_ahead(per_place: dict, plans_by_slug: dict, workshop: Workshop, first: list, page_counts: "PageCounts",
                   root: Path, cache: Path, late_jobs: Callable) -> list[print_jobs.PrintJob]:
    """The facilitator pack of each place whose print-offs changed, made from the pages they had in the last build,
    to render at once, ahead of the rest. It shows the counted print list, so it waited for the changed print-offs
    to render (about a second) before its own render (the longest of a place's, about two) began; an edit seldom
    changes a print-off's pages, and then the real job, the same, finds it made. Where the pages did change it
    is only work wasted. A place never counted (a new one) is guessed by the pages model (``views.print_counts``:
    what the browser's planner shows), from the pages the other places' print-offs had; a place with no print-off
    changed is not guessed."""
    digest = print_digest(root)
    by_path = {j.path: j for j in first}
    ahead = []
    facts = None
    for slug in per_place:
        plan = plans_by_slug.get(slug)
        items = print_jobs.print_list_of(plan, workshop)
        counts: dict[tuple[str, str], int | None] = {}
        changed = False
        for key, path in _counted_files(plan, items):
            job = by_path.get(path)
            target = cache / f"{pdf.cache_key(job, digest)}.pdf" if job else None
            if target is not None and target.is_file():
                counts[key] = page_counts(target, path)
            else:
                changed = True
                counts[key] = page_counts.paths.get(path)
        if not changed:
            continue
        known = {key: pages for key, pages in counts.items() if pages is not None}
        if len(known) < len(counts):  # never counted: the pages model's guess
            facts = facts or print_counts.page_facts(workshop, _last_counted(per_place, plans_by_slug, workshop,
                                                                             page_counts))
            if not facts["measured"]:
                continue
            known = {(item.name, who): pages for item in items
                     for (who, _), pages in zip(item.files, print_counts.pages_of(item, plan, facts))}
        ahead += [replace(j, path=j.path + GUESS) for j in late_jobs(plan, with_pages(items, known))]
    return ahead


def _last_counted(per_place: dict, plans_by_slug: dict, workshop: Workshop, page_counts: "PageCounts") -> dict:
    """Each place's print list with the pages its files had in the last build (the places then counted)."""
    out = {}
    for slug in per_place:
        plan = plans_by_slug.get(slug)
        items = print_jobs.print_list_of(plan, workshop)
        counts = {key: page_counts.paths.get(path) for key, path in _counted_files(plan, items)}
        known = {key: pages for key, pages in counts.items() if pages is not None}
        if len(known) == len(counts):
            out[slug] = with_pages(items, known)
    return out


def _counted_first(first: list, per_place: dict, plans_by_slug: dict, workshop: Workshop,
                   ahead: list) -> list[print_jobs.PrintJob]:
    """The order to render in: what a place's page waits for (the files of its print list, whose pages it shows),
    longest first; then what is made ahead (its facilitator pack), then the rest (slides, records, letters)."""
    counted = {path for slug in per_place for _, path in _counted_files(
        plans_by_slug.get(slug), print_jobs.print_list_of(plans_by_slug.get(slug), workshop))}
    waited = sorted((j for j in first if j.path in counted), key=lambda j: -len(j.html))
    return waited + ahead + [j for j in first if j.path not in counted]


def shows_counts(job: print_jobs.PrintJob) -> bool:
    """The facilitator pack prints the counted print list: it is rendered once the pages are counted."""
    return job.handout is None and job.path.endswith("-facilitator-pack.pdf")


def _pending(out: Downloads, jobs: list, root: Path, cache: Path) -> None:
    """Serving: what the cache has, and the rest left to render in the background."""
    cached = pdf.cached(jobs, root, cache)
    out.files.update(cached)
    out.pending += [j for j in jobs if j.path not in cached]


def _counts(plan, items, files: dict[str, Path], pages: "PageCounts") -> dict[tuple[str, str], int] | None:
    """Each file's pages, {(print-off name, group): pages}, from the rendered PDFs; None if one is not there yet."""
    counts = {}
    for key, path in _counted_files(plan, items):
        if path not in files:
            return None
        counts[key] = pages(files[path], path)
    return counts


def _counted_files(plan, items: list) -> list[tuple[tuple[str, str], str]]:
    """Each file of a print list, whose pages the list counts: ((print-off name, group), its PDF in the site)."""
    return [((item.name, who), path) for item in items for who, path in print_jobs.file_paths(plan, item)]


class PageCounts:
    """A rendered PDF's pages, kept in one small file of the cache by the PDF's name there. A cached PDF is named
    by a hash of what it is made from and never written again, so its count never changes; opening every PDF of
    every place to count its pages again cost each build about 1 ms a PDF. A PDF not in the file (a new or changed
    one: a new name) is opened and counted; a damaged or unreadable file is counted afresh, never trusted.

    ``paths`` holds the pages last counted for each file of the site (a guess only: see :func:`_guessed_ahead`)."""

    def __init__(self, cache: Path):
        self.file = Path(cache) / "page-counts.json"
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        kept = kept if isinstance(kept, dict) else {}
        self.known, self.paths = ({k: v for k, v in part.items() if isinstance(v, int) and v > 0}
                                  if isinstance(part, dict) else {}
                                  for part in (kept.get("files"), kept.get("paths")))
        self.added = False

    def __call__(self, path: Path, site_path: str | None = None) -> int:
        name = Path(path).name
        if name not in self.known:
            self.known[name] = _pages(path)
            self.added = True
        if site_path is not None and self.paths.get(site_path) != self.known[name]:
            self.paths[site_path] = self.known[name]
            self.added = True
        return self.known[name]

    def save(self) -> None:
        if self.added:
            with contextlib.suppress(OSError):  # a cache that cannot be written makes builds slower, never wrong
                atomic.write_bytes(self.file, json.dumps({"files": self.known, "paths": self.paths},
                                                         sort_keys=True).encode())
            self.added = False


def _pages(path: Path) -> int:
    """A rendered PDF's pages, read from the file."""
    import pikepdf

    with pikepdf.open(path) as doc:
        return len(doc.pages)


def _order_pages(runs: list, files: dict[str, Path], pages: PageCounts) -> dict[str, int] | None:
    """The pages each run's order for the print room took, if any took other than it was made for."""
    found = {r.paper: pages(files[r.sheets_job.path]) - len(r.entries) - 1 for r in runs if r.sheets_job.path in files}
    return found if any(found[r.paper] != r.order_pages for r in runs if r.paper in found) else None


def _merged(run, files: dict[str, Path], cache: Path, submit: Callable) -> concurrent.futures.Future:
    """The print run merged from its own sheets and the print-offs' PDFs, kept with the PDFs by a hash of what it is
    made of (merged by ``submit``, unless an earlier build made it)."""
    order = [(kind, what if kind == "page" else (files[what[0]], what[1])) for kind, what in run.order]
    h = hashlib.sha256(f"print run v1 {files[run.sheets_job.path].name}".encode())
    for kind, what in order:
        h.update(f"{kind} {what if kind == 'page' else (what[0].name, what[1])}\n".encode())
    target = cache / f"{h.hexdigest()}.pdf"
    return _now(Path, target) if target.is_file() else submit(_merge_into, files[run.sheets_job.path], order, target)


def _merge_into(base: Path, order: list, target: Path) -> Path:
    with atomic.replacing(target) as tmp:
        pdf.merge(base, order, Path(tmp))
    return target


def _now(fn: Callable, *args) -> concurrent.futures.Future:
    """``fn(*args)`` done here and now, as a finished future."""
    done: concurrent.futures.Future = concurrent.futures.Future()
    try:
        done.set_result(fn(*args))
    except Exception as exc:
        done.set_exception(exc)
    return done


def counted_pages(project: Project, rendered: Rendered) -> dict[str, int]:
    """The pages :func:`downloads` makes again once the print-offs' pages are counted, each with how late it is
    likely to be ready: 1, a place's page whose print-offs are all in the cache (counted at once); 2, a place's
    page with a print-off to render; 3, "Plan your day" (counted from every place's)."""
    cache = pdf.cache_dir(project.root, project.settings)
    waited = {plan.slug: [j for j in rendered.jobs.get(plan.slug, []) if not shows_counts(j)] for plan in project.plans}
    found = pdf.cached([j for jobs in waited.values() for j in jobs], project.root, cache)  # one look at the cache
    out = {}
    for plan in project.plans:
        page = f"{PACKS}/{plan.slug}.md"
        if page in rendered.pages:
            out[page] = 1 if all(j.path in found for j in waited[plan.slug]) else 2
    if pages.PLAN_PAGE in rendered.pages:
        out[pages.PLAN_PAGE] = 3
    return out


def _page_again(project: Project, rendered: Rendered, plan) -> str:
    """The place's page made again with its counted print list (the pages were made before the PDFs)."""
    page = f"{PACKS}/{plan.slug}.md"
    if page in rendered.pages:
        made = pages.pack_pages([plan], project.workshop, project.templates, rendered.letters, rendered.listings)
        rendered.pages[page] = made[page]
    return page


def _plan_page_again(project: Project, rendered: Rendered, counted: dict) -> str:
    """"Plan your day" made again with each print-off's pages measured from the counted PDFs, for its print list."""
    if pages.PLAN_PAGE in rendered.pages:
        facts = print_counts.page_facts(project.workshop, counted)
        made = pages.plan_page(project.workshop, project.templates, project.root / FONTS, facts)
        rendered.pages[pages.PLAN_PAGE] = made[pages.PLAN_PAGE]
    return pages.PLAN_PAGE


def _kept_truetype(fonts_dir: Path, weight: int, cache: Path) -> bytes:
    """The pack's font as one TrueType file (for the slides), made once and kept beside the PDFs by a hash of
    the font files it is made from: merging them took about 0.2 s of every build."""
    import fontTools

    h = hashlib.sha256(f"truetype v1 {weight} fontTools {fontTools.version}".encode())
    for path in sorted(Path(fonts_dir).glob(f"*-{weight}-normal.woff2")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    shelf = atomic.Shelf(cache / "fonts")
    key = f"{h.hexdigest()}.ttf"
    data = shelf.get(key)
    if data is None:
        shelf[key] = data = truetype(fonts_dir, weight)
    return data


def _kept_deck(workshop: Workshop, plan, fonts: dict[int, bytes], when, cache: Path, submit: Callable) -> Path:
    """A place's .pptx, made (by ``submit``) only if no earlier build made it from the same words, diagrams, fonts
    and code (``powerpoint.pptx_inputs``): making one took 0.2 to 0.75 s, for every place, in every build."""
    h = hashlib.sha256(powerpoint.pptx_inputs(workshop, plan, when).encode())
    h.update(_code_digest().encode())
    for weight in sorted(fonts):
        h.update(hashlib.sha256(fonts[weight]).digest())
    target = cache / "pptx-made" / f"{h.hexdigest()}.pptx"
    return target if target.is_file() else submit(_make_deck, workshop, plan, fonts, when, target).result()


def _make_deck(workshop: Workshop, plan, fonts: dict[int, bytes], when, target: Path) -> Path:
    atomic.write_bytes(target, powerpoint.pptx_bytes(workshop, plan, fonts, when))
    return target


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The engine's views (what lays out a deck) and python-pptx's version: a change to either makes decks again."""
    from importlib.metadata import version

    h = hashlib.sha256(f"python-pptx {version('python-pptx')}".encode())
    folder = Path(powerpoint.__file__).parent
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _zip(members: Mapping[str, bytes | Path], cache: Path, settings: Settings) -> Path:
    """Build (or reuse) a zip in the cache, named by the hash of what it holds."""
    h = hashlib.sha256(f"zip v1 {settings.source_date}".encode())
    for name in sorted(members):
        data = members[name]
        h.update(name.encode() + b"\0" + (data.name.encode() if isinstance(data, Path) else hashlib.sha256(data).digest()))
    target = cache / "zip" / f"{h.hexdigest()}.zip"
    if not target.is_file():
        write_zip(target, members, settings.source_date)
    return target


def write_offline_zip(site_dir: Path, workshop: Workshop, settings: Settings, cache: Path | None = None,
                      kept_files: dict[str, Path] | None = None) -> Path:
    """Zip the built site (all but this zip) for use from a downloaded folder; reproducible and atomic.

    With ``cache``, the zip is kept there by a hash of every file it holds, and a build whose site did not change
    links the kept one in instead of compressing the whole site again; one that changed compresses only the files
    that changed (each file's compressed bytes are kept too). ``kept_files`` ({site path: file in the cache}) names
    the files linked in from the cache, whose names there say what they hold: they are not read to be hashed."""
    site_dir = Path(site_dir)
    name = paths.offline_zip_name(workshop)
    top = f"wellbeing-workshop-pack-v{workshop.version}"
    inside = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*"))
              if p.is_file() and p.relative_to(site_dir).as_posix() != name and not p.name.startswith(".tmp-")}
    members: dict[str, bytes | Path] = {f"{top}/{rel}": p for rel, p in inside.items()}
    readme = ("The wellbeing workshop pack, for use without an internet connection.\n"
              "Unzip this folder, then open index.html in a web browser.\n"
              f"Pack version {workshop.version}.\n").encode()
    members[f"{top}/README.txt"] = readme
    target = site_dir / name
    if cache is None:
        write_zip(target, members, settings.source_date)
        return target
    ids = {f"{top}/{rel}": _identity(p, (kept_files or {}).get(rel)) for rel, p in inside.items()}
    ids[f"{top}/README.txt"] = "sha256 " + hashlib.sha256(readme).hexdigest()
    h = hashlib.sha256(f"offline v2 {settings.source_date}".encode())
    for member in sorted(members):
        h.update(f"{member}\0{ids[member]}\n".encode())
    kept = cache / "offline" / f"{h.hexdigest()}.zip"
    if not kept.is_file():
        write_zip(kept, members, settings.source_date, store=cache / "deflated", ids=ids)
    atomic.link_or_copy(kept, target)
    return target


def _identity(path: Path, cached: Path | None) -> str:
    """A name for a site file's bytes: the cache file it is a hard link of (named by a hash of what it is made
    from, and never written again), else a hash of its bytes (a page, or a copy where linking was not possible)."""
    if cached is not None:
        try:
            here, there = path.stat(), cached.stat()
            if (here.st_ino, here.st_dev) == (there.st_ino, there.st_dev):
                return f"cached {cached.parent.name}/{cached.name}"
        except OSError:
            pass
    return "sha256 " + hashlib.sha256(path.read_bytes()).hexdigest()
