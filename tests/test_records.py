"""The record of the day (packs/records/<slug>.yml): what a place agreed, read into the model with every
value's origin, and every mistake in it or in the files it names reported with file, line or row, field,
what was found and what is allowed.

The positive tests recompute each value from the source files here (the CSVs with the csv module), not
with the engine's readers.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from statistics import mean

import pytest
import yaml

from conftest import assert_clean_failure, strip_ansi

HULL = "packs/records/kingston-upon-hull.yml"
NY = "packs/records/north-yorkshire.yml"
YM = "packs/records/ynys-mon.yml"
SCORES = "packs/records/kingston-upon-hull-scores.csv"
TIMES = "packs/records/kingston-upon-hull-times.csv"
ANSWERS = "packs/records/kingston-upon-hull-evaluation.csv"


def failure(result) -> str:
    out = strip_ansi(result.stdout + result.stderr)
    assert result.returncode != 0, out
    assert "Traceback" not in out, out
    return out


def plans(project):
    from iwe_pack.load.loader import load_project

    return {p.slug: p for p in load_project(project.path).plans}


def rows(project, rel: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(project.file(rel).read_text(encoding="utf-8-sig"), newline="")))


def replace_cell(project, rel: str, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV (``row`` as a spreadsheet counts, the header being row 1), keeping the rest."""
    text = project.file(rel).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    table[row - 1][table[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    project.write(rel, out.getvalue())


# --- the example records, read into the model ------------------------------------------------------


def test_every_example_pack_has_an_illustrative_record_that_says_so(project):
    for slug, plan in plans(project).items():
        text = project.read(f"packs/records/{slug}.yml")
        assert text.startswith("# Made up"), slug
        assert plan.record is not None and plan.record.illustrative is True
        assert plan.record.origin.file == f"packs/records/{slug}.yml"


def test_hull_scores_come_from_the_scoring_tools_csv(project):
    record = plans(project)["kingston-upon-hull"].record
    matrix = yaml.safe_load(project.read("content/matrix.yml"))
    levels = {lv["score"]: lv["name"] for lv in matrix["levels"]}
    found = {r["principle_id"]: (n, r["agreed"]) for n, r in enumerate(rows(project, SCORES), start=2)}
    assert [s.principle.id for s in record.scores] == [p["id"] for p in matrix["principles"]]
    for entry in record.scores:
        row, agreed = found[entry.principle.id]
        if agreed:
            assert entry.score == float(agreed) and entry.label == agreed
            assert entry.level.name == levels[int(float(agreed))]
            assert (entry.origin.file, entry.origin.row, entry.origin.field) == (SCORES, row, "agreed")
        else:
            assert entry.score is None and entry.level is None and entry.label == "Not scored"
    given = [float(a) for _, a in found.values() if a]
    assert record.not_scored and record.mean_score() == pytest.approx(mean(given))


def test_hull_times_come_from_run_modes_export_against_the_plan(project):
    plan = plans(project)["kingston-upon-hull"]
    pack = yaml.safe_load(project.read("packs/kingston-upon-hull.yml"))
    actual = {r["section_id"]: int(r["actual_minutes"]) for r in rows(project, TIMES) if r["section_id"]}
    assert any(not r["section_id"] for r in rows(project, TIMES))  # the break is in the file, and left out
    assert [t.section.id for t in plan.record.times] == list(pack["minutes"])
    for t in plan.record.times:
        assert t.planned == pack["minutes"][t.section.id]
        assert t.actual == actual[t.section.id] and t.difference == t.actual - t.planned
        assert t.origin.file == TIMES
    over = [sid for sid in pack["minutes"] if actual[sid] > pack["minutes"][sid]]
    assert over and [t.section.id for t in plan.record.overran()] == over


def test_hull_answers_from_a_forms_export_are_summed_up_without_names(project):
    record = plans(project)["kingston-upon-hull"].record
    columns = yaml.safe_load(project.read(HULL))["evaluation"]["columns"]
    table = rows(project, ANSWERS)
    summary = record.evaluation
    assert summary.responses == len(table)
    for rating in summary.ratings:
        values = [int(re.match(r"\d+", r[columns[rating.id]]).group()) for r in table if r[columns[rating.id]].strip()]
        assert (rating.count, rating.counts) == (len(values), tuple(values.count(n) for n in range(1, 6)))
        assert rating.mean == pytest.approx(mean(values))
    assert {r.id for r in summary.ratings} == {"useful", "run_well", "confident"}
    for text in summary.texts:
        assert [a.text for a in text.answers] == [r[columns[text.id]].strip() for r in table
                                                  if r[columns[text.id]].strip()]
    # the file holds names and emails; the record maps neither, so the model holds none
    people = {r["Name"] for r in table if r["Name"]} | {r["Email"] for r in table if "@" in r["Email"]}
    assert people and summary.named == 0 and summary.names == ()
    assert not any(p in repr(record) for p in people)


def test_yaml_records_give_scores_minutes_actions_and_answers(project):
    found = plans(project)
    for slug, rel in (("north-yorkshire", NY), ("ynys-mon", YM)):
        source = yaml.safe_load(project.read(rel))
        pack = yaml.safe_load(project.read(f"packs/{slug}.yml"))
        record = found[slug].record
        assert {s.principle.id: s.score for s in record.scored} == {k: float(v) for k, v in source["scores"].items()}
        for s in record.scored:
            assert s.origin.file == rel and s.origin.line == project.line_of(rel, f"  {s.principle.id}: ")
        assert str(record.held) == str(source.get("held", pack["date"]))
        assert [(a.what, a.who, str(a.by), a.smart, a.principle.id if a.principle else None) for a in record.actions] \
            == [(a["what"], a["who"], str(a["by"]), a["smart"], a.get("principle")) for a in source["actions"]]
        assert {t.section.id: t.actual for t in record.times} == source["minutes"]
        assert record.vision == " ".join(source["vision"].split()) or record.vision == source["vision"]
        assert record.governance.group == source["governance"]["group"]
        assert str(record.next_meeting) == str(source["next_meeting"])
    # Ynys Môn's answers file names its columns after the answers, so it needs no mapping
    table = rows(project, "packs/records/ynys-mon-evaluation.csv")
    summary = found["ynys-mon"].record.evaluation
    assert summary.responses == len(table)
    assert summary.rating("useful").mean == pytest.approx(mean(int(r["useful"]) for r in table))


def test_a_mapped_name_column_keeps_only_the_names_people_typed_apart_from_answers(project):
    project.write("packs/records/answers.csv", "\ufeffID,Start time,Completion time,Email,Name,Useful?,Better?\r\n"
                  "1,3/12/26 12:01:00,3/12/26 12:03:00,anonymous,,4 - Good,More time\r\n"
                  "2,3/12/26 12:02:00,3/12/26 12:04:00,z@example.org,Zoe Test,5 - Very good,\r\n"
                  "3,3/12/26 12:02:00,3/12/26 12:04:00,a@example.org,Ann Test,,\"Fewer slides, more talk\"\r\n")
    project.replace(HULL, "  from: kingston-upon-hull-evaluation.csv\n", "  from: answers.csv\n")
    text = project.read(HULL)
    project.write(HULL, text[:text.index("  columns:")] + "  columns:\n    useful: Useful?\n    improve: Better?\n"
                  "    name: Name\n")
    summary = plans(project)["kingston-upon-hull"].record.evaluation
    assert summary.responses == 3 and summary.named == 2 and summary.names == ("Ann Test", "Zoe Test")
    assert summary.rating("useful").counts == (0, 0, 0, 1, 1) and summary.rating("useful").mean == 4.5
    assert [a.text for a in summary.text("improve").answers] == ["More time", "Fewer slides, more talk"]
    assert summary.rating("confident") is None  # not mapped: absent, not empty
    assert "z@example.org" not in repr(summary)


def test_a_record_is_optional_and_a_scoring_export_may_quote_formulas(project):
    project.file(NY).unlink()
    text = project.read(SCORES).replace("Using evidence to decide", "'=Using evidence")
    project.write(SCORES, text)
    found = plans(project)
    assert found["north-yorkshire"].record is None
    assert found["kingston-upon-hull"].record.score_for("using-evidence").score == 2


# --- mistakes in the record and its files -------------------------------------------------------------


def test_unknown_principle_in_the_yaml(project):
    line = project.line_of(NY, "  using-evidence: 3")
    project.replace(NY, "  using-evidence: 3", "  using-evidnce: 3")
    assert_clean_failure(project.check(), f"{NY}, line {line}, field scores.using-evidnce",
                         "unknown principle 'using-evidnce'", "did you mean 'using-evidence'?", "allowed: shared-")


def test_unknown_principle_in_the_scoring_csv(project):
    replace_cell(project, SCORES, 4, "principle_id", "using-evidnce")
    out = failure(project.check())
    assert f"{SCORES}, line 4, field principle_id: row 4: unknown principle 'using-evidnce'" in out
    assert "did you mean 'using-evidence'?" in out


@pytest.mark.parametrize("value, allowed", [("5", "from 1 to 4"), ("2.3", "steps of 0.5"), ("two", "steps of 0.5"),
                                            ("0.5", "from 1 to 4")])
def test_score_outside_the_levels_or_between_half_steps_in_the_yaml(project, value, allowed):
    line = project.line_of(NY, "  thriving-places: 2")
    project.replace(NY, "  thriving-places: 2", f"  thriving-places: {value}")
    out = failure(project.check())
    assert f"{NY}, line {line}, field scores.thriving-places: found '{value}'" in out and allowed in out


@pytest.mark.parametrize("value, allowed", [("4.5", "from 1 to 4"), ("2.25", "steps of 0.5"), ("=2", "steps")])
def test_score_outside_the_levels_or_between_half_steps_in_the_csv(project, value, allowed):
    replace_cell(project, SCORES, 5, "agreed", value)
    out = failure(project.check())
    assert f"{SCORES}, line 5, field agreed: row 5: found '{value}'" in out and allowed in out


def test_an_action_needs_an_owner(project):
    line = project.line_of(NY, "- what: Map the data we hold")
    project.replace(NY, "    who: Head of Business Intelligence\n", "")
    assert_clean_failure(project.check(), f"{NY}, line {line}, field actions.2.who", "this action has no owner")


def test_an_action_for_an_unknown_principle(project):
    line = project.line_of(NY, "principle: thriving-places")
    project.replace(NY, "principle: thriving-places", "principle: thriving-place")
    out = failure(project.check())
    assert f"{NY}, line {line}, field actions.3.principle: unknown principle 'thriving-place'" in out


@pytest.mark.parametrize("key, old", [("by", "by: 2026-08-31"), ("next_meeting", "next_meeting: 2026-05-19")])
def test_a_date_that_does_not_exist(project, key, old):
    line = project.line_of(NY, old)
    project.replace(NY, old, f"{key}: 2026-02-30")
    out = failure(project.check())
    assert f"{NY}, line {line}" in out and f"{key}: found '2026-02-30'; there is no such day: February 2026 has 28" in out


def test_scoring_csv_without_its_agreed_column(project):
    project.write(SCORES, project.read(SCORES).replace("midpoint,agreed\n", "midpoint,agreed score\n", 1))
    assert_clean_failure(project.check(), f"{SCORES}, line 1: the header row lacks 'agreed'",
                         "'agreed score'", "allowed: principle_id,principle, a column for each group")


def test_times_csv_with_wrong_columns(project):
    text = project.read(TIMES)
    project.write(TIMES, text.replace(",started,ended\n", ",startd,ended\n", 1))
    out = failure(project.check())
    assert f"{TIMES}, line 1: the header row lacks 'started'" in out
    assert "the header row has 'startd' (did you mean 'started'?), which run mode's timing file does not have" in out
    assert "allowed: section_id,section,planned_minutes,actual_minutes,started,ended" in out


@pytest.mark.parametrize("column, value, needle", [
    ("section_id", "self-asessment", "unknown section 'self-asessment' (did you mean 'self-assessment'?)"),
    ("actual_minutes", "twenty", "found 'twenty'; allowed: a whole number of minutes"),
    ("started", "10:26", "found '10:26'; allowed: a local date and time such as 2026-03-12T09:31"),
])
def test_bad_cells_in_run_modes_export(project, column, value, needle):
    replace_cell(project, TIMES, 5, column, value)
    out = failure(project.check())
    assert f"{TIMES}, line 5, field {column}: row 5: {needle}" in out


def test_unknown_section_in_the_yaml_minutes(project):
    line = project.line_of(NY, "  wrap-up: 5")
    project.replace(NY, "  wrap-up: 5", "  wrapup: 5")
    out = failure(project.check())
    assert f"{NY}, line {line}, field minutes.wrapup: unknown section 'wrapup' (did you mean 'wrap-up'?)" in out


def test_columns_naming_a_header_not_in_the_file(project):
    line = project.line_of(HULL, "    improve: ")
    project.replace(HULL, "improve: How could we make the workshop better?", "improve: How could we make it better?")
    assert_clean_failure(project.check(), f"{HULL}, line {line}, field evaluation.columns.improve",
                         "found 'How could we make it better?' (did you mean 'How could we make the workshop better?'?)",
                         "but kingston-upon-hull-evaluation.csv has no column with that header",
                         "allowed: a header from its first row: 'ID'")


def test_an_unknown_answer_field_in_the_mapping(project):
    line = project.line_of(HULL, "    run_well: ")
    project.replace(HULL, "    run_well: ", "    ran_well: ")
    out = failure(project.check())
    assert f"{HULL}, line {line}, field evaluation.columns.ran_well: unknown answer 'ran_well' " \
           f"(did you mean 'run_well'?); allowed: useful, run_well, confident" in out


def test_answers_file_without_mapping_or_matching_headers(project):
    project.replace(YM, "evaluation: {from: ynys-mon-evaluation.csv}",
                    "evaluation: {from: kingston-upon-hull-evaluation.csv}")
    out = failure(project.check())
    assert f"{YM}, line {project.line_of(YM, 'evaluation:')}, field evaluation.from: none of the file's columns " \
           "('ID', 'Start time'" in out and "add 'columns:'" in out


def test_a_rating_that_is_not_1_to_5(project):
    replace_cell(project, ANSWERS, 3, "How useful did you find the workshop?", "Good")
    replace_cell(project, ANSWERS, 4, "How well was the workshop run on the day?", "7")
    out = failure(project.check())
    assert f"{ANSWERS}, line 3, field How useful did you find the workshop?: row 3: found 'Good'; allowed: a " \
           "rating from 1 to 5" in out
    assert f"{ANSWERS}, line 4, field How well was the workshop run on the day?: row 4: found '7'" in out


def test_a_record_without_a_pack(project):
    project.write("packs/records/kingston-upon-hul.yml", "illustrative: true\n")
    assert_clean_failure(project.check(), "packs/records/kingston-upon-hul.yml: there is no pack "
                         "packs/kingston-upon-hul.yml for this record (did you mean 'kingston-upon-hull'?)")


@pytest.mark.parametrize("name", ["../kingston-upon-hull.yml", "/etc/passwd", "link.csv"])
def test_from_a_file_outside_the_records_folder(project, name):
    os.symlink("../kingston-upon-hull.yml", project.file("packs/records/link.csv"))  # inside packs/, not records/
    line = project.line_of(HULL, "scores: {from:")
    project.replace(HULL, "scores: {from: kingston-upon-hull-scores.csv}", f"scores: {{from: {name}}}")
    out = failure(project.check())
    assert f"{HULL}, line {line}, field scores.from: found '{name}', which is outside packs/records/" in out


def test_a_file_linked_from_outside_the_project_is_refused_by_the_project_check(project):
    os.symlink("/etc/hostname", project.file("packs/records/link.csv"))
    project.replace(HULL, "scores: {from: kingston-upon-hull-scores.csv}", "scores: {from: link.csv}")
    assert_clean_failure(project.check(), "packs/records/link.csv: is a link to a file outside the project")


def test_from_a_file_that_is_missing(project):
    line = project.line_of(HULL, "minutes: {from:")
    project.replace(HULL, "kingston-upon-hull-times.csv", "kingston-upon-hull-timings.csv")
    assert_clean_failure(project.check(), f"{HULL}, line {line}, field minutes.from: found "
                         "'kingston-upon-hull-timings.csv' (did you mean 'kingston-upon-hull-times.csv'?), but there "
                         "is no such file in packs/records/")


def test_checking_one_pack_checks_its_record(project):
    project.replace(NY, "  wrap-up: 5", "  wrapup: 5")
    out = failure(project.check(str(project.file("packs/north-yorkshire.yml"))))
    assert "field minutes.wrapup: unknown section 'wrapup'" in out
    ok = project.check(str(project.file("packs/ynys-mon.yml")))
    assert ok.returncode == 0, ok.stderr


def test_an_export_that_is_not_utf8(project):
    project.file(TIMES).write_bytes(project.file(TIMES).read_bytes().replace(b"Wrap-up", b"Wrap\xe9up"))
    out = failure(project.check())
    assert f"{TIMES}, line 8: is not UTF-8 text (byte 0xe9)" in out


def test_the_evaluation_page_asks_what_the_record_imports():
    """The page's questions and the record's answer fields are one contract: the same ids, in the same order."""
    from iwe_pack.model.feedback import QUESTIONS
    from iwe_pack.sources.record_csv import EVALUATION_FIELDS

    assert tuple(q.id for q in QUESTIONS) == EVALUATION_FIELDS


# --- files and values that make no sense for the day --------------------------------------------------


@pytest.mark.parametrize("name, where, says", [
    ("kingston-upon-hull.yaml", "packs/records/kingston-upon-hull.yaml", "the file name ends '.yaml', so it is not "
     "read as a record (a record is read only from packs/records/<place>.yml); allowed: rename it to "
     "kingston-upon-hull.yml"),
    ("kingston-upon-hull.YML", "packs/records/kingston-upon-hull.YML", "the file name ends '.YML'"),
    ("2025/kingston-upon-hull.yml", "packs/records/2025/kingston-upon-hull.yml", "is in the folder "
     "packs/records/2025/, where records are not read (a record is read only from packs/records/<place>.yml); "
     "allowed: move it up to packs/records/kingston-upon-hull.yml"),
    ("old/drafts/kingston-upon-hull.yaml", "packs/records/old/drafts/kingston-upon-hull.yaml",
     "is in the folder packs/records/old/drafts/"),
])
def test_a_record_that_would_be_ignored_is_named_and_refused(project, name, where, says):
    text = project.read(HULL)
    project.file(HULL).unlink()
    project.write(f"packs/records/{name}", text)
    project.write("packs/records/2025/kingston-upon-hull-notes.csv", "a,b\n1,2\n")  # other files may be kept
    out = assert_clean_failure(project.check(), f"{where}: {says}")
    assert "1 problem in the sources" in out and project.read(where) == text


@pytest.mark.parametrize("old, new, field, what", [
    ("next_meeting: 2026-04-23", "next_meeting: 2026-03-11", "next_meeting", "the next meeting"),
    ("by: 2026-07-31", "by: 2025-07-31", "actions.2.by", "an action's due date"),
])
def test_a_date_before_the_day_is_refused(project, old, new, field, what):
    line = project.line_of(HULL, old)
    project.replace(HULL, old, new)
    assert_clean_failure(project.check(), f"{HULL}, line {line}, field {field}: found '{new.split()[1]}', before "
                         f"the day of the workshop (2026-03-12, held: in the record); allowed: {what} on or after "
                         "that day")


@pytest.mark.parametrize("column, value, said", [
    ("ended", "2026-03-12T10:20", "row 5: found '2026-03-12T10:20', before the section started ('2026-03-12T10:26'); "
     "allowed: a time at or after its start"),
    ("actual_minutes", "999", "row 5: found '999' minutes, longer than a whole workshop day could be; allowed: a "
     "whole number of minutes from 0 to 600"),
    ("ended", "2026-03-13T11:18", "row 5: found '2026-03-13T11:18', which is not on the day of the workshop "
     "(2026-03-12, held: in the record); allowed: a time on 2026-03-12"),
])
def test_times_that_end_before_they_start_or_outlast_the_day_are_refused(project, column, value, said):
    replace_cell(project, TIMES, 5, column, value)
    assert_clean_failure(project.check(), f"{TIMES}, line 5, field {column}: {said}")


@pytest.mark.parametrize("rel, allowed", [
    (SCORES, "a row for each principle, as the scoring tool writes it"),
    (TIMES, "a row for each item of the agenda, as run mode writes it"),
    (ANSWERS, "a row for each person who answered"),
])
def test_a_csv_with_a_header_and_no_rows_is_refused(project, rel, allowed):
    header = project.read(rel).splitlines()[0]
    project.write(rel, header + "\r\n\r\n")
    assert_clean_failure(project.check(), f"{rel}, line 1: has a header row but no rows under it; allowed: {allowed}")


def test_two_answers_mapped_to_one_column_are_refused(project):
    first = project.line_of(HULL, "    useful: ")
    line = project.line_of(HULL, "    run_well: ")
    project.replace(HULL, "run_well: How well was the workshop run on the day?",
                    "run_well: How useful did you find the workshop?")
    assert_clean_failure(project.check(), f"{HULL}, line {line}, field evaluation.columns.run_well: found 'How useful "
                         f"did you find the workshop?', the column already mapped to useful on line {first}; allowed: "
                         "a different column for each answer")


def resaved(project, rel: str, sep: str, decimal_comma: bool = False) -> None:
    """A CSV saved again as Excel saves it where the comma is the decimal mark: cells split at ``sep``."""
    table = list(csv.reader(io.StringIO(project.file(rel).read_text(encoding="utf-8-sig"), newline="")))
    if decimal_comma:
        table = [[re.sub(r"^([0-9]+)\.([0-9]+)$", r"\1,\2", c) for c in row] for row in table]
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(table)
    project.write(rel, "\ufeff" + out.getvalue())


@pytest.mark.parametrize("sep", [";", "\t"])
def test_an_export_split_at_semicolons_or_tabs_is_read_as_with_commas(project, sep):
    ny_answers = "packs/records/north-yorkshire-evaluation.csv"  # its headers hold commas: its rows say which
    assert "Overall, how useful" in project.read(ny_answers).splitlines()[0]  # of the two splits the cells
    replace_cell(project, SCORES, 3, "agreed", "1.5")
    before = plans(project)
    for rel in (SCORES, TIMES, ANSWERS, ny_answers):
        resaved(project, rel, sep, decimal_comma=True)
    assert sep in project.read(ANSWERS).splitlines()[0] and "1,5" in project.read(SCORES)
    checked = project.check()
    assert checked.returncode == 0, strip_ansi(checked.stdout + checked.stderr)
    after = plans(project)
    hull, was = after["kingston-upon-hull"].record, before["kingston-upon-hull"].record
    assert hull.scores == was.scores and hull.times == was.times and hull.evaluation == was.evaluation
    assert hull.score_for("fairer-wellbeing-goals").score == 1.5
    assert after["north-yorkshire"].record.evaluation == before["north-yorkshire"].record.evaluation


def test_an_export_whose_separator_is_not_clear_is_refused(project):
    project.write(ANSWERS, "useful;run_well\timprove;learning\tname\n4;5\tMore;time\tAnn\n")
    assert_clean_failure(project.check(), f"{ANSWERS}, line 1: the header row splits into cells at semicolons or "
                         "tabs, so which of them separates the cells is not clear; allowed: a file with commas between "
                         "cells")


@pytest.mark.parametrize("case", ["answers", "scores", "answer length"])
def test_imports_keep_to_the_stated_limits_and_stop_reading_early(project, case):
    from iwe_pack.diagnostics.catalogue import CATALOGUE
    from iwe_pack.sources.record_csv import MAX_ANSWER, MAX_ROWS

    guide = CATALOGUE["record.csv-too-many-rows"].todo + CATALOGUE["record.csv-answer-too-long"].todo
    assert f"at most {MAX_ROWS} rows" in guide and f"at most {MAX_ANSWER:,} characters" in guide  # as the guide says
    if case == "answers":  # Ynys Môn expects 10 attendees: at most 4 × 10 + 20 = 60 rows; the file has 100,000
        rel = "packs/records/ynys-mon-evaluation.csv"
        project.write(rel, "useful,run_well,confident,resonated,improve,learning\n" + "4,4,3,,,\n" * 100_000)
        needles = [f"{rel}, line 62: has more than 60 rows under its header; allowed: at most 60 (4 for each of "
                   "the pack's 10 attendees, plus 20), so reading stopped at this line"]
    elif case == "scores":
        project.write(SCORES, project.read(SCORES) + "".join(f"p{n},P,,,,,,,1\n" for n in range(50_000)))
        needles = [f"{SCORES}, line 202: has more than 200 rows under its header; allowed: at most 200"]
    else:
        replace_cell(project, ANSWERS, 4, "How could we make the workshop better?", "More time. " * 400)
        needles = [f"{ANSWERS}, line 4, field How could we make the workshop better?: row 4: the answer is 4,399 "
                   "characters long; allowed: at most 4,000 characters"]
    started = time.monotonic()
    checked = project.check()
    assert time.monotonic() - started < 10
    out = assert_clean_failure(checked, *needles)
    assert "1 problem in the sources" in out


# --- answers sent by email from the evaluation page ------------------------------------------------


EMAILS = "packs/records/ynys-mon-emails.txt"


def email_text(*answers: tuple[str, str], start: bool = True, end: bool = True) -> str:
    """One email's answers as the evaluation page writes them (its marker lines from the engine, the contract)."""
    from iwe_pack.sources.record_email import email_format

    marks = email_format()
    lines = [marks["start"]] if start else []
    for field, answer in answers:
        lines += [marks["question"].format(id=field) + "The question's words", marks["answer"] + answer, ""]
    return "\n".join(lines + ([marks["end"]] if end else [])) + "\n"


def use_emails(project, text: str, rel: str = EMAILS, columns: str = "") -> None:
    project.write(rel, text)
    name = rel.removeprefix("packs/records/")
    project.replace(YM, "evaluation: {from: ynys-mon-evaluation.csv}", f"evaluation: {{from: {name}{columns}}}")


def test_emailed_answers_in_a_folder_of_saved_emails_are_read(project):
    """A folder of .eml files (one plain, one quoted-printable, as mail programs save them) and a .txt."""
    import email.message

    folder = "packs/records/ynys-mon-emails"
    plain = email.message.EmailMessage()
    plain["Subject"], plain["From"] = "Workshop evaluation", "zoe@example.org"
    plain.set_content(email_text(("useful", "4"), ("improve", "Shorter taught section"), ("name", "Zoe Test")),
                      cte="8bit")
    coded = email.message.EmailMessage()
    coded["Subject"] = "Workshop evaluation"
    coded.set_content(email_text(("useful", "2"), ("improve", "Más tiempo " * 20)), cte="quoted-printable")
    project.file(folder).mkdir()
    project.file(f"{folder}/a.eml").write_bytes(plain.as_bytes())
    project.file(f"{folder}/b.eml").write_bytes(coded.as_bytes())
    project.write(f"{folder}/c.txt", email_text(("run_well", "5")))
    project.write(f"{folder}/notes.md", "Not an email: not read.\n")
    project.replace(YM, "evaluation: {from: ynys-mon-evaluation.csv}", "evaluation: {from: ynys-mon-emails}")
    summary = plans(project)["ynys-mon"].record.evaluation
    assert summary.responses == 3 and summary.names == ("Zoe Test",)
    assert summary.rating("useful").counts == (0, 1, 0, 1, 0) and summary.rating("run_well").count == 1
    improve = summary.text("improve").answers
    assert [a.text for a in improve] == ["Shorter taught section", ("Más tiempo " * 20).strip()]
    line = project.read(f"{folder}/a.eml").splitlines().index("A: Shorter taught section") + 1
    assert (improve[0].origin.file, improve[0].origin.line) == (f"{folder}/a.eml", line)
    assert "zoe@example.org" not in repr(summary)


@pytest.mark.parametrize("case", ["unknown question", "rating", "twice", "no end", "end alone", "stray", "columns",
                                  "nothing", "too long"])
def test_a_mistake_in_emailed_answers_is_refused_with_its_line(project, case):
    from iwe_pack.sources.record_csv import MAX_ANSWER

    good = email_text(("useful", "4"), ("improve", "More time"))
    text = good + "\n"
    if case == "unknown question":
        text += email_text(("useful", "5"), ("ran_well", "4"))
        at = text.splitlines().index("Q [ran_well]: The question's words") + 1
        needle = f"line {at}: an answer for an unknown question 'ran_well' (did you mean 'run_well'?); allowed: " \
                 "useful, run_well"
    elif case == "rating":
        text += email_text(("useful", "7"))
        needle = f"line {len(text.splitlines()) - 2}, field useful: found '7'; allowed: a rating from 1 to 5"
    elif case == "twice":
        text += email_text(("useful", "3"), ("run_well", "4"), ("useful", "5"))
        first = len(good.splitlines()) + 3  # the blank line between the emails, the start line, then the question
        needle = f"line {first + 6}, field useful: found 'useful' answered twice in one email (first on line {first})"
    elif case == "no end":
        text += email_text(("useful", "3"), end=False)
        needle = f"line {len(good.splitlines()) + 2}: found '--- My answers start ---' here, but these answers have " \
                 "no line '--- My answers end ---' after them"
    elif case == "end alone":
        text += email_text(("useful", "3"), start=False)
        needle = f"line {len(text.splitlines())}: found '--- My answers end ---', but no line '--- My answers " \
                 "start ---' before it"
    elif case == "stray":
        text = email_text(("useful", "4")).replace("Q [useful]", "I loved it\nQ [useful]")
        needle = "line 2: found 'I loved it', which is not a question or an answer; allowed: the emails as the " \
                 "evaluation page writes them"
    elif case == "columns":
        use_emails(project, text, columns=", columns: {useful: Useful}")
        assert_clean_failure(project.check(), f"{YM}, line {project.line_of(YM, 'evaluation:')}, field "
                             "evaluation.columns: found 'columns:' for 'ynys-mon-emails.txt', a file of emails")
        return
    elif case == "nothing":
        use_emails(project, "Hello, I forgot to paste the answers.\n")
        assert_clean_failure(project.check(), f"{YM}, line {project.line_of(YM, 'evaluation:')}, field "
                             "evaluation.from: found 'ynys-mon-emails.txt', which holds no answers")
        return
    else:
        text += email_text(("learning", "Anchors. " * (MAX_ANSWER // 8)))
        long = ("Anchors. " * (MAX_ANSWER // 8)).strip()
        needle = f"line {len(text.splitlines()) - 2}, field learning: the answer is {len(long):,} characters long; " \
                 f"allowed: at most {MAX_ANSWER:,} characters"
    use_emails(project, text)
    out = assert_clean_failure(project.check(), f"{EMAILS}, {needle}")
    assert "1 problem in the sources" in out


def test_emailed_answers_keep_to_the_row_limit_and_stop_reading_early(project):
    """Ynys Môn expects 10 attendees: at most 4 × 10 + 20 = 60 people's answers; the file has 5,000."""
    one = email_text(("useful", "4"))
    use_emails(project, one * 5_000)
    started = time.monotonic()
    checked = project.check()
    assert time.monotonic() - started < 10
    line = len(one.splitlines()) * 60 + 1
    out = assert_clean_failure(checked, f"{EMAILS}, line {line}: has more than 60 people's answers; allowed: at most "
                               "60 (4 for each of the pack's 10 attendees, plus 20), so reading stopped at this line")
    assert "1 problem in the sources" in out
