"""A place's day as a calendar invitation (``invitation.ics``, RFC 5545): what council officers send from Outlook.

One event, in Europe/London time (with its own time zone rules, so Outlook, Google and Apple calendars agree
either side of a clock change): the plan's start and finish, the venue or the joining link, the organiser (the
email address in the pack's ``contact``), and the joining instructions, agenda and pre-work as its description,
the same text as the joining instructions file. The event's UID is the place's pack name, so a changed plan
sent again updates the same entry in people's calendars rather than adding a second.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model.plan import Plan
from ..model.workshop import Workshop

TZID = "Europe/London"
PRODID = "-//YHADPH//The wellbeing workshop pack//EN"
# The UK's rules since 1996: British Summer Time from 01:00 UTC on the last Sunday in March to 01:00 UTC on the
# last Sunday in October.
VTIMEZONE = [
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def invitation(plan: Plan, workshop: Workshop, joining_text: str, stamp: dt.datetime | None = None) -> str:
    """The calendar file for ``plan``; ``joining_text`` is its joining instructions (the letter) and ``stamp``
    the time the file was made (the build's SOURCE_DATE_EPOCH, for identical builds), in UTC."""
    p = plan.pack
    day = p.date.date
    stamp = (stamp or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    start, end = plan.agenda[0].start, plan.agenda[-1].end
    where = f"Online, on {p.platform}" + (f": {p.joining_link}" if p.joining_link else "") \
        if p.format == "virtual" else p.venue
    body = _letter_body(joining_text)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             *VTIMEZONE,
             "BEGIN:VEVENT",
             f"UID:{plan.slug}@iwe-workshop-pack",
             f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
             f"DTSTART;TZID={TZID}:{_local(day, start)}",
             f"DTEND;TZID={TZID}:{_local(day, end)}",
             f"SUMMARY:{_text(f'Inclusive Wellbeing Economies workshop: {p.place}')}",
             f"LOCATION:{_text(where or '')}"]
    if p.format == "virtual" and p.joining_link:
        lines.append(f"URL:{p.joining_link}")
    organiser = EMAIL.search(p.contact or "")
    if organiser:
        name = (p.contact or "").replace(organiser.group(0), "").strip(" ,;:<>()")
        cn = f";CN={_param(name or p.convener)}"
        lines.append(f"ORGANIZER{cn}:mailto:{organiser.group(0)}")
    lines += [f"DESCRIPTION:{_text(body)}", "TRANSP:OPAQUE", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _local(day: dt.date, minutes: int) -> str:
    when = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    return f"{when:%Y%m%dT%H%M%S}"


def _letter_body(text: str) -> str:
    """The joining instructions without their Subject line (the event's summary says it)."""
    lines = text.splitlines()
    if lines and lines[0].startswith("Subject:"):
        lines = lines[1:]
    return "\n".join(lines).strip()


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", r"\\n", value)


def _param(value: str) -> str:
    """A parameter value: quoted, with no double quotes or control characters (which a parameter cannot hold)."""
    return '"' + re.sub(r'["\x00-\x1f\x7f]', "", value) + '"'


def _fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)
