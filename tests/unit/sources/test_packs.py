import pytest

from iwe_pack.sources import packs
from iwe_pack.sources.typed_yaml import Invalid


def refused(parse, text) -> str:
    with pytest.raises(Invalid) as caught:
        parse(text)
    return caught.value.code


def test_clock_time_reads_24_hour_times():
    assert packs.ClockTime.parse("9.05").minutes == 545 and str(packs.ClockTime.parse("14:00")) == "14:00"
    assert refused(packs.ClockTime.parse, "2pm") == "value.clock-format"
    assert refused(packs.ClockTime.parse, "24:00") == "value.not-a-time"
    assert packs.format_clock(61) == "01:01"

def test_pack_date_says_why_a_date_is_wrong():
    day = packs.PackDate.parse("2026-03-12")
    assert str(day) == "2026-03-12" and day.long == "Thursday 12 March 2026"
    assert refused(packs.PackDate.parse, "12/03/2026") == "value.date-format"
    assert refused(packs.PackDate.parse, "2026-02-30") == "value.no-such-day"
    assert refused(packs.PackDate.parse, "2026-13-01") == "value.no-such-month"
    assert refused(packs.PackDate.parse, "1026-03-12") == "value.date-year"

def test_names_made_into_file_names():
    assert packs.slugify("Ynys Môn") == "ynys-mon" and packs.slugify("!!!") == "place"
    assert packs.safe_file_slug("con") == "con-2" and packs.safe_file_slug("hull") == "hull"
    assert packs.group_slug("Group A", 1) == "group-a" and packs.group_slug("???", 3) == "group-3"
