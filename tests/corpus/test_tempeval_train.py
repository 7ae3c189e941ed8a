"""TempEval-3 train (TimeBank + AQUAINT) from ../shared: tagging accuracy may not regress.

The figures recorded in tempeval3_train_figures.json are those the tagger reached when they were
last updated; a change that lowers strict, relaxed or value F1 by more than 0.01 fails here.
After a deliberate improvement, record the new figures with `pytest --update-golden` and commit
the file. The full table (and the platinum test set, with --test) comes from
benchmarks/tempeval3.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from calendar_extract.model import Context
from calendar_extract.tagger import tag

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from timeml import Counts, Timex, read_corpus, score  # noqa: E402

RECORDED = Path(__file__).with_name("tempeval3_train_figures.json")
TOLERANCE = 0.01


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


def _figures(counts: Counts) -> dict[str, float]:
    return {
        "strict F1": round(counts.prf(counts.strict)[2], 4),
        "relaxed F1": round(counts.prf(counts.relaxed)[2], 4),
        "value F1": round(counts.prf(counts.value_ok)[2], 4),
    }


@pytest.mark.tempeval
def test_train_figures_do_not_regress(counts: Counts, update_golden: bool) -> None:
    figures = _figures(counts)
    if update_golden:
        RECORDED.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    dropped = {k: (recorded[k], v) for k, v in figures.items() if v < recorded[k] - TOLERANCE}
    assert not dropped, f"TempEval-3 train figures fell (recorded, now): {dropped}"
