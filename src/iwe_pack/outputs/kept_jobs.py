"""Each place's print jobs (the HTML of its print-offs), kept between builds by what they are made from.

Making a place's print jobs renders about thirty templates: some 13 ms a place, in every build, before the cache of
PDFs could even be asked whether anything changed. :class:`KeptJobs` is called as :func:`views.print_jobs.jobs` is,
and gives back what an earlier build made from the very same inputs:

- the workshop and the place's plan, by their fingerprints (``outputs.fingerprint``: every value in them);
- the templates (each one's file and text), the date the build gives, and the fonts (what a report can print);
- the engine's code and the versions of the libraries that make HTML.

Anything else the same function could read is not there to read: views are pure. A value the fingerprint cannot
vouch for makes the jobs afresh. Each place keeps one entry (for each set of jobs asked for), compressed, with a
hash of its bytes (``atomic.Shelf``): a damaged entry, or a cache that cannot be read or written, makes the jobs
again; it is never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from pathlib import Path

from ..model.plan import Plan
from ..model.workshop import Workshop
from ..sources.templates import TemplateSet
from ..views.print_jobs import PrintJob, jobs
from . import atomic
from .fingerprint import Fingerprints, Unknown, code_digest

FOLDER = "print-jobs"


class KeptJobs:
    def __init__(self, cache: Path):
        self.shelf = atomic.Shelf(Path(cache) / FOLDER)
        self.fingerprints = Fingerprints()
        self.fonts: dict[Path, bytes] = {}
        self.reused = 0
        self.made = 0

    def __call__(self, workshop: Workshop, plan: Plan | None, templates: TemplateSet, when: dt.datetime | None = None,
                 fonts_dir: Path | None = None, names: set[str] | None = None) -> list[PrintJob]:
        """:func:`views.print_jobs.jobs` of the same arguments: kept from an earlier build, or made now (and kept)."""
        try:
            key = self._key(workshop, plan, templates, when, fonts_dir, names)
        except Unknown:
            return jobs(workshop, plan, templates, when, fonts_dir, names)
        slot = hashlib.sha256(f"{plan.slug if plan else ''}\0{sorted(names) if names else ''}".encode()).hexdigest()
        kept = _decoded(self.shelf.get(slot[:40]), key)
        if kept is not None:
            self.reused += 1
            return kept
        made = jobs(workshop, plan, templates, when, fonts_dir, names)
        self.made += 1
        entry = {"key": key, "jobs": [_plain(job) for job in made]}
        self.shelf[slot[:40]] = zlib.compress(json.dumps(entry).encode("utf-8", "surrogatepass"), 1)
        return made

    def _key(self, workshop: Workshop, plan: Plan | None, templates: TemplateSet, when: dt.datetime | None,
             fonts_dir: Path | None, names: set[str] | None) -> str:
        of = self.fingerprints.of
        h = hashlib.sha256(f"print jobs v1\0{code_digest()}\0{when!r}\0{sorted(names) if names else names!r}".encode())
        for part in (of(workshop), of(plan), of(templates.items), self._fonts(fonts_dir)):
            h.update(part)
        return h.hexdigest()

    def _fonts(self, folder: Path | None) -> bytes:
        """The font files a report is checked against (what it can print), once a build."""
        if folder is None:
            return b"-"
        if folder not in self.fonts:
            h = hashlib.sha256()
            for path in sorted(Path(folder).rglob("*")) if Path(folder).is_dir() else ():
                if path.is_file():
                    h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
            self.fonts[folder] = h.digest()
        return self.fonts[folder]


def _plain(job: PrintJob) -> dict:
    return {"path": job.path, "title": job.title, "html": job.html, "sources": list(job.sources), "paper": job.paper,
            "handout": job.handout, "alts": list(job.alts), "part": job.part}


def _decoded(kept: bytes | None, key: str) -> list[PrintJob] | None:
    """The jobs an entry holds, if it was kept for ``key``; None for anything else (or anything damaged)."""
    if kept is None:
        return None
    try:
        entry = json.loads(zlib.decompress(kept).decode("utf-8", "surrogatepass"))
        if entry["key"] != key:
            return None
        return [PrintJob(path=j["path"], title=j["title"], html=j["html"], sources=tuple(j["sources"]),
                         paper=j["paper"], handout=j["handout"], alts=tuple(j["alts"]), part=j["part"])
                for j in entry["jobs"]]
    except (zlib.error, ValueError, KeyError, TypeError):
        return None
