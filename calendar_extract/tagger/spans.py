"""Extractors for durations ("three days", "a two-hour meeting") and sets ("every Tuesday")."""

from __future__ import annotations

import dataclasses
import re

from calendar_extract import patterns
from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import relative, values
from calendar_extract.tagger.dates import previous_word
from calendar_extract.tagger.words import (
    amount,
    byday,
    group,
    make,
    month_number,
    shrink,
    weekday_number,
)

_DURATION_MODS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS",
    "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
}


def extract_duration(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"three days" → P3D, "two-hour" → PT2H, "several weeks" → PXW, "a decade" → P10Y."""
    unit, number = match.group("unit"), match.group("num")
    if unit[0].isupper() and not number[0].isupper():
        return None  # "60 Minutes" is a title
    if (group(match, "tail") or "").strip(" -").lower() == "old":
        return None  # ages ("a 6-year-old") are no time expressions in TimeML
    if _ordinal_second(match):
        return None
    if match.group("num").lower() in ("a", "an") and unit.lower().endswith("s"):
        return None  # "a decades-long battle": the article goes with the noun, not the unit
    if _rate(match):
        return None
    code: str = patterns.lookup("units")[patterns.normal_key(match.group("unit"))]
    if code == "Q" and "-" in match.group() and match.group("unit").lower().endswith("s"):
        return None  # "three-quarters" is a fraction
    count = amount(match.group("num"))
    if count is not None and 1000 <= count and match.group("num").isdigit():
        return None  # "the 1988 quarter" names a period, it does not measure one
    if count is not None and (group(match, "half") or group(match, "half2")):
        count += 0.5
    if count is not None and count <= 0:
        return None
    mod_word = group(match, "mod")
    plain = not mod_word and not re.match(r"(?i)the\s", match.group())  # not "the past ..."
    if plain and count is not None and previous_word(match.string, match.start()) == "in":
        return relative.in_future(match, ctx, code, count)
    mod = _DURATION_MODS.get(patterns.normal_key(mod_word)) if mod_word else None
    value = values.duration_value(count, code)
    mention = make(
        match,
        "duration",
        MentionType.DURATION,
        value,
        Granularity.VAGUE if count is None else Granularity.DAY,
        mod=mod,
        vague=count is None,
    )
    if mod_word and mod_word.lower() == "about":
        # TimeBank/AQUAINT leave "about" out of the extent, as they do before clock times:
        # "spent about [five hours]", "for about [two weeks]" (4 of 5 train durations).
        return shrink(mention, match.string, _skip_space(match.string, match.end("mod")))
    widened = _a_period(match, mention)
    if widened is not None:
        return widened
    bare_the = _BARE_THE.match(match.group())
    if bare_the and "-" in match.group()[bare_the.end() :]:
        # TimeML leaves "the" out of adjectival durations: "the [four-day] festival".
        return shrink(mention, match.string, match.start() + bare_the.end())
    return mention


def _a_period(match: re.Match[str], mention: TimeMention) -> TimeMention | None:
    """"over [a three-year period]": after "a" and before "period" the whole phrase is the
    duration (TimeBank), unlike "a [two-year] option" or "the [14-day] waiting period"."""
    period = _A_PERIOD.match(match.string, match.end())
    if period is None or "-" not in match.group() or match.group("num").lower() in ("a", "an"):
        return None
    article = _ARTICLE_BEFORE.search(match.string, max(0, match.start() - 4), match.start())
    if article is None:
        return None
    start, end = article.start(), period.end()
    return dataclasses.replace(mention, start=start, end=end, surface=match.string[start:end])


def _skip_space(text: str, index: int) -> int:
    """The first index at or after `index` that is not white space."""
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _rate(match: re.Match[str]) -> bool:
    """"$1.76 a year", "358,000 a month", "four flights a week": a rate, not a span of time."""
    if group(match, "mod") or match.group("num").lower() not in ("a", "an", "per"):
        return False
    return _after_amount(match.string, match.start())


def _after_amount(text: str, start: int) -> bool:
    """Whether an amount ends just before `start`: "$1.76", "8.5%", "20 percent", "$2 million"."""
    last = text[max(0, start - 2) : start].rstrip()[-1:]
    if last == "%" or last.isdigit():
        return True
    before = previous_word(text, start).lower()
    return before == "percent" or before in patterns.word_set("rate_amounts", "words")


def _ordinal_second(match: re.Match[str]) -> bool:
    """"a second group", "a second betrayal": the ordinal, not one second of time."""
    if match.group("unit").lower() != "second" or match.group("num").lower() not in ("a", "one"):
        return False
    after = _NEXT_LOWER.match(match.string, match.end())
    return after is not None and after.group(1) not in _AFTER_SECOND


_NEXT_LOWER = re.compile(r"\s+([a-z]+)")
_AFTER_SECOND = frozenset({"or", "and", "ago", "later", "earlier", "before", "after", "longer"})


_A_PERIOD = re.compile(r"\s+period\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])an?\s+$", re.IGNORECASE)

_BARE_THE = re.compile(r"the\s+(?!past|last|next|first|coming|previous|following)", re.IGNORECASE)


_BARE_UNIT_CUES = frozenset({"for", "within", "over", "in", "took", "take", "takes", "lasted"})


def extract_vague_span(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"recent weeks", "the coming months", "the weeks ahead" → PXW / PXM (TimeBank types them
    DURATION)."""
    unit = group(match, "unit") or match.group("unit2")
    code: str = patterns.lookup("units")[patterns.normal_key(unit)]
    value = values.duration_value(None, code)
    return make(match, "vague_span", MentionType.DURATION, value, Granularity.VAGUE, vague=True)


def extract_bare_units(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"for years" → PXY, "within weeks" → PXW (span without the preposition)."""
    if previous_word(match.string, match.start()).lower() not in _BARE_UNIT_CUES:
        return None
    code: str = patterns.lookup("units")[patterns.normal_key(match.group("unit"))]
    value = values.duration_value(None, code)
    return make(match, "duration", MentionType.DURATION, value, Granularity.VAGUE, vague=True)


def extract_unitless_span(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"for a while", "for some time" → PXX (span without "for"); TimeBank tags both after
    "for" (2 of 2) but not "some time ago" or "at some time"."""
    if previous_word(match.string, match.start()).lower() != "for":
        return None
    return make(match, "duration", MentionType.DURATION, "PXX", Granularity.VAGUE, vague=True)


def extract_unit_long(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"day-long" → P1D, "hour-long" → PT1H, "decades-long" → PXY (adjectives of length)."""
    unit = match.group("unit")
    code: str = patterns.lookup("units")[patterns.normal_key(unit)]
    count = None if unit.lower().endswith("s") else 1.0  # "days-long" says no number
    value = values.duration_value(count, code)
    granularity = Granularity.VAGUE if count is None else Granularity.DAY
    return make(match, "duration", MentionType.DURATION, value, granularity, vague=count is None)


def extract_every(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"every Tuesday" → XXXX-WXX-2 / FREQ=WEEKLY;BYDAY=TU; "each month" → P1M / FREQ=MONTHLY."""
    other = "other" in match.group("q").lower()
    interval = ";INTERVAL=2" if other else ""
    weekday = group(match, "wd")
    part = group(match, "part")
    suffix = ""
    if part:
        suffix = "T" + patterns.lookup("parts_of_day")[patterns.normal_key(part)]
    month = group(match, "mon")
    if weekday:
        number = weekday_number(weekday.rstrip("sS") if weekday.endswith("days") else weekday)
        value = f"XXXX-WXX-{number}{suffix}"
        rrule = f"FREQ=WEEKLY{interval};BYDAY={byday(number)}"
    elif month:
        number = month_number(month)
        value = f"XXXX-{number:02d}"
        rrule = f"FREQ=YEARLY{interval};BYMONTH={number}"
    else:
        freq: str = patterns.lookup("set_freq")[patterns.normal_key(match.group("freq"))]
        unit = "Q" if freq.endswith("INTERVAL=3") else _FREQ_UNITS[freq.split(";")[0]]
        value = f"P{'T' if unit == 'H' else ''}{2 if other else 1}{unit}"
        rrule = f"FREQ={freq}{interval}"
    return make(match, "set_every", MentionType.SET, value, Granularity.VAGUE, rrule=rrule)


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def extract_monthly_weekday(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the second Tuesday of every month", "every first Monday of the month" → FREQ=MONTHLY;BYDAY=2TU."""
    nth = _NTH[(group(match, "nth") or match.group("nth2")).lower()]
    weekday = group(match, "wd") or match.group("wd2")
    rrule = f"FREQ=MONTHLY;BYDAY={nth}{byday(weekday_number(weekday))}"
    return make(match, "set_monthly_weekday", MentionType.SET, "P1M", Granularity.VAGUE, rrule=rrule)


_FREQ_UNITS = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y", "HOURLY": "H"}


def extract_plural_weekday(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"on Tuesdays" → XXXX-WXX-2, "Tuesday nights" → XXXX-WXX-2TNI; FREQ=WEEKLY;BYDAY=TU."""
    word = match.group("wd")
    number = weekday_number(word[:-1] if word.lower().endswith("days") else word)
    part = group(match, "part")
    parts = patterns.lookup("parts_of_day")
    suffix = "T" + parts[patterns.normal_key(part).removesuffix("s")] if part else ""
    rrule = f"FREQ=WEEKLY;BYDAY={byday(number)}"
    value = f"XXXX-WXX-{number}{suffix}"
    return make(match, "set_weekdays", MentionType.SET, value, Granularity.VAGUE, rrule=rrule)


def extract_set_word(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"weekly" → P1W / FREQ=WEEKLY; "daily" → P1D / FREQ=DAILY; not a growth rate ("rise 8%
    annually", "10,000 units annually"), which TimeBank leaves untagged."""
    if _after_amount(match.string, match.start()):
        return None
    value, freq = patterns.lookup("set_words")[patterns.normal_key(match.group("w"))]
    return make(match, "set_word", MentionType.SET, value, Granularity.VAGUE, rrule=f"FREQ={freq}")


def extract_times_per(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"twice a week" → P1W (2 times; no RRULE: RFC 5545 needs the days); "once a month" → P1M."""
    times: int = patterns.lookup("times_words")[patterns.normal_key(match.group("t"))]
    freq: str = patterns.lookup("set_freq")[patterns.normal_key(match.group("freq"))]
    unit = _FREQ_UNITS[freq.split(";")[0]]
    value = f"P{'T' if unit == 'H' else ''}1{unit}"
    rrule = f"FREQ={freq}" if times == 1 else None
    return make(match, "set_times", MentionType.SET, value, Granularity.VAGUE, rrule=rrule)
