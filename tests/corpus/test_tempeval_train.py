"""TempEval-3 train (TimeBank + AQUAINT) from ../shared: tagging accuracy may not fall below floors.

The floors sit a little under the figures measured when they were last raised; the full table
(and the platinum test set, with --test) comes from benchmarks/tempeval3.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from calendar_extract.model import Context
from calendar_extract.tagger import tag

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from timeml import Counts, Timex, read_corpus, score  # noqa: E402

FLOORS = {"strict F1": 0.82, "relaxed F1": 0.90, "value F1": 0.75}


@pytest.fixture(scope="module")
def counts(shared_dir: Path) -> Counts:
    folder = shared_dir / "data" / "tempeval3" / "train"
    if not folder.is_dir():
        pytest.skip(f"TempEval-3 train data not found at {folder}")
    total = Counts()
    for doc in read_corpus(folder):
        mentions = tag(doc.text, Context(reference=doc.dct))
        system = [Timex(m.start, m.end, m.type.value, m.value, m.surface) for m in mentions]
        score(total, doc.name, doc.gold, system)
    return total


@pytest.mark.tempeval
def test_train_figures_at_least_floors(counts: Counts) -> None:
    figures = {
        "strict F1": counts.prf(counts.strict)[2],
        "relaxed F1": counts.prf(counts.relaxed)[2],
        "value F1": counts.prf(counts.value_ok)[2],
    }
    below = {k: round(v, 3) for k, v in figures.items() if v < FLOORS[k]}
    assert not below, f"below floors {FLOORS}: {below}"
