"""Properties of the assembler: it never raises, its output is well formed and deterministic."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_extract.events import assemble
from calendar_extract.events.sentences import split_sentences
from calendar_extract.model import Context, Granularity, MentionType, TimeMention

CTX = Context(dt.datetime(2025, 2, 25))
WORDS = st.sampled_from(
    ["The", "summit", "meeting", "on", "6 March", "will", "take", "place", "in", "Brussels", "It",
     "was", "cancelled", "postponed", "to", "Friday", ".", ",", ";", "\n", "Mr.", "U.S.", "at", "5 p.m.",
     "between", "X", "and", "Y", "every", "Wednesday", "markets", "expected", "the", "festival", "–"]
)


def mentions_in(text: str, day: int) -> list[TimeMention]:
    found = []
    start = text.find("6 March")
    while start >= 0:
        found.append(TimeMention(start, start + 7, "6 March", MentionType.DATE, "2025-03-06", "t",
                                 Granularity.DAY, dt.date(2025, 3, day), dt.date(2025, 3, day)))
        start = text.find("6 March", start + 7)
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60), st.integers(min_value=1, max_value=28))
def test_never_raises_and_is_deterministic(words: list[str], day: int) -> None:
    text = " ".join(words)
    mentions = mentions_in(text, day)
    first = assemble(text, mentions, CTX, source="fuzz")
    assert first == assemble(text, mentions, CTX, source="fuzz")
    events, _ = first
    assert len({e.uid for e in events}) == len(events)
    for event in events:
        assert event.title and len(event.title) <= 80
        assert 0.0 < event.confidence <= 1.0
        assert event.end is None or event.end >= event.start


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_sentences_cover_the_text(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text


def test_pathological_input_finishes() -> None:
    text = (" " * 50_000) + ("1" * 20_000) + ("meeting " * 5_000) + ("." * 10_000)
    events, problems = assemble(text, [], CTX, source="big")
    assert events == () and isinstance(problems, tuple)
