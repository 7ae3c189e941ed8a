"""Resolution against the reference: tense cues, weekdays, missing years, anaphoric quarters."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract.model import Context
from calendar_extract.tagger import tag
from calendar_extract.tagger.resolve import (
    Tense,
    infer_month_year,
    infer_year,
    resolve_weekday,
    tense_of,
)

THU = dt.date(2025, 3, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board met on Tuesday.", Tense.PAST),
        ("The board will meet on Tuesday.", Tense.FUTURE),
        ("The vote is scheduled for Tuesday.", Tense.FUTURE),
        ("He said on Tuesday that prices rose.", Tense.PAST),
        ("A mission will be named on Tuesday.", Tense.FUTURE),
        ("Results on Tuesday.", Tense.UNKNOWN),
        ("Talks were extended on Tuesday.", Tense.PAST),
        ("They plan to vote on Tuesday.", Tense.FUTURE),
        ("NASA will hold a briefing at 4 p.m. EDT on Tuesday.", Tense.FUTURE),
        ("They met Mr. Smith on Tuesday.", Tense.PAST),
        # Quoted words take their tense inside the quotation, not from "said" after it.
        ("``He will leave at 4 a.m. EDT Tuesday,'' Castro said.", Tense.FUTURE),
        ('"He will leave on Tuesday," she said.', Tense.FUTURE),
        ('She said on Tuesday that "it will pass".', Tense.PAST),
        # "next to" is a place; a bare past verb after "be" is a passive participle.
        ("A bomb exploded next to the embassy on Tuesday.", Tense.PAST),
        ("The bombs next to the embassy on Tuesday.", Tense.UNKNOWN),
        ("The dividend will be paid on Tuesday.", Tense.FUTURE),
        ("They were planning to march on Tuesday.", Tense.FUTURE),
        ("It had been due to expire on Tuesday.", Tense.PAST),
        ("The new rules are effective Tuesday.", Tense.FUTURE),
        ("The rules became effective Tuesday.", Tense.PAST),
        ("They have searched for him since Tuesday.", Tense.PAST),
        ("The leaders meet separately Tuesday.", Tense.FUTURE),
    ],
)
def test_tense_of_clause(text: str, expected: Tense) -> None:
    start = text.index("Tuesday")
    assert tense_of(text, start, start + len("Tuesday")) is expected


@pytest.mark.parametrize(
    ("weekday", "tense", "shift", "expected"),
    [
        (2, Tense.PAST, 0, dt.date(2025, 3, 4)),
        (2, Tense.FUTURE, 0, dt.date(2025, 3, 11)),
        (4, Tense.FUTURE, 0, dt.date(2025, 3, 6)),
        (4, Tense.PAST, 0, dt.date(2025, 3, 6)),
        (4, Tense.UNKNOWN, 1, dt.date(2025, 3, 13)),
        (4, Tense.UNKNOWN, -1, dt.date(2025, 2, 27)),
        (5, Tense.UNKNOWN, 0, dt.date(2025, 3, 7)),  # tomorrow is the nearest reading
        (1, Tense.UNKNOWN, 0, dt.date(2025, 3, 3)),  # otherwise news report the past
    ],
)
def test_resolve_weekday(weekday: int, tense: Tense, shift: int, expected: dt.date) -> None:
    assert resolve_weekday(THU, weekday, tense, shift) == expected


@pytest.mark.parametrize(
    ("month", "day", "tense", "expected"),
    [
        (12, 24, Tense.PAST, 2024),
        (3, 10, Tense.FUTURE, 2025),
        (11, 30, Tense.FUTURE, 2025),
        (2, 1, Tense.PAST, 2025),
        (2, 28, Tense.UNKNOWN, 2025),
        (11, 30, Tense.UNKNOWN, 2024),
        (2, 29, Tense.UNKNOWN, 2024),
    ],
)
def test_infer_year(month: int, day: int, tense: Tense, expected: int) -> None:
    assert infer_year(THU, month, day, tense) == expected


@pytest.mark.parametrize(
    ("ref", "month", "tense", "expected"),
    [
        (dt.date(1998, 12, 5), 4, Tense.UNKNOWN, 1999),
        (dt.date(1999, 4, 10), 12, Tense.UNKNOWN, 1998),
        (THU, 5, Tense.PAST, 2024),
        (THU, 1, Tense.FUTURE, 2026),
        (THU, 3, Tense.FUTURE, 2025),
        # Tense bends the nearest month, but not to eleven months away.
        (dt.date(1990, 8, 16), 9, Tense.PAST, 1990),
        (dt.date(1990, 8, 16), 10, Tense.PAST, 1989),
        (dt.date(1990, 8, 16), 7, Tense.FUTURE, 1990),
        (dt.date(1990, 8, 16), 6, Tense.FUTURE, 1991),
    ],
)
def test_infer_month_year(ref: dt.date, month: int, tense: Tense, expected: int) -> None:
    assert infer_month_year(ref, month, tense) == expected


def values(text: str, ref: dt.datetime) -> list[str]:
    return [m.value for m in tag(text, Context(reference=ref))]


def test_anaphoric_quarter_follows_the_focus() -> None:
    text = (
        "Net income rose 5% in the third quarter. The quarter's sales grew, from $2 a year "
        "earlier. The year-ago quarter was weak."
    )
    assert values(text, dt.datetime(1989, 11, 2)) == ["1989-Q3", "1989-Q3", "1988-Q3", "1988-Q3"]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # A quarter still running when the report is dated is a forecast, not the focus.
        (
            "Profit rose in the third quarter. It expects a fourth-quarter charge. In the latest "
            "quarter, sales fell from a year ago.",
            dt.datetime(1989, 11, 2),
            ["1989-Q3", "1989-Q4", "1989-Q3", "1988-Q3"],
        ),
        (
            "Profit rose in the third quarter. It expects a loss in the first quarter of 1990. "
            "The quarter was weak.",
            dt.datetime(1989, 10, 30),
            ["1989-Q3", "1990-Q1", "1989-Q3"],
        ),
        # Near miss: once the fourth quarter has ended, it is the focus.
        (
            "Profit rose in the third quarter. It took a fourth-quarter charge. In the latest "
            "quarter, sales fell.",
            dt.datetime(1990, 1, 20),
            ["1989-Q3", "1989-Q4", "1989-Q4"],
        ),
        # A stated year keeps its year and is no new focus.
        (
            "Profit rose in the third quarter, against $2 in the 1988 period. The year-ago "
            "quarter was weak.",
            dt.datetime(1989, 11, 2),
            ["1989-Q3", "1988-Q3", "1988-Q3"],
        ),
    ],
    ids=["forecast-quarter", "future-quarter", "ended-quarter", "stated-year"],
)
def test_focus_is_an_ended_stated_quarter(
    text: str, ref: dt.datetime, expected: list[str]
) -> None:
    assert values(text, ref) == expected


def test_a_period_a_year_back_follows_the_focus() -> None:
    text = (
        "Net rose in the third quarter. For the quarter a year ago, it earned $2, and $3 for "
        "the corresponding period last year."
    )
    assert values(text, dt.datetime(1989, 11, 2)) == ["1989-Q3", "1988-Q3", "1988-Q3"]


def test_the_month_a_year_earlier() -> None:
    assert values("Sales fell from the month a year earlier.", dt.datetime(1989, 10, 30)) == [
        "1988-10"
    ]


def test_without_focus_a_year_ago_is_last_year() -> None:
    assert values("It opened a year ago.", dt.datetime(1989, 11, 2)) == ["1988"]


def test_deadline_months_look_ahead() -> None:
    assert values("It must repay the loan by February.", dt.datetime(1989, 10, 30)) == ["1990-02"]


def test_weekday_with_date_fixes_the_year() -> None:
    assert values("Opening on Friday, March 6.", dt.datetime(2025, 12, 1)) == ["2026-03-06"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The review that was on the calendar for this Wednesday is moving.", "2019-09-18"),  # ref Monday 16th
    ("We met this Monday to agree the plan.", "2019-09-16"),
    ("See you this Sunday.", "2019-09-22"),
])
def test_this_weekday_is_the_weekday_of_this_week(text: str, expected: str) -> None:
    (found,) = tag(text, Context(reference=dt.datetime(2019, 9, 16)))
    assert found.value == expected
