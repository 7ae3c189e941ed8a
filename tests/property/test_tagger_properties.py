"""Hypothesis: the tagger never raises, and its spans are ordered, disjoint slices of the text."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_extract.model import Context
from calendar_extract.tagger import tag

CTX = Context(reference=dt.datetime(2025, 3, 6, 9, 0))
WORDS = [
    "May", "may", "March", "Tuesday", "Sun", "Sat.", "on", "at", "the", "next", "last", "week",
    "3", "14:00", "3 pm", "p.m.", "2025", "1990s", "-", "–", "to", "and", "every", "daily",
    "ago", "two", "days", "quarter", "third", "CET", "GMT+1", "noon", ",", ".", "6", "/", "2.0.1",
    "$", "%", "Q3", "fiscal", "early", "mid-", "'s", "\n", "  ", "from", "until", "today",
]


def check(text: str, ctx: Context = CTX) -> None:
    mentions = tag(text, ctx)
    last_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.start >= last_end
        assert text[mention.start : mention.end] == mention.surface
        last_end = mention.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_temporal_word_soup(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.booleans(),
    st.sampled_from([None, "Europe/Brussels", "America/New_York"]),
)
def test_any_reference(text: str, reference: dt.datetime, day_first: bool, zone: str | None) -> None:
    check(text, Context(reference=reference, timezone=zone, day_first=day_first))


def _seconds(text: str) -> float:
    started = time.perf_counter()
    tag(text, CTX)
    return time.perf_counter() - started


def test_pathological_inputs_scale_linearly() -> None:
    """Huge digit, whitespace and "May may" runs finish, and 10x input costs far less than 100x."""
    tag("warm up on 6 March 2025 at 3 pm", CTX)
    for unit in ("1", " ", "May may ", "3-", "12:", "Tuesday, ", "1 2 3 ", "a.m. "):
        small = _seconds(unit * 10_000)
        large = _seconds(unit * 100_000)
        # Linear code gives a ratio near 10; quadratic backtracking would give ~100.
        assert large < max(60 * small, 2.0), (unit, small, large)
