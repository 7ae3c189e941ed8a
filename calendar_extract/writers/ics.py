"""Events → an iCalendar (.ics) file that Outlook, Google, Apple and Thunderbird import cleanly.

Deterministic: the same events (in any order) and the same `stamp` give the same bytes. Rules
followed are those of shared/ICS-COMPAT.md (cited as "rule n"); the library does the escaping
(rule 5), the CRLF line ends (rule 1) and the folding at 75 octets without splitting a UTF-8
character (rules 2, 3; checked for icalendar 7.3.2 by tests/unit/test_writer_ics.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, vDuration, vRecur
from icalendar import Event as VEvent

from calendar_extract.identity import make_uid
from calendar_extract.model import Event, Revision
from calendar_extract.writers.vtimezone import vtimezone

log = logging.getLogger(__name__)

UTC = dt.timezone.utc
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "Z", "GMT",
                       "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich",
                       "Etc/Universal", "Universal", "Greenwich"})
UNTITLED = "Untitled event"
# Line breaks that are not Cc characters: NEL is Cc, but U+2028/U+2029 are Zl/Zp.
_BREAKS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}


def clean_line(text: str) -> str:
    """One-line text for SUMMARY/LOCATION/UID: control characters and line breaks become one space.

    Lone surrogates (unencodable) and U+FFFD (ics-check reads it as broken UTF-8) are dropped.
    Example: "Board\\r\\n meeting\\t" → "Board meeting".
    """
    if text.isprintable() and "\ufffd" not in text:  # the usual case: no control, break or odd space
        return text.strip()
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs" or char == "\ufffd":
            continue
        if category in ("Cc", "Zl", "Zp"):
            if out and out[-1] != " ":
                out.append(" ")
            continue
        out.append(char)
    return "".join(out).strip()


def clean_block(text: str) -> str:
    """Multi-line text for DESCRIPTION: line breaks become "\\n" (escaped by icalendar, rule 6).

    Other control characters become spaces; lone surrogates and U+FFFD are dropped.
    """
    for old, new in _BREAKS.items():
        text = text.replace(old, new)
    return "\n".join(clean_line(line) for line in text.split("\n")).strip("\n")


def derive_uid(event: Event) -> str:
    """The event's UID, or the one the assembler would give it (identity.make_uid) when it has none.

    Example: Event("Summit", date(2025, 3, 6)) → "<sha1 hex[:16]>@calendar-extract".
    """
    return clean_line(event.uid) or make_uid(event)


def _is_all_day(event: Event) -> bool:
    return event.all_day or not isinstance(event.start, dt.datetime)


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _zone(tzid: str | None) -> ZoneInfo | dt.timezone | None:
    """tzid → tzinfo: UTC for UTC aliases, ZoneInfo for IANA names, None (floating) otherwise."""
    if tzid is None:
        return None
    if tzid in UTC_NAMES:
        return UTC
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r: writing floating time", tzid)
        return None


def _localize(value: dt.datetime, zone: ZoneInfo | dt.timezone | None) -> dt.datetime:
    """Wall-clock `value` in `zone`; an aware value (not the model's contract) is converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    if zone is None:
        return value.astimezone(UTC)
    return value.astimezone(zone)


def sort_key(event: Event) -> tuple[object, ...]:
    """Writing order: start (all-day before timed on the same day), title, UID, then the rest."""
    start = event.start
    if _is_all_day(event):
        moment: tuple[object, ...] = (_as_date(start), 0, dt.time())
    else:
        assert isinstance(start, dt.datetime)
        moment = (start.date(), 1, start.time().replace(tzinfo=None))
    # repr breaks the remaining ties so that input order never shows in the output
    return (*moment, event.title, derive_uid(event), repr(event))


def _times(event: Event) -> tuple[dt.date, dt.date | None]:
    """(DTSTART, DTEND or None): all-day DTEND exclusive and clamped; timed DTEND only if later."""
    if _is_all_day(event):
        start = _as_date(event.start)
        last = _as_date(event.end) if event.end is not None else start
        return start, max(last, start) + dt.timedelta(days=1)  # rule 14, clamped
    assert isinstance(event.start, dt.datetime)
    zone = _zone(event.tzid)
    start_dt = _localize(event.start, zone)
    if not isinstance(event.end, dt.datetime):
        return start_dt, None  # RFC 5545 §3.6.1: DTSTART alone is an instant
    end_dt = _localize(event.end, zone)
    if _instant(end_dt) <= _instant(start_dt):  # rule 15; compare through the zone (DST gaps)
        log.debug("dropping end %s not after start %s of %r", end_dt, start_dt, event.title)
        return start_dt, None
    return start_dt, end_dt


def _instant(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _recurrence(event: Event, start: dt.date) -> vRecur | None:
    """Event.rrule → vRecur, with UNTIL made the type RFC 5545 §3.3.10 wants; None if invalid."""
    text = (event.rrule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return None
    if clean_line(text) != text:
        log.warning("ignoring RRULE with control characters: %r", text)
        return None
    try:
        rule: vRecur = vRecur.from_ical(text)
    except ValueError:
        log.warning("ignoring invalid RRULE %r", text)
        return None
    if "FREQ" not in rule:
        log.warning("ignoring RRULE without FREQ: %r", text)
        return None
    if "UNTIL" in rule:
        rule["UNTIL"] = [_until(value, start) for value in rule["UNTIL"]]
    return rule


def _until(value: dt.date, start: dt.date) -> dt.date:
    """UNTIL matching DTSTART: a DATE for all-day; UTC if DTSTART is zoned, else floating."""
    if not isinstance(start, dt.datetime):
        return _as_date(value)
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(23, 59, 59))  # the whole last day counts
    if start.tzinfo is None:
        return value.replace(tzinfo=None)
    if value.tzinfo is None:
        value = value.replace(tzinfo=start.tzinfo)
    return value.astimezone(UTC)


def describe(event: Event) -> str:
    """DESCRIPTION text: evidence sentence, participants, source and confidence, one per line."""
    lines = [clean_block(event.evidence)]
    participants = [p for p in (clean_line(p) for p in event.participants) if p]
    if participants:
        lines.append("Participants: " + ", ".join(participants))
    source = clean_line(event.source)
    if source:
        lines.append(f"Source: {source}")
    lines.append(f"Confidence: {event.confidence:.2f}")
    return "\n".join(line for line in lines if line)


def _vevent(event: Event, stamp: dt.datetime, revision: Revision | None = None) -> VEvent:
    start, end = _times(event)
    component = VEvent()
    component.add("uid", derive_uid(event))
    if revision is None:
        component.add("dtstamp", stamp)
        component.add("sequence", 0)
    else:  # a calendar kept across runs: DTSTAMP moves only when the event does (rules 25, 26)
        component.add("dtstamp", revision.modified.astimezone(UTC))
        component.add("sequence", revision.sequence)
        component.add("created", revision.created.astimezone(UTC))
        component.add("last-modified", revision.modified.astimezone(UTC))
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    component.add("summary", clean_line(event.title) or UNTITLED)
    location = clean_line(event.location or "")
    if location:
        component.add("location", location)
    component.add("status", event.status.value)
    if event.url and event.url.startswith(("http://", "https://")):
        component.add("url", clean_line(event.url))
    component.add("description", describe(event))
    rule = _recurrence(event, start)
    if rule is not None:
        component.add("rrule", rule)
    if _is_all_day(event):
        component.add("x-microsoft-cdo-alldayevent", "TRUE")  # Outlook hint, rule 14
    return component


def _add_zone_years(years: dict[str, set[int]], component: VEvent) -> None:
    """Add to `years` (TZID → years) the years of the VEVENT's zoned times (DTSTART, DTEND, RRULE UNTIL)."""
    values = [component.decoded(name, None) for name in ("DTSTART", "DTEND")]
    values += list(component.get("RRULE", {}).get("UNTIL", []))
    tzids = {v.tzinfo.key for v in values[:2] if isinstance(getattr(v, "tzinfo", None), ZoneInfo)}
    for tzid in tzids:
        years.setdefault(tzid, set()).update(v.year for v in values if v is not None)


def _header(calendar: Calendar, calendar_name: str, prodid: str | None, refresh: str | None) -> None:
    calendar.add("version", "2.0")
    calendar.add("prodid", prodid or f"-//calendar-extract//calendar-extract {_version()}//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # rule 8
    name = clean_line(calendar_name) or "calendar-extract"
    calendar.add("x-wr-calname", name)  # rule 22
    calendar.add("name", name)
    if refresh is not None:  # rule 23: feeds only
        duration = vDuration.from_ical(refresh.strip())  # type: ignore[no-untyped-call, unused-ignore]
        calendar.add("refresh-interval", duration, parameters={"VALUE": "DURATION"})
        ttl = vDuration(duration).to_ical()  # type: ignore[no-untyped-call, unused-ignore]
        calendar.add("x-published-ttl", ttl.decode("ascii"))


def _version() -> str:
    """calendar_extract.__version__, imported late (the package imports its writers)."""
    import calendar_extract

    return str(getattr(calendar_extract, "__version__", "unknown"))


def write_ics(
    events: Sequence[Event],
    *,
    calendar_name: str,
    stamp: dt.datetime,
    refresh: str | None = None,
    prodid: str | None = None,
    revisions: Mapping[str, Revision] | None = None,
) -> bytes:
    """Write events as one VCALENDAR.

    Args:
        events: the events; written sorted by start, title, UID. Of several events with the same UID
            only the first in that order is kept (rule 11), with a warning.
        calendar_name: X-WR-CALNAME and NAME.
        stamp: DTSTAMP of every event; an aware datetime (converted to UTC).
        refresh: feeds only: an ISO 8601 duration such as "PT12H" for REFRESH-INTERVAL and
            X-PUBLISHED-TTL.
        prodid: overrides "-//calendar-extract//calendar-extract <version>//EN" (golden tests).
        revisions: UID → SEQUENCE, CREATED and LAST-MODIFIED of events in a calendar kept across
            runs (`calendar-extract run`); such events take DTSTAMP from LAST-MODIFIED, not `stamp`.

    Returns:
        UTF-8 bytes without BOM, CRLF line ends, lines folded at 75 octets.

    Raises:
        ValueError: `stamp` is naive, or `refresh` is not a duration.
    """
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("stamp must be an aware datetime (UTC)")
    stamp = stamp.astimezone(UTC)
    calendar = Calendar()
    _header(calendar, calendar_name, prodid, refresh)
    # Each VEVENT is written as soon as it is made: a component weighs some ten times its text,
    # and a calendar of many thousand events would otherwise hold them all at once.
    written: list[bytes] = []
    years: dict[str, set[int]] = {}
    seen: set[str] = set()
    for event in sorted(events, key=sort_key):
        uid = derive_uid(event)
        if uid in seen:
            log.warning("dropping a second event with UID %s (%r)", uid, event.title)
            continue
        seen.add(uid)
        component = _vevent(event, stamp, (revisions or {}).get(uid))
        _add_zone_years(years, component)
        written.append(bytes(component.to_ical()))
    for tzid, zone_years in sorted(years.items()):
        calendar.add_component(vtimezone(tzid, tuple(sorted(zone_years))))  # rules 17, 18
    head = bytes(calendar.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return b"".join([head[: -len(end)], *written, end])
