"""Hypothesis: any events → output re-parses, round-trips and is written the same twice."""

from __future__ import annotations

import datetime as dt

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_extract.model import Event, Status
from calendar_extract.writers.ics import UNTITLED, clean_line, derive_uid, write_ics

STAMP = dt.datetime(2025, 2, 25, tzinfo=dt.timezone.utc)
ZONES = (None, "UTC", "Europe/Brussels", "America/Los_Angeles", "Asia/Kolkata",
         "Australia/Lord_Howe", "America/Sao_Paulo", "Europe/Dublin")
ALLOWED = {"UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "STATUS",
           "DESCRIPTION", "RRULE", "X-MICROSOFT-CDO-ALLDAYEVENT"}
RRULES = (None, "FREQ=WEEKLY;BYDAY=WE;UNTIL=20301007", "FREQ=DAILY;COUNT=3",
          "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=WEEKLY\r\nX-EVIL:1")

text = st.text(st.characters(codec="utf-8"), max_size=300)
hostile = st.one_of(text, st.sampled_from(["x\r\nBEGIN:VEVENT", "a;b,c\\d:e", "\n\r\x0b\x0c",
                                            "DTSTART:20250101", "😀" * 80, "\u200f\u202e"]))
days = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2099, 12, 31))
moments = st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2099, 12, 30))


@st.composite
def events(draw: st.DrawFn) -> Event:
    all_day = draw(st.booleans())
    start: dt.date = draw(days if all_day else moments)
    end = draw(st.none() | (days if all_day else moments))
    return Event(
        title=draw(hostile),
        start=start,
        end=end,
        all_day=all_day,
        tzid=None if all_day else draw(st.sampled_from(ZONES)),
        location=draw(st.none() | hostile),
        participants=tuple(draw(st.lists(text, max_size=3))),
        status=draw(st.sampled_from(list(Status))),
        rrule=draw(st.sampled_from(RRULES)),
        evidence=draw(hostile),
        source=draw(text),
        confidence=draw(st.floats(0, 1)),
        uid=draw(st.sampled_from(["", "a@x", "b@x"]) | text),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(events(), max_size=6))
def test_output_reparses_and_round_trips(batch: list[Event]) -> None:
    data = write_ics(batch, calendar_name="Property", stamp=STAMP)
    assert data == write_ics(list(reversed(batch)), calendar_name="Property", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.errors == []
    assert calendar.get_missing_tzids() == set()
    parsed = calendar.walk("VEVENT")
    by_uid = {derive_uid(e): e for e in sorted(batch, key=lambda e: derive_uid(e))}
    assert sorted(str(p["UID"]) for p in parsed) == sorted(by_uid)
    uids = {derive_uid(e) for e in batch}
    assert len(parsed) == len(uids)
    for component in parsed:
        assert {name for name in component} <= ALLOWED
        assert not component.errors
        titles = {clean_line(e.title) or UNTITLED for e in batch
                  if derive_uid(e) == str(component["UID"])}
        assert str(component["SUMMARY"]) in titles
        start = component.decoded("DTSTART")
        end = component.decoded("DTEND", None)
        if end is not None:
            assert end > start
    assert calendar.to_ical() == data


@settings(max_examples=100, deadline=None)
@given(hostile, text)
def test_clean_titles_come_back_unchanged(title: str, location: str) -> None:
    event = Event(title, dt.date(2025, 3, 6), location=location)
    data = write_ics([event], calendar_name=title, stamp=STAMP)
    (component,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(component["SUMMARY"]) == (clean_line(title) or UNTITLED)
    if clean_line(title) == title and title:
        assert str(component["SUMMARY"]) == title
    assert str(component.get("LOCATION", "")) == clean_line(location)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
