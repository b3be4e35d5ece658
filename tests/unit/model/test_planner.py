import dataclasses

from iwe_pack.model import planner
from iwe_pack.model.plan import setup_of
from iwe_pack.sources.packs import PackFile

from ..conftest import load_text, shipped


def setup(tmp_path, errors, workshop):
    pack = load_text(tmp_path, errors, "ynys-mon.yml", shipped("packs/ynys-mon.yml"), PackFile)
    return setup_of(pack, workshop, dict(pack.minutes))


def test_the_shipped_pack_has_no_problems(tmp_path, errors, workshop):
    s = setup(tmp_path, errors, workshop)
    assert planner.evaluate(s, workshop).problems == [] and planner.recommend(s, workshop) is None
    assert s.total == sum(m for _, m in s.minutes) + 15


def test_too_many_people_for_the_minutes_is_a_problem_with_a_fix(tmp_path, errors, workshop):
    s = dataclasses.replace(setup(tmp_path, errors, workshop), attendees=60)
    problems = planner.evaluate(s, workshop).problems
    assert problems and all(p.message and p.source for p in problems)
    fix = planner.recommend(s, workshop)
    if fix is not None:  # the change it names makes the day fit
        assert planner.evaluate(fix.after, workshop).problems == [] and fix.message.endswith(".")


def test_principles_per_group_and_words(workshop):
    n = len(workshop.matrix.principles)
    assert planner.principles_per_group(workshop, 3, "whole") == n
    assert planner.principles_per_group(workshop, 3, "share") == -(-n // 3)
    assert planner.join_words(["a"]) == "a" and planner.join_words(["a", "b", "c"]) == "a, b and c"
    assert planner.join_words([]) == ""


def test_auto_minutes_keeps_chosen_sections(tmp_path, errors, workshop):
    s = setup(tmp_path, errors, workshop)
    chosen = {sid for sid, _ in s.minutes}
    assert planner.auto_minutes(s, workshop, chosen).minutes == s.minutes
