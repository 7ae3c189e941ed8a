"""iCalendar data (an invitation attached to an e-mail, an .ics file) → Events, passed through.

The events keep their UID, so a calendar re-exported with them keeps its identity; DTEND of an
all-day event is exclusive in iCalendar and becomes the inclusive last day of an Event.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from calendar_extract.model import Event, Revision, Status

__all__ = ["GIVEN_CONFIDENCE", "calendar_events", "calendar_revisions"]

log = logging.getLogger(__name__)

GIVEN_CONFIDENCE = 1.0
_STATUS = {"CONFIRMED": Status.CONFIRMED, "TENTATIVE": Status.TENTATIVE, "CANCELLED": Status.CANCELLED}


def calendar_events(data: bytes, source: str, reference: dt.date | None = None) -> tuple[Event, ...]:
    """The VEVENTs of iCalendar bytes; unreadable data gives none (and a note with -v)."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError) as exc:
        log.info("%s: calendar data not read (%s)", source, exc)
        return ()
    events = []
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            try:
                event = _event(component, source, reference)
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
                # icalendar parses leniently and raises on access: "DTSTART:99999999T999999"
                log.warning("%s: an event with a broken property is left out (%s)", source,
                            str(exc).splitlines()[0][:200])
                continue
            if event is not None:
                events.append(event)
    return tuple(events)


def calendar_revisions(data: bytes, fallback: dt.datetime) -> dict[str, Revision]:
    """UID → SEQUENCE, CREATED and LAST-MODIFIED (else DTSTAMP, else `fallback`) of each VEVENT."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError):
        return {}
    revisions = {}
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            uid = str(component.get("UID", "") or "")
            modified = _utc(component.get("LAST-MODIFIED")) or _utc(component.get("DTSTAMP")) or fallback
            sequence = component.get("SEQUENCE", 0)
            revisions[uid] = Revision(sequence=int(sequence) if str(sequence).isdigit() else 0,
                                      created=_utc(component.get("CREATED")) or modified, modified=modified)
    return revisions


def _utc(prop: Any) -> dt.datetime | None:
    value = _value(prop)
    if not isinstance(value, dt.datetime):
        return None
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def _event(component: Any, source: str, reference: dt.date | None) -> Event | None:
    start = _value(component.get("DTSTART"))
    if start is None:
        return None
    end = _value(component.get("DTEND"))
    aware = isinstance(start, dt.datetime) and start.tzinfo is not None
    tzid = _zone(start) or ("UTC" if aware else None)
    start, end = _wall(start) or start, _wall(end)
    all_day = not isinstance(start, dt.datetime)
    if all_day and isinstance(end, dt.date) and not isinstance(end, dt.datetime):
        end = end - dt.timedelta(days=1) if end > start else None  # exclusive DTEND → last day
        end = None if end == start else end
    elif type(end) is not type(start):  # noqa: E721 - date vs datetime
        end = None
    day = start.date() if isinstance(start, dt.datetime) else start
    title = str(component.get("SUMMARY", "") or "").strip() or "Untitled event"
    rrule = component.get("RRULE")
    return Event(
        title=title, start=start, end=end, all_day=all_day, tzid=tzid,
        location=str(component.get("LOCATION", "") or "").strip() or None,
        status=_STATUS.get(str(component.get("STATUS", "CONFIRMED")).upper(), Status.CONFIRMED),
        upcoming=reference is None or day >= reference,
        rrule=rrule.to_ical().decode() if rrule is not None else None,
        evidence=f"iCalendar VEVENT: {title}", source=source, confidence=GIVEN_CONFIDENCE,
        uid=str(component.get("UID", "") or ""), trigger="calendar:vevent",
        reasons=("read from iCalendar data (passed through)",),
    )


def _value(prop: Any) -> dt.date | dt.datetime | None:
    """A date property's value; None when absent or broken (icalendar raises on access then)."""
    try:
        value = getattr(prop, "dt", None)
    except ValueError:
        return None
    return value if isinstance(value, dt.date) else None


def _zone(value: dt.date | dt.datetime) -> str | None:
    """The IANA name of an aware DTSTART's zone (UTC for a "Z" time), else None (floating)."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return None
    key = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "zone", None)
    if isinstance(key, str):
        return key
    return "UTC" if value.utcoffset() == dt.timedelta(0) else None


def _wall(value: dt.date | dt.datetime | None) -> dt.date | dt.datetime | None:
    """Naive wall-clock time in the value's own zone (an unnamed offset is converted to UTC)."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return value
    if _zone(value) is None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value.replace(tzinfo=None)
