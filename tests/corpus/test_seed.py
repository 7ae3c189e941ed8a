"""The seed article (published Tuesday 25 February 2025) end to end, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from calendar_extract.cli import cli

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_1d0514e2765e5b9e.txt"


def _events() -> list[dict[str, object]]:
    result = CliRunner().invoke(
        cli, ["extract", str(SEED), "--reference-date", "2025-02-25", "--format", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["documents"][0]["events"]


def test_european_council_meeting_on_6_march_in_brussels() -> None:
    summits = [e for e in _events() if "european council" in str(e["title"]).lower()]
    assert len(summits) == 1
    summit = summits[0]
    assert (summit["start"], summit["end"], summit["all_day"]) == ("2025-03-06", None, True)
    assert summit["location"] == "Brussels"
    assert summit["status"] == "CONFIRMED" and summit["upcoming"] is True
    assert len(str(summit["title"])) <= 40 and "will provide" not in str(summit["title"])


def test_phone_call_on_tuesday_is_past_event_on_publication_day() -> None:
    calls = [e for e in _events() if "call" in str(e["title"]).lower()]
    assert len(calls) == 1
    assert (calls[0]["start"], calls[0]["upcoming"], calls[0]["all_day"]) == ("2025-02-25", False, True)


def test_nothing_invented() -> None:
    """Only the summit, the call and (optionally) the bilateral meeting on the summit day."""
    allowed = {("2025-03-06", "european council"), ("2025-02-25", "call"),
               ("2025-03-06", "bilateral"), ("2025-03-06", "de wever")}
    for event in _events():
        title = str(event["title"]).lower()
        assert any(day == event["start"] and word in title for day, word in allowed), event
