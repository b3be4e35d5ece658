import dataclasses

from iwe_pack.model import planner
from iwe_pack.model.advice import advise
from iwe_pack.model.plan import setup_of
from iwe_pack.sources.packs import PackFile

from ..conftest import load_text, shipped


def test_no_problems_no_advice_and_one_piece_otherwise(tmp_path, errors, workshop):
    pack = load_text(tmp_path, errors, "ynys-mon.yml", shipped("packs/ynys-mon.yml"), PackFile)
    good = setup_of(pack, workshop, dict(pack.minutes))
    assert advise(planner.evaluate(good, workshop), None) == []
    bad = dataclasses.replace(good, attendees=60)
    evaluation = planner.evaluate(bad, workshop)
    (alone,) = advise(evaluation, None)
    assert alone.rule == "does-not-fit" and evaluation.problems[0].message in alone.message
    assert alone.source.endswith(".") and not alone.source.endswith("..")
    fix = planner.Recommendation(bad, good, "Plan fewer people.")
    (advice,) = advise(evaluation, fix)
    assert advice.rule == "recommendation" and advice.message.endswith("What to change: Plan fewer people.")
