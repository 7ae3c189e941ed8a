"""benchmarks/eventscore.py scores hand-written .ics files against hand-made gold."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCORER = Path(__file__).resolve().parents[2] / "benchmarks" / "eventscore.py"


@pytest.fixture(scope="module")
def es() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eventscore", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eventscore"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


GOLD = {
    "id": "doc",
    "reference_date": "2025-02-25",
    "events": [
        {"title_keywords": ["European Council", "summit"], "start": "2025-03-06", "end": None,
         "all_day": True, "tzid": None, "location": "Brussels", "status": "confirmed",
         "when": "future", "required": True},
        {"title_keywords": ["keynote"], "start": "2025-06-09T10:00", "end": "2025-06-09T12:00",
         "all_day": False, "tzid": "America/Los_Angeles", "location": None,
         "status": "tentative", "when": "future", "required": True},
        {"title_keywords": ["market"], "start": "2025-03-05", "end": None, "all_day": True,
         "tzid": None, "location": None, "status": "confirmed", "when": "future",
         "required": True, "rrule": "FREQ=WEEKLY;BYDAY=WE;UNTIL=20250430"},
        {"title_keywords": ["festival"], "start": "2025-07-01", "end": "2025-07-03",
         "all_day": True, "tzid": None, "location": "Dover", "status": "confirmed",
         "when": "future", "required": True},
        {"title_keywords": ["phone call"], "start": "2025-02-25", "end": None, "all_day": True,
         "tzid": None, "location": None, "status": "confirmed", "when": "past",
         "required": True},
        {"title_keywords": ["bilateral"], "start": "2025-03-06", "end": None, "all_day": True,
         "tzid": None, "location": None, "status": "tentative", "when": "future",
         "required": False},
    ],
    "distractors": ["3-1"],
    "distractor_false_dates": {"3-1": ["2025-03-01"]},
}


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}@t\r\nDTSTAMP:20250101T000000Z\r\n{e}END:VEVENT\r\n"
                   for n, e in enumerate(events))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + body
            + "END:VCALENDAR\r\n").encode()


PERFECT = _ics(
    "SUMMARY:European Council meeting\r\nDTSTART;VALUE=DATE:20250306\r\n"
    "DTEND;VALUE=DATE:20250307\r\nLOCATION:Brussels\\, Belgium\r\n",
    # 17:00Z is 10:00 in Los Angeles (PDT)
    "SUMMARY:Apple keynote\r\nDTSTART:20250609T170000Z\r\nDTEND:20250609T190000Z\r\n"
    "STATUS:TENTATIVE\r\n",
    # a later occurrence of the gold RRULE counts as the start day
    "SUMMARY:Farmers market\r\nDTSTART;VALUE=DATE:20250312\r\nRRULE:FREQ=WEEKLY;BYDAY=WE\r\n",
    "SUMMARY:Firefly Festival\r\nDTSTART;VALUE=DATE:20250701\r\nDTEND;VALUE=DATE:20250704\r\n"
    "LOCATION:Dover Downs\r\n",
    "SUMMARY:Leaders' phone call\r\nDTSTART;VALUE=DATE:20250225\r\n",
    "SUMMARY:Meeting\r\nDESCRIPTION:A bilateral meeting.\r\nDTSTART;VALUE=DATE:20250306\r\n"
    "STATUS:TENTATIVE\r\n",
)


def test_perfect_predictions_score_one(es: ModuleType) -> None:
    gold = es.gold_from_json(GOLD)
    score = es.score_document(gold, es.predictions_from_ics(PERFECT))
    figures = {k: v[0] for k, v in es.figures(score).items()}
    assert figures["precision (all)"] == figures["recall (all)"] == figures["F1 (all)"] == 1.0
    assert figures["F1 (required)"] == 1.0
    assert (score.gold_required, score.matched_required) == (4, 4)  # past call is optional
    for name in ("date", "time", "end", "location", "status", "recurrence"):
        assert figures[f"{name} accuracy"] == 1.0, name
    # "Meeting" does not contain the keyword in SUMMARY, so 5/6 titles
    assert figures["title accuracy"] == pytest.approx(5 / 6)
    assert figures["distractor hits"] == 0
    assert all(es.meets(m, v) in (True, None) for m, v in figures.items())
    score_past = es.score_document(gold, es.predictions_from_ics(PERFECT), past_too=True)
    assert (score_past.gold_required, score_past.matched_required) == (5, 5)


def test_wrong_fields_and_false_positives(es: ModuleType) -> None:
    predicted = _ics(
        # right day, inclusive DTEND (one day short), no location
        "SUMMARY:Summit\r\nDTSTART;VALUE=DATE:20250306\r\nDTEND;VALUE=DATE:20250306\r\n",
        # 10:00 UTC is 03:00 in Los Angeles: right day, wrong time, wrong status
        "SUMMARY:Keynote\r\nDTSTART:20250609T100000Z\r\n",
        # wrong day for the festival: keyword-detected but not matched (date error)
        "SUMMARY:Festival\r\nDTSTART;VALUE=DATE:20250702\r\n",
        # distractor: its false date, and its phrase
        "SUMMARY:Result 3-1\r\nDTSTART;VALUE=DATE:20250301\r\n",
        # duplicate of the summit: the second one is a false positive
        "SUMMARY:European Council\r\nDTSTART;VALUE=DATE:20250306\r\n",
        # the market on a Thursday is not an occurrence; BYDAY differs
        "SUMMARY:Market\r\nDTSTART;VALUE=DATE:20250306\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\n",
        # matches the optional bilateral gold: ignored in the required figures
        "SUMMARY:Bilateral\r\nDTSTART;VALUE=DATE:20250306\r\n",
        "SUMMARY:Bilateral again\r\nDTSTART;VALUE=DATE:20250306\r\n",
    )
    gold = es.gold_from_json(GOLD)
    score = es.score_document(gold, es.predictions_from_ics(predicted))
    assert (score.predicted, score.matched) == (8, 3)  # summit, keynote, bilateral
    assert score.matched_required == 2
    # FPs: festival, distractor, duplicate summit, market; "Bilateral again" matches optional gold
    assert score.fp_required == 4
    figures = {k: v for k, v in es.figures(score).items()}
    assert figures["precision (all)"][1:] == (3, 8)
    assert figures["recall (required)"][1:] == (2, 4)
    assert figures["date accuracy"][1:] == (3, 5)  # festival and market named on wrong days
    assert figures["time accuracy"][1:] == (0, 1)
    assert figures["end accuracy"][1:] == (0, 1)
    assert figures["location accuracy"][1:] == (0, 1)
    assert figures["status accuracy"][1:] == (1, 3)  # keynote and bilateral are tentative
    assert score.distractor_hits == 1
    assert es.meets("distractor hits", 1.0) is False
    text = "\n".join(score.notes)
    assert "MISS 'market'" in text and "time wrong for 'keynote'" in text
    assert "FP   'Result 3-1'" in text
    row = next(r for r in es.table(score).splitlines() if r.startswith("distractor hits"))
    assert row.split()[2:] == ["1", "<=", "0", "NO"]


def test_keyword_is_whole_word(es: ModuleType) -> None:
    gold = es.gold_from_json(GOLD).events[0]
    pred = es.Prediction(summary="Summitry", description="", start=dt.date(2025, 3, 6))
    assert not es.matches(gold, pred)
    assert es.matches(gold, es.Prediction(summary="The SUMMIT.", description="",
                                          start=dt.date(2025, 3, 6)))
    assert es.matches(gold, es.Prediction(summary="x", description="the european council meets",
                                          start=dt.datetime(2025, 3, 6, 23, 0)))


def test_totals_and_files(es: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "doc.ics").write_bytes(PERFECT)
    (tmp_path / "doc.json").write_text(__import__("json").dumps(GOLD))
    gold = es.load_gold(tmp_path / "doc.json")
    one = es.score_document(gold, es.load_predictions(tmp_path / "doc.ics"))
    assert es.load_predictions(tmp_path / "missing.ics") == ()
    two = es.total([one, one])
    assert (two.gold, two.matched) == (12, 12)
    assert "F1 (required)" in es.table(two)
