"""Reading every source into the checked model: the one way in for the site, the PDFs and the command line.

Sources are read (``sources``), checked (``checks``) and composed into a
:class:`Workshop` and a :class:`Plan` for each place. Every problem found is
collected and raised together as :class:`SourceErrors`.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..checks.editor_html import markdown_problems
from ..checks.packs import check_pack, check_plan_fit
from ..checks.project_files import check_project_files
from ..checks.resources import resource_problems
from ..checks.timing import Timed, check_fit
from ..checks.workshop import check_deck, check_matrix, check_ranges, check_slug
from ..diagnostics.record import Collector, SourceError, SourceErrors, did_you_mean
from ..sources import changelog, typed_yaml
from ..sources.schema import AdviceRules, Deck, HandoutsFile, Matrix, PackFile, Section, WorkshopFile
from ..sources.text import read_text
from .advice import advise
from .plan import Plan, allocate, build_agenda, print_list
from .workshop import Workshop

PACKS = "packs"
FONTS = "overrides/assets/fonts"


def load_workshop(root: Path) -> Workshop:
    """Load ``root/content`` and check it; raise SourceErrors listing every problem."""
    root = Path(root)
    content = root / "content"
    errors = Collector(root)
    check_project_files(root, errors)  # links that leave the project; HTML in every editor's Markdown file
    wf: WorkshopFile | None = typed_yaml.load(content / "workshop.yml", WorkshopFile, errors)
    hf: HandoutsFile | None = typed_yaml.load(content / "handouts.yml", HandoutsFile, errors)
    matrix: Matrix | None = typed_yaml.load(content / "matrix.yml", Matrix, errors)
    advice: AdviceRules | None = typed_yaml.load(content / "advice.yml", AdviceRules, errors)
    deck: Deck | None = typed_yaml.load(content / "slides.yml", Deck, errors)
    errors.raise_if_any()
    assert wf and hf and matrix and advice and deck
    check_matrix(matrix, errors)

    handouts = {}
    for h in hf.handouts:
        check_slug(h.id, h, "id", errors)
        if h.id in handouts:
            errors.add(h.origin.file, h.origin.line_for("id"), h.origin.field("id"),
                       f"handout id {h.id!r} is used twice (first on line {handouts[h.id].origin.line_for('id')}); each handout needs its own id")
        body = _read_markdown(content, f"handouts/{h.id}.md", h, "id", errors, required=h.layout == "text")
        handouts.setdefault(h.id, dataclasses.replace(h, body=body or "", origin=h.origin))

    check_ranges(wf, errors)
    sections: list[Section] = []
    seen: dict[str, Section] = {}
    for number, s in enumerate(wf.sections, start=1):
        check_slug(s.id, s, "id", errors)
        if s.id in seen:
            errors.add(s.origin.file, s.origin.line_for("id"), s.origin.field("id"),
                       f"section id {s.id!r} is used twice (first on line {seen[s.id].origin.line_for('id')}); each section needs its own id")
        seen.setdefault(s.id, s)
        for i, ref in enumerate(s.handouts, start=1):
            if ref in handouts and not handouts[ref].in_place_packs:
                errors.add(s.origin.file, s.origin.line_for("handouts"), f"{s.origin.field('handouts')}.{i}",
                           f"found {ref!r}, which is only printed blank (in_place_packs: false in "
                           f"content/handouts.yml); allowed: a handout that place packs print")
            if ref not in handouts:
                hint = did_you_mean(ref, list(handouts))
                errors.add(s.origin.file, s.origin.line_for("handouts"), f"{s.origin.field('handouts')}.{i}",
                           f"found {ref!r}{hint}; allowed: a handout id from content/handouts.yml")
        source = _read_notes(content, s, errors)
        notes = expand_handouts(source, handouts, s, errors) if source else source
        if notes != source:  # handout text put into the notes: check the HTML they make together
            known = {e.message for e in errors.errors}
            for n, problem in markdown_problems(notes, made_from=source):
                if problem not in known:
                    errors.add(f"content/{s.notes or s.notes_path}", n, None, problem + " (with the handout text put in)")
        sections.append(dataclasses.replace(s, notes_markdown=notes or "", number=number, origin=s.origin))

    if not wf.sections:
        errors.add(wf.origin.file, wf.origin.line_for("sections"), "sections", "found no sections; allowed: a list of at least one section")
    errors.raise_if_any()

    budget = wf.budget
    fit = check_fit([Timed(s.title, s.minutes, s.origin.line_for("minutes")) for s in sections], budget.session,
                    "The sections of the running order", "Section")
    if fit:
        errors.add(wf.origin.file, budget.origin.line_for("session"), "budget.session", fit)
    fit = check_fit([Timed(p.title, p.minutes, p.origin.line_for("minutes")) for p in wf.prework], budget.prework,
                    "The pre-work items", "Pre-work")
    if fit:
        errors.add(wf.origin.file, budget.origin.line_for("prework"), "budget.prework", fit)
    check_deck(deck, sections, errors)
    found = changelog.releases(root / "CHANGELOG.md", errors)
    release = changelog.check_version(str(wf.version), found, root / "CHANGELOG.md", errors) if found is not None \
        else None
    known = {r.version for r in found or []}
    for s in sections:
        if found is not None and s.changed and s.changed not in known:
            errors.add(s.origin.file, s.origin.line_for("changed"), s.origin.field("changed"),
                       f"found {s.changed}; allowed: a version listed in CHANGELOG.md ({', '.join(sorted(known - {'Unreleased'}))})")
    errors.raise_if_any()
    return Workshop(title=wf.title, version=str(wf.version), budget=budget, prework=list(wf.prework), sections=sections,
                    handouts=handouts, matrix=matrix, advice=advice, deck=deck,
                    released=release.date if release else None,
                    releases=[r for r in found or [] if r.date])


def load_pack(path: Path, workshop: Workshop, root: Path) -> Plan:
    """Load and check one pack; raise SourceErrors listing every problem."""
    errors = Collector(Path(root))
    pack: PackFile | None = typed_yaml.load(Path(path), PackFile, errors)
    errors.raise_if_any()
    assert pack is not None
    chosen = check_pack(pack, Path(path), workshop.sections, Path(root) / FONTS, errors)
    errors.raise_if_any()
    agenda = build_agenda(pack, workshop, chosen)
    check_plan_fit(pack, agenda, workshop.budget.session, errors)
    errors.raise_if_any()
    shared, allocation = allocate(workshop.matrix.principles, pack.groups, pack.self_assessment)
    return Plan(slug=Path(path).stem, pack=pack, agenda=agenda, advice=advise(pack, workshop, agenda),
                allocation=allocation, shared=shared, print_list=print_list(pack, workshop))


def load_packs(root: Path, workshop: Workshop, only: list[str] | None = None) -> list[Plan]:
    """Load every pack (or those named in ``only``); raise SourceErrors for all problems together."""
    plans, problems = [], []
    known = {p.stem for p in pack_files(root)}
    for name in only or []:
        if name not in known:
            hint = did_you_mean(name, sorted(known))
            problems.append(SourceError("IWE_PACKS", None, None,
                                        f"no pack called {name!r}{hint}; allowed: {', '.join(sorted(known))}"))
    for path in pack_files(root):
        if only and path.stem not in only:
            continue
        try:
            plans.append(load_pack(path, workshop, root))
        except SourceErrors as exc:
            problems.extend(exc.errors)
    if problems:
        raise SourceErrors(problems)
    return plans


def pack_files(root: Path) -> list[Path]:
    folder = Path(root) / PACKS
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


HANDOUT_MARKER = re.compile(r"<!--\s*iwe:handout\s+([a-z0-9-]+)\s*-->")


def expand_handouts(notes: str, handouts: dict, section: Section, errors: Collector) -> str:
    """Put a handout's text into notes where they say ``<!-- iwe:handout ID -->`` (one source for both)."""
    def one(m: re.Match) -> str:
        h = handouts.get(m.group(1))
        if h is None:
            errors.add(f"content/{section.notes_path}", notes.count("\n", 0, m.start()) + 1, None,
                       f"found the marker for handout {m.group(1)!r}; allowed: a handout id from content/handouts.yml")
            return m.group(0)
        return re.sub(r"^\*\*[^*]+\*\*\s*$", "", h.body.strip(), count=1, flags=re.M).strip()
    return HANDOUT_MARKER.sub(one, notes)


def _read_notes(content: Path, s: Section, errors: Collector) -> str | None:
    if s.notes:
        return _read_markdown(content, s.notes, s, "notes", errors, required=True, chosen=True)
    return _read_markdown(content, s.notes_path, s, "id", errors, required=True)


def _read_markdown(content: Path, rel: str, obj, key: str, errors: Collector, required: bool,
                   chosen: bool = False) -> str | None:
    """Read a Markdown file inside content/ that belongs to ``obj`` (a section's notes, a handout's body).

    ``chosen`` means the editor named the file (so it must be a .md inside content/);
    otherwise it is the file expected by convention, and ``required`` says whether it must exist.
    """
    path = (content / rel).resolve()
    line, field = obj.origin.line_for(key), obj.origin.field(key)
    if chosen and (not path.is_relative_to(content.resolve()) or path.suffix != ".md"):
        errors.add(obj.origin.file, line, field, f"found {rel!r}; allowed: a Markdown (.md) file inside content/")
        return None
    if not path.is_file():
        if required:
            what = "facilitator notes" if isinstance(obj, Section) else "text"
            hint = "set 'notes:' to the right file" if isinstance(obj, Section) else "or choose another layout"
            errors.add(obj.origin.file, line, field, f"the {what} file content/{rel} does not exist; create it, {hint}")
        return None
    text = read_text(path, errors)
    if text is not None:
        for n, problem in resource_problems(text, path, content):
            errors.add(path, n, None, problem)
    return text
