"""Hypothesis: the tagger never raises, and its spans are ordered, disjoint slices of the text."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_extract.model import Context
from calendar_extract.tagger import firsts, tag
from calendar_extract.tagger.rules import RULES
from calendar_extract.tagger.scan import candidates, scan

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


# Word soup of each adversarial kind (benchmarks/adversarial.py times them at 1 MB).
PATHOLOGICAL = (
    "1", " ", "1 2 3 4 5 6 7 8 9 ", "May may ", "January February March April May June July ",
    "1-", "3-", "12:", "Tuesday ", "Tuesday, ", "at 3 pm ", "at 3 p.m. ", "Tuesday at 3 p.m. ",
    "a.m. ", "3 May 2025, ",
    ".,;:!?-()'\"/ ", "\n\t ", "x",
)
# Each kind takes < 0.15 s at 50 KB (2026, one core); the bound is over 10x looser, for slow CI.
BOUND_SECONDS = 2.0


def _soup(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", PATHOLOGICAL, ids=repr)
def test_pathological_inputs_finish(unit: str) -> None:
    """Word soup of 50 KB tags in well under the bound (quadratic work would take minutes)."""
    tag("warm up on 6 March 2025 at 3 pm", CTX)
    text = _soup(unit, 50_000)
    started = time.perf_counter()
    tag(text, CTX)
    assert time.perf_counter() - started < BOUND_SECONDS


@pytest.mark.parametrize("unit", PATHOLOGICAL, ids=repr)
def test_pathological_work_grows_linearly(unit: str) -> None:
    """Candidate positions and mentions of 10x the text are about 10x as many (no rescans)."""
    small, large = _soup(unit, 5_000), _soup(unit, 50_000)
    assert len(list(candidates(large))) <= 11 * len(list(candidates(small))) + 10
    assert len(tag(large, CTX)) <= 11 * len(tag(small, CTX)) + 10


def test_bare_numbers_are_no_candidates() -> None:
    """"1 2 3 ..." holds no time-like number, so no position is tried at all."""
    assert list(candidates(_soup("1 2 3 4 5 6 7 8 9 ", 10_000))) == []
    assert list(candidates("at 3 pm"))[:2] == [0, 3]


NUMBERS = ["1", "3", "12", "14", "2025", "90", "7", ":", "/", ".", "-", "–", "'", "s", "pm"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + NUMBERS), max_size=30).map(" ".join))
def test_time_like_numbers_are_enough_anchors(text: str) -> None:
    """Counting every number as an anchor finds nothing more than time-like numbers do."""
    assert scan(text, CTX) == scan(text, CTX, every_digit=True)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + NUMBERS), max_size=12).map(
        lambda words: "".join(w + s for w, s in zip(words, [" ", "", "-", "  "] * 3))
    )
)
def test_dispatch_never_skips_a_matching_rule(text: str) -> None:
    """At every position, each rule that matches is among those dispatched on its two characters."""
    table = firsts.dispatch(tuple(rule.pattern for rule in RULES))
    for position in range(len(text)):
        allowed = set(table.candidates(text[position : position + firsts.WIDTH]))
        for index, rule in enumerate(RULES):
            if rule.pattern.match(text, position):
                assert index in allowed, (rule.name, text[position:])
