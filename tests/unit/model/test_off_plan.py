from iwe_pack.model.off_plan import off_plan
from iwe_pack.sources.off_plan import MOMENTS, OffPlanFile

from ..conftest import load_text


def entry(moment, section=None, online=""):
    text = f"  - moment: {moment}\n    do: Do {moment}.\n    say: Say it.\n    source: the pack's own advice\n"
    return text + (f"    section: {section}\n" if section else "") + online


def test_a_section_own_advice_replaces_the_general_advice(tmp_path, errors):
    text = "intro: Off plan.\nadvice:\n" + "".join(entry(m) for m, _, _ in MOMENTS) \
        + entry("one-voice", section="vision", online="    online:\n      do: Mute them.\n")
    guide = off_plan(load_text(tmp_path, errors, "off-plan.yml", text, OffPlanFile), ["intro", "vision"])
    assert [m.id for m in guide.for_section("intro")] == [m for m, _, _ in MOMENTS]
    assert guide.own("intro") == () and [m.id for m in guide.own("vision")] == ["one-voice"]
    own = guide.own("vision")[0]
    assert own.words(online=True)[1] == "Mute them." and own.words(online=False)[1] == "Do one-voice."
    assert own.differs_online and not guide.general[0].differs_online
