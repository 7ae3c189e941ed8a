"""The seed article end to end through the real tagger (reference 2025-02-25).

Exactly these events: the European Council meeting (6 March, Brussels, confirmed, upcoming), the
phone call "on Tuesday" (25 February, past) and, optionally, the tentative bilateral meeting of
Zelenskyy and De Wever during the summit. Nothing from "Earlier this month", "at an appropriate
time", "the coming weeks" or "as soon as possible": those are problems at most.
"""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract.events import assemble
from calendar_extract.model import Context, Event, Status

tagger = pytest.importorskip("calendar_extract.tagger")

REFERENCE = dt.datetime(2025, 2, 25)


@pytest.fixture
def seed_events(seed_text: str) -> tuple[tuple[Event, ...], tuple[str, ...]]:
    ctx = Context(REFERENCE)
    events, problems = assemble(seed_text, tagger.tag(seed_text, ctx), ctx, source="seed")
    return events, tuple(p.message for p in problems)


def test_european_council_meeting(seed_events: tuple[tuple[Event, ...], tuple[str, ...]]) -> None:
    events, _ = seed_events
    (council,) = [e for e in events if "European Council" in e.title]
    assert council.title == "European Council meeting"
    assert council.start == dt.date(2025, 3, 6) and council.end is None and council.all_day
    assert council.location == "Brussels"
    assert council.status is Status.CONFIRMED and council.upcoming


def test_phone_call_on_tuesday_is_past(seed_events: tuple[tuple[Event, ...], tuple[str, ...]]) -> None:
    events, _ = seed_events
    (call,) = [e for e in events if "call" in e.title.lower()]
    assert call.title.startswith("Phone call")
    assert call.start == dt.date(2025, 2, 25) and call.all_day
    assert not call.upcoming or call.start == REFERENCE.date()


def test_only_the_expected_events(seed_events: tuple[tuple[Event, ...], tuple[str, ...]]) -> None:
    events, _ = seed_events
    required = {("European Council meeting", dt.date(2025, 3, 6)), ("call", dt.date(2025, 2, 25))}
    optional = [e for e in events if "De Wever" in e.title or "bilateral" in e.title.lower()]
    assert len(events) - len(optional) == len(required)
    for bilateral in optional:
        assert bilateral.start == dt.date(2025, 3, 6)
        assert bilateral.status is Status.TENTATIVE
        assert set(bilateral.participants) >= {"Zelenskyy", "De Wever"}


def test_vague_times_are_not_events(seed_events: tuple[tuple[Event, ...], tuple[str, ...]]) -> None:
    events, problems = seed_events
    evidence = " ".join(e.evidence for e in events)
    for phrase in ("Earlier this month", "at an appropriate time", "the coming weeks", "as soon as possible"):
        assert phrase not in evidence
    assert any("Earlier this month" in p for p in problems)


def test_titles_are_calendar_entries(seed_events: tuple[tuple[Event, ...], tuple[str, ...]]) -> None:
    events, _ = seed_events
    for event in events:
        assert len(event.title) <= 80 and event.title[0].isupper()
        assert event.uid.endswith("@calendar-extract")
