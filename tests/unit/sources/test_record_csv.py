from iwe_pack.sources import record_csv
from iwe_pack.sources.record_schema import load_record

from ..conftest import codes


def test_parse_rating_reads_forms_answers():
    assert [record_csv.parse_rating(t) for t in ("4", "4 - Good", " 5 ", "0", "6", "4.5", "", "x")] == \
        [4, 4, 5, None, None, None, None, None]
    assert record_csv.answer_rows_allowed(10) == 60


def test_separator_follows_the_header_and_rows():
    assert record_csv.separator("a,b\n1,2\n") == ","
    assert record_csv.separator("a;b\n1;2\n") == ";"
    assert record_csv.separator("a\tb\n1\t2\n") == "\t"
    assert record_csv.separator("a;b,c\n1;2,5\n") == ","  # both split every row evenly: a comma, as read today
    assert record_csv.separator("one\n") == ","


def test_read_scores_reads_the_agreed_column(tmp_path, errors):
    path = tmp_path / "scores.csv"
    path.write_text("principle_id,principle,Group A,midpoint,agreed\nfair,Fair goals,2,2,2.5\nshared,Shared,,,\n",
                    encoding="utf-8")
    rows = record_csv.read_scores(path, errors)
    assert errors.errors == []
    assert [(r.principle_id, r.score, r.ref.row) for r in rows] == [("fair", 2.5, 2), ("shared", None, 3)]


def test_read_scores_names_missing_columns(tmp_path, errors):
    path = tmp_path / "scores.csv"
    path.write_text("principle_id,score\nfair,2\n", encoding="utf-8")
    assert record_csv.read_scores(path, errors) is None
    assert codes(errors) == ["record.csv-missing-columns"]


def test_read_times_reads_minutes_and_clock_times(tmp_path, errors):
    path = tmp_path / "times.csv"
    path.write_text("section_id,section,planned_minutes,actual_minutes,started,ended\n"
                    "intro,Intro,15,18,2026-03-12T09:32,2026-03-12T09:50\nbreak,Break,10,,,\n", encoding="utf-8")
    rows = record_csv.read_times(path, errors)
    assert errors.errors == []
    assert [(r.section_id, r.actual) for r in rows] == [("intro", 18), ("break", None)]
    assert rows[0].started.isoformat() == "2026-03-12T09:32:00" and rows[1].ended is None


def test_read_times_refuses_too_many_minutes(tmp_path, errors):
    path = tmp_path / "times.csv"
    path.write_text("section_id,section,planned_minutes,actual_minutes,started,ended\nintro,Intro,15,601,,\n",
                    encoding="utf-8")
    assert record_csv.read_times(path, errors) == []  # the row is left out, and said
    assert codes(errors) == ["record.csv-minutes-too-long"] and errors.errors[0].line == 2


def test_read_evaluation_maps_columns_to_fields(tmp_path, errors):
    (tmp_path / "hull.yml").write_text("evaluation:\n  from: answers.csv\n  columns:\n    useful: How useful?\n"
                                       "    improve: Better?\n", encoding="utf-8")
    source = load_record(tmp_path / "hull.yml", errors).evaluation
    path = tmp_path / "answers.csv"
    path.write_text("ID,How useful?,Better?\n1,4 - Good,More time\n2,,\n", encoding="utf-8")
    answers = record_csv.read_evaluation(path, source, 10, errors)
    assert errors.errors == []
    assert set(answers.fields) == {"useful", "improve"}
    first = answers.responses[0]
    assert first.ratings["useful"][0] == 4 and first.texts["improve"][0] == "More time"


def test_locate_keeps_files_inside_the_records_folder(tmp_path, errors):
    (tmp_path / "hull.yml").write_text("scores: {from: ../secret.csv}\nminutes: {from: missing.csv}\n",
                                       encoding="utf-8")
    record = load_record(tmp_path / "hull.yml", errors)
    assert record_csv.locate(tmp_path, record.scores, "scores", errors) is None
    assert record_csv.locate(tmp_path, record.minutes, "minutes", errors) is None
    assert codes(errors) == ["record.file-outside", "record.file-missing"]
