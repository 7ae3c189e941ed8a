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

from calendar_extract.model import Event, Problem, Result
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
