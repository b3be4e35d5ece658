"""Every timing and every attribution in ``content/`` is traced to a source or marked as the pack's own.

The convention (CONTRIBUTING.md, "Timings and sources"):

- A **timing** is a number of minutes, seconds or hours written in the text ("about 5 minutes", "two to
  three hours", "a five-minute warning"), or given as data: a step's minutes rule
  (``content/sections/<id>.yml``) and a pre-work item's minutes (``content/workshop.yml``).
- A timing is **sourced** when the same unit of text names one of the pack's sources (:data:`SOURCES`,
  the documents on the Sources page), and **marked** when that unit says it is the pack's own
  (:data:`OWN`: "our estimate", "our advice", "our suggestion", "the pack's own" and so on). A unit is a
  paragraph, a list item, a heading, a table row or one YAML value.
- A page may cover all its timings at once with a line that starts ``Timings:`` and is itself sourced or
  marked. A section's step timings are data: the ``Timings:`` line of its notes (``content/sections/<id>.md``,
  shown on the same page as the steps) covers them. A pre-work item's minutes are covered by its ``what``.
- An **attribution** is a ``Source:`` line in Markdown, a ``source:`` value in YAML, or a model, tool or
  guide credited inline ("the X model, from the Y", "the X model (Y)"). Each part of it (split at ``;``
  and at full stops) must name one of the pack's sources, or say it is the pack's own.
- A lesson in ``content/learning.yml`` is sourced by the records of the places it names.

Pure functions over the files: :func:`find_claims` lists every claim with its status; :func:`check_claims`
reports those that are neither sourced nor marked to a collector (code ``claims.unmarked``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# The pack's sources (content/reference/sources.md): the names a unit may use to cite each one.
SOURCES: dict[str, re.Pattern] = {
    "workshop brief": re.compile(r"\b(?:the|workshop|workshop's|Workshop)\s+brief\b|brief and facilitator notes|"
                                 r"\bbrief's\b", re.I),
    "Working Together for Change": re.compile(r"Working Together for Change|\bWtFC\b", re.I),
    "What Works Centre for Wellbeing": re.compile(r"What Works Centre", re.I),
    "Scottish Government toolkit": re.compile(r"Scottish Government|wellbeing economy toolkit", re.I),
    "Centre for Thriving Places": re.compile(r"Thriving Places", re.I),
}

# What marks a claim as the pack's own view or estimate.
OWN = re.compile(r"\b(?:our|the pack's)\s+(?:own\s+)?(?:estimate|advice|suggestion|view|summary|wording|note|"
                 r"timing|idea|example)s?\b|\b(?:our|the pack's)\s+own\b|\bpack's own\b", re.I)

_NUM = (r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty-five|forty|fifty|sixty|ninety|half an?|half|a few|several")
# "5 minutes", "5 to 10 minutes", "10–15 mins", "two to three hours", "a five-minute warning", "half a minute"
TIMING = re.compile(rf"\b(?:{_NUM})(?:\s*(?:to|–|-|or|and)\s*(?:{_NUM}))?"
                    r"[\s-]+(?:minutes?|mins?|seconds?|secs?|hours?|hrs?)\b", re.I)
# Vague amounts are not claims: "a few minutes", "several hours".
VAGUE = re.compile(r"^(?:a few|several)\b", re.I)

SOURCE_LINE = re.compile(r"^[*_\s]*(?:Sources?|Quoted from)\b[*_]*\s*:?", re.I)
TIMINGS_LINE = re.compile(r"^[*_\s]*Timings?\s*:", re.I)
# "the Two Loops model, from the Berkana Institute" / "Two Loops model (Berkana Institute)"
INLINE_CREDIT = re.compile(r"\b(?:model|tool|method|approach|framework|index|guide|course)\b,?\s+"
                           r"(?:\((?!see\b)|(?:from|by|credited to|developed by)\s+(?:the\s+)?)([A-Z][^.;,()]*)"
                           r"|\b(?:credited to|developed by|devised by|created by|invented by)\s+(?:the\s+)?"
                           r"([A-Z][^.;,()]*)")


@dataclass(frozen=True)
class Claim:
    file: str  # relative to the project
    line: int
    kind: str  # "timing" or "attribution"
    text: str  # what was claimed ("10 to 20 minutes", "Two Loops model (Berkana Institute)")
    status: str  # "sourced", "marked" or "unmarked"
    by: str = ""  # the source named, or the words that mark it, or the page's Timings line

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.kind} {self.text!r} is {self.status}" + \
            (f" ({self.by})" if self.by else "")


def named_source(text: str) -> str:
    """The first of the pack's sources that ``text`` names, or ''."""
    for name, pattern in SOURCES.items():
        if pattern.search(text):
            return name
    return ""


def own_mark(text: str) -> str:
    m = OWN.search(text)
    return m.group(0) if m else ""


def _status(text: str) -> tuple[str, str]:
    """("sourced", the source), ("marked", the marking words), ("sourced and marked", both) or ("unmarked", "")."""
    src, mark = named_source(text), own_mark(text)
    if src and mark:
        return "sourced and marked", f"{src}; {mark}"
    if src:
        return "sourced", src
    if mark:
        return "marked", mark
    return "unmarked", ""


def timings(text: str) -> list[str]:
    """The timings written in ``text`` (vague amounts such as "a few minutes" left out)."""
    return [m.group(0) for m in TIMING.finditer(text) if not VAGUE.match(m.group(0))]


# --- units of text ------------------------------------------------------------------------------------

_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>|!!!|\?\?\?|<!--|```)")


def markdown_units(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph, list item, heading, table row and quote line."""
    units: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0

    def flush():
        if current:
            units.append((start, " ".join(s.strip() for s in current)))
            current.clear()

    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            flush()
            continue
        if _BLOCK_START.match(line):
            flush()
            start = n
            current.append(line)
            if line.lstrip().startswith(("#", "|", ">", "!!!", "???", "<!--")):
                flush()
            continue
        if not current:
            start = n
        current.append(line)
    flush()
    return units


def _clean(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip()


def _split_outside_brackets(text: str, at: str) -> list[str]:
    """``text`` split at each match of ``at`` that is not inside round brackets."""
    parts, depth, last = [], 0, 0
    for m in re.finditer(rf"[()]|{at}", text):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[last:m.start()])
            last = m.end()
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


def _attribution_parts(text: str) -> list[str]:
    """The parts of a Source line, each naming one source: split at ';' and at full stops (not inside brackets)."""
    body = SOURCE_LINE.sub("", _clean(text), count=1)
    parts = _split_outside_brackets(body, r";|\.\s+|\.$")
    return [p for p in parts if not re.match(r"^(?:See|Back to)\b", p)]


def _claims_in_units(rel: str, units: list[tuple[int, str]], out: list[Claim], page_note: str = "") -> None:
    """Timings and attributions in one page's units of text (Markdown, a letter, or the values of a YAML file).
    ``page_note``: the page's Timings line when it is kept in another file (a section's notes, for its steps)."""
    page_note = next((u for _, u in units if TIMINGS_LINE.match(_clean(u))), page_note)
    page_status = _status(page_note) if page_note else ("unmarked", "")
    for line, unit in units:
        clean = _clean(unit)
        if SOURCE_LINE.match(clean):
            for part in _attribution_parts(unit):
                status, by = _status(part)
                out.append(Claim(rel, line, "attribution", part, status, by))
        for m in INLINE_CREDIT.finditer(clean):
            # a credit to someone outside the sources: the unit must name a source for it, or mark it as ours
            name = (m.group(1) or m.group(2)).strip()
            status, by = _status(name)
            if status == "unmarked":
                status, by = _status(clean)
            out.append(Claim(rel, line, "attribution", name, status, by))
        for t in timings(clean):
            status, by = _status(clean)
            if status == "unmarked" and page_status[0] != "unmarked":
                status, by = page_status[0], f"the page's line: {page_note.strip()[:60]}"
            out.append(Claim(rel, line, "timing", t, status, by))


# --- YAML ---------------------------------------------------------------------------------------------

def _yaml_units(node, path=()) -> list[tuple[int, str, tuple]]:
    """(line, text, key path) of every string value in a composed YAML node."""
    out = []
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            out += _yaml_units(v, path + (k.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            out += _yaml_units(v, path + (i,))
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        out.append((node.start_mark.line + 1, node.value, path))
    return out


def _notes_timings_line(steps: Path) -> str:
    """The Timings line of a section's notes (``content/sections/<id>.md``), shown on the page with its steps."""
    notes = steps.with_suffix(".md")
    if not notes.is_file():
        return ""
    text = notes.read_text(encoding="utf-8", errors="replace")
    return next((u for _, u in markdown_units(text) if TIMINGS_LINE.match(_clean(u))), "")


def _yaml_claims(rel: str, text: str, out: list[Claim], page_note: str = "") -> None:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return  # the loader reports it
    if root is None:
        return
    values = _yaml_units(root)
    learning = rel.endswith("learning.yml")
    for line, value, path in values:
        key = path[-1] if path else ""
        if key in ("source", "based_on"):
            if key == "source":
                for part in _split_outside_brackets(value, ";"):
                    status, by = _status(part)
                    out.append(Claim(rel, line, "attribution", part, status, by))
            continue
        found: list[Claim] = []
        _claims_in_units(rel, [(line, value)], found, page_note)
        for c in found:
            if c.kind == "timing" and c.status == "unmarked":
                # a sibling source: (advice.yml) or, in learning.yml, the places' records
                siblings = [v for ln, v, p in values if p[:-1] == path[:-1] and p[-1] == "source"]
                if siblings and _status(siblings[0])[0] != "unmarked":  # noqa: SIM102
                    c = Claim(c.file, c.line, c.kind, c.text, *_status(siblings[0]))
                elif learning and any(p[:-2] == path[:-1] and p[-2] == "places" for _, _, p in values):
                    c = Claim(c.file, c.line, c.kind, c.text, "sourced", "the places' records")
            out.append(c)


def _data_timings(root: Path, out: list[Claim]) -> None:
    """Timings given as data: each section's step rules, covered by the Timings line of its notes; each
    pre-work item's minutes, covered by its ``what``."""
    content = root / "content"
    for steps in sorted((content / "sections").glob("*.yml")):
        rel = steps.relative_to(root).as_posix()
        notes = steps.with_suffix(".md")
        if not notes.is_file():
            continue  # the workshop's own check says the notes are missing
        source = steps.read_text(encoding="utf-8", errors="replace")
        try:
            data = yaml.safe_load(source) or {}
        except yaml.YAMLError:
            continue
        note = _notes_timings_line(steps)
        status, by = _status(note) if note else ("unmarked", "")
        lines = source.splitlines()
        minutes_lines = [n for n, ln in enumerate(lines, start=1) if re.match(r"\s*minutes:", ln)]
        for i, step in enumerate(data.get("steps") or []):
            rule = step.get("minutes") or {}
            words = ", ".join(f"{k} {v}" for k, v in rule.items())
            line = minutes_lines[i] if i < len(minutes_lines) else 1
            out.append(Claim(rel, line, "timing", f"step {step.get('title', i + 1)!r}: {words}", status,
                             f"{notes.name}: {note.strip()[:60]}" if note else
                             f"no 'Timings:' line in {notes.relative_to(root).as_posix()}"))
    ws = content / "workshop.yml"
    if ws.is_file():
        text = ws.read_text(encoding="utf-8", errors="replace")
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError:
            return
        lines = text.splitlines()
        for item in data.get("prework") or []:
            title = str(item.get("title", ""))
            line = next((n for n, ln in enumerate(lines, start=1) if title and title in ln), 1)
            m = item.get("minutes") or {}
            status, by = _status(str(item.get("what", "")))
            out.append(Claim(ws.relative_to(root).as_posix(), line, "timing",
                             f"pre-work {title!r}: {m.get('min')} to {m.get('max')} minutes", status, by))


def find_claims(root: Path) -> list[Claim]:
    """Every timing and attribution in ``root/content``, with whether it is sourced, marked or neither."""
    root = Path(root)
    content = root / "content"
    out: list[Claim] = []
    for path in sorted(content.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".md" or path.name.endswith(".j2"):
            _claims_in_units(rel, markdown_units(text), out)
        elif path.suffix == ".yml":
            in_sections = path.parent == content / "sections"
            _yaml_claims(rel, text, out, _notes_timings_line(path) if in_sections else "")
    _data_timings(root, out)
    return out


def unmarked(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.status == "unmarked"]


def check_claims(root: Path, errors) -> None:
    """Report each timing or attribution that is neither sourced nor marked (code ``claims.unmarked``, with
    ``kind`` and ``found``)."""
    for c in unmarked(find_claims(root)):
        errors.add(Path(root) / c.file, c.line, None, "claims.unmarked", found=repr(c.text), kind=c.kind)
