"""Reading every source into the checked model: the one way in for the site, the PDFs and the command line.

:func:`load_project` reads every source the build uses once (YAML, Markdown,
hand-written pages, the changelog and editor's guide, templates and letters),
checks them (``checks``) and composes a :class:`Project`: the :class:`Workshop`,
a :class:`Plan` for each place, and the texts and templates the views render
from. Every problem found is collected and raised together as
:class:`SourceErrors`. Views never open a file.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Sequence

from ..checks.claims import check_claims
from ..checks.editor_html import markdown_problems
from ..checks.learning import check_learning
from ..checks.off_plan import check_off_plan
from ..checks.packs import check_pack, check_plan_fit
from ..checks.pages import check_markers
from ..checks.project_files import check_project_files
from ..checks.records import check_clock, check_dates, check_record, check_scores, check_times
from ..checks.resources import resource_problems
from ..checks.steps import check_steps, check_text_blocks
from ..checks.styles import check_print_styles
from ..checks.timing import Timed, check_fit
from ..checks.workshop import check_deck, check_matrix, check_ranges, check_slug
from ..diagnostics.problems import Collector, Diagnostic, SourceErrors, did_you_mean
from ..model.off_plan import off_plan
from ..model.plan import Plan, make_plan, with_site_url
from ..model.project import Project
from ..model.record import EvaluationSummary, Record, make_record, record_path, summarise
from ..model.workshop import Workshop
from ..sources import changelog, files, record_csv, record_email, typed_yaml
from ..sources.advice_schema import AdviceRules
from ..sources.layout import FONTS, PACKS, TEXTS
from ..sources.learning import LEARNING, LearningFile, Lesson
from ..sources.matrix_schema import Matrix
from ..sources.off_plan import OFF_PLAN, OffPlanFile
from ..sources.packs import PackFile, slugify
from ..sources.record_schema import RECORDS, FromFile, RecordFile, Ref, load_record
from ..sources.schema import Handout, HandoutsFile, Section, WorkshopFile
from ..sources.settings import Settings
from ..sources.slides_schema import Deck
from ..sources.steps_schema import StepsFile
from ..sources.templates import read_templates
from ..sources.text import read_text


def load_project(root: Path, settings: Settings | None = None, extra_packs: Sequence[Path] = (),
                 compiled: object = None) -> Project:
    """Read and check every source; raise SourceErrors listing every problem found.

    With ``extra_packs`` (pack files to check by themselves), those are the only packs loaded. ``compiled``: where
    the build keeps compiled templates (a jinja2.BytecodeCache), given to the template set.
    """
    root = files.full(root)  # the print styles are checked by file address, which needs a full path
    settings = settings or Settings()
    errors = Collector(root)
    templates = dataclasses.replace(read_templates(root, errors), compiled=compiled)
    texts = {name: files.read_optional(root / name, errors) for name in TEXTS}
    for name, text in texts.items():  # pages are made from these too: what they would fetch is checked
        for n, code, found in resource_problems(text, root / name, root / "content"):
            errors.add(root / name, n, None, code, found=found)
    pages = _read_pages(root, errors)
    # the guide shows the notes' block markers as an example (<!-- iwe:end --> closes a block for one kind of day)
    check_markers(texts.get("CONTRIBUTING.md", ""), "CONTRIBUTING.md", {"messages", "end"}, errors)
    check_print_styles(root, errors, known_clean=settings.cache_folder(root) / "checks")
    workshop = None
    try:
        workshop = load_workshop(root)
    except SourceErrors as exc:
        errors.errors.extend(exc.errors)
    plans = []
    if workshop is not None:
        try:
            if extra_packs:
                plans = _load_each(extra_packs, workshop, root)
            else:
                plans = load_packs(root, workshop, only=list(settings.packs) or None)
        except SourceErrors as exc:
            errors.errors.extend(exc.errors)
    lessons = read_learning(root, workshop, errors) if workshop is not None else ()
    errors.raise_if_any()
    plans = [with_site_url(plan, settings.site_url) for plan in plans]
    assert workshop is not None  # no workshop is an error, raised above
    return Project(root, settings, workshop, plans, templates, texts, pages, lessons)


def read_learning(root: Path, workshop: Workshop, errors: Collector) -> tuple[Lesson, ...]:
    """``content/learning.yml`` (optional), checked against the packs, the workshop and the versions CHANGELOG.md
    lists."""
    path = root / LEARNING
    if not files.present(path):
        return ()
    learning: LearningFile | None = typed_yaml.load(path, LearningFile, errors)
    if learning is None:
        return ()
    places = [p.stem for p in files.pack_files(root)]
    check_learning(learning, places, [s.id for s in workshop.sections], [p.id for p in workshop.matrix.principles],
                   list(workshop.versions), errors)  # CHANGELOG.md as load_workshop read it
    return tuple(learning.lessons)


def _read_pages(root: Path, errors: Collector) -> dict[str, str]:
    """Hand-written pages (every .md in content/ outside the folders the model reads), checked."""
    content = root / "content"
    out = {}
    for rel, (path, text) in files.hand_written_pages(content, errors).items():
        for n, code, found in resource_problems(text, path, content):
            errors.add(path, n, None, code, found=found)
        check_markers(text, f"content/{rel}", {"prework", "contact"}, errors)
        out[rel] = text
    return out




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
    guide: OffPlanFile | None = typed_yaml.load(root / OFF_PLAN, OffPlanFile, errors)
    errors.raise_if_any()
    assert wf and hf and matrix and advice and deck and guide
    check_off_plan(guide, [s.id for s in wf.sections], errors)
    check_matrix(matrix, errors)

    handouts: dict[str, Handout] = {}
    for h in hf.handouts:
        check_slug(h.id, h, "id", errors)
        if h.id in handouts:
            errors.add(h.origin.file, h.origin.line_for("id"), h.origin.field("id"), "workshop.duplicate-id",
                       found=repr(h.id), kind="handout", first=handouts[h.id].origin.line_for("id"))
        body = _read_markdown(content, f"handouts/{h.id}.md", h, "id", errors, required=h.layout == "text")
        if body is not None or h.room_only or h.online_only:
            check_text_blocks(body or "", f"content/handouts/{h.id}.md", h.room_only, h.online_only, h.origin, errors)
        handouts.setdefault(h.id, dataclasses.replace(h, body=body or "", origin=h.origin))

    check_ranges(wf, errors)
    sections: list[Section] = []
    seen: dict[str, Section] = {}
    for number, s in enumerate(wf.sections, start=1):
        check_slug(s.id, s, "id", errors)
        if s.id in seen:
            errors.add(s.origin.file, s.origin.line_for("id"), s.origin.field("id"), "workshop.duplicate-id",
                       found=repr(s.id), kind="section", first=seen[s.id].origin.line_for("id"))
        seen.setdefault(s.id, s)
        for i, ref in enumerate(s.handouts, start=1):
            if ref in handouts and not handouts[ref].in_place_packs:
                errors.add(s.origin.file, s.origin.line_for("handouts"), f"{s.origin.field('handouts')}.{i}",
                           "workshop.blank-only-handout", found=repr(ref))
            if ref not in handouts:
                hint = did_you_mean(ref, list(handouts))
                errors.add(s.origin.file, s.origin.line_for("handouts"), f"{s.origin.field('handouts')}.{i}",
                           "workshop.unknown-handout", found=repr(ref), hint=hint)
        source = _read_notes(content, s, errors)
        notes = expand_handouts(source, handouts, s, errors) if source else source
        if notes is not None and notes != source:  # handout text put into the notes: check their HTML together
            said = {(e.code, e.message) for e in errors.errors}
            for n, code, details in markdown_problems(notes, made_from=source):
                problem = Diagnostic(code, "", details=details)
                if (code, problem.message) not in said:
                    errors.add(f"content/{s.notes or s.notes_path}", n, None, code, note="note.with-handout",
                               **details)
        steps, phrases, host = _read_steps(content, s, handouts, errors)
        if source is not None:
            check_text_blocks(source, f"content/{s.notes_path}", phrases.room_only if phrases else [],
                              phrases.online_only if phrases else [], phrases.origin if phrases else None, errors)
        sections.append(dataclasses.replace(s, notes_markdown=notes or "", notes_source=source or "", number=number,
                                            steps=steps, notes_phrases=phrases, host=host,
                                            origin=s.origin))

    if not wf.sections:
        errors.add(wf.origin.file, wf.origin.line_for("sections"), "sections", "workshop.no-sections")
    errors.raise_if_any()

    budget = wf.budget
    fit = check_fit([Timed(s.title, s.minutes, s.origin.line_for("minutes")) for s in sections], budget.session,
                    "The sections of the running order", "Section")
    if fit:
        errors.add(wf.origin.file, budget.origin.line_for("session"), "budget.session", "workshop.does-not-fit", detail=fit)
    fit = check_fit([Timed(p.title, p.minutes, p.origin.line_for("minutes")) for p in wf.prework], budget.prework,
                    "The pre-work items", "Pre-work")
    if fit:
        errors.add(wf.origin.file, budget.origin.line_for("prework"), "budget.prework", "workshop.does-not-fit", detail=fit)
    check_deck(deck, sections, errors)
    found = changelog.releases(root / "CHANGELOG.md", errors)
    release = changelog.check_version(str(wf.version), found, root / "CHANGELOG.md", errors) if found is not None \
        else None
    known = {r.version for r in found or []}
    for s in sections:
        if found is not None and s.changed and s.changed not in known:
            errors.add(s.origin.file, s.origin.line_for("changed"), s.origin.field("changed"), "workshop.unknown-version",
                       found=s.changed, allowed=", ".join(sorted(known - {"Unreleased"})))
    errors.raise_if_any()  # the claims check reads sources that parse: a missing or unreadable file is said first
    check_claims(root, errors)  # every timing and credit in content/ sourced or marked as the pack's own
    errors.raise_if_any()
    return Workshop(title=wf.title, version=str(wf.version), budget=budget, prework=list(wf.prework), sections=sections,
                    handouts=handouts, matrix=matrix, advice=advice, deck=deck,
                    released=release.date if release else None,
                    releases=[r for r in found or [] if r.date], versions=tuple(r.version for r in found or []),
                    off_plan=off_plan(guide, [s.id for s in sections]))


def load_pack(path: Path, workshop: Workshop, root: Path) -> Plan:
    """Load and check one pack; raise SourceErrors listing every problem."""
    errors = Collector(Path(root))
    pack: PackFile | None = typed_yaml.load(Path(path), PackFile, errors)
    errors.raise_if_any()
    assert pack is not None
    check_pack(pack, Path(path), workshop.sections, Path(root) / FONTS, errors)
    errors.raise_if_any()
    plan = make_plan(pack, workshop, Path(path).stem, files.full(path))
    check_plan_fit(pack, plan.agenda, workshop.budget.session, errors)
    errors.raise_if_any()
    record = record_path(Path(path))
    if files.present(record):  # read once, with its pack
        planned = [(i.section, i.minutes) for i in plan.agenda if i.section is not None]
        found = read_record(record, pack, workshop.matrix, planned, Path(root) / FONTS, errors)
        errors.raise_if_any()
        plan = dataclasses.replace(plan, record=found)
    return plan


# --- the record of the day (packs/records/<slug>.yml and the files it names) ---------------------------------

def read_record(path: Path, pack: PackFile, matrix: Matrix, planned: list[tuple[Section, int]], fonts_dir: Path,
                errors: Collector) -> Record | None:
    """Read and check a record and the files it names; None (with the problems in ``errors``) if it has any.

    ``planned`` is the place's sections in agenda order with their planned minutes."""
    rf = load_record(path, errors)
    if rf is None:
        return None
    n = len(errors.errors)
    records = path.parent
    sections = [s for s, _ in planned]
    # the day of the workshop, which dates and times are checked against
    day, whence = (rf.held.date, "held: in the record") if rf.held else (pack.date.date, "the pack's date")
    check_record(rf, matrix, fonts_dir, errors)
    check_dates(rf, day, whence, errors)
    scores = _scores(rf, records, matrix, errors)
    times = _times(rf, records, sections, errors)
    check_clock([(at, Ref(ref.file, ref.line, column, ref.row)) for _, ref, *clock in times.values()
                 for column, at in zip(("started", "ended"), clock) if at is not None], day, whence, errors)
    evaluation = _evaluation(rf, records, pack.attendees, errors)
    if len(errors.errors) > n:
        return None
    return make_record(path.stem, rf, pack, matrix, planned, scores, times, evaluation)


def _imported(records: Path, source: FromFile, field: str, read, errors: Collector):
    """The rows of the file a record names for ``field`` (``from:``), or None if it is missing or wrong."""
    path = record_csv.locate(records, source, field, errors)
    return read(path, errors) if path else None


def _scores(rf: RecordFile, records: Path, matrix: Matrix, errors: Collector) -> dict[str, tuple[float | None, Ref]]:
    """Principle id -> (score or None, where it was written), from the YAML or the scoring tool's CSV (none when
    the record has no scores, or names a file that is missing or wrong)."""
    if isinstance(rf.scores, FromFile):
        rows = _imported(records, rf.scores, "scores", record_csv.read_scores, errors) or []
        found = [(r.principle_id, r.score, r.ref) for r in rows]
        id_refs = {r.principle_id: Ref(r.ref.file, r.ref.line, "principle_id", r.ref.row) for r in rows}
    else:
        lines = getattr(rf.scores, "lines", {})
        found = [(pid, score, Ref(rf.origin.file, lines.get(pid, rf.origin.line_for("scores")), f"scores.{pid}"))
                 for pid, score in (rf.scores or {}).items()]
        id_refs = {}
    check_scores(found, id_refs, matrix, errors)
    return {pid: (score, ref) for pid, score, ref in found}


def _times(rf: RecordFile, records: Path, sections: list[Section], errors: Collector) -> dict[str, tuple]:
    """Section id -> (actual minutes, where, started, ended), from the YAML or run mode's timing CSV (none when the
    record has no minutes, or names a file that is missing or wrong)."""
    if isinstance(rf.minutes, FromFile):
        rows = _imported(records, rf.minutes, "minutes", record_csv.read_times, errors) or []
        found = {r.section_id: (r.actual, r.ref, r.started, r.ended) for r in rows}
        check_times([(r.section_id, Ref(r.ref.file, r.ref.line, "section_id", r.ref.row)) for r in rows], sections,
                    errors)
        return found
    minutes = rf.minutes or {}
    lines = getattr(minutes, "lines", {})
    refs = {sid: Ref(rf.origin.file, lines.get(sid, rf.origin.line_for("minutes")), f"minutes.{sid}")
            for sid in minutes}
    check_times(list(refs.items()), sections, errors)
    return {sid: (m, refs[sid], None, None) for sid, m in minutes.items()}


def _evaluation(rf: RecordFile, records: Path, attendees: int, errors: Collector) -> EvaluationSummary | None:
    if rf.evaluation is None:
        return None
    path = record_csv.locate(records, rf.evaluation, "evaluation", errors, folder_ok=True)
    read = record_email.read_emails if path and record_email.is_emails(path) else record_csv.read_evaluation
    answers = read(path, rf.evaluation, attendees, errors) if path else None
    if answers is None or path is None:
        return None
    return summarise(answers, Ref(errors.rel(path), None))



def load_packs(root: Path, workshop: Workshop, only: list[str] | None = None) -> list[Plan]:
    """Load every pack (or those named in ``only``); raise SourceErrors for all problems together."""
    plans, problems = [], []
    known = {p.stem for p in files.pack_files(root)}
    for name in only or []:
        if name not in known:
            hint = did_you_mean(name, sorted(known))
            problems.append(Diagnostic("pack.unknown-pack", "IWE_PACKS", found=repr(name), hint=hint,
                                        allowed=", ".join(sorted(known))))
    try:
        plans = _load_each([p for p in files.pack_files(root) if not only or p.stem in only], workshop, root)
    except SourceErrors as exc:
        problems.extend(exc.errors)
    problems.extend(orphan_records(root, sorted(known)))
    problems.extend(stray_pack_files(root))
    if problems:
        raise SourceErrors(problems)
    return plans


def stray_pack_files(root: Path) -> list[Diagnostic]:
    """A file in packs/ that is not read as a pack because of its name's ending (``anglesey.yaml``, ``hull.YML``,
    ``leeds.yml.txt``): named, so a place's pack is never silently left out. Hidden files (``.DS_Store``) are not
    packs, and folders (records/) hold other things."""
    errors = Collector(Path(root))
    for path in files.other_files_in_packs(root):
        stem = path.name.split(".")[0]
        errors.add(path, None, None, "pack.wrong-extension", found=repr("".join(path.suffixes) or "(no ending)"),
                   allowed=f"{slugify(stem)}.yml")
    return errors.errors


def _load_each(paths: Sequence[Path], workshop: Workshop, root: Path) -> list[Plan]:
    plans, problems = [], []
    for path in paths:
        try:
            plans.append(load_pack(path, workshop, root))
        except SourceErrors as exc:
            problems.extend(exc.errors)
    if problems:
        raise SourceErrors(problems)
    return plans


def orphan_records(root: Path, slugs: list[str]) -> list[Diagnostic]:
    """A record in packs/records/ whose pack does not exist, or a YAML file there that is not read as a record: one
    named .yaml (or .YML), or one in a folder inside packs/records/ (it would never be read)."""
    errors = Collector(Path(root))
    folder = Path(root) / PACKS / RECORDS
    read, every = files.record_files(root)
    for path in read:
        if path.stem not in slugs:
            errors.add(path, None, None, "record.orphan", found=path.stem, hint=did_you_mean(path.stem, slugs),
                       allowed=", ".join(f"{s}.yml" for s in slugs) or "no packs yet")
    for path in every:  # the files records name (CSV) may be kept here too
        rel = path.relative_to(folder)
        if len(rel.parts) > 1:
            errors.add(path, None, None, "record.in-folder", found=f"packs/{RECORDS}/{rel.parent.as_posix()}/",
                       allowed=f"packs/{RECORDS}/{path.stem}.yml")
        elif path.suffix != ".yml":
            errors.add(path, None, None, "record.not-yml", found=repr(path.suffix), allowed=f"{path.stem}.yml")
    return errors.errors


pack_files = files.pack_files  # the command line lists the packs by it


HANDOUT_MARKER = re.compile(r"<!--\s*iwe:handout\s+([a-z0-9-]+)\s*-->")


def expand_handouts(notes: str, handouts: dict, section: Section, errors: Collector) -> str:
    """Put a handout's text into notes where they say ``<!-- iwe:handout ID -->`` (one source for both)."""
    def one(m: re.Match) -> str:
        h = handouts.get(m.group(1))
        if h is None:
            errors.add(f"content/{section.notes_path}", notes.count("\n", 0, m.start()) + 1, None,
                       "workshop.unknown-handout-marker", found=repr(m.group(1)))
            return m.group(0)
        return re.sub(r"^\*\*[^*]+\*\*\s*$", "", h.body.strip(), count=1, flags=re.M).strip()
    return HANDOUT_MARKER.sub(one, notes)


def _read_steps(content: Path, s: Section, handouts: dict, errors: Collector) -> tuple:
    """A section's step by step, from content/sections/<id>.yml."""
    path = content / s.steps_path
    if not files.present(path):
        errors.add(s.origin.file, s.origin.line_for("id"), s.origin.field("id"), "step.file-missing",
                   found=f"content/{s.steps_path}")
        return (), None, None
    steps: StepsFile | None = typed_yaml.load(path, StepsFile, errors)
    if steps is None:
        return (), None, None
    check_steps(s, steps, handouts, errors)
    return tuple(steps.steps), steps.notes, steps.host


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
    path, within = files.inside(content, rel)
    line, field = obj.origin.line_for(key), obj.origin.field(key)
    if chosen and (not within or path.suffix != ".md"):
        errors.add(obj.origin.file, line, field, "workshop.notes-not-markdown", found=repr(rel))
        return None
    if not files.present(path):
        if required:
            what = "facilitator notes" if isinstance(obj, Section) else "text"
            hint = "set 'notes:' to the right file" if isinstance(obj, Section) else "or choose another layout"
            errors.add(obj.origin.file, line, field, "workshop.text-missing", found=rel, what=what, todo=hint)
        return None
    text = read_text(path, errors)
    if text is not None:
        for n, code, found in resource_problems(text, path, content):
            errors.add(path, n, None, code, found=found)
    return text
