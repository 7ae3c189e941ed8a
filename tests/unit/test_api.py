"""The public API: picklable, JSON round trips, and the merge `extract` does."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

import calendar_extract
from calendar_extract.batch import Job, run_jobs, slim
from calendar_extract.model import Options
from calendar_extract.readers import read_raw

DEV = Path(__file__).resolve().parent.parent / "data" / "events-dev"


def dev_events() -> list[calendar_extract.model.Event]:
    found = []
    for meta in sorted(DEV.glob("*.json")):
        reference = dt.date.fromisoformat(json.loads(meta.read_text(encoding="utf-8"))["reference_date"])
        text = meta.with_suffix(".txt").read_text(encoding="utf-8")
        found += calendar_extract.extract_text(text, reference_date=reference, source=meta.stem)
    return found


@pytest.fixture(scope="module")
def events() -> list[calendar_extract.model.Event]:
    found = dev_events()
    assert len(found) > 40
    return found


def test_the_api_functions_pickle_by_reference() -> None:
    for name in calendar_extract.__all__[1:]:
        function = getattr(calendar_extract, name)
        assert pickle.loads(pickle.dumps(function)) is function


def test_events_pickle_and_go_to_json_and_back(events: list[calendar_extract.model.Event]) -> None:
    assert pickle.loads(pickle.dumps(events)) == events
    text = json.dumps([calendar_extract.event_to_dict(e) for e in events], allow_nan=False)
    assert [calendar_extract.event_from_dict(r) for r in json.loads(text)] == events


def test_merge_events_is_the_merge_of_extract(events: list[calendar_extract.model.Event]) -> None:
    merged = calendar_extract.merge_events(events + events[::-1])
    assert len({e.uid for e in merged}) == len(merged) == len({e.uid for e in events})
    assert merged == sorted(merged, key=lambda e: (e.start.isoformat(), e.title, e.uid))
    stamp = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    ics = calendar_extract.calendar_bytes(merged, calendar_name="Dev", stamp=stamp)
    assert ics.count(b"BEGIN:VEVENT") == len(merged) and ics.endswith(b"END:VCALENDAR\r\n")
    with pytest.raises(ValueError):
        calendar_extract.calendar_bytes(merged, calendar_name="Dev", stamp=stamp.replace(tzinfo=None))


def test_a_worker_sends_back_results_without_texts(tmp_path: Path) -> None:
    source = DEV / "dev-brexit-summit-may.txt"
    raw = read_raw(str(source), now=dt.datetime(2025, 1, 1))
    file_job = Job(str(source), read_at=dt.datetime(2025, 1, 1), size=source.stat().st_size)
    outcomes = run_jobs([Job(str(source), raw), file_job, Job("", error="x: no such file")], Options())
    assert outcomes[0] == outcomes[1]
    assert [line.error for line in outcomes[2].lines] == [True] and outcomes[2].errors == 1
    result = outcomes[0].results[0]
    assert result.document.text == "" and result.mentions == () and result.events
    assert pickle.loads(pickle.dumps(outcomes)) == outcomes
    assert slim(result) == result
