"""Hypothesis: the whole pipeline never raises on any text and is deterministic."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import calendar_extract
from calendar_extract.writers.ics import write_ics

WORDS = ["The", "summit", "meeting", "will", "take", "place", "on", "6", "March", "May", "may",
         "Tuesday", "at", "3", "pm", "CET", "in", "Brussels", "every", "week", "from", "to", "-",
         "2025", "1-1", ",", ".", "\n", "cancelled", "postponed", "between", "and", "next", "ago"]
texty = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
references = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(texty, st.text(max_size=300)), reference=references)
def test_extract_never_raises_and_is_deterministic(text: str, reference: dt.date) -> None:
    first = calendar_extract.extract_text(text, reference_date=reference)
    second = calendar_extract.extract_text(text, reference_date=reference)
    assert first == second
    stamp = dt.datetime(reference.year, reference.month, reference.day, tzinfo=dt.timezone.utc)
    calendar = write_ics(first, calendar_name="p", stamp=stamp)
    assert calendar == write_ics(list(reversed(first)), calendar_name="p", stamp=stamp)
    for event in first:
        assert event.uid and event.title and "\n" not in event.title
