"""Sentence splitting with offsets: abbreviations, initials, times and line breaks."""

from __future__ import annotations

import pytest

from calendar_extract.events.sentences import sentence_at, split_sentences

ROWS = [
    ("Mr. Smith met Jan. 5. It rained.", ["Mr. Smith met Jan. 5.", "It rained."]),
    ("The U.S. team lands at 5 p.m. ET on Friday.", ["The U.S. team lands at 5 p.m. ET on Friday."]),
    ("It ends at 5 p.m. The next day is free.", ["It ends at 5 p.m.", "The next day is free."]),
    ("E. Jean Carroll sued. He lost.", ["E. Jean Carroll sued.", "He lost."]),
    ("DOVER, Del. – Only months later, fans cheered.", ["DOVER, Del. – Only months later, fans cheered."]),
    ("Headline here\nBody starts. Ends!", ["Headline here", "Body starts.", "Ends!"]),
    ("Is it on? Yes, on 6 March.", ["Is it on?", "Yes, on 6 March."]),
    ('He said "it is done." Then he left.', ['He said "it is done."', "Then he left."]),
    ("Dr. No arrived at 9 a.m. on Tuesday.", ["Dr. No arrived at 9 a.m. on Tuesday."]),
    ("Version 10.11 ships. Prices rose 0.5%.", ["Version 10.11 ships.", "Prices rose 0.5%."]),
    ("   ", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0][:30] or "empty" for r in ROWS])
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for index, sentence in enumerate(sentences):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.index == index


def test_paragraphs_count_blank_lines() -> None:
    text = "Title\n\nFirst one. Second one.\n\nThird one."
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 1, 2]


def test_sentence_at_finds_the_sentence_of_an_offset() -> None:
    text = "One here. Two there."
    sentences = split_sentences(text)
    two = sentence_at(sentences, text.index("there"))
    assert two is not None and two.text == "Two there."
    assert sentence_at(sentences, len(text) + 5) is None


def test_long_input_is_linear_enough() -> None:
    text = ("word " * 20000) + ". " + ("1." * 5000)
    assert split_sentences(text)
