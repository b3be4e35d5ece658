import pytest

from iwe_pack.sources import schema
from iwe_pack.sources.typed_yaml import Invalid


def refused(parse, text) -> str:
    with pytest.raises(Invalid) as caught:
        parse(text)
    return caught.value.code


def test_clock_time_reads_24_hour_times():
    assert schema.ClockTime.parse("9.05").minutes == 545 and str(schema.ClockTime.parse("14:00")) == "14:00"
    assert refused(schema.ClockTime.parse, "2pm") == "value.clock-format"
    assert refused(schema.ClockTime.parse, "24:00") == "value.not-a-time"
    assert schema.format_clock(61) == "01:01"


def test_pack_date_says_why_a_date_is_wrong():
    day = schema.PackDate.parse("2026-03-12")
    assert str(day) == "2026-03-12" and day.long == "Thursday 12 March 2026"
    assert refused(schema.PackDate.parse, "12/03/2026") == "value.date-format"
    assert refused(schema.PackDate.parse, "2026-02-30") == "value.no-such-day"
    assert refused(schema.PackDate.parse, "2026-13-01") == "value.no-such-month"
    assert refused(schema.PackDate.parse, "1026-03-12") == "value.date-year"


def test_addresses_and_versions():
    assert schema.EmailAddress.parse("evaluation@example.org") == "evaluation@example.org"
    assert refused(schema.EmailAddress.parse, "evaluation@localhost") == "value.email"
    assert schema.WebAddress.parse("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", "https://user@example.org/", "ftp://example.org"):
        refused(schema.WebAddress.parse, bad)
    assert schema.Version.parse("1.2.3") == "1.2.3"
    refused(schema.Version.parse, "v1")


def test_names_made_into_file_names():
    assert schema.slugify("Ynys Môn") == "ynys-mon" and schema.slugify("!!!") == "place"
    assert schema.safe_file_slug("con") == "con-2" and schema.safe_file_slug("hull") == "hull"
    assert schema.group_slug("Group A", 1) == "group-a" and schema.group_slug("???", 3) == "group-3"
