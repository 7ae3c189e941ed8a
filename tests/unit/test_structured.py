"""schema.org Event data (readers/structured.py) and its precedence over prose (merge.prefer_given)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.model import Status
from calendar_extract.readers.structured import STRUCTURED_CONFIDENCE, schema_events

FIXTURES = Path(__file__).parent.parent / "fixtures" / "inputs"
REF = dt.date(2025, 5, 2)


def _page(json_ld: object, body: str = "") -> str:
    return (f'<html><head><script type="application/ld+json">{json.dumps(json_ld)}</script></head>'
            f"<body>{body}</body></html>")


def test_json_ld_event_with_place_zone_and_status() -> None:
    (event,) = schema_events(_page({
        "@context": "https://schema.org", "@type": "MusicEvent", "name": "Harbour Lights",
        "startDate": "2025-06-14T19:30:00+02:00", "endDate": "2025-06-14T22:00:00+02:00",
        "eventStatus": "https://schema.org/EventCancelled",
        "location": {"@type": "Place", "name": "Konzerthaus", "address": {"addressLocality": "Berlin"}},
    }), "page.html", REF)
    assert (event.title, event.start, event.end, event.tzid) == (
        "Harbour Lights", dt.datetime(2025, 6, 14, 19, 30), dt.datetime(2025, 6, 14, 22, 0), "Europe/Berlin")
    assert event.location == "Konzerthaus, Berlin" and event.status is Status.CANCELLED
    assert event.confidence == STRUCTURED_CONFIDENCE and not event.all_day


def test_offset_that_does_not_fit_the_place_is_kept_in_utc() -> None:
    (event,) = schema_events(_page({"@type": "Event", "name": "Launch", "startDate": "2025-06-14T19:30:00-05:00",
                                    "location": "Konzerthaus, Berlin"}), "page.html", REF)
    assert (event.tzid, event.start) == ("UTC", dt.datetime(2025, 6, 15, 0, 30))


def test_microdata_all_day_event() -> None:
    html = ('<div itemscope itemtype="https://schema.org/Event"><span itemprop="name">Open day</span>'
            '<time itemprop="startDate" datetime="2025-07-01">1 July</time><time itemprop="endDate" '
            'datetime="2025-07-02">2 July</time><span itemprop="location">Town Hall</span></div>')
    (event,) = schema_events(f"<html><body>{html}</body></html>", "page.html", REF)
    assert (event.start, event.end, event.all_day, event.location) == (
        dt.date(2025, 7, 1), dt.date(2025, 7, 2), True, "Town Hall")


@pytest.mark.parametrize("json_ld", [
    {"@type": "Event", "name": "No date"},
    {"@type": "Event", "startDate": "2025-06-14"},  # no name
    {"@type": "Event", "name": "Bad date", "startDate": "next Tuesday-ish"},
    {"@type": "Organization", "name": "Not an event", "foundingDate": "2001-01-01"},
])
def test_items_that_are_no_usable_events_are_skipped(json_ld: object) -> None:
    assert schema_events(_page(json_ld), "page.html", REF) == ()


def test_broken_json_ld_is_no_crash() -> None:
    html = '<html><head><script type="application/ld+json">{"@type": "Event", "name": </script></head></html>'
    assert schema_events(html, "page.html", REF) == ()


def test_structured_data_wins_over_the_prose(tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    result = CliRunner().invoke(cli, ["extract", str(FIXTURES / "event-page.html"), "--format", "json",
                                      "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    events = [e for doc in json.loads(out.read_text())["documents"] for e in doc["events"]]
    by_day: dict[str, list[str]] = {}
    for e in events:
        by_day.setdefault(e["start"][:10], []).append(e["start"])
    # the prose says "at 8 pm"; the data says 19:30 and wins; the talk is only in the prose
    assert sorted(by_day["2025-06-14"]) == ["2025-06-14T18:45:00", "2025-06-14T19:30:00"]
    assert [e["status"] for e in events if e["start"].startswith("2025-06-15")] == ["CANCELLED"]


def test_event_url_is_written(tmp_path: Path) -> None:
    out = tmp_path / "page.ics"
    result = CliRunner().invoke(cli, ["extract", str(FIXTURES / "event-page.html"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert "URL:https://example.org/events/harbour-lights" in out.read_text()
