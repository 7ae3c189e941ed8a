"""Extractors for longer calendar periods: years, quarters, halves, seasons, decades, holidays."""

from __future__ import annotations

import datetime as dt
import re

from calendar_extract import patterns
from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import resolve, values
from calendar_extract.tagger.dates import day_mention, mod_of, previous_word, relative_year
from calendar_extract.tagger.words import (
    day_number,
    group,
    make,
    spelled_year,
    two_digit_year,
    weekday_number,
)

_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_QUARTER_WORDS["4th"] = 4
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
_NOT_SEASON_AFTER = frozenset({"of", "in", "from", "to", "and", "water", "break"})
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")


def _year_of(match: re.Match[str], ctx: Context) -> int:
    stated = group(match, "y") or group(match, "y1")
    if not stated and group(match, "ryear"):
        return relative_year(match, ctx.reference.date())  # "next year's first quarter"
    return int(stated) if stated else ctx.reference.year


def _period_mention(
    match: re.Match[str],
    rule: str,
    value: str,
    granularity: Granularity,
    bounds: tuple[object, object],
    **extra: object,
) -> TimeMention:
    begin, until = bounds
    return make(
        match,
        rule,
        MentionType.DATE,
        value,
        granularity,
        begin=begin,
        until=until,
        **extra,  # type: ignore[arg-type, unused-ignore]
    )


def extract_quarter(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the third quarter" → 2025-Q3; "first half of 2024" → 2024-H1; "Q2 2025" → 2025-Q2;
    "the last half of 1989" → 1989-H2 (but "the last quarter" alone is the previous one)."""
    half = (group(match, "q") or "").lower() == "half"
    ordinal = (group(match, "ord") or "").lower()
    if ordinal in ("last", "latter"):
        if not group(match, "y"):
            return None  # "the last quarter" is the one before this; "the last half" of anything
        ordinal = "second" if half else "fourth"
    number = int(group(match, "qn") or _QUARTER_WORDS[ordinal])
    year = _year_of(match, ctx)
    if half:
        if number > 2:
            return None
        bounds = values.half_bounds(year, number)
        return _period_mention(match, "quarter", f"{year}-H{number}", Granularity.QUARTER, bounds)
    if not group(match, "y") and not group(match, "y1") and not group(match, "ryear"):
        ref_quarter = (ctx.reference.month - 1) // 3 + 1
        tense = resolve.tense_of(match.string, match.start(), match.end())
        if number > ref_quarter and tense is resolve.Tense.PAST:
            year -= 1
    bounds = values.quarter_bounds(year, number)
    return _period_mention(match, "quarter", f"{year}-Q{number}", Granularity.QUARTER, bounds)


def extract_season(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the spring" → 2025-SP; "last fall" → 2024-FA; "summer 2024" → 2024-SU."""
    code: str = patterns.lookup("seasons")[patterns.normal_key(match.group("season"))]
    after = _NEXT_WORD.match(match.string, match.end())
    if not group(match, "y") and after and after.group(1).lower() in _NOT_SEASON_AFTER:
        return None  # "the fall of the wall", "the spring in his step"
    shift = group(match, "shift")
    step: int = patterns.lookup("shifts").get(patterns.normal_key(shift), 0) if shift else 0
    year = _year_of(match, ctx) + (0 if group(match, "y") else step)
    bounds = values.season_bounds(year, code)
    mod = mod_of(group(match, "mod"))
    return _period_mention(match, "season", f"{year}-{code}", Granularity.SEASON, bounds, mod=mod)


def extract_decade(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the 1990s" → 199; "the '80s" → 198; "the nineties" → 199; "the mid-1990s" mod MID."""
    if group(match, "dec"):
        decade = int(match.group("dec"))
    elif group(match, "dec2"):
        decade = two_digit_year(match.group("dec2"))
    else:
        decade = 1900 + 10 * _DECADE_WORDS[match.group("decw").lower()]
    bounds = values.decade_bounds(decade)
    mod = mod_of(group(match, "mod"))
    return _period_mention(match, "decade", str(decade // 10), Granularity.DECADE, bounds, mod=mod)


def extract_century(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the 20th century" → 19."""
    number = day_number(match.group("n"))
    if not 1 <= number <= 22:
        return None
    first = values.year_bounds(max(1, (number - 1) * 100))[0]
    last = values.year_bounds((number - 1) * 100 + 99)[1]
    value = f"{number - 1:02d}"
    return _period_mention(match, "century", value, Granularity.CENTURY, (first, last))


def _year_allowed(match: re.Match[str]) -> bool:
    """A bare 4-digit number is a year unless it reads as a quantity or part of a name."""
    year = int(match.group("y"))
    text = match.string
    before = previous_word(text, match.start()).lower()
    cue = before in patterns.word_set("year_cues", "words") or group(match, "mod") is not None
    if not cue and not 1900 <= year <= 2100:
        return False
    after = _NEXT_WORD.match(text, match.end())
    if after is None:
        return True
    word = after.group(1)
    if word.lower() in patterns.word_set("quantity_nouns", "words"):
        return False
    if word[0].isupper() and not cue and word not in ("I",):
        return _starts_sentence(text, match.end()) or word.lower() in _DATE_FOLLOWERS
    return True


_DATE_FOLLOWERS = frozenset({"and", "to", "through"})


def _starts_sentence(text: str, end: int) -> bool:
    """True when a sentence boundary lies between `end` and the next word."""
    gap = text[end : end + 3]
    return any(c in gap for c in ".;:!?\n")


def extract_year(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"2025" → 2025, "early 1990" → 1990 mod START; not "2025 people" nor "the 2030 Agenda"."""
    if not _year_allowed(match):
        return None
    year = int(match.group("y"))
    bounds = values.year_bounds(year)
    mod = mod_of(group(match, "mod"))
    return _period_mention(match, "year", str(year), Granularity.YEAR, bounds, mod=mod)


def extract_year_words(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"nineteen ninety-six" → 1996; "the winter of nineteen ninety-four" → 1994-WI; "the year
    two thousand" → 2000; not "two thousand people" ("January nineteen ninety-seven": `month`)."""
    words = match.group("yw")
    text = match.string
    after = _NEXT_WORD.match(text, match.end())
    if after and after.group(1).lower() in _quantity_words():
        return None
    spelled_out = patterns.section("year_words")["millennium"]
    number_like = patterns.normal_key(words).startswith(spelled_out) or "hundred" in words.lower()
    if number_like and not (
        group(match, "season") or group(match, "the")
        or previous_word(text, match.start()).lower() in patterns.word_set("year_cues", "words")
    ):
        return None  # "two thousand", "nineteen hundred" alone are numbers
    year = spelled_year(words)
    if group(match, "season"):
        code: str = patterns.lookup("seasons")[patterns.normal_key(match.group("season"))]
        bounds = values.season_bounds(year, code)
        return _period_mention(match, "year_words", f"{year}-{code}", Granularity.SEASON, bounds)
    bounds = values.year_bounds(year)
    return _period_mention(match, "year_words", str(year), Granularity.YEAR, bounds)


def _quantity_words() -> frozenset[str]:
    """Words after a spelled-out number that make it a quantity ("nineteen hundred people")."""
    return patterns.word_set("quantity_nouns", "words") | patterns.word_set("units")


def extract_year_end(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"by year-end", "around year end", "by year's end" → 2025 mod END; "since year-end" looks
    back → 2024. Not the adjective ("year-end bonus"), which needs no preposition before it."""
    before = previous_word(match.string, match.start()).lower()
    if before not in patterns.word_set("year_end_cues", "words"):
        return None
    year = ctx.reference.year - (before == "since")
    bounds = values.year_bounds(year)
    return _period_mention(match, "year_end", str(year), Granularity.YEAR, bounds, mod="END")


def extract_fiscal_year(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"fiscal 1989" → 1989; "FY25" → 2025."""
    year = int(group(match, "y") or two_digit_year(match.group("fy")))
    bounds = values.year_bounds(year)
    return _period_mention(match, "fiscal_year", str(year), Granularity.YEAR, bounds)


def extract_holiday(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"Christmas" → 2025-12-25; "Thanksgiving" → fourth Thursday of November."""
    key = patterns.normal_key(match.group("hol"))
    year = _year_of(match, ctx)
    fixed = patterns.lookup("holidays").get(key)
    if fixed:
        month, day = (int(p) for p in fixed.split("-"))
        if not group(match, "y"):
            tense = resolve.tense_of(match.string, match.start(), match.end())
            year = resolve.infer_year(ctx.reference.date(), month, day, tense)
        date = values.safe_date(year, month, day)
    else:
        month, weekday, nth = patterns.lookup("holidays_nth")[key]
        if not group(match, "y"):
            tense = resolve.tense_of(match.string, match.start(), match.end())
            guess = values.nth_weekday(ctx.reference.year, month, weekday, nth)
            year = resolve.infer_year(ctx.reference.date(), month, guess.day, tense)
        date = values.nth_weekday(year, month, weekday, nth)
    if date is None:
        return None
    return day_mention(match, "holiday", date)


def extract_weekday_near_holiday(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the last Thursday before Christmas" → the Thursday before 25 December (strictly before)."""
    holiday = extract_holiday(match, ctx)
    if holiday is None or not isinstance(holiday.begin, dt.date):
        return None
    weekday = weekday_number(match.group("wd"))
    day = holiday.begin if not isinstance(holiday.begin, dt.datetime) else holiday.begin.date()
    step = -1 if match.group("rel").lower() == "before" else 1
    day += dt.timedelta(days=step)
    while day.isoweekday() != weekday:
        day += dt.timedelta(days=step)
    return day_mention(match, "weekday_near_holiday", day)
