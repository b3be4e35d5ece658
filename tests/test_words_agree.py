"""The words match the plan: each handout agrees with the steps that use it (times, directions, names and
order), the steps keep to the brief, and every timing and attribution in content/ is sourced or marked as the
pack's own (the convention in CONTRIBUTING.md, "Timings and sources"; the rules in iwe_pack/checks/claims.py).

Everything here is read from the sources in content/ and compared with each other, so an edit to one side
that breaks agreement fails. No site is built: these tests read files only.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import ROOT
from iwe_pack.checks.claims import TIMING, Claim, check_claims, find_claims, markdown_units, timings, unmarked

CONTENT = ROOT / "content"
WORKSHOP = yaml.safe_load((CONTENT / "workshop.yml").read_text(encoding="utf-8"))
SECTIONS = {s["id"]: s for s in WORKSHOP["sections"]}
HANDOUTS = {h["id"]: h for h in yaml.safe_load((CONTENT / "handouts.yml").read_text(encoding="utf-8"))["handouts"]}
MATRIX = yaml.safe_load((CONTENT / "matrix.yml").read_text(encoding="utf-8"))
NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "half": 0.5})


def steps_of(section_id: str) -> list[dict]:
    return yaml.safe_load((CONTENT / "sections" / f"{section_id}.yml").read_text(encoding="utf-8"))["steps"]


def step_text(step: dict) -> str:
    online = step.get("online") or {}
    return " ".join(t for t in (step["do"], step.get("say"), online.get("do"), online.get("say")) if t)


def step_handouts(step: dict) -> set[str]:
    return set(step.get("handouts") or []) | set((step.get("online") or {}).get("handouts") or [])


def handout_text(handout_id: str) -> str:
    path = CONTENT / "handouts" / f"{handout_id}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def uses():
    """(section id, step index, step, handout id) for each handout a step hands out, in person or online."""
    for sid in SECTIONS:
        for i, step in enumerate(steps_of(sid)):
            for h in sorted(step_handouts(step)):
                yield sid, i, step, h


def minutes_in(timing: str) -> float:
    """The largest number of minutes a written timing names ("about 5 to 10 minutes" -> 10)."""
    words = re.findall(r"\d+(?:\.\d+)?|[a-z]+", timing.lower())
    values = [float(w) if w[0].isdigit() else NUMBERS[w] for w in words if w[0].isdigit() or w in NUMBERS]
    value = max(values) if values else 0
    if re.search(r"second|sec\b", timing, re.I):
        return value / 60
    if re.search(r"hour|hr", timing, re.I):
        return value * 60
    return value


def step_most(section_id: str, index: int) -> float:
    """The most minutes a step can have: its fixed minutes, a group's minutes, or for "what is left" the
    section's longest time less the other steps' least."""
    steps = steps_of(section_id)
    rule = steps[index]["minutes"]
    if "fixed" in rule:
        return rule["fixed"]
    if "per_group" in rule:
        return rule["per_group"]
    others = sum(s["minutes"].get("fixed", 0) + s["minutes"].get("per_group", 0) + s["minutes"].get("rest", 0)
                 for j, s in enumerate(steps) if j != index)
    return SECTIONS[section_id]["minutes"]["max"] - others


def names_for(handout_id: str) -> list[str]:
    """The words a step uses for a handout: its title before any colon, and the title's last two words."""
    title = HANDOUTS[handout_id]["title"].split(":")[0].lower()
    return [title, " ".join(title.split()[-2:])]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# --- handouts agree with their steps --------------------------------------------------------------------------


@pytest.mark.parametrize("sid,index,step,handout", list(uses()), ids=lambda v: v if isinstance(v, str) else "")
def test_a_handout_gives_no_more_time_than_its_step(sid, index, step, handout):
    """A handout's own "N minutes" fits inside the step that hands it out, and inside the share of the step the
    step's words give it ("they use the idea cards ... (about 5 minutes)")."""
    most = step_most(sid, index)
    for sentence in sentences(step["do"]):
        if any(name in sentence.lower() for name in names_for(handout)) and timings(sentence):
            most = min(most, max(minutes_in(t) for t in timings(sentence)))
    for line, unit in markdown_units(handout_text(handout)):
        for t in timings(unit):
            assert minutes_in(t) <= most, (f"content/handouts/{handout}.md, line {line}: {t!r}, but the step "
                                           f"{step['title']!r} of {sid} gives it at most {most:g} minutes")


def test_the_scoring_guide_gives_the_room_the_time_its_steps_give():
    guide = (CONTENT / "guides/matrix-scoring.md").read_text(encoding="utf-8")
    agree = [i for i, s in enumerate(steps_of("self-assessment")) if s["title"].lower().startswith("agree")]
    assert agree, "the self-assessment has a step that agrees the scores"
    most = step_most("self-assessment", agree[0])
    said = [(line, t) for line, unit in markdown_units(guide) if "agree" in unit.lower() for t in timings(unit)]
    assert said, "the guide says how long the room has to agree the scores"
    for line, t in said:
        assert minutes_in(t) <= most, f"content/guides/matrix-scoring.md, line {line}: {t!r}; the step gives {most}"


def test_the_why_ladder_goes_the_same_way_in_the_step_and_on_the_sheet():
    sheet = set(re.findall(r"\b(up|down) the (?:why )?ladder\b", handout_text("why-ladder"), re.I))
    assert sheet, "the why ladder handout says which way to go"
    users = [step for _, _, step, h in uses() if h == "why-ladder"]
    assert users
    for step in users:
        said = set(re.findall(r"\b(up|down) the (?:why )?ladder\b", step_text(step), re.I))
        assert said and said <= sheet, (step["title"], said, sheet)


def test_the_step_names_the_hats_the_idea_cards_use():
    hats = re.findall(r"^## (\w+) hat\b", handout_text("idea-cards"), re.M)
    assert len(hats) == 3, hats
    for _, _, step, h in uses():
        if h == "idea-cards":
            for hat in hats:
                assert hat.lower() in step["do"].lower(), (step["title"], hat)


def test_a_sheet_that_asks_for_the_problem_comes_after_the_problem_is_chosen():
    """The why ladder is where a group writes down its problem: a sheet that asks for "the problem" is used at
    that step or a later one, never before it."""
    asks = {h for h in HANDOUTS if re.search(r"\bthe problem\b[^.\n]*:\*\*", handout_text(h), re.I)}
    assert "idea-cards" in asks  # the check finds what it looks for
    for sid in SECTIONS:
        steps = steps_of(sid)
        chosen = next((i for i, s in enumerate(steps) if "why-ladder" in step_handouts(s)), None)
        for i, step in enumerate(steps):
            for h in step_handouts(step) & asks:
                assert chosen is not None and i >= chosen, (
                    f"{sid}: step {step['title']!r} hands out {h}, which asks for the problem, "
                    f"before the group chooses one")


def test_a_sheet_for_after_the_day_is_not_filled_in_on_the_day():
    for sid, _, step, h in uses():
        if "after the day" not in HANDOUTS[h]["what"]:
            continue
        name = HANDOUTS[h]["title"].lower().removeprefix("self-assessment ").strip()
        for sentence in sentences(step_text(step)):
            if name in sentence.lower():
                assert "after the day" in sentence.lower(), (sid, step["title"], sentence)


def test_the_steps_explain_the_levels_the_matrix_has():
    levels = [lv["name"] for lv in MATRIX["levels"]]
    said = [(s, m) for s in steps_of("self-assessment")
            for m in re.finditer(r"\bthe (\w+) levels\b", step_text(s), re.I) if m.group(1).lower() in NUMBERS]
    assert said, "the self-assessment steps say how many levels there are"
    for step, m in said:
        assert NUMBERS[m.group(1).lower()] == len(levels), (step["title"], m.group(0))
        for name in levels:
            assert name.lower() in step_text(step).lower(), (step["title"], name)


def test_the_glossary_gives_the_matrix_the_levels_it_has():
    glossary = (CONTENT / "reference/glossary.md").read_text(encoding="utf-8")
    entry = glossary.split("## Maturity matrix", 1)[1].split("\n## ", 1)[0]
    counts = [NUMBERS[w.lower()] for w in re.findall(r"\bmatrix has (\w+) levels\b", entry)]
    assert counts == [len(MATRIX["levels"])], entry
    for lv in MATRIX["levels"]:
        assert lv["name"].lower() in entry.lower(), lv["name"]


# --- the steps keep to the brief ------------------------------------------------------------------------------


def test_the_vision_asks_for_the_short_medium_and_long_term():
    text = " ".join(step_text(s) for s in steps_of("vision")).lower()
    assert re.search(r"short, medium and long term", text)
    headings = re.findall(r"^### (Short|Medium|Long) term", handout_text("visioning-prompts"), re.M)
    assert headings == ["Short", "Medium", "Long"]


def test_everyone_says_how_their_role_links_to_the_topic():
    for step in steps_of("introductions"):
        if "check-in-card" in step_handouts(step) or "per_person_seconds" in step["minutes"]:
            for text in (step["do"], (step.get("online") or {}).get("do") or step["do"]):
                assert re.search(r"\brole\b[^.]*\blinks? to\b", text), (step["title"], text)


def test_the_pre_work_adds_up_to_its_budget():
    items = WORKSHOP["prework"]
    budget = WORKSHOP["budget"]["prework"]
    assert sum(p["minutes"]["min"] for p in items) == budget["min"]
    assert sum(p["minutes"]["max"] for p in items) == budget["max"]


def test_no_placeholder_is_left_for_the_facilitator_to_fill_in():
    pattern = re.compile(r"\[(?!write-in\b|[ xX]\])([^\]\n]+)\](?!\()")
    for path in sorted((CONTENT / "sections").glob("*")) + sorted((CONTENT / "handouts").glob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in pattern.finditer(line):
                assert not re.search(r"name|date|place|insert", m.group(1), re.I), \
                    f"{path.name}, line {n}: {m.group(0)}"


def test_the_roles_for_the_day_are_set_out():
    page = (CONTENT / "before-the-day.md").read_text(encoding="utf-8")
    roles = page.split("## Roles for the day", 1)[1].split("\n## ", 1)[0].lower()
    for role in ["lead", "presenter", "group facilitator", "roaming facilitator", "timekeeper", "scribe",
                 "technical host"]:
        assert f"| {role}" in roles, role
    for heading in ["## The day before", "## On the morning", "### Room layout", "### Mixing organisations"]:
        assert heading in page, heading


# --- every timing and attribution is sourced or marked --------------------------------------------------------


def test_every_timing_and_attribution_in_content_is_sourced_or_marked():
    claims = find_claims(ROOT)
    assert any(c.kind == "timing" for c in claims) and any(c.kind == "attribution" for c in claims)
    left = unmarked(claims)
    assert not left, "neither sourced nor marked as the pack's own:\n" + "\n".join(map(str, left))


@pytest.fixture
def copy(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path


def add_line(root, rel, line):
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_a_timing_needs_a_source_or_a_mark(copy):
    add_line(copy, "content/handouts/parking-space.md", "Allow 12 minutes for this.")
    assert [(c.file, c.text) for c in unmarked(find_claims(copy))] == \
        [("content/handouts/parking-space.md", "12 minutes")]
    add_line(copy, "content/handouts/dot-voting.md", "Allow twenty minutes for this (our estimate).")
    add_line(copy, "content/handouts/investment-grid.md", "The workshop brief gives this 53 minutes.")
    found = {c.file.split("/")[-1]: c.status for c in find_claims(copy)
             if (c.file, c.text) in (("content/handouts/dot-voting.md", "twenty minutes"),
                                     ("content/handouts/investment-grid.md", "53 minutes"))}
    assert found == {"dot-voting.md": "marked", "investment-grid.md": "sourced"}


def test_a_source_that_is_not_one_of_the_packs_sources_is_caught(copy):
    path = copy / "content/handouts/two-loops.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "*Source: Inclusive Wellbeing Economies Test and Learn Workshop brief (YHADPH), which",
        "*Source: Working Together for Change guide; Two Loops model (Berkana Institute). Also the brief, which"),
        encoding="utf-8")
    left = unmarked(find_claims(copy))
    assert [c.text for c in left] == ["Two Loops model (Berkana Institute)"], left


def test_a_credit_in_the_text_needs_a_source_or_a_mark(copy):
    add_line(copy, "content/after-the-day.md", "We use the ladder model, from the Example Institute, here.")
    assert [c.text for c in unmarked(find_claims(copy))] == ["Example Institute"]


def test_step_timings_need_the_timings_line_of_their_notes(copy):
    notes = copy / "content/sections/wrap-up.md"
    text = notes.read_text(encoding="utf-8")
    line = next(u for _, u in markdown_units(text) if u.startswith("Timings:"))
    notes.write_text(text.replace(line, "A line that no longer says where the times come from."), encoding="utf-8")
    left = unmarked(find_claims(copy))
    steps = steps_of("wrap-up")
    assert {c.file for c in left} == {"content/sections/wrap-up.yml", "content/sections/wrap-up.md"}
    assert len([c for c in left if c.file.endswith(".yml") and c.text.startswith("step ")]) == len(steps)


def test_check_claims_reports_each_one_to_the_collector(copy):
    add_line(copy, "content/handouts/parking-space.md", "Allow 12 minutes for this.")

    class Errors:
        def __init__(self):
            self.seen = []

        def add(self, file, line, field, code, found=None, **details):
            self.seen.append((file.relative_to(copy).as_posix(), line, code, found, details["kind"]))

    errors = Errors()
    check_claims(copy, errors)
    text = (copy / "content/handouts/parking-space.md").read_text(encoding="utf-8")
    assert errors.seen == [("content/handouts/parking-space.md", len(text.splitlines()), "claims.unmarked",
                            "'12 minutes'", "timing")]


@pytest.mark.parametrize("text,found", [
    ("about 5 minutes", ["5 minutes"]), ("two to three hours", ["two to three hours"]),
    ("a five-minute warning", ["five-minute"]), ("About half a minute each", ["half a minute"]),
    ("10–15 mins", ["10–15 mins"]), ("forty-five minutes", ["forty-five minutes"]), ("a few minutes", []),
    ("five people", []),
])
def test_what_counts_as_a_timing(text, found):
    assert timings(text) == found
    assert bool(TIMING.search(text)) == (bool(found) or text.startswith("a few"))  # matched, then set aside as vague


def test_a_claim_says_where_it_is():
    c = Claim("content/x.md", 3, "timing", "5 minutes", "unmarked")
    assert str(c) == "content/x.md, line 3: timing '5 minutes' is unmarked"
