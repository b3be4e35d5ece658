from iwe_pack.sources import typed_yaml
from iwe_pack.sources.off_plan import MOMENTS, OffPlanFile

ADVICE = "intro: When the day goes off plan.\nadvice:\n  - moment: {moment}\n    do: Pause.\n    say: Let us pause.\n" \
    "    source: the pack's own advice\n"


def test_advice_loads_for_a_known_moment(tmp_path, errors):
    path = tmp_path / "off-plan.yml"
    path.write_text(ADVICE.format(moment=MOMENTS[0][0]), encoding="utf-8")
    guide = typed_yaml.load(path, OffPlanFile, errors)
    assert [(a.moment, a.do, a.section, a.online) for a in guide.advice] == [("one-voice", "Pause.", None, None)]


def test_an_unknown_moment_is_refused(tmp_path, errors):
    path = tmp_path / "off-plan.yml"
    path.write_text(ADVICE.format(moment="tea-break"), encoding="utf-8")
    assert typed_yaml.load(path, OffPlanFile, errors) is None
    assert [(e.line, e.field) for e in errors.errors] == [(3, "advice.1.moment")]
