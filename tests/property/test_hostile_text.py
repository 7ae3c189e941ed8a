"""Hypothesis: hostile text in SUMMARY, LOCATION, DESCRIPTION and URL — control characters, CR/LF,
`;` `,` `\\`, emoji, right-to-left marks, 10,000-character titles — never adds a property, a line or
an event to the .ics file, comes back as the writer cleaned it, and round-trips through JSON."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_extract.model import Event, Revision, Status
from calendar_extract.writers.ics import UNTITLED, clean_block, clean_line, write_ics
from calendar_extract.writers.json import event_dict, event_from_dict

STAMP = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
PIECES = ["\r\n", "\n", "\r", "\x00", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", ";", ",", "\\", ":", "\\n",
          "END:VEVENT", "BEGIN:VCALENDAR", "\U0001f389", "\u202e", "\u200f", "\u05d1\u05d9\u05ea", "\ufffd", "\ud800",
          "é" * 40, "x" * 200]
hostile = st.one_of(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=10), max_size=20).map("".join),
    st.text(max_size=300),
    st.just("A" * 10_000), st.just("\U0001f389" * 3000), st.just("\u202eevil\u202c;,\\\r\nX-INJECT:1"),
)
EVENT_PROPERTIES = {"UID", "DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "DTSTART", "DTEND", "SUMMARY",
                    "LOCATION", "STATUS", "URL", "DESCRIPTION", "X-MICROSOFT-CDO-ALLDAYEVENT"}
_CONTENT_LINE = re.compile(rb"^[A-Z][A-Z0-9-]*(?:;[^:\r\n]*)?:")


def _unfolded(data: bytes) -> list[bytes]:
    return data.replace(b"\r\n ", b"").split(b"\r\n")[:-1]


@settings(max_examples=120, deadline=None)
@given(title=hostile, location=hostile, evidence=hostile, url=hostile, uid=hostile)
def test_hostile_text_stays_in_its_property(title: str, location: str, evidence: str, url: str, uid: str) -> None:
    event = Event(title, dt.datetime(2026, 3, 6, 10), end=dt.datetime(2026, 3, 6, 11), all_day=False,
                  tzid="Europe/Brussels", location=location, evidence=evidence, url="https://e.org/" + url,
                  uid=uid, status=Status.TENTATIVE, source=title)
    other = Event("Second", dt.date(2026, 3, 7), uid="second@example.org")
    revisions = {clean_line(uid) or "": Revision(2, STAMP, STAMP), "second@example.org": Revision(0, STAMP, STAMP)}
    data = write_ics([event, other], calendar_name=title, stamp=STAMP, refresh="PT12H", revisions=revisions)
    assert data == write_ics([other, event], calendar_name=title, stamp=STAMP, refresh="PT12H", revisions=revisions)
    lines = _unfolded(data)
    for line in lines:  # every line is a content line: no text escaped into a line of its own
        assert _CONTENT_LINE.match(line), line[:80]
        line.decode("utf-8")
    assert lines.count(b"BEGIN:VEVENT") == 2 and lines.count(b"BEGIN:VCALENDAR") == 1
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == (clean_line(title) or "calendar-extract")
    first = next(c for c in calendar.walk("VEVENT") if str(c["UID"]) != "second@example.org")
    names = [name for name, _ in first.property_items(recursive=False)][1:-1]
    assert set(names) <= EVENT_PROPERTIES and len(names) == len(set(names))
    assert str(first["SUMMARY"]) == (clean_line(title) or UNTITLED)
    assert str(first.get("LOCATION", "")) == clean_line(location)
    assert str(first["DESCRIPTION"]).startswith(clean_block(evidence)) or not clean_block(evidence)


@settings(max_examples=120, deadline=None)
@given(title=hostile, location=hostile, evidence=hostile)
def test_hostile_text_round_trips_through_json(title: str, location: str, evidence: str) -> None:
    event = Event(title, dt.date(2026, 3, 6), location=location, evidence=evidence, participants=(title,),
                  uid="u@x", trigger="meeting", reasons=(evidence,))
    record = json.loads(json.dumps(event_dict(event), ensure_ascii=True))
    back = event_from_dict({**record, "trigger": event.trigger})
    assert back == event
