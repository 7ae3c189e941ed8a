"""Extractors for times of day: "3 pm", "14:00 CET", "noon", "from 2 to 4 pm", "10:00–12:30"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from calendar_extract import patterns
from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import values
from calendar_extract.tagger.dates import previous_word
from calendar_extract.tagger.timezones import wall_time, zone_name
from calendar_extract.tagger.words import amount, group, make

_WORD_HOURS = {"noon": 12, "midday": 12, "midnight": 24}


def to_24h(hour: int, ampm: str | None) -> int | None:
    """Clock hour with an optional am/pm → 0-24, or None when impossible (13 pm)."""
    if ampm is None:
        return hour if 0 <= hour <= 24 else None
    if not 1 <= hour <= 12:
        return None
    pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if pm else 0
    return hour + 12 if pm else hour


def time_mention(
    match: re.Match[str],
    rule: str,
    ctx: Context,
    start: tuple[int, int],
    end: tuple[int, int] | None = None,
) -> TimeMention:
    """A TIME mention on the reference day (the date is implied until a refiner merges one)."""
    stated = group(match, "tz") or group(match, "tz2")
    tzid = zone_name(stated) if stated else None
    tzname = tzid or ctx.timezone
    day = ctx.reference.date()
    begin = wall_time(day, start[0], start[1], tzname)
    until = wall_time(day, end[0], end[1], tzname) if end else None
    if until is not None and until <= begin:
        until += dt.timedelta(days=1)
    hour = 24 if start[0] == 24 else start[0]
    value = values.time_value(day, hour, start[1])
    if hour == 24:
        value = f"{day.isoformat()}T24:00"
    granularity = Granularity.MINUTE if start[1] else Granularity.HOUR
    mention = make(
        match,
        rule,
        MentionType.TIME,
        value,
        granularity,
        begin=begin,
        until=until,
        tzid=tzid,
        implied=("date",),
    )
    if stated and tzid is None and patterns.is_city_time(stated):
        return _without_zone(mention, match)
    return mention


def _without_zone(mention: TimeMention, match: re.Match[str]) -> TimeMention:
    """The mention ending before a "<word> time" that names no known city ("3 pm Party time")."""
    name = "tz" if group(match, "tz") else "tz2"
    text = match.string
    end = match.start(name) - (name == "tz2")  # before "(" of "(Lisbon time)"
    while end > mention.start and text[end - 1].isspace():
        end -= 1
    return dataclasses.replace(mention, end=end, surface=text[mention.start : end], tzid=None)


def _minute(match: re.Match[str], name: str) -> int:
    text = group(match, name)
    return int(text) if text else 0


def extract_clock(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"3 pm", "3:30 p.m.", "8.15 am ET", "14:00 CET" → T15:00 etc. with the zone stated."""
    hour = to_24h(int(match.group("h")), group(match, "ap"))
    if hour is None:
        return None
    return time_mention(match, "time", ctx, (hour, _minute(match, "mi")))


def extract_word_time(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"noon", "12 noon", "midnight GMT" → T12:00 / T24:00; not the idiom "high noon"."""
    if previous_word(match.string, match.start()).lower() == "high":
        return None
    hour = _WORD_HOURS[match.group("w").lower()]
    return time_mention(match, "time_word", ctx, (hour, 0))


def extract_oclock(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"3 o'clock" → T03:00 (morning unless "in the afternoon" follows, which refine may add)."""
    count = amount(match.group("h"))
    hour = int(count) if count is not None else 0
    if not 1 <= hour <= 12:
        return None
    return time_mention(match, "time_oclock", ctx, (hour, 0))


def extract_clock_in_part(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"at 4 in the morning" → T04:00, "until 10 at night" → T22:00 (after a time preposition)."""
    if previous_word(match.string, match.start()).lower() not in patterns.word_set(
        "clock_cues", "words"
    ):
        return None  # "won 2 in the morning session" counts, it tells no time
    count = amount(match.group("h"))
    hour = int(count) if count is not None and count == int(count) else 0
    if not 1 <= hour <= 12:
        return None
    part = (group(match, "part") or "night").lower()
    afternoon = part in ("afternoon", "evening") or (part == "night" and hour >= 6)
    if afternoon and hour < 12:
        hour += 12
    elif part == "morning" and hour == 12:
        hour = 0
    return time_mention(match, "time_in_part", ctx, (hour, 0))


def extract_time_range(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"2-4 p.m.", "from 2 to 4 pm", "10:00–12:30 CET" → begin 14:00, until 16:00."""
    between = previous_word(match.string, match.start()).lower() == "between"
    if re.search(r"\sand\s", match.group(), re.IGNORECASE) and not between:
        return None  # "at 2 and 4 pm" lists two times
    ap2 = group(match, "ap2")
    ap1 = group(match, "ap") or ap2
    h1, h2 = int(match.group("h")), int(match.group("h2"))
    start = to_24h(h1, ap1)
    end = to_24h(h2, ap2)
    if start is None or end is None:
        return None
    if group(match, "ap") is None and ap2 and start > end and to_24h(h1, "am") is not None:
        # "11-1 pm": the start is in the morning.
        start = to_24h(h1, "am") or start
    first = (start, _minute(match, "mi"))
    last = (end, _minute(match, "mi2"))
    if last <= first and not (ap1 and ap2 and ap1[0].lower() != ap2[0].lower()):
        return None
    return time_mention(match, "time_range", ctx, first, last)
