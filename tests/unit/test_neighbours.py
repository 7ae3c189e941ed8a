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


def test_the_talk_is_on_zoom() -> None:
    text = "The members' talk is on Tuesday, 14 June at 17:00. The talk is on Zoom so that everyone can join.\n"
    assert _places(text, dt.date(2022, 5, 27))["2022-06-14T17:00:00"] == "Zoom"


def test_meet_at_names_the_meeting_point() -> None:
    text = "SPECIAL EVENTS\n\nSpring litter pick - Saturday, April 25, 10 am.\nMeet at the Genesee Park playfield parking lot.\n"
    assert "Genesee Park" in (_places(text, dt.date(2015, 4, 20))["2015-04-25T10:00:00"] or "")


def test_meet_the_team_is_no_place() -> None:
    text = "SPECIAL EVENTS\n\nSpring litter pick - Saturday, April 25, 10 am.\nMeet the team at the gate.\n"
    assert _places(text, dt.date(2015, 4, 20))["2015-04-25T10:00:00"] is None


def test_where_held_sentence_places_events_of_its_noun() -> None:
    text = ("The three-day summit will take place at the Harbour Convention Centre.\n\n"
            "Registration is open. The summit runs from 14 to 16 October.\n")
    assert "Harbour Convention Centre" in (_places(text, dt.date(2025, 3, 4))["2025-10-14"] or "")
