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


@pytest.mark.parametrize(("text", "days"), [
    ("Games on February 15 and 16.", ["2020-02-15", "2020-02-16"]),
    ("Shows on Aug. 8, 9, and 10.", ["2020-08-08", "2020-08-09", "2020-08-10"]),
    ("Shows on 12 and 14 June.", ["2020-06-12", "2020-06-14"]),
    ("Shows on 8, 9 and 10 August.", ["2020-08-08", "2020-08-09", "2020-08-10"]),
    ("Open between 3 and 5 June.", ["2020-06-03"]),          # a range, one mention
    ("They will meet on May 4 and 5 pm.", ["2020-05-04"]),    # "5 pm" is a time
])
def test_listed_days_of_one_month(text: str, days: list[str]) -> None:
    found = [m.value for m in tag(text, reference_date=dt.date(2020, 2, 10)) if m.type.value == "DATE"]
    assert found == days


@pytest.mark.parametrize(("text", "day"), [
    ("The sectional is on Sunday the 8th.", "2019-12-08"),
    ("Bring it back by Friday 6th at the latest.", "2019-12-06"),
    ("See you on the 20th.", "2019-11-20"),
    ("We met on the 3rd.", "2019-11-03"),
])
def test_weekday_with_ordinal_day_and_the_nth(text: str, day: str) -> None:
    assert [m.value for m in tag(text, reference_date=dt.date(2019, 11, 17))] == [day]


def test_the_nth_needs_a_preposition() -> None:
    assert tag("The 20th sanctions package was adopted.", reference_date=dt.date(2019, 11, 17)) == ()


@pytest.mark.parametrize(("text", "day"), [
    ("An autograph session on the last Thursday before Christmas.", "2019-12-19"),
    ("The fair opens the first Saturday after Christmas.", "2019-12-28"),
])
def test_weekday_before_or_after_a_holiday(text: str, day: str) -> None:
    assert [m.value for m in tag(text, reference_date=dt.date(2019, 9, 12))] == [day]
