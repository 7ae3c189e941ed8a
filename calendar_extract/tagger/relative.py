"""Extractors for dates relative to the reference: today, Tuesday, next week, two days ago, now."""

from __future__ import annotations

import datetime as dt
import re

from calendar_extract import patterns
from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import resolve, values
from calendar_extract.tagger.dates import day_mention, mod_of
from calendar_extract.tagger.words import (
    amount,
    day_number,
    group,
    make,
    month_number,
    weekday_number,
)


def _shift(word: str | None) -> int:
    if not word:
        return 0
    step: int = patterns.lookup("shifts").get(patterns.normal_key(word), 0)
    return step


def _part_mention(
    match: re.Match[str],
    rule: str,
    day: dt.date,
    part: str,
    kind: MentionType = MentionType.TIME,
    **extra: object,
) -> TimeMention:
    """"this morning" → TIME 2025-03-06TMO (all-day interval of that day)."""
    code = patterns.lookup("parts_of_day")[patterns.normal_key(part)]
    return make(
        match,
        rule,
        kind,
        f"{day.isoformat()}T{code}",
        Granularity.PART_OF_DAY,
        begin=day,
        until=day,
        **extra,  # type: ignore[arg-type, unused-ignore]
    )


def extract_weekday(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """A weekday by tense.

    Example: ref Thu 2025-03-06, "met on Tuesday" → 2025-03-04, "will meet Tuesday" → 2025-03-11.
    """
    weekday = weekday_number(match.group("wd"))
    shift = _shift(group(match, "shift"))
    tense = resolve.tense_of(match.string, match.start(), match.end())
    ref = ctx.reference.date()
    if group(match, "shift") and shift == 0:  # "this Wednesday": the Wednesday of this week
        day = ref + dt.timedelta(days=weekday - ref.isoweekday())
    else:
        day = resolve.resolve_weekday(ref, weekday, tense, shift)
    mod = mod_of(group(match, "mod"))
    part = group(match, "part")
    # TimeBank mostly gives "Friday morning" the value of the day (DATE); the part of day only
    # narrows it and stays all-day for a calendar.
    return day_mention(match, "weekday", day, relative=True, mod=mod)


def extract_relday(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"today" → ref day, "yesterday morning" → ref-1 TMO, "tonight" → ref TNI."""
    word = patterns.normal_key(match.group("rel"))
    offset: int = patterns.lookup("relative_days")[word]
    day = ctx.reference.date() + dt.timedelta(days=offset)
    mod = mod_of(group(match, "mod"))
    part = group(match, "part") or ("night" if word == "tonight" else None)
    if part:
        return _part_mention(match, "relday", day, part, relative=True, mod=mod)
    return day_mention(match, "relday", day, relative=True, mod=mod)


def extract_this_part(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"this morning" → ref TMO; "last night" → ref-1 TNI."""
    day = ctx.reference.date()
    if match.group("which").lower() == "last":
        day -= dt.timedelta(days=1)
    return _part_mention(match, "part_of_day", day, match.group("part"), relative=True)


def period_of(ref: dt.date, unit: str, step: int) -> tuple[str, Granularity, dt.date, dt.date]:
    """Value, granularity and bounds of the `unit` period `step` periods from `ref`."""
    if unit in ("week", "weekend"):
        day = ref + dt.timedelta(weeks=step)
        first, last = values.week_bounds(day)
        if unit == "weekend":
            sat = first + dt.timedelta(days=5)
            return values.week_value(day) + "-WE", Granularity.WEEK, sat, last
        return values.week_value(day), Granularity.WEEK, first, last
    if unit == "month":
        day = values.add_months(ref.replace(day=1), step)
        first, last = values.month_bounds(day.year, day.month)
        return values.month_value(day.year, day.month), Granularity.MONTH, first, last
    if unit == "quarter":
        index = ref.year * 4 + (ref.month - 1) // 3 + step
        year, quarter = divmod(index, 4)
        first, last = values.quarter_bounds(year, quarter + 1)
        return f"{year}-Q{quarter + 1}", Granularity.QUARTER, first, last
    if unit == "decade":
        decade = (ref.year // 10 + step) * 10
        first, last = values.decade_bounds(decade)
        return str(decade // 10), Granularity.DECADE, first, last
    if unit == "century":
        century = ref.year // 100 + step
        return str(century), Granularity.CENTURY, dt.date(century * 100, 1, 1), dt.date(
            century * 100 + 99, 12, 31
        )
    year = ref.year + step
    first, last = values.year_bounds(year)
    return str(year), Granularity.YEAR, first, last


def _season(ref: dt.date, code: str, step: int) -> tuple[str, dt.date, dt.date]:
    year = ref.year + step
    first, last = values.season_bounds(year, code)
    return f"{year}-{code}", first, last


def extract_period(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"next week" → 2025-W11, "last year" → 2024, "earlier this month" → 2025-03 mod START."""
    unit = patterns.normal_key(match.group("unit"))
    step = _shift(group(match, "shift"))
    ref = ctx.reference.date()
    mod = mod_of(group(match, "mod"))
    seasons = patterns.lookup("seasons")
    if unit in seasons:
        value, first, last = _season(ref, seasons[unit], step)
        granularity = Granularity.SEASON
    else:
        value, granularity, first, last = period_of(ref, unit, step)
    return make(
        match,
        "period",
        MentionType.DATE,
        value,
        granularity,
        begin=first,
        until=last,
        relative=True,
        mod=mod,
    )


def extract_weekend(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the weekend" → the coming weekend, or the last one in a past-tense clause."""
    ref = ctx.reference.date()
    tense = resolve.tense_of(match.string, match.start(), match.end())
    step = -1 if tense is resolve.Tense.PAST and ref.isoweekday() < 6 else 0
    value, granularity, first, last = period_of(ref, "weekend", step)
    return make(
        match, "weekend", MentionType.DATE, value, granularity, begin=first, until=last,
        relative=True,
    )


def extract_week_of(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the week of March 10" → 2025-W11 (Monday to Sunday)."""
    month, day = month_number(match.group("mon")), day_number(match.group("d"))
    year = int(group(match, "y") or 0) or resolve.infer_year(
        ctx.reference.date(), month, day, resolve.tense_of(match.string, match.start(), match.end())
    )
    date = values.safe_date(year, month, day)
    if date is None:
        return None
    first, last = values.week_bounds(date)
    return make(
        match, "week_of", MentionType.DATE, values.week_value(date), Granularity.WEEK,
        begin=first, until=last,
    )


def in_future(match: re.Match[str], ctx: Context, code: str, count: float) -> TimeMention | None:
    """"(in) two weeks" → the week two weeks after the reference: 2025-W12 (span w/o "in")."""
    ref = ctx.reference.date()
    whole = int(count)
    if code == "D":
        return day_mention(match, "in_future", ref + dt.timedelta(days=whole), relative=True)
    unit = _AGO_UNITS.get(code)
    if unit is None or whole != count:
        return None
    value, granularity, first, last = period_of(ref, unit, whole * (10 if code == "DE" else 1))
    return make(
        match, "in_future", MentionType.DATE, value, granularity, begin=first, until=last,
        relative=True,
    )


_AGO_UNITS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "year"}


def extract_ago(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"two days ago" → ref-2d; "a year earlier" → last year; "three weeks from now" → week."""
    unit_word = patterns.normal_key(match.group("unit"))
    code: str = patterns.lookup("units")[unit_word]
    count = amount(match.group("num")) if group(match, "num") else None
    direction = patterns.normal_key(match.group("dir"))
    if direction in ("later", "earlier") and code not in ("M", "Q", "Y", "DE"):
        return None  # TimeML: "three days [later]" is a DURATION without the adverb
    sign = 1 if direction in ("later", "from now", "hence", "after") else -1
    ref = ctx.reference.date()
    if count is None or code in ("H", "TM", "S"):
        value = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return make(match, "ago", MentionType.DATE, value, Granularity.VAGUE, vague=True)
    whole = int(count) * (10 if code == "DE" else 1)
    if code == "D":
        day = ref + dt.timedelta(days=sign * whole)
        return day_mention(match, "ago", day, relative=True, mod=mod_of(group(match, "mod")))
    unit = _AGO_UNITS.get(code)
    if unit is None:
        return None  # "a century ago", "three hours ago": no calendar period of that unit here
    value, granularity, first, last = period_of(ref, unit, sign * whole)
    return make(
        match, "ago", MentionType.DATE, value, granularity, begin=first, until=last, relative=True
    )


def extract_ref(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"now" → PRESENT_REF, "recently" → PAST_REF, "the coming weeks" → FUTURE_REF."""
    value: str = patterns.lookup("refs")[patterns.normal_key(match.group("ref"))]
    return make(match, "ref", MentionType.DATE, value, Granularity.VAGUE, vague=True, relative=True)
