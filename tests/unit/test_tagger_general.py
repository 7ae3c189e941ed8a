"""Tagger guards added with the general event rules (near misses of times and merges)."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract import tag

REF = dt.date(2025, 5, 2)


@pytest.mark.parametrize("text", ["Case No. 1:25-cr-00047", "part 3:14-b", "ratio 2:30/4"],
                         ids=["case-number", "part-number", "ratio"])
def test_numbers_with_a_colon_and_a_suffix_are_no_times(text: str) -> None:
    assert [m.surface for m in tag(text, reference_date=REF) if m.type.value == "TIME"] == []


def test_a_plain_clock_time_still_tags() -> None:
    (mention,) = tag("Doors open at 19:30 sharp.", reference_date=REF)
    assert mention.surface == "19:30"


def test_time_and_date_do_not_merge_across_a_line_break() -> None:
    mentions = tag("Sun 18 May - Leeds - matinee, 2pm\nTue 20 May - York", reference_date=REF)
    assert [m.surface for m in mentions] == ["Sun 18 May", "2pm", "Tue 20 May"]


def test_time_and_date_still_merge_on_one_line() -> None:
    (mention,) = tag("at 2pm on Tue 20 May", reference_date=REF)
    assert mention.begin == dt.datetime(2025, 5, 20, 14)


@pytest.mark.parametrize(("text", "value"), [
    ("The summit opens on November 13, followed by a full day of talks on November 14.", "2025-11-14"),
    ("A dinner hosted by the mayor on November 14 closes the summit.", "2025-11-14"),
], ids=["followed-by", "hosted-by"])
def test_participle_by_phrase_is_no_past_cue(text: str, value: str) -> None:
    mentions = tag(text, reference_date=dt.date(2025, 9, 9))
    assert mentions[-1].value == value


def test_finite_past_verb_still_reads_the_past() -> None:
    (mention,) = tag("The ministers signed the deal on November 14.", reference_date=dt.date(2025, 9, 9))
    assert mention.value == "2024-11-14"
