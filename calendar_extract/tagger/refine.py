"""REFINERS: pure steps over the sorted, non-overlapping candidates (merge date+time, ranges)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger.anaphora import anchor_periods
from calendar_extract.tagger.timezones import zone
from calendar_extract.tagger.values import day_value

Refiner = Callable[[tuple[TimeMention, ...], str, Context], tuple[TimeMention, ...]]
Merge = Callable[[TimeMention, TimeMention, str], TimeMention | None]

_DATE_THEN_TIME = re.compile(r"\s*(?:,\s*)?(?:(?:at|@|from|between)\s+)?", re.IGNORECASE)
_TIME_THEN_DATE = re.compile(r"\s*(?:,\s*)?(?:on\s+)?", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:[\-\u2010-\u2015]|to|through|thru|until|till)\s*", re.IGNORECASE)
_UNTIL_GAP = re.compile(r"\s+(?:until|till|through|thru)\s+", re.IGNORECASE)


def _is_day(mention: TimeMention) -> bool:
    return (
        mention.type is MentionType.DATE
        and mention.granularity is Granularity.DAY
        and isinstance(mention.begin, dt.date)
    )


def _is_explicit_day(mention: TimeMention) -> bool:
    """A day stated with its month ("6 March"), not a weekday or "today"."""
    return _is_day(mention) and not mention.relative


def _is_one_day(mention: TimeMention) -> bool:
    return _is_day(mention) and mention.begin == mention.until


def _is_bare_time(mention: TimeMention) -> bool:
    return mention.type is MentionType.TIME and "date" in mention.implied


def _join(first: TimeMention, second: TimeMention, text: str, **fields: object) -> TimeMention:
    """One mention covering both, with `fields` replaced."""
    return dataclasses.replace(
        first,
        end=second.end,
        surface=text[first.start : second.end],
        **fields,  # type: ignore[arg-type]
    )


def _on_day(moment: dt.date | dt.datetime | None, day: dt.date, base: dt.date) -> dt.datetime | None:
    """`moment` moved from the reference day `base` to `day`, keeping wall time and zone."""
    if not isinstance(moment, dt.datetime):
        return None
    shifted = moment.date() - base + day
    wall = dt.datetime.combine(shifted, moment.time())
    return wall.replace(tzinfo=zone(getattr(moment.tzinfo, "key", None)) or moment.tzinfo)


def _dated_time(day: TimeMention, time: TimeMention, ctx: Context) -> dict[str, object]:
    """Fields of `time` placed on the date of `day`."""
    assert isinstance(day.begin, dt.date)
    base = ctx.reference.date()
    date = day.begin if not isinstance(day.begin, dt.datetime) else day.begin.date()
    value = date.isoformat() + time.value[10:]
    implied = tuple(i for i in time.implied if i != "date") + day.implied
    return {
        "type": MentionType.TIME,
        "value": value,
        "granularity": time.granularity,
        "begin": _on_day(time.begin, date, base),
        "until": _on_day(time.until, date, base),
        "tzid": time.tzid,
        "rule": f"{day.rule}+{time.rule}",
        "implied": implied,
        "relative": day.relative,
    }


def _pairwise(mentions: tuple[TimeMention, ...], text: str, merge: Merge) -> tuple[TimeMention, ...]:
    """Merge neighbours left to right while `merge` accepts them."""
    out: list[TimeMention] = []
    for mention in mentions:
        if out:
            merged = merge(out[-1], mention, text[out[-1].end : mention.start])
            if merged is not None:
                out[-1] = merged
                continue
        out.append(mention)
    return tuple(out)


def merge_date_time(
    mentions: tuple[TimeMention, ...], text: str, ctx: Context
) -> tuple[TimeMention, ...]:
    """"6 March 2025 at 14:00" / "3 pm on Tuesday" → one TIME mention 2025-03-06T14:00."""

    def merge(first: TimeMention, second: TimeMention, gap: str) -> TimeMention | None:
        if "\n" in gap:
            return None  # "… matinee, 2pm⏎Tue 20 May": a line break ends a listing entry
        if _is_one_day(first) and _is_bare_time(second) and _DATE_THEN_TIME.fullmatch(gap):
            return _join(first, second, text, **_dated_time(first, second, ctx))
        if _is_bare_time(first) and _is_one_day(second) and _TIME_THEN_DATE.fullmatch(gap):
            fields = _dated_time(second, first, ctx)
            return _join(first, second, text, **fields)
        return None

    return _pairwise(mentions, text, merge)


_FOCUS_CHARS = 400


def anchor_times(
    mentions: tuple[TimeMention, ...], text: str, ctx: Context
) -> tuple[TimeMention, ...]:
    """A time without a date takes the day last mentioned shortly before it, else the reference.

    Example: "The summit opens on 6 March. Doors open at 7 pm." → 2025-03-06T19:00.
    """
    out: list[TimeMention] = []
    focus: TimeMention | None = None
    for mention in mentions:
        dated_time = mention.type is MentionType.TIME and "date" not in mention.implied
        if _is_one_day(mention) or dated_time:
            focus = mention
        elif _is_bare_time(mention) and focus is not None and focus.begin is not None:
            if mention.start - focus.end <= _FOCUS_CHARS:
                day = focus.begin if not isinstance(focus.begin, dt.datetime) else focus.begin.date()
                fields = _dated_time(dataclasses.replace(focus, begin=day), mention, ctx)
                fields["rule"] = mention.rule
                fields["implied"] = mention.implied
                mention = dataclasses.replace(mention, **fields)  # type: ignore[arg-type]
        out.append(mention)
    return tuple(out)


def merge_ranges(
    mentions: tuple[TimeMention, ...], text: str, ctx: Context
) -> tuple[TimeMention, ...]:
    """"3 March to 5 April" → one DATE until 5 April; "2 pm to 4 pm" → one TIME until 16:00."""

    def merge(first: TimeMention, second: TimeMention, gap: str) -> TimeMention | None:
        if not _RANGE_GAP.fullmatch(gap) or first.until is None and first.begin is None:
            return None
        if _is_explicit_day(first) and _is_explicit_day(second):
            assert isinstance(first.begin, dt.date) and isinstance(second.until, dt.date)
            if not 0 < (second.until - first.begin).days <= 366:
                return None
            return _join(first, second, text, until=second.until, rule=f"{first.rule}-range")
        if first.type is MentionType.TIME and second.type is MentionType.TIME:
            if not isinstance(first.begin, dt.datetime) or not isinstance(second.begin, dt.datetime):
                return None
            begin, until = _same_zone(first.begin, second.begin)
            if first.until is not None or until <= begin:
                return None
            tzid = first.tzid or second.tzid
            return _join(first, second, text, begin=begin, until=until, tzid=tzid)
        return None

    return _pairwise(mentions, text, merge)


def _same_zone(a: dt.datetime, b: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """A zone stated at one end of a time range holds for both: "14:00 until noon CET"."""
    if a.tzinfo is None and b.tzinfo is not None:
        return a.replace(tzinfo=b.tzinfo), b
    if b.tzinfo is None and a.tzinfo is not None:
        return a, b.replace(tzinfo=a.tzinfo)
    return a, b


def attach_until(
    mentions: tuple[TimeMention, ...], text: str, ctx: Context
) -> tuple[TimeMention, ...]:
    """"every Wednesday until October" → one SET whose RRULE ends with UNTIL=<last day>."""

    def merge(first: TimeMention, second: TimeMention, gap: str) -> TimeMention | None:
        if first.type is not MentionType.SET or not first.rrule or "UNTIL" in first.rrule:
            return None
        if second.type is not MentionType.DATE or not isinstance(second.until, dt.date):
            return None
        if not _UNTIL_GAP.fullmatch(gap):
            return None
        until = second.until
        rrule = f"{first.rrule};UNTIL={until.strftime('%Y%m%d')}"
        return _join(first, second, text, rrule=rrule, until=until)

    return _pairwise(mentions, text, merge)


# ", 9, and 10" / " and 16" after "Aug. 8" / "February 15": more days of the same month.
_LISTED_DAYS = re.compile(
    r"(?:\s*,\s*(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)*\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?"
    r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:%/-]|\.\d|\s*(?:a\.?m|p\.?m|[ap]m\b|h\b))",
    re.IGNORECASE,
)
_DAY_NUMBER = re.compile(r"(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?", re.IGNORECASE)


# "12 and " / "8, 9 and " before "14 June": earlier days of the same month.
_WEEKDAY_WORD = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
_DAYS_BEFORE = re.compile(
    rf"(?<![\w.,:/-]){_WEEKDAY_WORD}(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*,\s*{_WEEKDAY_WORD})*"
    r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*(?:,\s*)?(?:and|&)\s+$",
    re.IGNORECASE,
)
_LISTED_REACH = 40
_WEEKDAY_ONLY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


def _days_before(mention: TimeMention, text: str, floor: int) -> list[TimeMention]:
    """"12 and 14 June": day mentions for the numbers listed before a "D Month" mention."""
    first = mention.begin
    words = mention.surface.replace(",", " ").split()
    lead = words[1] if len(words) > 1 and words[0].lower().endswith("day") else words[0]
    if not _DAY_NUMBER.fullmatch(lead) or not isinstance(first, dt.date):
        return []
    listed = _DAYS_BEFORE.search(text, max(floor, mention.start - _LISTED_REACH), mention.start)
    if listed is None or isinstance(first, dt.datetime):
        return []
    found: list[TimeMention] = []
    for number in _DAY_NUMBER.finditer(text, listed.start(), listed.end()):
        day = int(number.group(1))
        if found and day <= (found[-1].begin.day if isinstance(found[-1].begin, dt.date) else 0):
            return []
        if day >= first.day:
            return []
        date = first.replace(day=day)
        start = listed.start() if not found and text[listed.start()].isalpha() else number.start()
        found.append(dataclasses.replace(
            mention, start=start, end=number.end(), surface=text[start : number.end()],
            value=day_value(date), begin=date, until=date, rule="listed_day",
        ))
    return found


def listed_days(mentions: tuple[TimeMention, ...], text: str, ctx: Context) -> tuple[TimeMention, ...]:
    """"February 15 and 16", "Aug. 8, 9, and 10", "12 and 14 June" → one day mention per day."""
    out: list[TimeMention] = []
    for index, mention in enumerate(mentions):
        if _is_explicit_day(mention) and mention.begin == mention.until:
            out.extend(_earlier_days(mention, text, out))
        out.append(mention)
        limit = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        out.extend(_days_after(mention, text, limit))
    return tuple(out)


def _earlier_days(mention: TimeMention, text: str, out: list[TimeMention]) -> list[TimeMention]:
    """The days listed before `mention`; a bare weekday right before the first one is taken in
    ("Saturday 26 and Sunday 27 January") and dropped from `out`."""
    weekday = bool(out) and _WEEKDAY_ONLY.fullmatch(out[-1].surface) is not None
    floor = (out[-2].end if len(out) > 1 else 0) if weekday else (out[-1].end if out else 0)
    found = _days_before(mention, text, floor)
    if found and weekday and found[0].start <= out[-1].start:
        out.pop()
    return found


def _days_after(mention: TimeMention, text: str, limit: int) -> list[TimeMention]:
    """The days listed after `mention` ("February 15 and 16")."""
    first = mention.begin
    if not _is_explicit_day(mention) or not _DAY_NUMBER.fullmatch(mention.surface.split()[-1]):
        return []
    listed = _LISTED_DAYS.match(text, mention.end, limit)
    if listed is None or not isinstance(first, dt.date) or isinstance(first, dt.datetime):
        return []
    found: list[TimeMention] = []
    previous = first.day
    for number in _DAY_NUMBER.finditer(text, listed.start(), listed.end()):
        day = int(number.group(1))
        if day <= previous:
            break
        date = first.replace(day=day)
        previous = day
        found.append(dataclasses.replace(
            mention, start=number.start(), end=number.end(), surface=number.group(),
            value=day_value(date), begin=date, until=date, rule="listed_day",
        ))
    return found


# "6 March 99999", "the year 10000": a date cut short of a number no calendar holds.
_LONG_NUMBER_AFTER = re.compile(r"[ \t]*(?:,[ \t]*)?\d{5,}")


def drop_cut_short(mentions: tuple[TimeMention, ...], text: str, ctx: Context) -> tuple[TimeMention, ...]:
    """Drop a DATE followed at once by a number of five digits or more: its year is out of range
    ("6 March 99999"), and the rest of it no date of its own."""
    return tuple(m for m in mentions
                 if m.type is not MentionType.DATE or _LONG_NUMBER_AFTER.match(text, m.end) is None)


# Order: times join their dates first, so that "6 March 2-4 pm" becomes one TIME before ranges
# are built; ranges need dated parts; UNTIL needs the merged date after "until".
# anchor_periods only rewrites values, so its place is free; it goes first to see raw mentions.
# anchor_times runs after merge_date_time so that only times left without a date are anchored.
REFINERS: tuple[Refiner, ...] = (
    drop_cut_short, anchor_periods, listed_days, merge_date_time, anchor_times, merge_ranges, attach_until
)
