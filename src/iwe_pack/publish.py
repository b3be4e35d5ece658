"""Downloads for the site: every place's print-offs and zip, and the generic blank pack.

:func:`downloads` plans them (and renders what the cache lacks, unless told
not to); the result maps each file's path in the site to the file that holds
its bytes, plus the lists the pages show. Engine-neutral: the MkDocs hook
adds these as files; another engine could copy them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import printing, site
from .model import Workshop
from .packs import Plan


@dataclass
class Download:
    path: str  # in the site
    title: str
    paper: str = ""
    kind: str = "PDF"
    handout: str | None = None


@dataclass
class Downloads:
    files: dict[str, Path] = field(default_factory=dict)  # site path -> bytes on disk
    pending: list[printing.PrintJob] = field(default_factory=list)  # not rendered yet (serve)
    by_place: dict[str | None, list[Download]] = field(default_factory=dict)  # None: the generic pack
    jobs: list[printing.PrintJob] = field(default_factory=list)


def downloads(workshop: Workshop, plans: list[Plan], root: Path, render: bool = True,
              progress: Callable | None = None) -> Downloads:
    root = Path(root)
    out = Downloads()
    per_place: dict[str | None, list[printing.PrintJob]] = {}
    for plan in [None, *plans]:
        per_place[plan.slug if plan else None] = printing.jobs(workshop, plan, root)
        out.jobs += per_place[plan.slug if plan else None]
    if render:
        out.files.update(printing.render_all(out.jobs, root, progress=progress))
    else:
        cached = printing.cached(out.jobs, root)
        out.files.update(cached)
        out.pending = [j for j in out.jobs if j.path not in cached]
    plans_by_slug = {p.slug: p for p in plans}
    for slug, place_jobs in per_place.items():
        plan = plans_by_slug.get(slug)
        listing = [Download(j.path, j.title, j.paper, "PDF", j.handout) for j in place_jobs]
        if all(j.path in out.files for j in place_jobs):
            members = {j.name: out.files[j.path] for j in place_jobs}
            if plan:
                for name, text in site.letters(plan, workshop, root / "content").items():
                    members[f"{plan.slug}-{name}"] = text.encode("utf-8")
            zip_path = printing.zip_name(workshop, plan)
            out.files[zip_path] = _zip(members, root)
        listing.insert(0, Download(printing.zip_name(workshop, plan), "All the print-offs in one zip file", "", "ZIP"))
        out.by_place[slug] = listing
    return out


def _zip(members: dict[str, bytes | Path], root: Path) -> Path:
    """Build (or reuse) a zip in the cache, named by the hash of what it holds."""
    h = hashlib.sha256(f"zip v1 {printing.source_date()}".encode())
    for name in sorted(members):
        data = members[name]
        h.update(name.encode() + b"\0" + (data.name.encode() if isinstance(data, Path) else hashlib.sha256(data).digest()))
    target = printing.cache_dir(root).parent / "zip" / f"{h.hexdigest()}.zip"
    if not target.is_file():
        printing.write_zip(target, members)
    return target


def none(plans: list[Plan]) -> Downloads:
    """No downloads at all (the pages then list none): a pages-only build."""
    return Downloads(by_place={None: [], **{p.slug: [] for p in plans}})
