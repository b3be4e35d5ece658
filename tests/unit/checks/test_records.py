import datetime as dt

from iwe_pack.checks import records
from iwe_pack.sources.record_schema import Ref, load_record

from ..conftest import ROOT, codes

RECORD = """held: 2026-03-12
next_meeting: 2026-03-01
actions:
  - what: Meet again
    by: 2026-04-01
    smart: true
  - what: Write up
    by: 2026-02-01
    smart: false
    who: Chair
    principle: no-such-principle
"""


def test_scores_must_name_principles_and_lie_in_the_levels(errors, workshop):
    matrix = workshop.matrix
    low, high = min(lv.score for lv in matrix.levels), max(lv.score for lv in matrix.levels)
    pid = matrix.principles[0].id
    row, line = Ref("s.csv", 2, "agreed", row=2), Ref("hull.yml", 5, "scores.nope")
    records.check_scores([(pid, float(low), row), (pid, None, row), (pid, high + 1.0, row), ("nope", 1.0, row)],
                         {"nope": line}, matrix, errors)
    # a CSV row's problem is said as the CSV's, a YAML line's as the record's
    assert [(e.code, e.line) for e in errors.errors] == [("record.csv-bad-score", 2), ("record.unknown-principle", 5)]


def test_times_must_name_sections(errors, workshop):
    ref = Ref("t.csv", 3, "section_id", row=3)
    records.check_times([(workshop.sections[0].id, ref), ("lunch", ref)], workshop.sections, errors)
    assert [(e.code, e.line) for e in errors.errors] == [("record.csv-unknown-section", 3)]


def test_owners_principles_and_dates(tmp_path, errors, workshop):
    path = tmp_path / "hull.yml"
    path.write_text(RECORD, encoding="utf-8")
    record = load_record(path, errors)
    records.check_record(record, workshop.matrix, ROOT / "overrides/assets/fonts", errors)
    assert codes(errors) == ["record.no-owner", "record.unknown-principle"]
    errors.errors.clear()
    records.check_dates(record, dt.date(2026, 3, 12), "held", errors)
    assert [(e.code, e.line) for e in errors.errors] == [("record.before-the-day", 8), ("record.before-the-day", 2)]


def test_clock_times_are_on_the_day(errors):
    ref = Ref("t.csv", 2, "started", row=2)
    records.check_clock([(dt.datetime(2026, 3, 12, 9, 30), ref), (dt.datetime(2026, 3, 13, 9, 30), ref)],
                        dt.date(2026, 3, 12), "held", errors)
    assert codes(errors) == ["record.csv-not-on-the-day"]
