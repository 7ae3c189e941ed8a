"""VTIMEZONE components in the RRULE-based STANDARD/DAYLIGHT form, built from zoneinfo.

Why not icalendar's `add_missing_timezones()`: it writes RDATE lists, which Outlook has mapped to the
wrong zone (ICS-COMPAT.md rule 18); Google exports one yearly RRULE per part, and so do we.

How: scan the zone's UTC-offset changes in the years around the events (a day at a time, then bisect
to the second), turn each change into a rule "month + n-th weekday (or last) + wall time", and merge
consecutive years with the same rule into one component with `RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..`.
A run of years that ends before the scanned window does gets an UNTIL (UTC, RFC 5545 §3.3.10); the
run still in force at the end of the window is open-ended, like Google's. A zone without changes in
the window gets a single STANDARD part.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

UTC = dt.timezone.utc
_FIRST_YEAR = 1800  # the scan window is clamped: zoneinfo's data and datetime arithmetic end somewhere
_LAST_YEAR = 2200
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class Onset:
    """One change of a zone's UTC offset."""

    utc: dt.datetime  # first instant (aware, UTC) with the new offset
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str  # TZNAME after the change

    @property
    def local(self) -> dt.datetime:
        """Wall-clock time of the change in the old offset (what DTSTART of a part says)."""
        return (self.utc + self.offset_from).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class _Run:
    """Consecutive years in which a zone changes offset by the same rule."""

    key: tuple[object, ...]
    first: Onset
    last: Onset
    last_year: int


def _offset(zone: ZoneInfo, when: dt.datetime) -> dt.timedelta:
    offset = when.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return offset


def onsets(zone: ZoneInfo, year: int) -> tuple[Onset, ...]:
    """Offset changes of `zone` during `year` (UTC), found by a daily scan and bisection.

    Example: onsets(ZoneInfo("Europe/Brussels"), 2025) → changes at 2025-03-30 01:00 UTC
    (+01:00 → +02:00) and 2025-10-26 01:00 UTC (+02:00 → +01:00).
    """
    start = dt.datetime(year, 1, 1, tzinfo=UTC)
    days = 366 if calendar.isleap(year) else 365
    found: list[Onset] = []
    before, offset = start, _offset(zone, start)
    for day in range(1, days + 1):
        after = start + dt.timedelta(days=day)
        new = _offset(zone, after)
        if new == offset:
            before = after
            continue
        lo, hi = before, after
        while hi - lo > dt.timedelta(seconds=1):
            mid = lo + dt.timedelta(seconds=(hi - lo) // dt.timedelta(seconds=2))
            lo, hi = (lo, mid) if _offset(zone, mid) == new else (mid, hi)
        name = hi.astimezone(zone).tzname() or ""
        found.append(Onset(utc=hi, offset_from=offset, offset_to=new, name=name))
        before, offset = after, new
    return tuple(found)


def byday(day: dt.date) -> str:
    """The RRULE BYDAY for `day` within its month: "2SU" (second Sunday) or "-1SU" (last Sunday)."""
    last = calendar.monthrange(day.year, day.month)[1]
    nth = -1 if day.day + 7 > last else (day.day - 1) // 7 + 1
    return f"{nth}{_WEEKDAYS[day.weekday()]}"


def _rule_key(onset: Onset, seasonal: bool) -> tuple[object, ...]:
    kind = "DAYLIGHT" if seasonal and onset.offset_to > onset.offset_from else "STANDARD"
    local = onset.local
    return (kind, local.month, byday(local.date()), local.time(), onset.offset_from,
            onset.offset_to, onset.name)


def _runs(zone: ZoneInfo, first_year: int, last_year: int) -> tuple[list[_Run], list[_Run]]:
    """Group the onsets of the years into runs; returns (closed runs, runs open at the end)."""
    closed: list[_Run] = []
    active: dict[tuple[object, ...], _Run] = {}
    for year in range(first_year, last_year + 1):
        year_onsets = onsets(zone, year)
        # DAYLIGHT only for a change that is undone in the same year (Europe/Dublin has a
        # "negative DST" in tzdata; a one-off move of the standard offset is not daylight time).
        seasonal = any(o.offset_to < o.offset_from for o in year_onsets)
        for onset in year_onsets:
            key = _rule_key(onset, seasonal)
            run = active.get(key)
            if run is not None and run.last_year == year - 1:
                active[key] = _Run(key, run.first, onset, year)
                continue
            if run is not None:
                closed.append(run)
            active[key] = _Run(key, onset, onset, year)
        for key, run in list(active.items()):
            if run.last_year < year:
                closed.append(active.pop(key))
    return closed, list(active.values())


def _part(run: _Run, open_ended: bool) -> TimezoneStandard | TimezoneDaylight:
    kind, month, day_rule = run.key[0], run.key[1], run.key[2]
    part = TimezoneDaylight() if kind == "DAYLIGHT" else TimezoneStandard()
    part.add("dtstart", run.first.local)
    if open_ended or run.first != run.last:
        rule: dict[str, object] = {"freq": "YEARLY", "bymonth": month, "byday": day_rule}
        if not open_ended:
            rule["until"] = run.last.utc  # RFC 5545 §3.3.10: UNTIL in UTC inside VTIMEZONE
        part.add("rrule", rule)
    part.add("tzoffsetfrom", run.first.offset_from)
    part.add("tzoffsetto", run.first.offset_to)
    if run.first.name:
        part.add("tzname", run.first.name)
    return part


def _fixed_part(zone: ZoneInfo, year: int) -> TimezoneStandard:
    """A STANDARD part for the offset in force at the start of `year` (no change)."""
    start = dt.datetime(year, 1, 1, tzinfo=UTC)
    offset = _offset(zone, start)
    part = TimezoneStandard()
    part.add("dtstart", dt.datetime(min(year, 1970), 1, 1))
    part.add("tzoffsetfrom", offset)
    part.add("tzoffsetto", offset)
    name = start.astimezone(zone).tzname()
    if name:
        part.add("tzname", name)
    return part


def vtimezone(tzid: str, years: tuple[int, ...]) -> Timezone:
    """A VTIMEZONE for the IANA zone `tzid`, valid for events in `years`.

    Args:
        tzid: IANA name, e.g. "Europe/Brussels".
        years: the years the calendar's times in this zone fall in (at least one).

    Returns:
        The component, with one STANDARD/DAYLIGHT part per rule in force around those years.

    Raises:
        zoneinfo.ZoneInfoNotFoundError: `tzid` is not an IANA zone.
    """
    zone = ZoneInfo(tzid)
    first = min(max(min(years) - 1, _FIRST_YEAR), _LAST_YEAR)
    last = max(min(max(years) + 1, _LAST_YEAR), first)
    closed, still_open = _runs(zone, first, last)
    parts: list[TimezoneStandard | TimezoneDaylight] = [_part(run, False) for run in closed]
    parts += [_part(run, run.last_year == last) for run in still_open]
    earliest = min((run.first for run in closed + still_open), key=lambda o: o.utc, default=None)
    if earliest is None or earliest.utc.year > first:
        parts.append(_fixed_part(zone, first))  # nothing would say what holds before the first change
    component = Timezone()
    component.add("tzid", tzid)
    for part in sorted(parts, key=lambda p: (p.DTSTART, p.name)):
        component.add_component(part)
    return component
