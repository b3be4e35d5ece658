import pytest

from iwe_pack.sources.record_schema import EvaluationFrom, FromFile, Ref, Score, load_record, score_range
from iwe_pack.sources.typed_yaml import Invalid

RECORD = """held: 2026-03-12
scores: {from: scores.csv}
minutes:
  introductions: 18
actions:
  - what: Meet again
    by: 2026-04-01
    smart: true
    who: Chair
evaluation:
  from: answers.csv
  columns:
    useful: How useful?
"""


def test_a_record_loads_with_its_from_files(tmp_path, errors):
    path = tmp_path / "hull.yml"
    path.write_text(RECORD, encoding="utf-8")
    record = load_record(path, errors)
    assert errors.errors == []
    assert isinstance(record.scores, FromFile) and record.scores.file == "scores.csv"
    assert record.minutes == {"introductions": 18}
    assert isinstance(record.evaluation, EvaluationFrom) and record.evaluation.columns == {"useful": "How useful?"}
    assert record.evaluation.origin.line_for("from") == 11
    assert [(a.what, a.who, a.smart) for a in record.actions] == [("Meet again", "Chair", True)]


def test_a_from_mapping_with_other_keys_is_refused(tmp_path, errors):
    path = tmp_path / "hull.yml"
    path.write_text("scores: {from: s.csv, sheet: 2}\nminutes:\n  intro: 601\n", encoding="utf-8")
    assert load_record(path, errors) is None
    assert [e.line for e in errors.errors] == [1, 3]


def test_score_takes_half_steps_only():
    assert Score.parse("2.5") == 2.5 and Score.parse(" 3 ") == 3.0
    for bad in ("2.25", "two", "-1"):
        with pytest.raises(Invalid):
            Score.parse(bad)


def test_ref_says_where_a_value_came_from():
    assert str(Ref("a.csv", 3, "agreed", row=2)) == "a.csv, row 2, agreed"
    assert str(Ref("a.yml", 7)) == "a.yml, line 7"
    assert str(Ref("a.yml", None)) == "a.yml"


def test_score_range_is_the_matrix_levels(workshop):
    scores = [lv.score for lv in workshop.matrix.levels]
    assert score_range(workshop.matrix) == (min(scores), max(scores)) and min(scores) < max(scores)
