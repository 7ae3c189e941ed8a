"""A text without sentence ends (a list, a table, hostile input) must cost linear time.

Found while hardening the foundation: 200 KB of "at 3 pm at 3 pm ..." took 111 s, because every
mention rescanned its whole "sentence". The bounds that prevent it are checked here structurally,
not by timing.
"""

from __future__ import annotations

import datetime as dt

import calendar_extract
from calendar_extract.events.sentences import MAX_SENTENCE, split_sentences
from calendar_extract.events.triggers import MAX_CLAUSE_REACH, clause_bounds


def test_no_sentence_longer_than_the_bound() -> None:
    text = "meeting on Tuesday at 3 pm and " * 2000 + "x" * 5000 + " end."
    sentences = split_sentences(text)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")


def test_clause_reach_is_bounded() -> None:
    text = "word " * 10_000
    left, right = clause_bounds(text, 0, len(text), 25_000)
    assert 25_000 - left <= MAX_CLAUSE_REACH and right - 25_000 <= MAX_CLAUSE_REACH


def test_dense_unbroken_text_still_gives_a_result() -> None:
    text = "the meeting on Tuesday at 3 pm and " * 300
    events = calendar_extract.extract_text(text, reference_date=dt.date(2025, 2, 25))
    assert len(events) <= 5
