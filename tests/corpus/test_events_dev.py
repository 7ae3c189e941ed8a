"""events-dev corpus (a copy ships in tests/data/events-dev), scored by the corpus README's rules.

The floors below sit a little under the figures measured when they were set, so that a change that
makes extraction worse fails here; benchmarks/events.py prints the full table against the targets.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import calendar_extract
from calendar_extract.writers.ics import write_ics

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "events-dev"
sys.path.insert(0, str(ROOT / "benchmarks"))

from eventscore import (  # noqa: E402
    Score, figures, load_gold, predictions_from_ics, score_document, total,
)

# metric → floor (measured figure minus a small margin when the floor was last raised)
FLOORS = {
    "F1 (required)": 0.75,
    "precision (all)": 0.75,
    "date accuracy": 0.75,
    "time accuracy": 0.80,
    "status accuracy": 0.85,
}
MAX_DISTRACTOR_HITS = 1


def _score(gold_path: Path) -> Score:
    gold = load_gold(gold_path)
    text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
    reference = dt.date.fromisoformat(gold.reference_date)
    events = calendar_extract.extract_text(text, reference_date=reference, source=gold.doc_id)
    stamp = dt.datetime(reference.year, reference.month, reference.day, tzinfo=dt.timezone.utc)
    return score_document(gold, predictions_from_ics(write_ics(events, calendar_name="t", stamp=stamp)))


@pytest.fixture(scope="module")
def score() -> Score:
    return total(_score(path) for path in sorted(DATA.glob("*.json")))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_figure_at_least_floor(score: Score, metric: str) -> None:
    value = figures(score)[metric][0]
    assert value is not None and value >= FLOORS[metric], "\n".join(score.notes)


def test_distractors(score: Score) -> None:
    assert score.distractor_hits <= MAX_DISTRACTOR_HITS, "\n".join(score.notes)


def test_seed_document_fully_right() -> None:
    seed = _score(DATA / "seed-brussels-kyiv.json")
    assert seed.matched_required == seed.gold_required == 1
    assert seed.predicted == seed.matched
