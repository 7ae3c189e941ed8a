"""calendar-extract: find scheduled events in text and write iCalendar files.

Public API (pure functions of text, reference date and options; nothing runs at import). Every
function is picklable and every value it takes or returns is picklable, so they run as they are
in worker processes, Dask, Spark or Ray; events also go to and from JSON:

    >>> import datetime as dt, calendar_extract
    >>> events = calendar_extract.extract_text(
    ...     "The summit will take place on 6 March in Brussels.", reference_date=dt.date(2025, 2, 25))
    >>> mentions = calendar_extract.tag("We met on Tuesday.", reference_date=dt.date(2025, 2, 25))
    >>> records = [calendar_extract.event_to_dict(e) for e in events]       # json.dumps-able
    >>> again = [calendar_extract.event_from_dict(r) for r in records]      # == events
    >>> merged = calendar_extract.merge_events(again)    # one per UID, as `extract` merges documents
    >>> ics = calendar_extract.calendar_bytes(merged, calendar_name="Summits",
    ...                                       stamp=dt.datetime(2025, 2, 25, tzinfo=dt.timezone.utc))
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "calendar_bytes", "event_from_dict", "event_to_dict", "extract_text", "merge_events", "tag"]

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from calendar_extract.model import Event, TimeMention


def _reference(value: dt.date | dt.datetime) -> dt.datetime:
    """A date or datetime as the naive datetime the pipeline works with."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def tag(
    text: str, *, reference_date: dt.date | dt.datetime, timezone: str | None = None
) -> tuple[TimeMention, ...]:
    """Return the time expressions of `text`, resolved against `reference_date`, in text order."""
    from calendar_extract.model import Context
    from calendar_extract.tagger import tag as run_tagger

    return run_tagger(text, Context(reference=_reference(reference_date), timezone=timezone))


def extract_text(
    text: str,
    *,
    reference_date: dt.date | dt.datetime,
    timezone: str | None = None,
    source: str = "<text>",
    upcoming_only: bool = False,
    min_confidence: float = 0.0,
) -> list[Event]:
    """Return the calendar events found in `text` (deterministic; safe to call from any process)."""
    from calendar_extract.model import Document, Options
    from calendar_extract.pipeline import extract

    reference = _reference(reference_date)
    document = Document(text=text, source=source, reference=reference, reference_basis="option",
                        timezone=timezone)
    options = Options(reference=reference, timezone=timezone, upcoming_only=upcoming_only,
                      min_confidence=min_confidence)
    return list(extract(document, options).events)


def event_to_dict(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready dict: the keys of `extract --format json`, and its trigger."""
    from calendar_extract.writers.json import event_dict

    return {**event_dict(event), "trigger": event.trigger}


def event_from_dict(record: dict[str, Any]) -> Event:
    """The event `event_to_dict` gave (equal to it).

    Raises:
        KeyError, ValueError, TypeError: the record is not an event's dict.
    """
    from calendar_extract.writers.json import event_from_dict as from_dict

    return from_dict(record)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """The events of many documents, one per UID, as `calendar-extract extract` merges them: the
    most confident copy, with the sources of all, in order of start, title and UID."""
    from calendar_extract.pipeline import merge_events as merge

    return list(merge(events))


def calendar_bytes(events: Iterable[Event], *, calendar_name: str, stamp: dt.datetime) -> bytes:
    """The events as an iCalendar file (UTF-8, CRLF); `stamp` (aware) is every event's DTSTAMP.

    Raises:
        ValueError: `stamp` is naive.
    """
    from calendar_extract.writers.ics import write_ics

    return write_ics(list(events), calendar_name=calendar_name, stamp=stamp)
