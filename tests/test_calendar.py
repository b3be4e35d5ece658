"""Each place's day as a calendar invitation (invitation.ics), read back with a maintained parser (icalendar)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import ROOT, SOURCE_DATE_EPOCH
from test_packs import BASE, PACK

LONDON = ZoneInfo("Europe/London")


def event_of(text: str):
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def plans(root: Path):
    from iwe_pack.load.loader import load_project

    project = load_project(root)
    return project, {plan.slug: plan for plan in project.plans}


@pytest.mark.parametrize("slug", ["kingston-upon-hull", "north-yorkshire", "ynys-mon"])
def test_each_example_place_has_its_day_in_a_calendar_file(built, slug):
    project, by_slug = plans(ROOT)
    plan = by_slug[slug]
    folder = built.path / "site" / "packs" / slug
    assert f'href="{slug}/invitation.ics"' in (built.path / "site" / "packs" / f"{slug}.html").read_text()
    ics = (folder / "invitation.ics").read_bytes()
    assert b"\r\n" in ics and all(len(line) <= 75 for line in ics.split(b"\r\n"))  # folded as RFC 5545 says
    calendar, event = event_of(ics)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    day = plan.pack.date.date
    assert start == dt.datetime.combine(day, dt.time(*divmod(plan.agenda[0].start, 60)), LONDON)
    assert end - start == dt.timedelta(minutes=plan.agenda[-1].end - plan.agenda[0].start)
    assert f"{end:%H:%M}" == plan.finish
    assert str(event["UID"]) == f"{slug}@iwe-workshop-pack"
    assert event.decoded("DTSTAMP") == dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.timezone.utc)
    # the description is the joining instructions the place sends, word for word (less the Subject line)
    letter = (folder / "joining-instructions.txt").read_text(encoding="utf-8").splitlines()
    assert str(event["DESCRIPTION"]) == "\n".join(letter[1:]).strip()
    assert str(event["SUMMARY"]) == f"Inclusive Wellbeing Economies workshop: {plan.pack.place}"
    if plan.pack.format == "virtual":
        assert plan.pack.joining_link in str(event["LOCATION"]) and str(event["URL"]) == plan.pack.joining_link
    else:
        assert str(event["LOCATION"]) == plan.pack.venue
    if "@" in (plan.pack.contact or ""):
        assert str(event["ORGANIZER"]).startswith("mailto:") and str(event["ORGANIZER"])[7:] in plan.pack.contact


@pytest.mark.parametrize("date,start,offset", [
    ("2026-03-27", "09:00", 0),   # the Friday before the clocks go forward: GMT
    ("2026-03-30", "09:00", 1),   # the Monday after: BST, so 09:00 is 08:00 UTC
    ("2026-10-26", "13:30", 0),   # the Monday after the clocks go back
])
def test_the_time_is_local_time_either_side_of_a_clock_change(project, date, start, offset):
    from iwe_pack.views.letters import letters

    project.write(PACK, BASE.replace("date: 2026-06-10", f"date: {date}").replace('start: "09:00"', f'start: "{start}"'))
    loaded, by_slug = plans(project.path)
    ics = letters(by_slug["testville"], loaded.workshop, loaded.templates)["invitation.ics"]
    _, event = event_of(ics)
    begins = event.decoded("DTSTART")
    assert f"{begins:%Y-%m-%d %H:%M}" == f"{date} {start}"
    assert begins.utcoffset() == dt.timedelta(hours=offset)
    hours, minutes = map(int, start.split(":"))
    assert begins.astimezone(dt.timezone.utc).hour == hours - offset and begins.minute == minutes


def test_a_changed_plan_updates_the_same_calendar_entry(project):
    from iwe_pack.views.letters import letters

    project.write(PACK, BASE)
    loaded, by_slug = plans(project.path)
    _, first = event_of(letters(by_slug["testville"], loaded.workshop, loaded.templates)["invitation.ics"])
    project.write(PACK, BASE.replace('start: "09:00"', 'start: "10:15"').replace("venue: Town Hall", "venue: Library"))
    loaded, by_slug = plans(project.path)
    _, second = event_of(letters(by_slug["testville"], loaded.workshop, loaded.templates)["invitation.ics"])
    assert first["UID"] == second["UID"]
    assert first.decoded("DTSTART") != second.decoded("DTSTART") and str(second["LOCATION"]) == "Library"


def test_text_that_calendar_files_treat_specially_is_kept_as_typed(project):
    from iwe_pack.views.letters import letters

    venue = 'Room 2; "Civic Centre", Main St, Back\\Slash – Neuadd y Dref'
    project.write(PACK, BASE.replace("venue: Town Hall", f"venue: '{venue}'").replace(
        "convener: Testville Council", "convener: 'Cyngor Tref; \"Testville\"'") + "contact: 'Siân O\"Neil, sian@example.org'\n")
    loaded, by_slug = plans(project.path)
    _, event = event_of(letters(by_slug["testville"], loaded.workshop, loaded.templates)["invitation.ics"])
    assert str(event["LOCATION"]) == venue
    assert str(event["ORGANIZER"]) == "mailto:sian@example.org"
    assert "O\"Neil" not in event["ORGANIZER"].params.get("CN", "") and "Siân" in event["ORGANIZER"].params["CN"]
