"""Mention → calendar placement (events.resolve): days, ranges, times, zones, series, weekdays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from calendar_extract.events import resolve
from calendar_extract.model import Context, Granularity, MentionType, TimeMention

D = dt.date
G = Granularity
CTX = Context(dt.datetime(2025, 2, 25))  # a Tuesday


def tm(surface: str, begin: object, until: object = None, *, kind: MentionType = MentionType.DATE,
       granularity: Granularity = G.DAY, **extra: object) -> TimeMention:
    return TimeMention(0, len(surface), surface, kind, "X", "test", granularity, begin, until,  # type: ignore[arg-type]
                       **extra)  # type: ignore[arg-type]


def notation(p: resolve.Placement | None) -> str | None:
    """2025-03-06/day, 2025-03-06..2025-03-08/day, 2015-10-08T12:00/Europe/London, …+RRULE."""
    if p is None:
        return None
    text = p.start.isoformat(timespec="minutes") if isinstance(p.start, dt.datetime) else p.start.isoformat()
    if p.end is not None:
        end = p.end.isoformat(timespec="minutes") if isinstance(p.end, dt.datetime) else p.end.isoformat()
        text += f"..{end}"
    text += "/day" if p.all_day else f"/{p.tzid or 'floating'}"
    return text + (f"+{p.rrule}" if p.rrule else "")


LONDON = ZoneInfo("Europe/London")
ROWS = [
    (tm("6 March", D(2025, 3, 6), D(2025, 3, 6)), "2025-03-06/day"),
    (tm("20 to 24 April", D(2025, 4, 20), D(2025, 4, 24)), "2025-04-20..2025-04-24/day"),
    (tm("12 p.m BST", dt.datetime(2015, 10, 8, 12, tzinfo=LONDON), kind=MentionType.TIME,
        granularity=G.MINUTE, tzid="Europe/London"), "2015-10-08T12:00/Europe/London"),
    (tm("7 a.m. ET", dt.datetime(2015, 10, 8, 12, tzinfo=LONDON), kind=MentionType.TIME,
        granularity=G.MINUTE, tzid="America/New_York"), "2015-10-08T07:00/America/New_York"),
    (tm("12 noon GMT", dt.datetime(2012, 4, 28, 12, tzinfo=dt.timezone.utc), kind=MentionType.TIME,
        granularity=G.MINUTE), "2012-04-28T12:00/UTC"),
    (tm("5.15pm", dt.datetime(2024, 5, 22, 17, 15), kind=MentionType.TIME, granularity=G.MINUTE),
     "2024-05-22T17:15/floating"),
    (tm("4:30 p.m. … 7:30 a.m.", dt.datetime(2017, 12, 22, 16, 30), dt.datetime(2018, 1, 2, 7, 30),
        kind=MentionType.TIME, granularity=G.MINUTE), "2017-12-22T16:30..2018-01-02T07:30/floating"),
    (tm("Wednesday evening", D(2018, 11, 14), D(2018, 11, 14), kind=MentionType.TIME,
        granularity=G.PART_OF_DAY), "2018-11-14/day"),
    (tm("every Wednesday", None, kind=MentionType.SET, rrule="FREQ=WEEKLY;BYDAY=WE"),
     "2025-02-26/day+FREQ=WEEKLY;BYDAY=WE"),
    (tm("every Tuesday", None, kind=MentionType.SET, rrule="FREQ=WEEKLY;BYDAY=TU"),
     "2025-02-25/day+FREQ=WEEKLY;BYDAY=TU"),
    (tm("September", D(2025, 9, 1), D(2025, 9, 30), granularity=G.MONTH), None),
    (tm("next week", D(2025, 3, 3), D(2025, 3, 9), granularity=G.WEEK), None),
    (tm("later this year", None, granularity=G.VAGUE, vague=True), None),
    (tm("two hours", None, kind=MentionType.DURATION), None),
    (tm("yearly", None, kind=MentionType.SET, granularity=G.VAGUE, rrule="FREQ=YEARLY", vague=True), None),
    (tm("Daily", None, kind=MentionType.SET, rrule="FREQ=DAILY"), None),
]


@pytest.mark.parametrize(("mention", "expected"), ROWS, ids=[r[0].surface for r in ROWS])
def test_place(mention: TimeMention, expected: str | None) -> None:
    assert notation(resolve.place(mention, CTX)) == expected


def test_first_occurrence_honours_until() -> None:
    ref = dt.datetime(2020, 9, 3)
    assert resolve.first_occurrence("FREQ=WEEKLY;BYDAY=SA;UNTIL=20201031", ref) == dt.datetime(2020, 9, 5)
    assert resolve.first_occurrence("FREQ=WEEKLY;BYDAY=SA;UNTIL=20200801", ref) is None
    assert resolve.first_occurrence("not a rule", ref) is None


STATES = [
    (tm("6 March", D(2025, 3, 6)), True),
    (tm("Thursday at 6:01 p.m.", dt.datetime(2025, 2, 27, 18, 1), kind=MentionType.TIME), True),
    (tm("6:01 p.m.", dt.datetime(2025, 2, 25, 18, 1), kind=MentionType.TIME), False),
    (tm("12 noon GMT", dt.datetime(2025, 2, 25, 12), kind=MentionType.TIME, implied=("date",)), False),
    (tm("tonight", dt.datetime(2025, 2, 25, 20), kind=MentionType.TIME), True),
]


@pytest.mark.parametrize(("mention", "expected"), STATES, ids=[r[0].surface for r in STATES])
def test_states_date(mention: TimeMention, expected: bool) -> None:
    assert resolve.states_date(mention) is expected


BARE = [("Friday", True), ("on Friday", True), ("Thursday's", True), ("Friday night", True),
        ("Thursday at 6:01 p.m.", True), ("next Friday", False), ("Friday, 6 March", False)]


@pytest.mark.parametrize(("surface", "expected"), BARE, ids=[r[0] for r in BARE])
def test_bare_weekday(surface: str, expected: bool) -> None:
    assert resolve.bare_weekday(tm(surface, D(2025, 2, 28), relative=True)) is expected


def test_harmonize_weekdays_by_tense_then_majority() -> None:
    ctx = Context(dt.datetime(2024, 9, 5))  # a Thursday
    mentions = (
        TimeMention(0, 6, "Friday", MentionType.DATE, "X", "t", G.DAY, D(2024, 8, 30), D(2024, 8, 30), relative=True),
        TimeMention(10, 16, "Friday", MentionType.DATE, "X", "t", G.DAY, D(2024, 8, 30), D(2024, 8, 30), relative=True),
        TimeMention(20, 26, "Friday", MentionType.DATE, "X", "t", G.DAY, D(2024, 9, 6), D(2024, 9, 6), relative=True),
    )
    out = resolve.harmonize_weekdays(mentions, ctx, {0: "future", 20: "future"})
    assert [m.begin for m in out] == [D(2024, 9, 6)] * 3
    past = resolve.harmonize_weekdays(mentions, ctx, {0: "past", 10: "past", 20: "past"})
    assert [m.begin for m in past] == [D(2024, 8, 30)] * 3


def test_retense_moves_past_readings_of_future_clauses() -> None:
    ctx = Context(dt.datetime(2022, 2, 22))
    month = tm("September", D(2021, 9, 1), D(2021, 9, 30), granularity=G.MONTH, implied=("year",))
    stated = tm("September 2021", D(2021, 9, 1), D(2021, 9, 30), granularity=G.MONTH)
    leap = tm("29 February", D(2020, 2, 29), D(2020, 2, 29), implied=("year",))
    assert resolve.retense(month, ctx, future=True).until == D(2022, 9, 30)
    assert resolve.retense(month, ctx, future=False) == month
    assert resolve.retense(stated, ctx, future=True) == stated
    assert resolve.retense(leap, ctx, future=True).begin == D(2021, 2, 28)


def test_with_date_keeps_time_of_day_and_length() -> None:
    placement = resolve.Placement(dt.datetime(2012, 4, 23, 12), dt.datetime(2012, 4, 23, 13), False, "UTC")
    moved = resolve.with_date(placement, D(2012, 4, 28))
    assert (moved.start, moved.end, moved.tzid) == (dt.datetime(2012, 4, 28, 12), dt.datetime(2012, 4, 28, 13), "UTC")


def test_upcoming_is_relative_to_the_reference_day() -> None:
    assert resolve.upcoming(D(2025, 2, 25), CTX)
    assert not resolve.upcoming(D(2025, 2, 24), CTX)
    assert not resolve.upcoming(dt.datetime(2025, 2, 25, 17), CTX, past_tense=True)
