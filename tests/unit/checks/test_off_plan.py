from iwe_pack.checks.off_plan import check_off_plan
from iwe_pack.sources.off_plan import MOMENTS, OffPlanFile

from ..conftest import codes, load_text


def advice(moment, section=None, online=""):
    text = f"  - moment: {moment}\n    do: Pause.\n    say: Let us pause.\n    source: the pack's own advice\n"
    return text + (f"    section: {section}\n" if section else "") + online


def test_every_moment_once_for_every_section(tmp_path, errors):
    text = "intro: Off plan.\nadvice:\n" + "".join(advice(m) for m, _, _ in MOMENTS)
    check_off_plan(load_text(tmp_path, errors, "off-plan.yml", text, OffPlanFile), ["intro"], errors)
    assert errors.errors == []


def test_missing_duplicate_unknown_and_empty_online_advice(tmp_path, errors):
    text = "intro: Off plan.\nadvice:\n" + "".join(advice(m) for m, _, _ in MOMENTS[1:]) + advice(MOMENTS[1][0]) \
        + advice(MOMENTS[2][0], section="lunch") + advice(MOMENTS[3][0], online="    online: {}\n")
    check_off_plan(load_text(tmp_path, errors, "off-plan.yml", text, OffPlanFile), ["intro"], errors)
    assert sorted(codes(errors)) == ["offplan.duplicate", "offplan.duplicate", "offplan.empty-online",
                                     "offplan.missing-moment", "offplan.unknown-section"]
