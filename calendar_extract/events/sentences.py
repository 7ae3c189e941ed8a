"""Sentence splitting with character offsets; abbreviations do not end sentences.

A line break always ends a sentence (headlines, e-mail headers and list items stand alone), so does
`.`, `!` or `?` followed by white space and a capital letter, a digit or an opening quote, unless
the word before the dot is a known abbreviation ("Mr.", "Jan.", "a.m.", "U.S.") or a single
initial ("E. Jean Carroll").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from calendar_extract.abbreviations import is_abbreviation

__all__ = ["LINE_REACH", "Sentence", "closes_line", "line_start", "opens_line", "split_sentences", "sentence_at"]

# Line tests look no further than this: a longer "line" is prose or junk, and an unbounded look
# back from every mention of a text with no line breaks would cost quadratic time.
LINE_REACH = 2000


def line_start(text: str, offset: int) -> int:
    """The start of the line holding `offset` (looked for at most LINE_REACH characters back)."""
    floor = max(0, offset - LINE_REACH)
    found = text.rfind("\n", floor, offset)
    return found + 1 if found >= 0 else floor


def opens_line(text: str, start: int, blanks: str | None = None) -> bool:
    """True when only blanks (white space, or the characters of `blanks`) stand between the start
    of its line and `start`. Walks back over the blanks only: constant work on long lines."""
    position = start
    while position > 0 and _blank(text[position - 1], blanks):
        position -= 1
    return position == 0 or text[position - 1] == "\n"


def closes_line(text: str, end: int, blanks: str | None = None) -> bool:
    """True when only blanks stand between `end` and the end of its line."""
    position = end
    while position < len(text) and _blank(text[position], blanks):
        position += 1
    return position == len(text) or text[position] == "\n"


def _blank(char: str, blanks: str | None) -> bool:
    return char != "\n" and (char.isspace() if blanks is None else char in blanks)


# Anchored at the start of a punctuation run, so a run of n dots costs O(n), not O(n²): only the
# lookahead can fail, and it fails at once on a dot. (No possessive quantifiers: Python 3.10.)
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TIME_LEAD = re.compile(r"[ \t]*(?:[-•*]\s*)?\d{1,2}(?:[:.]\d\d)?\s*[ap]\.m\.", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text: `text[start:end] == sentence.text`, stripped of outer white space."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


def _cut_points(text: str) -> list[int]:
    """Offsets just after each sentence end."""
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text):
        if match.group() == "\n":
            cuts.append(match.start())
            continue
        first_dot = match.start()
        if text[first_dot] == "." and is_abbreviation(text, first_dot):
            continue
        if _TIME_LEAD.fullmatch(text, line_start(text, first_dot), match.end()):
            continue  # "8:45 a.m.  The Prime Minister will meet …": an itinerary line, one sentence
        cuts.append(match.end())
    return cuts


# Real sentences are shorter; a longer run without a sentence end (a list, a table, hostile input)
# is cut at white space so that work per sentence stays bounded and the whole text linear.
MAX_SENTENCE = 1000


def _bounded(cuts: list[int], text: str) -> list[int]:
    """`cuts` with extra cuts so that no piece between two cuts is longer than MAX_SENTENCE."""
    bounded: list[int] = []
    begin = 0
    for cut in cuts:
        while cut - begin > MAX_SENTENCE:
            space = text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
            begin = space + 1 if space > begin else begin + MAX_SENTENCE
            bounded.append(begin)
        bounded.append(cut)
        begin = cut
    return bounded


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences with character offsets.

    Example: "Mr. Smith met Jan. 5.\\nIt rained. Then it stopped." →
    ("Mr. Smith met Jan. 5.", "It rained.", "Then it stopped.")
    """
    sentences: list[Sentence] = []
    begin = 0
    paragraph = 0
    counted = 0  # blank lines are counted once, from where the last count stopped (linear time)
    for cut in _bounded([*_cut_points(text), len(text)], text):
        chunk = text[begin:cut]
        stripped = chunk.strip()
        if stripped:
            offset = begin + (len(chunk) - len(chunk.lstrip()))
            paragraph += len(_BLANK_LINE.findall(text, counted, offset))
            counted = offset
            sentences.append(
                Sentence(len(sentences), offset, offset + len(stripped), stripped, paragraph)
            )
        begin = cut
    return tuple(sentences)


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains character `offset`, if any (binary search)."""
    index = bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None
