"""TimeMention → calendar placement (start, end, all-day, time zone); pure, no clock.

Worked example: "on 6 March" (DATE, day, begin=until=2025-03-06) → Placement(2025-03-06, None,
all_day=True); "at 12 p.m BST" (TIME, minute, begin=2015-10-08 12:00+01:00, tzid Europe/London)
→ Placement(2015-10-08 12:00, None, all_day=False, tzid="Europe/London").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from calendar_extract.model import Context, Granularity, MentionType, TimeMention

__all__ = [
    "Placement", "bare_weekday", "day_of", "first_occurrence", "harmonize_weekdays", "place",
    "placeable", "retense", "states_date", "upcoming", "with_date",
]

# Granularities that put an event on one calendar day (or a time on it).
_DAY_OR_FINER = frozenset(
    {Granularity.MINUTE, Granularity.HOUR, Granularity.PART_OF_DAY, Granularity.DAY}
)
_TIMED = frozenset({Granularity.MINUTE, Granularity.HOUR})
# Words that name a calendar day in a surface; a time mention without one borrows its day.
_DAY_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:mon|tues?|wed|thu(?:rs)?|fri|sat|sun)"
    r"[a-z]*\b|\b(?:today|tomorrow|yesterday|tonight)\b|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a mention puts an event on the calendar."""

    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None
    all_day: bool
    tzid: str | None
    rrule: str | None = None


def placeable(mention: TimeMention) -> bool:
    """True when the mention fixes a day (or a time on a day) or a recurrence."""
    if mention.vague or mention.type is MentionType.DURATION:
        return False
    if mention.type is MentionType.SET:
        return _calendar_series(mention)
    return mention.begin is not None and mention.granularity in _DAY_OR_FINER


def _calendar_series(mention: TimeMention) -> bool:
    """A SET that a calendar can repeat: "every Wednesday", "each day at 9", not "yearly"/"Daily"."""
    if mention.rrule is None:
        return False
    if re.search(r"BY(?:DAY|MONTHDAY|HOUR|SETPOS)", mention.rrule):
        return True
    return bool(re.search(r"\b(?:every|each)\b", mention.surface, re.IGNORECASE))


def states_date(mention: TimeMention) -> bool:
    """True when the surface itself names the day ("Thursday at 6:01 p.m."), not only a time."""
    if "date" in mention.implied or "day" in mention.implied:
        return False
    if mention.type is MentionType.DATE:
        return True
    return bool(_DAY_WORDS.search(mention.surface))


def _zone_name(value: dt.datetime, mention: TimeMention, ctx: Context) -> str | None:
    if mention.tzid:
        return mention.tzid
    key = getattr(value.tzinfo, "key", None)
    if key:
        return str(key)
    if value.utcoffset() == dt.timedelta(0):
        return "UTC"
    return None


def _wall(value: dt.date | dt.datetime, tzid: str | None) -> dt.datetime:
    """Naive wall-clock time of `value` in `tzid` (as written when the zone is unknown)."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    if value.tzinfo is None or tzid is None:
        return value.replace(tzinfo=None)
    try:
        return value.astimezone(ZoneInfo(tzid)).replace(tzinfo=None)
    except (ZoneInfoNotFoundError, ValueError):
        return value.replace(tzinfo=None)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def place(mention: TimeMention, ctx: Context) -> Placement | None:
    """Calendar placement of a placeable mention, else None."""
    if not placeable(mention):
        return None
    if mention.type is MentionType.SET:
        return _place_set(mention, ctx)
    begin, until = mention.begin, mention.until
    assert begin is not None
    timed = isinstance(begin, dt.datetime) and mention.granularity in _TIMED
    if not timed:
        first, last = _as_date(begin), _as_date(until) if until is not None else None
        return Placement(first, last if last is not None and last > first else None, True, None)
    assert isinstance(begin, dt.datetime)
    tzid = _zone_name(begin, mention, ctx)
    start = _wall(begin, tzid)
    end = _wall(until, tzid) if isinstance(until, dt.datetime) and until != begin else None
    return Placement(start, end if end is not None and end > start else None, False, tzid)


def _place_set(mention: TimeMention, ctx: Context) -> Placement | None:
    """First occurrence on or after the reference date of a recurring mention."""
    assert mention.rrule is not None
    first = first_occurrence(mention.rrule, ctx.reference, mention.begin)
    if first is None:
        return None
    timed = mention.granularity in _TIMED or "BYHOUR" in mention.rrule
    start: dt.date | dt.datetime = first if timed else first.date()
    zone = (mention.tzid or ctx.timezone) if timed else None
    return Placement(start, _series_end(mention, first) if timed else None, not timed, zone, mention.rrule)


def _series_end(mention: TimeMention, first: dt.datetime) -> dt.datetime | None:
    """End of the first occurrence of a timed series: "every Wednesday, 7.30-9.30pm" → 21:30."""
    begin, until = mention.begin, mention.until
    if not isinstance(begin, dt.datetime) or not isinstance(until, dt.datetime) or until <= begin:
        return None
    return first + (until - begin)


def first_occurrence(
    rule: str, reference: dt.datetime, begin: dt.date | dt.datetime | None = None
) -> dt.datetime | None:
    """First occurrence of RRULE `rule` on or after the reference day (naive wall-clock).

    Example: "FREQ=WEEKLY;BYDAY=WE", reference Thu 2020-09-03 → 2020-09-09 00:00.
    """
    anchor = reference.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    if isinstance(begin, dt.datetime):
        anchor = anchor.replace(hour=begin.hour, minute=begin.minute)
    try:
        rule_set = rrulestr(rule, dtstart=anchor, ignoretz=True)
        after: dt.datetime | None = rule_set.after(anchor, inc=True)
        return after
    except (ValueError, TypeError):
        return None


def with_date(placement: Placement, day: dt.date) -> Placement:
    """The same time of day moved to `day` (for a time that borrows the date of its event)."""
    start = placement.start
    if isinstance(start, dt.datetime):
        moved = dt.datetime.combine(day, start.time())
        end = placement.end
        if isinstance(end, dt.datetime):
            end = moved + (end - start)
        return Placement(moved, end, placement.all_day, placement.tzid, placement.rrule)
    return Placement(day, None, placement.all_day, placement.tzid, placement.rrule)


def day_of(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a start value."""
    return _as_date(value)


def upcoming(start: dt.date | dt.datetime, ctx: Context, past_tense: bool = False) -> bool:
    """True when the event starts on or after the reference day (a same-day event told in the past
    tense is already over)."""
    day, reference = _as_date(start), ctx.reference.date()
    if day == reference and past_tense:
        return False
    return day >= reference


_BARE_WEEKDAY = re.compile(
    r"^(?:[\d:.]+\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\s+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s+time\s+)?)?"
    # "4 p.m. EDT on Thursday", "10:00 Brussels time on Tuesday"
    r"(?:on\s+|late\s+|early\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+at\s+[\d:.\s]+(?:[ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)


def bare_weekday(mention: TimeMention) -> bool:
    """"Friday", "on Friday", "Thursday at 6:01 p.m.", not "next Friday" or "Friday, 6 March"."""
    return mention.relative and mention.begin is not None and bool(_BARE_WEEKDAY.match(mention.surface))


def _shift(mention: TimeMention, days: int) -> TimeMention:
    delta = dt.timedelta(days=days)
    until = mention.until + delta if mention.until is not None else None
    assert mention.begin is not None
    return dataclasses.replace(mention, begin=mention.begin + delta, until=until)


def _weekday_candidates(day: dt.date, reference: dt.date) -> tuple[dt.date, dt.date]:
    """The same weekday on/after and on/before the reference day."""
    ahead = (day.weekday() - reference.weekday()) % 7
    back = (reference.weekday() - day.weekday()) % 7
    return reference + dt.timedelta(days=ahead), reference - dt.timedelta(days=back)


def harmonize_weekdays(
    mentions: Sequence[TimeMention], ctx: Context, tenses: Mapping[int, str] | None = None
) -> tuple[TimeMention, ...]:
    """Read each bare weekday by the tense of its clause ("future"/"past" in `tenses`, keyed by
    mention start); the others take the majority reading of the same weekday in the text.

    Example: "decided on Friday" (future) + "on Friday" ×2, reference Thu 2024-09-05 → all
    2024-09-06; "a phone call … on Tuesday" (past), reference Tue 2025-02-25 → 2025-02-25.
    """
    tenses = tenses or {}
    reference = ctx.reference.date()
    named = _named_weekdays(mentions)
    decided: dict[int, dt.date] = {}
    readings: dict[int, list[dt.date]] = {}
    for mention in mentions:
        if not bare_weekday(mention):
            continue
        assert mention.begin is not None
        day = _as_date(mention.begin)
        ahead, back = _weekday_candidates(day, reference)
        tense = tenses.get(mention.start)
        if day.weekday() in named:  # "Saturday rail strike called off" over "… this Saturday …"
            decided[mention.start] = named[day.weekday()]
        elif tense in ("future", "past"):
            decided[mention.start] = ahead if tense == "future" else back
        readings.setdefault(day.weekday(), []).append(decided.get(mention.start, day))
    chosen = {}
    for weekday, days in readings.items():
        counts = Counter(days)
        chosen[weekday] = max(counts, key=lambda d: (counts[d], d >= reference, -abs((d - reference).days)))
    out = []
    for mention in mentions:
        if bare_weekday(mention):
            assert mention.begin is not None
            day = _as_date(mention.begin)
            target = decided.get(mention.start, chosen[day.weekday()])
            mention = _shift(mention, (target - day).days)
        out.append(mention)
    return tuple(out)


_NAMED_WEEKDAY = re.compile(r"^(?:this|next|coming|this\s+coming)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)


def _named_weekdays(mentions: Sequence[TimeMention]) -> dict[int, dt.date]:
    """Weekday → day of the document's "this Saturday" / "next Thursday" (one reading per weekday)."""
    found: dict[int, set[dt.date]] = {}
    for mention in mentions:
        if mention.begin is not None and _NAMED_WEEKDAY.match(mention.surface):
            day = _as_date(mention.begin)
            found.setdefault(day.weekday(), set()).add(day)
    return {weekday: days.pop() for weekday, days in found.items() if len(days) == 1}


def retense(mention: TimeMention, ctx: Context, *, future: bool) -> TimeMention:
    """A date without a year read against the tense of its event: "will be held in September" or
    "the dinner takes place on 10 October" (reference March) is the coming one.

    (Bare weekdays are read by `harmonize_weekdays`; only the future is corrected here.)
    """
    if not future or mention.begin is None or "year" not in mention.implied:
        return mention
    if mention.type not in (MentionType.DATE, MentionType.TIME) or _as_date(mention.begin) >= ctx.reference.date():
        return mention
    return _shift_year(mention)


def _shift_year(mention: TimeMention) -> TimeMention:
    """The same month and day one year later (29 February falls back to the 28th)."""

    def later(value: dt.date | dt.datetime | None) -> dt.date | dt.datetime | None:
        if value is None:
            return None
        try:
            return value.replace(year=value.year + 1)
        except ValueError:
            return value.replace(year=value.year + 1, day=28)

    value = re.sub(r"^\d{4}", lambda m: str(int(m.group()) + 1), mention.value)
    return dataclasses.replace(mention, begin=later(mention.begin), until=later(mention.until), value=value)
