from iwe_pack.load.loader import read_record
from iwe_pack.model import plan as pl
from iwe_pack.model.record import make_record, record_path, summarise
from iwe_pack.sources.packs import PackFile
from iwe_pack.sources.record_csv import Answers, Response
from iwe_pack.sources.record_schema import Ref, load_record

from ..conftest import ROOT, codes, load_text, shipped

FONTS = ROOT / "overrides/assets/fonts"


def day(tmp_path, errors, workshop, record: str, files: dict[str, str]):
    pack = load_text(tmp_path, errors, "ynys-mon.yml", shipped("packs/ynys-mon.yml"), PackFile)
    planned = [(i.section, i.minutes) for i in pl.make_plan(pack, workshop, "ynys-mon").agenda if i.section]
    path = record_path(tmp_path / "ynys-mon.yml")
    path.parent.mkdir()
    path.write_text(record, encoding="utf-8")
    for name, text in files.items():
        (path.parent / name).write_text(text, encoding="utf-8")
    return read_record(path, pack, workshop.matrix, planned, FONTS, errors), planned


def test_record_path_sits_in_records_beside_the_pack(tmp_path):
    assert record_path(tmp_path / "hull.yml") == tmp_path / "records" / "hull.yml"


def test_make_record_takes_values_and_returns_the_record(tmp_path, errors, workshop):
    ids = [p.id for p in workshop.matrix.principles]
    (tmp_path / "hull.yml").write_text("illustrative: true\nminutes: {}\nactions:\n  - what: Meet\n    by: 2026-06-01\n"
                                       "    smart: true\n    who: Chair\n", encoding="utf-8")
    rf = load_record(tmp_path / "hull.yml", errors)
    pack = load_text(tmp_path, errors, "ynys-mon.yml", shipped("packs/ynys-mon.yml"), PackFile)
    first, second = workshop.sections[:2]
    where = Ref("hull.yml", 3)
    made = make_record("hull", rf, pack, workshop.matrix, [(first, 10), (second, 20)], {ids[0]: (2.5, where)},
                       {first.id: (12, where, None, None)}, None)
    assert (made.slug, made.illustrative, made.held) == ("hull", True, pack.date)
    assert [(s.principle.id, s.score, s.level.score) for s in made.scored] == [(ids[0], 2.5, 2)]
    assert [(t.section.id, t.planned, t.actual) for t in made.times] == [(first.id, 10, 12), (second.id, 20, None)]
    assert made.minutes_over == 2 and [a.who for a in made.actions] == ["Chair"] and made.not_smart == ()


def test_summarise_counts_ratings_and_keeps_names_apart():
    where = Ref("a.csv", 2, row=2)
    people = [Response({"useful": (5, where)}, {"improve": ("More time", where)}, "Sam", where),
              Response({"useful": (4, where)}, {}, None, where)]
    summary = summarise(Answers(("useful", "improve", "name"), people), Ref("a.csv", None))
    useful = summary.rating("useful")
    assert (useful.count, useful.mean, useful.counts) == (2, 4.5, (0, 0, 0, 1, 1))
    assert [a.text for a in summary.text("improve").answers] == ["More time"]
    assert summary.names == ("Sam",)


def test_scores_minutes_actions_and_answers_become_the_record(tmp_path, errors, workshop):
    ids = [p.id for p in workshop.matrix.principles]
    record = f"""held: 2026-05-07
scores:
  {ids[0]}: 2
  {ids[1]}: 3.5
minutes: {{from: times.csv}}
actions:
  - what: Meet again
    by: 2026-06-01
    smart: false
    who: Chair
    principle: {ids[0]}
evaluation: {{from: answers.csv}}
"""
    first = workshop.sections[0]
    times = "section_id,section,planned_minutes,actual_minutes,started,ended\n" \
            f"{first.id},x,10,14,2026-05-07T10:00,2026-05-07T10:14\n"
    answers = "useful,improve\n5,More time\n3,\n"
    made, planned = day(tmp_path, errors, workshop, record, {"times.csv": times, "answers.csv": answers})
    assert errors.errors == [], errors.errors
    assert [s.principle.id for s in made.scored] == ids[:2] and made.mean_score() == 2.75
    assert made.score_for(ids[1]).level.score == 3 and len(made.not_scored) == len(ids) - 2
    assert made.timed and made.times[0].actual == 14 and made.minutes_over == 14 - planned[0][1]
    assert [a.what for a in made.actions_for(ids[0])] == ["Meet again"] and len(made.not_smart) == 1
    useful = made.evaluation.rating("useful")
    assert (useful.count, useful.mean, useful.counts) == (2, 4.0, (0, 0, 1, 0, 1))
    assert [a.text for a in made.evaluation.text("improve").answers] == ["More time"]


def test_a_record_with_a_mistake_gives_no_record(tmp_path, errors, workshop):
    made, _ = day(tmp_path, errors, workshop, "held: 2026-05-07\nscores:\n  nothing-like-it: 2\n", {})
    assert made is None and codes(errors) == ["record.unknown-principle"]
