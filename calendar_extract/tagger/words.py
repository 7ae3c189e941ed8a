"""Matched words → numbers (months, weekdays, days, amounts, years) and the mention builder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from calendar_extract import patterns
from calendar_extract.model import Granularity, MentionType, TimeMention

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def month_number(word: str) -> int:
    """"Sept." → 9."""
    table: dict[str, int] = dict(patterns.lookup("months"))
    return table[patterns.normal_key(word)]


def weekday_number(word: str) -> int:
    """"Tues." → 2 (ISO, Monday = 1)."""
    table: dict[str, int] = dict(patterns.lookup("weekdays"))
    return table[patterns.normal_key(word)]


def day_number(word: str) -> int:
    """"6th" → 6, "sixth" → 6."""
    digits = _DIGITS.match(word)
    if digits:
        return int(digits.group())
    table: dict[str, int] = dict(patterns.lookup("ordinals"))
    return table[patterns.normal_key(word)]


def amount(word: str) -> float | None:
    """"three" → 3, "1,500" → 1500, "2.5" → 2.5, "several" → None (vague)."""
    key = patterns.normal_key(word).replace(",", "")
    if _DIGITS.fullmatch(key):
        return float(key)
    table = patterns.lookup("numbers")
    value: int | None = table.get(key, table.get(key.replace(" ", "-")))  # "twenty four"
    return None if value is None else float(value)


def spelled_year(words: str) -> int:
    """"nineteen ninety-six" → 1996, "eighteen hundred" → 1800, "two thousand and one" → 2001.

    Takes text the YEAR_WORDS fragment matched.
    """
    table = patterns.section("year_words")
    numbers: dict[str, int] = dict(patterns.lookup("numbers"))
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t not in ("and", "oh")]
    if " ".join(tokens[:2]) == table["millennium"]:
        return 2000 + sum(numbers[t] for t in tokens[2:])
    base = 100 * int(table["centuries"][tokens[0]])
    if tokens[1:] == ["hundred"]:
        return base
    return base + sum(numbers[t] for t in tokens[1:])


def two_digit_year(word: str) -> int:
    """"98" → 1998, "25" → 2025 (pivot at 50)."""
    value = int(word.lstrip("'"))
    if value >= 100:
        return value
    return 1900 + value if value >= 50 else 2000 + value


def byday(weekday: int) -> str:
    """ISO weekday → RFC 5545 BYDAY code."""
    codes: list[str] = patterns.section("byday")["codes"]
    return codes[weekday - 1]


def group(match: re.Match[str], name: str) -> str | None:
    """A named group, or None when the pattern has no such group or it did not take part."""
    if name not in match.re.groupindex:
        return None
    return match.group(name)


def make(
    match: re.Match[str],
    rule: str,
    kind: MentionType,
    value: str,
    granularity: Granularity,
    **fields: Any,
) -> TimeMention:
    """A mention covering the whole match."""
    start, end = match.span()
    return TimeMention(
        start=start,
        end=end,
        surface=match.group(),
        type=kind,
        value=value,
        rule=rule,
        granularity=granularity,
        **fields,
    )


def ref_date(reference: dt.datetime) -> dt.date:
    """The calendar day of the reference moment."""
    return reference.date()


def shrink(mention: TimeMention, text: str, start: int) -> TimeMention:
    """The mention with its span starting later (dropping a leading word such as "the")."""
    return dataclasses.replace(mention, start=start, surface=text[start : mention.end])
