"""Hypothesis: any bytes, read as any input format, give Documents or our InputError — never another
exception — and every document they give extracts and writes a calendar that re-parses."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_extract.errors import InputError
from calendar_extract.model import Document, Options
from calendar_extract.pipeline import extract
from calendar_extract.readers import read_documents
from calendar_extract.readers.formats import Format
from calendar_extract.writers.ics import write_ics

NOW = dt.datetime(2026, 3, 1, 9, 0)
STAMP = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
FRAGMENTS = [
    "<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<title>", "</title>", "<br>", "&nbsp;", "&#99999999;",
    "<time datetime='2026-03-06T10:00'>Friday</time>", "<script>x</script>", "<!DOCTYPE rss [<!ENTITY a 'b'>]>",
    "<rss version='2.0'><channel><item><title>", "</title><description>", "</description></item></channel></rss>",
    "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>", "</title></entry></feed>",
    "From a@b.c Mon Mar  2 10:00:00 2026\n", "Subject: Meeting\n", "Date: Mon, 2 Mar 2026 10:00:00 +0100\n",
    "Content-Type: text/html; charset=x-none\n", "Content-Transfer-Encoding: base64\n", "\n\n", "\r\n ",
    "BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", "DTSTART:20260306T100000Z\r\n", "DTSTART:9999\r\n",
    "SUMMARY:Meeting\r\n", "END:VEVENT\r\n", "END:VCALENDAR\r\n", '{"text": "', '", "reference_date": "x"}\n',
    "The board meeting is on 6 March 2026 at 10:00 in Room 4. ", "May may ", "31 February ", "\x00", "\u202e",
    "\U0001f389", "é", "\ud800",
]
structured = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=30).map("".join)
raw = st.binary(max_size=2000) | structured.map(lambda s: s.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=raw, forced=st.sampled_from([None, *Format]), suffix=st.sampled_from([".txt", ".html", ".eml", ".rss"]))
def test_any_bytes_read_as_any_format(data: bytes, forced: Format | None, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            items = list(read_documents(str(path), reference=None, timezone=None, now=NOW, input_format=forced))
        except InputError as exc:
            assert str(exc).startswith(str(path)) and "\n" not in str(exc)
            return
    documents = [d for d in items if isinstance(d, Document)]
    for item in items:
        assert isinstance(item, (Document, InputError))
    events = [e for d in documents for e in extract(d, Options()).events]
    calendar = icalendar.Calendar.from_ical(write_ics(events, calendar_name="p", stamp=STAMP))
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == len(calendar.walk("VEVENT"))
