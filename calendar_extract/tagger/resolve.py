"""Resolve relative and partial dates against the reference: tense cues, weekdays, missing years."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from enum import Enum

from calendar_extract import patterns
from calendar_extract.abbreviations import is_abbreviation

_CLAUSE_LIMIT = 160


class Tense(str, Enum):
    """Which way an underspecified date leans."""

    PAST = "past"
    FUTURE = "future"
    UNKNOWN = "unknown"


@functools.cache
def _cues() -> tuple[dict[str, Tense], int, frozenset[str]]:
    """Cue phrase (lower case, single spaces) → tense, the longest phrase in words, first words.

    A phrase mapped to UNKNOWN is a look-alike that is no cue ("next to the embassy").
    """
    tense = patterns.section("tense")
    table = {patterns.normal_key(w): Tense.PAST for w in tense["past"]}
    table.update({patterns.normal_key(w): Tense.FUTURE for w in tense["future"]})
    table.update({patterns.normal_key(w): Tense.UNKNOWN for w in tense["neutral"]})
    firsts = frozenset(k.split()[0] for k in table)
    return table, max(len(k.split()) for k in table), firsts


_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence part around a span (stops at . ; ! ? and newlines)."""
    lo = max(0, start - _CLAUSE_LIMIT)
    hi = min(len(text), end + _CLAUSE_LIMIT)
    left = _last_stop(text, lo, start)
    right = next((s for s in _stops(text, end, hi) if not _abbreviation(text, s)), hi)
    return (left + 1 if left >= 0 else lo), right


_QUOTE = re.compile(r"``|''|[\"“”]")


def _quote_bounds(text: str, lo: int, start: int, end: int, hi: int) -> tuple[int, int]:
    """Narrow [lo, hi) to the quotation holding the span, if the nearest quote marks open/close it.

    "The father will leave at 4 a.m. Thursday,'' Castro said": the reporting verb after the
    closing quote tells the tense of the report, not of what is quoted.
    """
    before = None
    for before in _QUOTE.finditer(text, lo, start):
        pass
    if before is not None and _opens(text, before):
        lo = before.end()
    after = _QUOTE.search(text, end, hi)
    if after is not None and not _opens(text, after):
        hi = after.start()
    return lo, hi


def _opens(text: str, quote: re.Match[str]) -> bool:
    """Whether a quote mark opens a quotation (``, “, or " before a word and after a space)."""
    mark = quote.group()
    if mark in ("``", "“"):
        return True
    if mark in ("''", "”"):
        return False
    after = quote.end() < len(text) and not text[quote.end()].isspace()
    before = quote.start() == 0 or text[quote.start() - 1].isspace() or text[quote.start() - 1] in "([-—"
    return after and before


def _last_stop(text: str, lo: int, hi: int) -> int:
    """The offset of the last stop in [lo, hi) that ends a clause, or -1.

    Searched from the right, so that a window full of "p.m." or "Mr." checks only the nearest.
    """
    end = hi
    while True:
        offset = max(text.rfind(char, lo, end) for char in ";!?\n.")
        if offset < 0:
            return -1
        is_stop = text[offset] != "." or offset + 1 == hi or text[offset + 1].isspace()
        if is_stop and not _abbreviation(text, offset):
            return offset
        end = offset


# A clause ends at ; ! ? or a line break, or at a dot followed by white space that does not
# belong to an abbreviation ("4 p.m. EDT on Thursday" is one clause).
_STOP = re.compile(r"[;!?\n.]")


def _stops(text: str, lo: int, hi: int) -> Iterator[int]:
    """Offsets in [lo, hi) of ; ! ? line breaks, and of dots before white space or `hi`.

    (A plain character class lets `re` skip ahead fast; the dot's condition is checked here.)
    """
    for found in _STOP.finditer(text, lo, hi):
        offset = found.start()
        if text[offset] != "." or offset + 1 == hi or text[offset + 1].isspace():
            yield offset


def _abbreviation(text: str, offset: int) -> bool:
    """Whether the dot at `offset` belongs to an abbreviation.

    `is_abbreviation` reads the rest of the text after "p.m." (`text[dot + 1:]`), which made
    "at 3 p.m." repeated 100,000 times quadratic; it only needs the next few visible characters.
    """
    if text[offset] != ".":
        return False
    lo = max(0, offset - 12)
    visible = _VISIBLE.search(text, offset + 1)
    hi = visible.start() + 8 if visible else len(text)
    return is_abbreviation(text[lo:hi], offset - lo)


_VISIBLE = re.compile(r"\S")


def tense_of(text: str, start: int, end: int) -> Tense:
    """The tense of the clause around text[start:end], from the cue nearest to the span.

    Word cues ("will", "said") weigh more than bare "-ed" forms (which count as 25 characters
    farther away), and "-ed" after "be"/"been"/"is" (passive: "will be named") is no cue at all.
    Example: "The board met on Tuesday" → PAST; "It will meet on Tuesday" → FUTURE.
    """
    lo, hi = _clause(text, start, end)
    if not _may_hold_cue(text, lo, hi):
        return Tense.UNKNOWN  # most clauses hold no cue: skip the word-by-word look
    lo, hi = _quote_bounds(text, lo, start, end, hi)
    words = [w for w in _WORD.finditer(text, lo, hi) if not start <= w.start() < end]
    lowered = [w.group().lower() for w in words]
    best: tuple[int, int, Tense] | None = None
    index = 0
    while index < len(words):
        word = words[index]
        found = _cue_at(words, lowered, index)
        if found is None:
            index += 1
            continue
        weak, size, last, tense = found
        index += size  # the words of a phrase are no cues of their own ("had been scheduled")
        if tense is Tense.UNKNOWN:
            continue
        distance = (start - last if last <= start else word.start() - end) + weak * _WEAK_PENALTY
        if best is None or distance < best[0]:
            best = (distance, weak, tense)
    return best[2] if best else Tense.UNKNOWN


# A bare "-ed" form counts as this many characters farther away than a word cue.
_WEAK_PENALTY = 25


def _cue_at(
    words: list[re.Match[str]], lowered: list[str], index: int
) -> tuple[int, int, int, Tense] | None:
    """(weak?, words, end offset, tense) of the longest cue starting at words[index], if any."""
    table, longest, firsts = _cues()
    word = lowered[index]
    previous = lowered[index - 1] if index else ""
    if word in firsts:
        for size in range(min(longest, len(words) - index), 0, -1):
            phrase = " ".join(lowered[index : index + size])
            if phrase not in table:
                continue
            if size == 1 and table[phrase] is Tense.PAST and previous in _BE_WORDS:
                return None  # "will be paid", "is held": a passive participle, not a past verb
            return 0, size, words[index + size - 1].end(), table[phrase]
    if len(word) > 4 and word.endswith("ed") and word not in patterns.word_set("tense", "not_past"):
        following = lowered[index + 1] if index + 1 < len(lowered) else ""
        # "…, followed by talks on 14 November", "a dinner hosted by the mayor": a participle
        # phrase, not a finite past verb (a passive "was followed by" has its "was" cue).
        if previous not in _BE_WORDS and following != "by":
            return 1, 1, words[index].end(), Tense.PAST
    return None


def _may_hold_cue(text: str, lo: int, hi: int) -> bool:
    """Whether some word of text[lo:hi] could be a cue (cheap: most clauses hold none)."""
    return _window_may_hold_cue(text[lo:hi])


@functools.lru_cache(maxsize=256)
def _window_may_hold_cue(window: str) -> bool:
    """`_may_hold_cue` of one clause text; cached because word soup repeats its clauses."""
    _, _, firsts = _cues()
    words = {w.lower() for w in set(_WORD.findall(window))}
    return not firsts.isdisjoint(words) or any(len(w) > 4 and w.endswith("ed") for w in words)


_BE_WORDS = frozenset({"be", "been", "being", "is", "are", "am"})


def resolve_weekday(ref: dt.date, weekday: int, tense: Tense, shift: int = 0) -> dt.date:
    """The date of an ISO `weekday` near `ref`.

    shift +1 ("next", "coming") → strictly after; -1 ("last") → strictly before; 0 → by tense:
    past → on or before, future → on or after; unknown → on or before (news report the past),
    except the very next day.
    Example: ref Thu 2025-03-06, Tuesday, PAST → 2025-03-04; FUTURE → 2025-03-11.
    """
    ahead = (weekday - ref.isoweekday()) % 7
    behind = (ref.isoweekday() - weekday) % 7
    if shift > 0:
        return ref + dt.timedelta(days=ahead or 7)
    if shift < 0:
        return ref - dt.timedelta(days=behind or 7)
    if tense is Tense.FUTURE:
        return ref + dt.timedelta(days=ahead)
    if tense is Tense.PAST or ahead != 1:
        return ref - dt.timedelta(days=behind)
    return ref + dt.timedelta(days=ahead)


def infer_year(ref: dt.date, month: int, day: int, tense: Tense) -> int:
    """The year of a day-month without one: the nearest occurrence, bent by tense.

    Example: ref 2025-03-06, "December 24" PAST → 2024; "March 10" FUTURE → 2025.
    """
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return ref.year
    if tense is Tense.PAST:
        past = [c for c in candidates if c <= ref and (ref - c).days < 300]
        if past:
            return past[-1].year
    if tense is Tense.FUTURE:
        future = [c for c in candidates if c >= ref and (c - ref).days < 300]
        if future:
            return future[0].year
    return min(candidates, key=lambda c: abs((c - ref).days)).year


def infer_month_year(ref: dt.date, month: int, tense: Tense) -> int:
    """The year of a bare month name: the nearest such month, bent by tense.

    Example: ref 1998-12-05, "April" → 1999; ref 1999-04-10, "December" → 1998;
    ref 2025-03-06, "May" PAST → 2024, "January" FUTURE → 2026.
    """
    here = ref.year * 12 + ref.month - 1
    options = [(year, year * 12 + month - 1) for year in (ref.year - 1, ref.year, ref.year + 1)]
    # Tense bends the choice, but not to the far side of the year: "cut supplies in September",
    # written in August, means next month (like `infer_year`'s 300-day limit).
    if tense is Tense.PAST:
        year, index = max((o for o in options if o[1] <= here), key=lambda o: o[1])
        if here - index < _FAR_MONTHS:
            return year
    if tense is Tense.FUTURE:
        year, index = min((o for o in options if o[1] >= here), key=lambda o: o[1])
        if index - here < _FAR_MONTHS:
            return year
    return min(options, key=lambda o: (abs(o[1] - here), -o[0]))[0]


# A month this many months away on the tense's side yields to the nearest one.
_FAR_MONTHS = 11


def weekday_matching_year(ref: dt.date, month: int, day: int, weekday: int) -> int | None:
    """The year near `ref` in which month/day falls on `weekday`, if one of three does."""
    for year in (ref.year, ref.year + 1, ref.year - 1):
        try:
            if dt.date(year, month, day).isoweekday() == weekday:
                return year
        except ValueError:
            continue
    return None
