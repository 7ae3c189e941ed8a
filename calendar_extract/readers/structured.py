"""schema.org Event data in a page (JSON-LD, microdata, RDFa, read by extruct) → calendar Events.

A page that carries its events as data says exactly what they are, so these events come with a
high confidence and win over what the prose yields for the same day (pipeline.extract).

    {"@type": "MusicEvent", "name": "Harbour Lights Concert",
     "startDate": "2025-06-14T19:30:00+02:00", "eventStatus": "https://schema.org/EventCancelled",
     "location": {"name": "Konzerthaus", "address": {"addressLocality": "Berlin"}}}
    → "Harbour Lights Concert" 2025-06-14 19:30 Europe/Berlin, "Konzerthaus, Berlin", CANCELLED
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.parser import isoparse

from calendar_extract import places
from calendar_extract.model import Event, Status

__all__ = ["STRUCTURED_CONFIDENCE", "schema_events"]

log = logging.getLogger(__name__)

STRUCTURED_CONFIDENCE = 0.95
_SYNTAXES = ["json-ld", "microdata", "rdfa"]
# eventStatus → status: a postponed event without its new date is no longer on the old one.
_STATUS = {"eventcancelled": Status.CANCELLED, "eventpostponed": Status.CANCELLED,
           "eventscheduled": Status.CONFIRMED, "eventrescheduled": Status.CONFIRMED,
           "eventmovedonline": Status.CONFIRMED}


def schema_events(html: str, source: str, reference: dt.date, *, url: str | None = None) -> tuple[Event, ...]:
    """The schema.org Events of a page; items without a name or a readable startDate are skipped."""
    import extruct  # imported only for HTML input

    try:
        data = extruct.extract(html, base_url=url, syntaxes=_SYNTAXES, uniform=True, errors="ignore")
    except Exception as exc:  # noqa: BLE001 - extruct surfaces lxml and JSON errors of broken pages
        log.info("%s: no structured data read (%s)", source, exc)
        return ()
    events = []
    for syntax in _SYNTAXES:
        for item in _nodes(data.get(syntax, [])):
            event = _event(item, source, reference, syntax)
            if event is not None:
                events.append(event)
    return tuple(dict.fromkeys(events))


def _nodes(items: Any) -> Iterator[Mapping[str, Any]]:
    """Every Event node: top-level items, members of an @graph, sub-events."""
    for item in items if isinstance(items, list) else [items]:
        if not isinstance(item, Mapping):
            continue
        if _is_event(item):
            yield item
        yield from _nodes(item.get("@graph", []))
        yield from _nodes(item.get("subEvent", []))


def _is_event(item: Mapping[str, Any]) -> bool:
    kinds = item.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].endswith("Event") for k in kinds)


def _event(item: Mapping[str, Any], source: str, reference: dt.date, syntax: str) -> Event | None:
    name, start = _text(item.get("name")), _when(item.get("startDate"))
    if not name or start is None:
        return None
    end = _when(item.get("endDate"))
    location = _place(item.get("location"))
    tzid, start, end = _zoned(start, end, location)
    all_day = not isinstance(start, dt.datetime)
    if all_day and isinstance(end, dt.datetime):
        end = end.date()
    if end is not None and (type(end) is not type(start) or end < start):  # noqa: E721 - date vs datetime
        end = None
    day = start.date() if isinstance(start, dt.datetime) else start
    status = _STATUS.get(_text(item.get("eventStatus")).rsplit("/", 1)[-1].lower(), Status.CONFIRMED)
    return Event(
        title=name, start=start, end=end, all_day=all_day, tzid=tzid, location=location, status=status,
        upcoming=day >= reference, evidence=f"schema.org {_kind(item)} ({syntax}): {name}", source=source,
        confidence=STRUCTURED_CONFIDENCE, trigger="structured:event",
        reasons=(f"structured data ({syntax}): startDate {item.get('startDate')}",),
        url=_text(item.get("url")) or None,
    )


def _kind(item: Mapping[str, Any]) -> str:
    kinds = item.get("@type", "Event")
    return str(kinds[0] if isinstance(kinds, list) and kinds else kinds).rsplit("/", 1)[-1]


def _text(value: Any) -> str:
    """A plain string of a property that may be a list, a language map or a URL."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, Mapping):
        value = value.get("@value") or value.get("name") or value.get("@id") or ""
    return " ".join(str(value).split()) if value else ""


def _when(value: Any) -> dt.date | dt.datetime | None:
    """An ISO 8601 date or date-time ("2025-06-14", "2025-06-14T19:30:00+02:00"), else None."""
    raw = _text(value)
    if not raw:
        return None
    try:
        parsed: dt.datetime = isoparse(raw)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if len(raw) <= len("2025-06-14") else parsed


def _place(value: Any) -> str | None:
    """"Konzerthaus, Gendarmenmarkt, Berlin" from a Place with a PostalAddress, or a plain string."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, Mapping):
        return _text(value) or None
    if _text(value.get("@type")).rsplit("/", 1)[-1] == "VirtualLocation":
        return _text(value.get("name")) or "Online"
    address = value.get("address")
    parts = [_text(value.get("name"))]
    if isinstance(address, Mapping):
        parts += [_text(address.get(k)) for k in ("streetAddress", "addressLocality", "addressCountry")]
    else:
        parts.append(_text(address))
    kept = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return ", ".join(kept) or None


def _zoned(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None, location: str | None
           ) -> tuple[str | None, dt.date | dt.datetime, dt.date | dt.datetime | None]:
    """Naive wall-clock times in the place's zone when its offset agrees with the stated one,
    else in UTC; times without an offset stay floating."""
    if not isinstance(start, dt.datetime) or start.tzinfo is None:
        return None, start, end
    zone = places.place_zone(location) if location else None
    if zone is None or start.astimezone(ZoneInfo(zone)).utcoffset() != start.utcoffset():
        zone = "UTC"
    tz = ZoneInfo(zone)

    def wall(value: dt.date | dt.datetime | None) -> dt.date | dt.datetime | None:
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.astimezone(tz).replace(tzinfo=None)
        return value

    return zone, wall(start) or start, wall(end)
