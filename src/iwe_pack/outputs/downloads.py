"""Downloads for the site: every place's print-offs and zip, and the generic blank pack.

:func:`downloads` renders what the cache lacks (unless told not to) and maps
each file's path in the site to the file on disk that holds its bytes.
Engine-neutral: the MkDocs hook adds these as files; another engine could copy them.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..model.project import Project
from ..model.project import FONTS
from ..sources.fonts import truetype
from ..model.workshop import Workshop
from ..sources.settings import Settings
from ..views import paths, print_jobs, slides
from ..views.whole_site import Rendered
from . import atomic, pdf
from .archive import write_zip


@dataclass
class Downloads:
    files: dict[str, Path] = field(default_factory=dict)  # site path -> bytes on disk
    pending: list[print_jobs.PrintJob] = field(default_factory=list)  # not rendered yet (serve)
    jobs: list[print_jobs.PrintJob] = field(default_factory=list)


def downloads(project: Project, rendered: Rendered, render: bool = True, progress: Callable | None = None
              ) -> Downloads:
    """Render the print jobs (from the cache where nothing changed), and make each place's slides and zip."""
    root, settings, workshop, plans = project.root, project.settings, project.workshop, project.plans
    out = Downloads()
    when = settings.source_date
    per_place = rendered.jobs
    for place_jobs in per_place.values():
        out.jobs += place_jobs
    cache = pdf.cache_dir(root, settings)
    if render:
        out.files.update(pdf.render_all(out.jobs, root, cache, progress=progress))
    else:
        cached = pdf.cached(out.jobs, root, cache)
        out.files.update(cached)
        out.pending = [j for j in out.jobs if j.path not in cached]
    plans_by_slug = {p.slug: p for p in plans}
    kept = settings.cache_folder(root)
    fonts = {weight: _kept_truetype(root / FONTS, weight, kept) for weight in (400, 700)}
    for slug, place_jobs in per_place.items():
        plan = plans_by_slug.get(slug)
        pptx_path = paths.pptx_name(plan)
        out.files[pptx_path] = _kept_deck(workshop, plan, fonts, when, kept)
        kit = [j for j in place_jobs if j.handout and workshop.handouts[j.handout].group == "wtfc"]
        if kit and all(j.path in out.files for j in kit):
            out.files[paths.wtfc_kit_name(workshop)] = _zip({j.name: out.files[j.path] for j in kit}, kept, settings)
        core = [j for j in place_jobs if j not in kit]
        if all(j.path in out.files for j in core):
            members = {j.name: out.files[j.path] for j in core}
            members[pptx_path.rsplit("/", 1)[-1]] = out.files[pptx_path]
            if plan:
                for name, text in rendered.letters[plan.slug].items():
                    members[f"{plan.slug}-{name}"] = text.encode("utf-8")
            out.files[paths.zip_name(workshop, plan)] = _zip(members, kept, settings)
    return out


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


def _kept_deck(workshop: Workshop, plan, fonts: dict[int, bytes], when, cache: Path) -> Path:
    """A place's .pptx, made only if no earlier build made it from the same words, diagrams, fonts and code
    (``slides.pptx_inputs``): making one took 0.2 to 0.75 s, for every place, in every build."""
    h = hashlib.sha256(slides.pptx_inputs(workshop, plan, when).encode())
    h.update(_code_digest().encode())
    for weight in sorted(fonts):
        h.update(hashlib.sha256(fonts[weight]).digest())
    target = cache / "pptx-made" / f"{h.hexdigest()}.pptx"
    if not target.is_file():
        atomic.write_bytes(target, slides.pptx_bytes(workshop, plan, fonts, when))
    return target


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The engine's views (what lays out a deck) and python-pptx's version: a change to either makes decks again."""
    from importlib.metadata import version

    h = hashlib.sha256(f"python-pptx {version('python-pptx')}".encode())
    folder = Path(slides.__file__).parent
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _zip(members: dict[str, bytes | Path], cache: Path, settings: Settings) -> Path:
    """Build (or reuse) a zip in the cache, named by the hash of what it holds."""
    h = hashlib.sha256(f"zip v1 {settings.source_date}".encode())
    for name in sorted(members):
        data = members[name]
        h.update(name.encode() + b"\0" + (data.name.encode() if isinstance(data, Path) else hashlib.sha256(data).digest()))
    target = cache / "zip" / f"{h.hexdigest()}.zip"
    if not target.is_file():
        write_zip(target, members, settings.source_date)
    return target


def write_offline_zip(site_dir: Path, workshop: Workshop, settings: Settings, cache: Path | None = None) -> Path:
    """Zip the built site (all but this zip) for use from a downloaded folder; reproducible and atomic.

    With ``cache``, the zip is kept there by a hash of every file it holds, and a build whose site did not change
    links the kept one in instead of compressing the whole site again."""
    site_dir = Path(site_dir)
    name = paths.offline_zip_name(workshop)
    top = f"wellbeing-workshop-pack-v{workshop.version}"
    members: dict[str, bytes | Path] = {
        f"{top}/{p.relative_to(site_dir).as_posix()}": p for p in sorted(site_dir.rglob("*"))
        if p.is_file() and p.relative_to(site_dir).as_posix() != name and not p.name.startswith(".tmp-")}
    members[f"{top}/README.txt"] = (
        "The wellbeing workshop pack, for use without an internet connection.\n"
        "Unzip this folder, then open index.html in a web browser.\n"
        f"Pack version {workshop.version}.\n").encode()
    target = site_dir / name
    if cache is None:
        write_zip(target, members, settings.source_date)
        return target
    h = hashlib.sha256(f"offline v1 {settings.source_date}".encode())
    for member in sorted(members):
        data = members[member]
        h.update(member.encode() + b"\0" + hashlib.sha256(data if isinstance(data, bytes) else data.read_bytes()).digest())
    kept = cache / "offline" / f"{h.hexdigest()}.zip"
    if not kept.is_file():
        write_zip(kept, members, settings.source_date)
    atomic.link_or_copy(kept, target)
    return target
