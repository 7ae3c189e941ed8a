"""write_json: documented keys and order, ISO strings, determinism, hostile text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from calendar_extract.model import Document, Event, Problem, Result, Status
from calendar_extract.writers.ics import derive_uid
from calendar_extract.writers.json import write_json

DOC = Document(text="...", source="seed.txt", reference=dt.datetime(2025, 2, 25),
               reference_basis="option")
EVENT_KEYS = ["title", "start", "end", "all_day", "tzid", "location", "participants", "status",
              "upcoming", "rrule", "evidence", "source", "confidence", "uid", "url", "reasons"]


def _result(*events: Event, problems: tuple[Problem, ...] = ()) -> Result:
    return Result(document=DOC, mentions=(), events=events, problems=problems)


def test_layout_and_values() -> None:
    summit = Event("European Council meeting", dt.date(2025, 3, 6), location="Brussels",
                   participants=("Zelenskyy",), evidence="on 6 March", confidence=0.9)
    call = Event("Call", dt.datetime(2025, 9, 15, 9), dt.datetime(2025, 9, 15, 10, 30),
                 all_day=False, tzid="Europe/Brussels", status=Status.TENTATIVE, upcoming=False,
                 rrule="FREQ=WEEKLY", uid="c@x")
    data = write_json([_result(call, summit, problems=(Problem("seed.txt", "vague", "later"),))])
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    doc = json.loads(data)
    assert list(doc) == ["documents"]
    (entry,) = doc["documents"]
    assert list(entry) == ["source", "reference_date", "reference_basis", "events", "problems"]
    assert entry["reference_date"] == "2025-02-25T00:00:00"
    assert entry["problems"] == [{"message": "vague", "evidence": "later"}]
    first, second = entry["events"]
    assert list(first) == EVENT_KEYS
    assert first == {
        "title": "European Council meeting", "start": "2025-03-06", "end": None,
        "all_day": True, "tzid": None, "location": "Brussels", "participants": ["Zelenskyy"],
        "status": "CONFIRMED", "upcoming": True, "rrule": None, "evidence": "on 6 March",
        "source": "", "confidence": 0.9, "uid": derive_uid(summit), "url": None, "reasons": [],
    }
    assert second["start"] == "2025-09-15T09:00:00" and second["end"] == "2025-09-15T10:30:00"
    assert (second["status"], second["upcoming"], second["uid"]) == ("TENTATIVE", False, "c@x")
    assert b'\n  "documents": [\n    {\n      "source"' in data  # indent 2


def test_deterministic_and_event_order_independent() -> None:
    events = [Event(t, dt.date(2025, 3, d)) for t, d in [("b", 2), ("a", 2), ("c", 1)]]
    one = write_json([_result(*events)])
    assert one == write_json([_result(*reversed(events))]) == write_json([_result(*events)])
    titles = [e["title"] for e in json.loads(one)["documents"][0]["events"]]
    assert titles == ["c", "a", "b"]


@pytest.mark.parametrize("title", ["a\r\nb \"q\" \\ 😀 \u200f", "\ud800lone", "\x00"])
def test_hostile_text_round_trips(title: str) -> None:
    data = write_json([_result(Event(title, dt.date(2025, 3, 6)))])
    data.decode("utf-8")
    assert json.loads(data)["documents"][0]["events"][0]["title"] == title


def test_non_finite_confidence_and_empty() -> None:
    data = write_json([_result(Event("x", dt.date(2025, 3, 6), confidence=float("nan")))])
    assert json.loads(data)["documents"][0]["events"][0]["confidence"] is None
    assert json.loads(write_json([])) == {"documents": []}
