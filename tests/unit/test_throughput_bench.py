"""benchmarks/throughput.py and its baseline: the corpus they build and the calendar the baseline writes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import glue_baseline  # noqa: E402
import throughput  # noqa: E402


def test_the_corpus_is_copies_of_the_texts_a_week_apart(tmp_path: Path) -> None:
    texts = [throughput.Text("a.tml", "On 6 March 2025 the summit opens.", dt.datetime(2025, 2, 25)),
             throughput.Text("b", "Nothing here.", dt.datetime(2025, 2, 26))]
    corpus = throughput.build_corpus(tmp_path, texts, 100)
    assert corpus.chars >= 100 and corpus.documents == 2 * len(corpus.copies) == 6  # 46 characters a copy
    first, second = corpus.copies[0] / "a.txt", corpus.copies[1] / "a.txt"
    assert first.read_text(encoding="utf-8") == texts[0].text
    assert second.stat().st_mtime - first.stat().st_mtime == 7 * 86_400


def test_the_events_dev_texts_are_always_in_the_corpus(tmp_path: Path) -> None:
    found, note = throughput.texts(tmp_path / "no-shared-here")
    assert len(found) == len(list((BENCHMARKS.parent / "tests" / "data" / "events-dev").glob("*.json")))
    assert "events-dev texts only" in note


def test_the_baseline_writes_one_event_per_date_found(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("The talks resumed. The summit is on 6 March 2025 at 3 pm in Brussels.", encoding="utf-8")
    found = glue_baseline.dates_of(source)
    assert found and found[0][1].date() == dt.date(2025, 3, 6)
    assert found[0][0].startswith("The summit is on 6 March 2025")
    assert glue_baseline.write_calendar(found, tmp_path / "out.ics") == len(found)
    assert (tmp_path / "out.ics").read_bytes().count(b"BEGIN:VEVENT") == len(found)
