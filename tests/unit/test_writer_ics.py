"""write_ics: the bytes themselves (CRLF, folding, escaping, DTEND, VTIMEZONE, determinism)."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from calendar_extract.model import Event, Status
from calendar_extract.writers.ics import clean_line, derive_uid, write_ics
from calendar_extract.writers.vtimezone import byday, onsets, vtimezone

STAMP = dt.datetime(2025, 2, 25, 12, 0, tzinfo=dt.timezone.utc)
D = dt.date
T = dt.datetime


def _write(*events: Event, **kwargs: object) -> bytes:
    return write_ics(events, calendar_name="Test", stamp=STAMP, **kwargs)  # type: ignore[arg-type]


def _unfolded(data: bytes) -> list[str]:
    """Content lines after unfolding bytes (RFC 5545 §3.1), decoded."""
    return data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")


def _props(data: bytes, name: str, section: str | None = "VEVENT") -> list[str]:
    """Content lines named `name`, inside `section` components only (None: anywhere)."""
    found, inside = [], section is None
    for line in _unfolded(data):
        if section is not None and line in (f"BEGIN:{section}", f"END:{section}"):
            inside = line.startswith("BEGIN")
        elif inside and re.match(rf"{name}[;:]", line):
            found.append(line)
    return found


def _check_bytes(data: bytes) -> None:
    """CRLF everywhere, no BOM, lines ≤ 75 octets, folds never split a UTF-8 character."""
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a split character would not decode on its own line
    data.decode("utf-8")


NASTY = [
    ("commas", "Tea, cake, and talk", "SUMMARY:Tea\\, cake\\, and talk"),
    ("semicolons", "A; B; C", "SUMMARY:A\\; B\\; C"),
    ("backslash", "C:\\temp\\new", "SUMMARY:C:\\\\temp\\\\new"),
    ("colon", "Talk: intro", "SUMMARY:Talk: intro"),
    ("crlf", "Board\r\nmeeting\rnow\nplease", "SUMMARY:Board meeting now please"),
    ("controls", "a\x00b\x1bc\x7fd\tq", "SUMMARY:a b c d q"),
    ("separators", "one\u2028two\u2029three\x85four", "SUMMARY:one two three four"),
    ("emoji", "Party 🎉🎂 time", "SUMMARY:Party 🎉🎂 time"),
    ("rtl", "\u200fמפגש\u200e meeting", "SUMMARY:\u200fמפגש\u200e meeting"),
    ("replacement-char", "bro\ufffdken", "SUMMARY:broken"),
    ("empty", " \r\n ", "SUMMARY:Untitled event"),
    ("fake-property", "x\r\nBEGIN:VEVENT\r\nUID:evil", "SUMMARY:x BEGIN:VEVENT UID:evil"),
]


@pytest.mark.parametrize(("title", "expected"), [r[1:] for r in NASTY], ids=[r[0] for r in NASTY])
def test_nasty_titles_are_escaped_on_one_line(title: str, expected: str) -> None:
    data = _write(Event(title, D(2025, 3, 6)))
    _check_bytes(data)
    assert _props(data, "SUMMARY") == [expected]
    assert len(_props(data, "BEGIN", None)) == 2  # BEGIN:VCALENDAR + BEGIN:VEVENT


@pytest.mark.parametrize(
    "title",
    ["é" * 10_000, "😀" * 10_000, "a" * 10_000, ("ab, 🎉; é\\" * 1000), "x" + "中" * 5000],
    ids=["2-byte", "4-byte", "ascii", "mixed", "3-byte"],
)
def test_long_titles_fold_at_75_octets_without_splitting(title: str) -> None:
    data = _write(Event(title, D(2025, 3, 6)))
    _check_bytes(data)
    parsed = icalendar.Calendar.from_ical(data)
    assert [str(e["SUMMARY"]) for e in parsed.walk("VEVENT")] == [title]


ALLDAY = [
    ("single", D(2025, 3, 6), None, "20250306", "20250307"),
    ("range", D(2025, 3, 6), D(2025, 3, 8), "20250306", "20250309"),
    ("same-day-end", D(2025, 3, 6), D(2025, 3, 6), "20250306", "20250307"),
    ("end-before-start", D(2025, 3, 6), D(2025, 3, 1), "20250306", "20250307"),
    ("year-end", D(2025, 12, 31), None, "20251231", "20260101"),
    ("leap", D(2024, 2, 28), D(2024, 2, 29), "20240228", "20240301"),
]


@pytest.mark.parametrize(("start", "end", "dtstart", "dtend"), [r[1:] for r in ALLDAY],
                         ids=[r[0] for r in ALLDAY])
def test_all_day_dtend_is_exclusive(start: D, end: D | None, dtstart: str, dtend: str) -> None:
    data = _write(Event("Summit", start, end))
    _check_bytes(data)
    assert _props(data, "DTSTART") == [f"DTSTART;VALUE=DATE:{dtstart}"]
    assert _props(data, "DTEND") == [f"DTEND;VALUE=DATE:{dtend}"]
    assert _props(data, "X-MICROSOFT-CDO-ALLDAYEVENT") == ["X-MICROSOFT-CDO-ALLDAYEVENT:TRUE"]


TIMED = [
    ("brussels", T(2025, 9, 15, 9), T(2025, 9, 15, 10, 30), "Europe/Brussels",
     ["DTSTART;TZID=Europe/Brussels:20250915T090000"],
     ["DTEND;TZID=Europe/Brussels:20250915T103000"]),
    ("los-angeles-no-end", T(2015, 6, 8, 10), None, "America/Los_Angeles",
     ["DTSTART;TZID=America/Los_Angeles:20150608T100000"], []),
    ("utc", T(2012, 4, 28, 12), T(2012, 4, 28, 13), "UTC",
     ["DTSTART:20120428T120000Z"], ["DTEND:20120428T130000Z"]),
    ("etc-utc", T(2012, 4, 28, 12), None, "Etc/UTC", ["DTSTART:20120428T120000Z"], []),
    ("floating", T(2025, 1, 1, 9), T(2025, 1, 1, 10), None,
     ["DTSTART:20250101T090000"], ["DTEND:20250101T100000"]),
    ("end-before-start", T(2025, 1, 1, 9), T(2025, 1, 1, 8), "Europe/Brussels",
     ["DTSTART;TZID=Europe/Brussels:20250101T090000"], []),
    ("end-equals-start", T(2025, 1, 1, 9), T(2025, 1, 1, 9), None,
     ["DTSTART:20250101T090000"], []),
    ("aware-start", T(2025, 1, 1, 9, tzinfo=dt.timezone.utc), None, "Europe/Brussels",
     ["DTSTART;TZID=Europe/Brussels:20250101T100000"], []),
    ("unknown-zone", T(2025, 1, 1, 9), None, "Mars/Olympus", ["DTSTART:20250101T090000"], []),
]


@pytest.mark.parametrize(("start", "end", "tzid", "dtstart", "dtend"), [r[1:] for r in TIMED],
                         ids=[r[0] for r in TIMED])
def test_timed_events(start: T, end: T | None, tzid: str | None, dtstart: list[str],
                      dtend: list[str]) -> None:
    data = _write(Event("Call", start, end, all_day=False, tzid=tzid))
    _check_bytes(data)
    assert _props(data, "DTSTART") == dtstart
    assert _props(data, "DTEND") == dtend
    assert _props(data, "DURATION") == []
    assert _props(data, "X-MICROSOFT-CDO-ALLDAYEVENT") == []
    zones = {m for line in dtstart + dtend for m in re.findall(r"TZID=([^:;]+)", line)}
    assert {line[5:] for line in _props(data, "TZID", "VTIMEZONE")} == zones


@pytest.mark.parametrize("status", list(Status), ids=[s.value for s in Status])
def test_status(status: Status) -> None:
    data = _write(Event("Messe", D(2020, 4, 20), status=status))
    assert _props(data, "STATUS") == [f"STATUS:{status.value}"]


RRULES = [
    ("all-day-until", D(2020, 9, 9), None, "FREQ=WEEKLY;BYDAY=WE;UNTIL=20201007",
     "RRULE:FREQ=WEEKLY;UNTIL=20201007;BYDAY=WE"),
    ("prefix", D(2020, 9, 9), None, "RRULE:FREQ=MONTHLY;BYMONTHDAY=9",
     "RRULE:FREQ=MONTHLY;BYMONTHDAY=9"),
    ("zoned-until-date", T(2020, 9, 9, 18), "Europe/Brussels", "FREQ=WEEKLY;UNTIL=20201007",
     "RRULE:FREQ=WEEKLY;UNTIL=20201007T215959Z"),
    ("floating-until-date", T(2020, 9, 9, 18), None, "FREQ=DAILY;UNTIL=20200912",
     "RRULE:FREQ=DAILY;UNTIL=20200912T235959"),
    ("all-day-until-datetime", D(2020, 9, 9), None, "FREQ=DAILY;UNTIL=20200912T120000Z",
     "RRULE:FREQ=DAILY;UNTIL=20200912"),
    ("count", T(2020, 9, 9, 18), "UTC", "FREQ=DAILY;COUNT=3", "RRULE:FREQ=DAILY;COUNT=3"),
]


@pytest.mark.parametrize(("start", "tzid", "rrule", "expected"), [r[1:] for r in RRULES],
                         ids=[r[0] for r in RRULES])
def test_recurrence(start: D, tzid: str | None, rrule: str, expected: str) -> None:
    event = Event("Market", start, all_day=not isinstance(start, T), tzid=tzid, rrule=rrule)
    data = _write(event)
    _check_bytes(data)
    assert _props(data, "RRULE") == [expected]
    icalendar.Calendar.from_ical(data)


@pytest.mark.parametrize("rrule", ["", "BYDAY=WE", "FREQ=WEEKLY\r\nX-EVIL:1", "garbage"])
def test_invalid_rrule_is_dropped(rrule: str) -> None:
    data = _write(Event("Market", D(2020, 9, 9), rrule=rrule))
    assert _props(data, "RRULE") == []
    assert _props(data, "X-EVIL") == []


def test_calendar_header_and_event_properties() -> None:
    event = Event("European Council meeting", D(2025, 3, 6), location="Brussels, BE",
                  participants=("Zelenskyy", "De Wever"), evidence="The meeting\non 6 March.",
                  source="seed.txt", confidence=0.9, uid="abc@example.org")
    data = _write(event, refresh="PT12H", prodid="-//test//test 1//EN")
    lines = _unfolded(data)
    assert lines[:9] == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test 1//EN", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "NAME:Test", "X-WR-CALNAME:Test", "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ]
    assert _props(data, "UID") == ["UID:abc@example.org"]
    assert _props(data, "DTSTAMP") == ["DTSTAMP:20250225T120000Z"]
    assert _props(data, "SEQUENCE") == ["SEQUENCE:0"]
    assert _props(data, "LOCATION") == ["LOCATION:Brussels\\, BE"]
    assert _props(data, "DESCRIPTION") == [
        "DESCRIPTION:The meeting\\non 6 March.\\nParticipants: Zelenskyy\\, De Wever\\n"
        "Source: seed.txt\\nConfidence: 0.90"
    ]


def test_default_prodid_and_no_refresh() -> None:
    data = _write(Event("A", D(2025, 3, 6)))
    assert re.fullmatch(r"PRODID:-//calendar-extract//calendar-extract \S+//EN",
                        _props(data, "PRODID", None)[0])
    assert _props(data, "REFRESH-INTERVAL", None) == _props(data, "X-PUBLISHED-TTL", None) == []


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        write_ics([], calendar_name="x", stamp=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError):
        write_ics([], calendar_name="x", stamp=STAMP, refresh="twelve hours")


def test_stamp_converted_to_utc() -> None:
    stamp = dt.datetime(2025, 2, 25, 13, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    data = write_ics([Event("A", D(2025, 3, 6))], calendar_name="x", stamp=stamp)
    assert _props(data, "DTSTAMP") == ["DTSTAMP:20250225T120000Z"]


def test_derived_uid_is_stable_and_distinct() -> None:
    a = Event("Summit", D(2025, 3, 6), location="Brussels")
    assert derive_uid(a) == derive_uid(Event("Summit", D(2025, 3, 6), location="Brussels"))
    assert re.fullmatch(r"[0-9a-f]{16}@calendar-extract", derive_uid(a))
    assert derive_uid(a) != derive_uid(Event("Summit", D(2025, 3, 7), location="Brussels"))
    assert derive_uid(Event("Summit", D(2025, 3, 6), uid="given@x")) == "given@x"


def test_deterministic_sorted_and_order_independent() -> None:
    events = [
        Event("B", T(2025, 3, 6, 9), all_day=False, tzid="Europe/Brussels"),
        Event("A", D(2025, 3, 6)),
        Event("C", D(2025, 1, 1)),
        Event("A", D(2025, 3, 6), uid="z@x"),
    ]
    first = _write(*events)
    assert first == _write(*reversed(events)) == _write(*events)
    summaries = [line.split(":", 1)[1] for line in _props(first, "SUMMARY")]
    assert summaries == ["C", "A", "A", "B"]


def test_duplicate_uids_are_written_once(caplog: pytest.LogCaptureFixture) -> None:
    data = _write(Event("A", D(2025, 3, 6), uid="same@x"), Event("B", D(2025, 3, 7), uid="same@x"))
    assert _props(data, "UID") == ["UID:same@x"]
    assert "same@x" in caplog.text


def test_empty_calendar_is_valid() -> None:
    data = _write()
    _check_bytes(data)
    assert b"BEGIN:VEVENT" not in data and b"VTIMEZONE" not in data


def test_every_tzid_has_an_rrule_vtimezone() -> None:
    events = [
        Event("A", T(2025, 3, 6, 9), all_day=False, tzid="Europe/Brussels"),
        Event("B", T(2025, 3, 6, 9), all_day=False, tzid="America/Los_Angeles"),
        Event("C", T(2025, 3, 6, 9), all_day=False, tzid="Asia/Tokyo"),
        Event("D", T(2025, 3, 6, 9), all_day=False, tzid="UTC"),
    ]
    data = _write(*events)
    cal = icalendar.Calendar.from_ical(data)
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == [
        "America/Los_Angeles", "Asia/Tokyo", "Europe/Brussels"]
    assert cal.get_missing_tzids() == set()
    assert b"RDATE" not in data
    for tz in cal.walk("VTIMEZONE"):
        parts = tz.walk("STANDARD") + tz.walk("DAYLIGHT")
        assert parts and all("TZOFFSETTO" in p and "TZOFFSETFROM" in p for p in parts)
        if str(tz["TZID"]) != "Asia/Tokyo":
            assert all("RRULE" in p for p in parts)


def test_vtimezone_brussels_matches_google_form() -> None:
    text = vtimezone("Europe/Brussels", (2025,)).to_ical().decode()
    assert "BEGIN:DAYLIGHT\r\nDTSTART:20240331T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "BEGIN:STANDARD\r\nDTSTART:20241027T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200" in text


def test_vtimezone_rule_change_gets_until() -> None:
    text = vtimezone("America/Los_Angeles", (2006, 2007)).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;UNTIL=20060402T100000Z;BYDAY=1SU;BYMONTH=4" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in text


def test_vtimezone_southern_hemisphere_and_no_dst() -> None:
    sydney = vtimezone("Australia/Sydney", (2025,)).to_ical().decode()
    assert "BYDAY=1SU;BYMONTH=10" in sydney and "BYDAY=1SU;BYMONTH=4" in sydney
    tokyo = vtimezone("Asia/Tokyo", (2025,)).to_ical().decode()
    assert "BEGIN:DAYLIGHT" not in tokyo and "TZOFFSETTO:+0900" in tokyo


@pytest.mark.parametrize(("day", "expected"), [
    (D(2025, 3, 30), "-1SU"), (D(2025, 3, 9), "2SU"), (D(2025, 11, 2), "1SU"),
    (D(2025, 3, 24), "4MO"), (D(2025, 2, 22), "-1SA"),
])
def test_byday(day: D, expected: str) -> None:
    assert byday(day) == expected


def test_onsets_of_brussels() -> None:
    found = onsets(__import__("zoneinfo").ZoneInfo("Europe/Brussels"), 2025)
    assert [o.utc for o in found] == [T(2025, 3, 30, 1, tzinfo=dt.timezone.utc),
                                      T(2025, 10, 26, 1, tzinfo=dt.timezone.utc)]
    assert [o.local for o in found] == [T(2025, 3, 30, 2), T(2025, 10, 26, 3)]


@pytest.mark.parametrize(("text", "expected"), [
    ("a\r\n\r\nb", "a b"), ("  x  ", "x"), ("\ud800x", "x"), ("tab\there", "tab here"),
])
def test_clean_line(text: str, expected: str) -> None:
    assert clean_line(text) == expected
