"""Text dense with dates, times or events extracts in linear time (hardening issue, item 3).

Each of these once cost quadratic time somewhere in the event assembler (a look back to the line
start from every mention, a scan of all drafts per draft, every occurrence of a place per event).
The bounds are generous: linear work costs 4x for 4x the text, quadratic 16x; the absolute bound is
over ten times what a 2026 core needs.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from calendar_extract.model import Document, Options
from calendar_extract.pipeline import extract

UNITS = ("Tuesday ", "at 3 pm ", "Tuesday at 3 p.m. ", "3 May 2025, ", "The meeting is on 6 March 2026 in Brussels. ",
         "Mon 9:00 Yoga | Tue 10:00 Pilates | ", "May may ")
MAX_GROWTH = 10.0
MAX_SECONDS = 30.0


def _seconds(unit: str, size: int) -> float:
    text = (unit * (size // len(unit) + 1))[:size]
    document = Document(text, "dense", dt.datetime(2026, 3, 1), "test")
    best = float("inf")
    for _ in range(2):  # the better of two: a noisy machine slows one run, rarely both
        started = time.perf_counter()
        extract(document, Options())
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("unit", UNITS, ids=repr)
def test_dense_text_extracts_in_linear_time(unit: str) -> None:
    small, large = _seconds(unit, 50_000), _seconds(unit, 200_000)
    assert large < MAX_SECONDS
    assert large < MAX_GROWTH * max(small, 0.05), (small, large)
