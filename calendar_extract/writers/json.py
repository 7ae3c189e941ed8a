"""Results → a stable JSON document (UTF-8, indent 2, trailing newline, fixed key order).

Format (version 1; keys always present, in this order)::

    {"documents": [
      {"source": "article.txt",
       "reference_date": "2025-02-25T00:00:00",   # ISO 8601, as the reader decided it
       "reference_basis": "option",               # option | text | mtime | today | metadata
       "events": [
         {"title": "European Council meeting",
          "start": "2025-03-06",                  # date, or wall-clock datetime "2025-03-06T09:00:00"
          "end": null,                            # all-day: last day INCLUSIVE; timed: end or null
          "all_day": true,
          "tzid": null,                           # IANA zone of start/end; null = floating
          "location": "Brussels", "participants": ["Zelenskyy"],
          "status": "CONFIRMED",                  # CONFIRMED | TENTATIVE | CANCELLED
          "upcoming": true, "rrule": null,
          "evidence": "...", "source": "article.txt", "confidence": 0.9,
          "uid": "5aa7921634daf3bd@calendar-extract",    # the UID the .ics gets
          "reasons": ["date: '6 March' (date, 2025-03-06) → 2025-03-06", "..."]}],  # as -v shows
       "problems": [{"message": "...", "evidence": "..."}]}]}

Documents keep their input order; events are sorted as in the .ics (start, title, UID).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from typing import Any

from calendar_extract.model import Event, Problem, Result, Status
from calendar_extract.writers.ics import derive_uid, sort_key


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value: float) -> float | None:
    """A finite float, or None: NaN and infinities are not JSON."""
    return value if math.isfinite(value) else None


def event_dict(event: Event) -> dict[str, Any]:
    """One event as a JSON-ready dict (keys in the documented order)."""
    return {
        "title": event.title,
        "start": _iso(event.start),
        "end": _iso(event.end),
        "all_day": event.all_day,
        "tzid": event.tzid,
        "location": event.location,
        "participants": list(event.participants),
        "status": event.status.value,
        "upcoming": event.upcoming,
        "rrule": event.rrule,
        "evidence": event.evidence,
        "source": event.source,
        "confidence": _number(event.confidence),
        "uid": derive_uid(event),
        "url": event.url,
        "reasons": list(event.reasons),
    }


def event_from_dict(record: dict[str, Any]) -> Event:
    """The inverse of `event_dict` (with the optional "trigger" key the state database adds).

    Raises:
        KeyError, ValueError, TypeError: the record is not an event_dict.
    """
    start = _parse_time(record["start"])
    if start is None:
        raise ValueError("an event needs a start")
    confidence = record["confidence"]
    return Event(
        title=str(record["title"]), start=start, end=_parse_time(record["end"]), all_day=bool(record["all_day"]),
        tzid=record["tzid"], location=record["location"], participants=tuple(record["participants"]),
        status=Status(record["status"]), upcoming=bool(record["upcoming"]), rrule=record["rrule"],
        evidence=str(record["evidence"]), source=str(record["source"]),
        confidence=float("nan") if confidence is None else float(confidence), uid=str(record["uid"]),
        trigger=str(record.get("trigger", "")), reasons=tuple(record["reasons"]), url=record["url"],
    )


def _parse_time(value: str | None) -> dt.date | dt.datetime | None:
    """"2025-03-06" → a date, "2025-03-06T09:00:00" → a datetime, None → None."""
    if value is None:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {"message": problem.message, "evidence": problem.evidence}


def result_dict(result: Result) -> dict[str, Any]:
    """One document's result as a JSON-ready dict."""
    document = result.document
    return {
        "source": document.source,
        "reference_date": _iso(document.reference),
        "reference_basis": document.reference_basis,
        "events": [event_dict(e) for e in sorted(result.events, key=sort_key)],
        "problems": [_problem_dict(p) for p in result.problems],
    }


def write_json(results: Sequence[Result]) -> bytes:
    """Write results as one JSON document.

    Args:
        results: one Result per input document, in output order.

    Returns:
        UTF-8 JSON (non-ASCII kept as is), indented by 2, ending in a newline. A lone surrogate in
        a text is written as its `\\udXXX` escape, which JSON readers turn back into it.
    """
    payload = {"documents": [result_dict(r) for r in results]}
    text = json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8", "backslashreplace")
