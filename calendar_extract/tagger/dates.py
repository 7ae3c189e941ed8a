"""Extractors for calendar dates: day-month(-year), ISO and numeric dates, day ranges, months."""

from __future__ import annotations

import datetime as dt
import re

from calendar_extract import patterns
from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import normalize, resolve, values
from calendar_extract.tagger.timezones import wall_time, zone_name
from calendar_extract.tagger.words import (
    day_number,
    group,
    make,
    month_number,
    spelled_year,
    two_digit_year,
    weekday_number,
)

MONTH_CUES = frozenset(
    "in since until till by during of before after from through early late mid last next this "
    "between and or to end beginning middle".split()
)
_STRONG_CUES = MONTH_CUES - {"and", "or", "to", "between"}
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def previous_word(text: str, start: int) -> str:
    """The word (run of [\\w.'-]) just before `start` on the same line ("" at a line start).

    Looks at most 40 characters back. A backward walk: `re.search` over the window tried each of
    its positions, a noticeable cost on "May may may ...", where every word is checked.
    """
    low = max(0, start - 40)
    end = start
    if end > low and text[end - 1] == "\n":
        end -= 1  # as `$` did: the word before a line break that ends the window
    while end > low and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > low and (text[begin - 1].isalnum() or text[begin - 1] in "_.'-"):
        begin -= 1
    return text[begin:end]


def day_mention(
    match: re.Match[str], rule: str, day: dt.date, *, until: dt.date | None = None, **extra: object
) -> TimeMention:
    """A DATE mention of one day (or a run of days when `until` is later)."""
    return make(
        match,
        rule,
        MentionType.DATE,
        values.day_value(day),
        Granularity.DAY,
        begin=day,
        until=until or day,
        **extra,  # type: ignore[arg-type, unused-ignore]
    )


def _year(match: re.Match[str], ctx: Context, month: int, day: int) -> tuple[int, bool]:
    """The stated year, or one inferred from weekday and tense; True when it was implied."""
    stated = group(match, "y")
    if stated:
        return int(stated), False
    ref = ctx.reference.date()
    weekday = group(match, "wd")
    if weekday:
        fitting = resolve.weekday_matching_year(ref, month, day, weekday_number(weekday))
        if fitting:
            return fitting, True
    tense = resolve.tense_of(match.string, match.start(), match.end())
    return resolve.infer_year(ref, month, day, tense), True


def extract_day_month(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"Tuesday, 6 March 2025", "March 6th", "Mar. 6" → 2025-03-06 (year inferred when absent)."""
    month = month_number(match.group("mon"))
    day = day_number(match.group("d"))
    year, implied = _year(match, ctx, month, day)
    date = values.safe_date(year, month, day)
    if date is None:
        return None
    return day_mention(match, "date", date, implied=("year",) if implied else ())


_NTH_CUES = frozenset({"on", "by", "until", "till", "before", "after", "from"})
_NTH_REACH = 7  # months searched on either side of the reference for "Sunday the 8th"


def _month_start(ref: dt.date, offset: int) -> tuple[int, int]:
    index = ref.year * 12 + ref.month - 1 + offset
    return index // 12, index % 12 + 1


def extract_weekday_nth(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"Sunday the 8th", "Friday 6th" (the nearest month where the 8th is a Sunday, ahead unless
    told in the past), "on the 20th" (this month's or the next one's 20th)."""
    day = day_number(match.group("d"))
    weekday = group(match, "wd")
    if not weekday and previous_word(match.string, match.start()).lower() not in _NTH_CUES:
        return None  # "the 20th sanctions package", "the 3rd largest"
    ref = ctx.reference.date()
    past = resolve.tense_of(match.string, match.start(), match.end()) is resolve.Tense.PAST
    for offset in sorted(range(-_NTH_REACH, _NTH_REACH + 1), key=lambda k: (abs(k), (k > 0) == past)):
        year, month = _month_start(ref, offset)
        date = values.safe_date(year, month, day)
        if date is None or (weekday and date.isoweekday() != weekday_number(weekday)):
            continue
        if not weekday and (date < ref) != past:
            continue
        return day_mention(match, "date_nth", date, implied=("month", "year"))
    return None


def extract_weekday_numeric(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"Tue 4/8" → the month/day order (US first, unless --day-first) whose day is a Tuesday in a
    year near the reference; nothing when neither order fits the weekday."""
    a, b = int(match.group("a")), int(match.group("b"))
    orders = ((b, a), (a, b)) if ctx.day_first else ((a, b), (b, a))
    weekday = weekday_number(match.group("wd"))
    ref = ctx.reference.date()
    for month, day in orders:
        if not 1 <= month <= 12:
            continue
        year = resolve.weekday_matching_year(ref, month, day, weekday)
        date = values.safe_date(year, month, day) if year else None
        if date is not None:
            return day_mention(match, "date_weekday_numeric", date, implied=("year",))
    return None


def extract_day_range(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"19-20 May", "May 19-20", "3 to 5 June", "Oct. 6–8, 2025" → first day, until last day."""
    month = month_number(match.group("mon"))
    first_month = month_number(group(match, "mon1") or match.group("mon"))
    last_month = month_number(group(match, "mon2") or match.group("mon"))
    if group(match, "mon1"):
        last_month = month
    if _joined_by_and(match) and previous_word(match.string, match.start()).lower() != "between":
        return None  # "April 15 and May 1" lists two days; "between 3 and 5 June" is a range
    first, last = day_number(match.group("d")), day_number(match.group("d2"))
    year, implied = _year(match, ctx, first_month, first)
    begin = values.safe_date(year, first_month, first)
    end_year = year + 1 if last_month < first_month else year
    until = values.safe_date(end_year, last_month, last)
    if begin is None or until is None or until <= begin or (until - begin).days > 62:
        return None
    return day_mention(match, "date_range", begin, until=until, implied=("year",) if implied else ())


_AND = re.compile(r"\d\s+and\s+", re.IGNORECASE)


def _joined_by_and(match: re.Match[str]) -> bool:
    """True when the two ends of a range are joined by "and"."""
    return _AND.search(match.group()) is not None


def extract_iso(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"2025-03-06" → 2025-03-06; "2025-03-06T14:00" → a TIME."""
    date = values.safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    if date is None:
        return None
    hour = group(match, "h")
    if hour is None:
        return day_mention(match, "date_iso", date)
    minute = int(match.group("mi"))
    tzid = zone_name(match.group("tz")) if group(match, "tz") else None
    begin = wall_time(date, int(hour), minute, tzid or ctx.timezone)
    value = values.time_value(date, int(hour), minute)
    return make(
        match, "date_iso", MentionType.TIME, value, Granularity.MINUTE, begin=begin, tzid=tzid
    )


def extract_numeric(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"6/3/2025" → 2025-03-06 when ctx.day_first, else 2025-06-03; invalid orders are dropped."""
    a, b = int(match.group("a")), int(match.group("b"))
    year = two_digit_year(match.group("y"))
    day, month = (a, b) if ctx.day_first else (b, a)
    date = values.safe_date(year, month, day) or values.safe_date(year, day, month)
    if date is None:
        return None
    return day_mention(match, "date_numeric", date)


def _month_allowed(match: re.Match[str]) -> bool:
    """A bare month name needs a cue when it is also a verb or a name ("may", "Theresa May")."""
    word = match.group("mon")
    before = previous_word(match.string, match.start())
    if before in patterns.section("ambiguous")["name_cues"]:
        return False
    if match.group("mod") or match.group("shift") or match.group("y") or match.group("ryear"):
        return True
    if match.group("yw"):
        return True
    if _NAME_AFTER.match(match.string, match.end()) and before.lower() not in _STRONG_CUES:
        return False  # "Jan Kavan", "April Ryan": a first name
    ambiguous = word.rstrip(".") in patterns.section("ambiguous")["months"]
    return not ambiguous or before.lower() in MONTH_CUES


def extract_month(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"March", "early November", "last May" → 2025-03 (year by tense or shift)."""
    if not _month_allowed(match):
        return None
    month = month_number(match.group("mon"))
    ref = ctx.reference.date()
    year = group(match, "y")
    if year:
        number = int(year)
    elif group(match, "ryear"):
        number = relative_year(match, ref)  # "June last year" → 2024-06
    elif group(match, "yw"):
        number = spelled_year(match.group("yw"))  # "January nineteen ninety-seven"
    else:
        number = _shifted_month_year(match, ref, month)
    first, last = values.month_bounds(number, month)
    mod = _mod(group(match, "mod"))
    return make(
        match,
        "month",
        MentionType.DATE,
        values.month_value(number, month),
        Granularity.MONTH,
        begin=first,
        until=last,
        mod=mod,
        implied=() if year or group(match, "ryear") or group(match, "yw") else ("year",),
    )


def relative_year(match: re.Match[str], ref: dt.date) -> int:
    """The year named by the `ryear` group: "this" → ref's year, "last" → the one before."""
    step: int = patterns.lookup("shifts")[patterns.normal_key(match.group("ryear"))]
    return ref.year + step


def _shifted_month_year(match: re.Match[str], ref: dt.date, month: int) -> int:
    shift = group(match, "shift")
    if shift:
        step = patterns.lookup("shifts")[patterns.normal_key(shift)]
        if step < 0:
            return ref.year if month < ref.month else ref.year - 1
        if step > 0:
            return ref.year if month > ref.month else ref.year + 1
        return ref.year
    tense = resolve.tense_of(match.string, match.start(), match.end())
    if previous_word(match.string, match.start()).lower() in _DEADLINE_WORDS:
        tense = resolve.Tense.FUTURE  # "repay the loan by February" looks ahead
    return resolve.infer_month_year(ref, month, tense)


_DEADLINE_WORDS = frozenset({"by", "until", "till", "through"})


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    mod: str | None = patterns.lookup("mods").get(patterns.normal_key(word).rstrip("-"))
    return mod or patterns.lookup("mods").get(patterns.normal_key(word))


def mod_of(word: str | None) -> str | None:
    """TIMEX3 mod of a modifier word: "early" → START, "late" → END."""
    return _mod(word)


def extract_dashed(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"6-Mar-2025", "Mar-06-25" → 2025-03-06: mixed forms our tables do not order, so dateparser
    normalizes them (the only rule that defers to it)."""
    date = normalize.parse_date(match.group().replace("-", " "), ctx)
    if date is None:
        return None
    return day_mention(match, "date_dashed", date)
