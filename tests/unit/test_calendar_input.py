"""iCalendar input (readers/calendar.py): events read and passed through, so calendars merge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from icalendar import Calendar

from calendar_extract.cli import cli
from calendar_extract.model import Status
from calendar_extract.readers.calendar import calendar_events

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n"
    "BEGIN:VEVENT\r\nUID:fair@example.org\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Book fair\r\n"
    "DTSTART;VALUE=DATE:20250310\r\nDTEND;VALUE=DATE:20250313\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:yoga@example.org\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Yoga\r\n"
    "DTSTART:20250311T170000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=TU\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:nodate@example.org\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_vevents_become_events_with_their_uids() -> None:
    fair, yoga = calendar_events(ICS.encode(), "in.ics")
    assert (fair.uid, fair.start, fair.end, fair.all_day, fair.status) == (
        "fair@example.org", dt.date(2025, 3, 10), dt.date(2025, 3, 12), True, Status.TENTATIVE)  # DTEND exclusive
    assert (yoga.start, yoga.tzid, yoga.rrule) == (dt.datetime(2025, 3, 11, 17, 0), "UTC", "FREQ=WEEKLY;BYDAY=TU")


def test_calendars_merge_and_keep_their_uids(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.ics"
    theirs.write_text(ICS)
    text = tmp_path / "news.txt"
    text.write_text("The European Council summit is on 6 March 2025 in Brussels.\n")
    out = tmp_path / "merged.ics"
    result = CliRunner().invoke(cli, ["extract", str(theirs), str(text), "-o", str(out), "-q",
                                      "--reference-date", "2025-03-01"])
    assert result.exit_code == 0, result.stderr
    uids = {str(e["UID"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert {"fair@example.org", "yoga@example.org"} <= uids and len(uids) == 3


def test_calendar_without_events_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ics"
    empty.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    result = CliRunner().invoke(cli, ["extract", str(empty), "-q"])
    assert result.exit_code == 1 and "without any readable event" in result.stderr
    assert "Traceback" not in result.stderr
