"""Venues named in the sentence next to an event's own (events/neighbours.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract import extract_text


def _places(text: str, ref: dt.date) -> dict[str, str | None]:
    return {e.start.isoformat(): e.location for e in extract_text(text, reference_date=ref)}


def test_the_concert_refers_back_to_the_venue_of_the_sentence_before() -> None:
    text = ("The BBC Symphony Orchestra tackles Mahler's Third Symphony at the Royal Albert Hall. "
            "The concert starts at 7.30pm on Saturday 20 July.\n")
    assert _places(text, dt.date(2019, 7, 15))["2019-07-20T19:30:00"] == "Royal Albert Hall"


def test_the_venue_is_sentence_after_the_event() -> None:
    text = "The forum runs from 17 to 19 March. The venue is the Grand Hotel, above the river.\n"
    assert _places(text, dt.date(2026, 3, 2))["2026-03-17"] == "Grand Hotel"


@pytest.mark.parametrize("text", [
    # no back-reference: the sentence names a new event
    "Critics loved the show at the Royal Albert Hall. Tickets go on sale on Saturday 20 July.\n",
    # another paragraph
    "The orchestra played at the Royal Albert Hall.\n\nThe concert starts at 7.30pm on Saturday 20 July.\n",
])
def test_no_venue_without_a_back_reference_in_the_same_paragraph(text: str) -> None:
    assert "Royal Albert Hall" not in {p for p in _places(text, dt.date(2019, 7, 15)).values() if p}
