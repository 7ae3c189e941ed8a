"""Crashes found by hypothesis and random word soup, kept as regression tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import calendar_extract

REF = dt.date(2025, 3, 6)


@pytest.mark.parametrize("text", ["14:00 until noon CET", "noon CET until 14:00", "9:00 to 8:00 PT"])
def test_no_crash(text: str) -> None:
    calendar_extract.tag(text, reference_date=REF)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10:00 to 15:00 CET", "2025-03-06T10:00:00+01:00", "2025-03-06T15:00:00+01:00"),
        ("from 2 pm CET to 4 pm", "2025-03-06T14:00:00+01:00", "2025-03-06T16:00:00+01:00"),
    ],
)
def test_zone_on_one_end_holds_for_both(text: str, start: str, end: str) -> None:
    (mention,) = calendar_extract.tag(text, reference_date=REF)
    assert mention.begin is not None and mention.until is not None
    assert (mention.begin.isoformat(), mention.until.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["a century ago", "two centuries ago", "century ago GMT+1 29"])
def test_century_ago_does_not_crash(text: str) -> None:
    """Random word soup found a KeyError for units with no calendar period ("century ago")."""
    calendar_extract.tag(text, reference_date=REF)


@pytest.mark.parametrize("text", ["2025 decade ago", "in 9000 years", "9999 years from now"])
def test_dates_beyond_the_calendar_are_no_mentions(text: str) -> None:
    """Random word soup found "2025 decade ago" raising ValueError (year -18295)."""
    mentions = calendar_extract.tag(text, reference_date=dt.date(1955, 9, 22))
    assert all(m.begin is None or 1 <= m.begin.year <= 9999 for m in mentions)


@pytest.mark.parametrize("text", ["The meeting is on 6 March 99999.", "in the year 10000", "6 March, 123456"])
def test_a_date_cut_short_of_a_long_number_is_no_date(text: str) -> None:
    assert not calendar_extract.tag(text, reference_date=REF)


def _read_or_refuse(path: Path) -> None:
    """Read a source to the end; our InputError is a fine answer, any other exception a failure."""
    from calendar_extract.errors import InputError
    from calendar_extract.readers import read_documents

    try:
        list(read_documents(str(path), reference=None, timezone=None, now=dt.datetime(2026, 3, 1)))
    except InputError:
        pass


@pytest.mark.parametrize("feed", [
    # benchmarks/fuzz.py, seed 1: feedparser's lenient parser raised ValueError from chr()
    b'<rss version="2.0"><channel><item><title>A &#99999999; B</title>'
    b"<description>On 6 March 2026.</description></item></channel><</rss>",
    # seed 2: the XML entity check raised LookupError on encoding="utf-x"
    b'<?xml version="1.0" encoding="utf-x"?><rss version="2.0"><channel><item><title>Fair</title>'
    b"<description>The fair is on 6 March 2026.</description></item></channel></rss>",
], ids=["char-reference-beyond-unicode", "unknown-encoding"])
def test_feeds_that_crashed_the_reader_are_read_or_refused(tmp_path: Path, feed: bytes) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(feed)
    _read_or_refuse(path)


def test_a_feed_entry_with_control_characters_is_read() -> None:
    """benchmarks/fuzz.py, seed 2: lxml refused a control character when the entry's blocks were
    set apart (readers.html.fragment_text)."""
    from calendar_extract.readers.html import fragment_text

    assert fragment_text("<p>The fair\x00 is on\x1b 6 March\x0c 2026.</p><p>Next</p>") == \
        "The fair is on 6 March 2026.\n\nNext"


FUZZ = Path(__file__).resolve().parent / "fuzz"


@pytest.mark.parametrize("path", sorted(FUZZ.glob("*.bin")), ids=lambda p: p.stem)
def test_inputs_that_crashed_the_fuzzer_are_read_as_every_format(path: Path, tmp_path: Path) -> None:
    """Each crash benchmarks/fuzz.py found, replayed as it ran it: every format, tag, extract, both writers."""
    from calendar_extract.errors import CalendarExtractError
    from calendar_extract.model import Document, Options
    from calendar_extract.pipeline import extract
    from calendar_extract.readers import read_documents
    from calendar_extract.readers.formats import Format
    from calendar_extract.writers.ics import write_ics
    from calendar_extract.writers.json import write_json

    for suffix in ("", ".html", ".eml", ".rss"):
        copy = tmp_path / f"input{suffix}"
        copy.write_bytes(path.read_bytes())
        for forced in (None, *Format):
            try:
                documents = [d for d in read_documents(str(copy), reference=None, timezone=None,
                                                       now=dt.datetime(2026, 3, 1), input_format=forced)
                             if isinstance(d, Document)]
            except CalendarExtractError:
                continue
            results = [extract(d, Options()) for d in documents]
            write_ics([e for r in results for e in r.events], calendar_name="x",
                      stamp=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
            write_json(results)
