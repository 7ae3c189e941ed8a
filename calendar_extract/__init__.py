"""calendar-extract: find scheduled events in text and write iCalendar files.

Public API (pure functions of text, reference date and options; nothing runs at import):

    >>> import datetime as dt, calendar_extract
    >>> events = calendar_extract.extract_text(
    ...     "The summit will take place on 6 March in Brussels.", reference_date=dt.date(2025, 2, 25))
    >>> mentions = calendar_extract.tag("We met on Tuesday.", reference_date=dt.date(2025, 2, 25))
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "extract_text", "tag"]

if TYPE_CHECKING:
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
