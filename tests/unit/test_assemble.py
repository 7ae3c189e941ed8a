"""The assembler on hand-built mentions (independent of the tagger).

Expected events use a compact notation: "TITLE-FRAGMENT @ 2025-03-06 [STATUS] (Location) up|past".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from calendar_extract.events import assemble
from calendar_extract.model import Context, Event, Granularity, MentionType, Status, TimeMention

D = dt.date
G = Granularity


def mention(
    text: str, surface: str, begin: dt.date | dt.datetime | None, until: dt.date | dt.datetime | None = None,
    *, kind: MentionType = MentionType.DATE, granularity: Granularity = G.DAY, occurrence: int = 0,
    **extra: object,
) -> TimeMention:
    """A mention of the `occurrence`-th `surface` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    if until is None and isinstance(begin, dt.date) and not isinstance(begin, dt.datetime):
        until = begin
    value = begin.isoformat() if begin is not None else "FUTURE_REF"
    return TimeMention(start, start + len(surface), surface, kind, value, "test", granularity,
                       begin, until, **extra)  # type: ignore[arg-type]


def notation(event: Event) -> str:
    where = f" ({event.location})" if event.location else ""
    tense = "up" if event.upcoming else "past"
    return f"{event.title} @ {event.start.isoformat()} [{event.status.value}]{where} {tense}"


def run(text: str, mentions: list[TimeMention], ref: dt.datetime) -> tuple[list[str], list[str]]:
    events, problems = assemble(text, mentions, Context(ref), source="test")
    return [notation(e) for e in events], [p.message for p in problems]


REF = dt.datetime(2025, 2, 25)  # a Tuesday

T1 = "The upcoming European Council meeting on 6 March in Brussels will provide another platform."
T2 = "The invitation was extended during a phone call between the leaders on Tuesday."
T3 = "The concert on 12 June at Wembley Stadium has been cancelled."
T4 = "The minister is expected to visit Paris on 3 May."
T5 = "Whether the sentencing gets pushed back will be decided on Friday."
T6 = "Brexit summit pencilled in for 25 November in Brussels"
T7 = "The Taylor Swift concert is scheduled for 14 June at the Moscone Center in San Francisco."
T8 = "Winter-term classes begin on Wednesday, January 7, 2026."
T9 = "The Bank of England rate decision is due on 6 March."

ROWS = [
    (T1, [mention(T1, "6 March", D(2025, 3, 6))],
     ["European Council meeting @ 2025-03-06 [CONFIRMED] (Brussels) up"]),
    (T2, [mention(T2, "Tuesday", D(2025, 2, 25), relative=True)],
     ["Phone call between the leaders @ 2025-02-25 [CONFIRMED] past"]),
    (T3, [mention(T3, "12 June", D(2025, 6, 12))],
     ["Concert @ 2025-06-12 [CANCELLED] (Wembley Stadium) up"]),
    (T4, [mention(T4, "3 May", D(2025, 5, 3))],
     ["Visit to Paris @ 2025-05-03 [TENTATIVE] up"]),
    (T5, [mention(T5, "Friday", D(2025, 2, 21), relative=True)],
     ["Decision @ 2025-02-28 [CONFIRMED] up"]),
    (T6, [mention(T6, "25 November", D(2025, 11, 25))],
     ["Brexit summit @ 2025-11-25 [TENTATIVE] (Brussels) up"]),
    (T7, [mention(T7, "14 June", D(2025, 6, 14))],
     ["Taylor Swift concert @ 2025-06-14 [CONFIRMED] (Moscone Center, San Francisco) up"]),
    (T8, [mention(T8, "Wednesday, January 7, 2026", D(2026, 1, 7))],
     ["Winter-term classes @ 2026-01-07 [CONFIRMED] up"]),
    (T9, [mention(T9, "6 March", D(2025, 3, 6))],
     ["Bank of England rate decision @ 2025-03-06 [CONFIRMED] up"]),
]


@pytest.mark.parametrize(("text", "mentions", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_one_sentence_events(text: str, mentions: list[TimeMention], expected: list[str]) -> None:
    events, _ = run(text, mentions, REF)
    assert events == expected


NEGATIVE = [
    ("In 2019, sales rose.", "2019", D(2019, 1, 1), D(2019, 12, 31), G.YEAR),
    ("Sales rose on Tuesday.", "Tuesday", D(2025, 2, 25), None, G.DAY),
    ("Pupils nap during a lunch break at a school in Xinjiang, June 5, 2024.", "June 5, 2024",
     D(2024, 6, 5), None, G.DAY),
    ("The group met in Paris as prices fell 3% on 4 March.", "4 March", D(2025, 3, 4), None, G.DAY),
    ("A new court filing shows the deal on 4 March.", "4 March", D(2025, 3, 4), None, G.DAY),
]


@pytest.mark.parametrize(("text", "surface", "begin", "until", "granularity"), NEGATIVE,
                         ids=[r[0][:30] for r in NEGATIVE])
def test_dates_without_an_event_make_nothing(
    text: str, surface: str, begin: dt.date, until: dt.date | None, granularity: Granularity
) -> None:
    events, problems = run(text, [mention(text, surface, begin, until, granularity=granularity)], REF)
    assert events == [] and problems == []


UNPLACEABLE = [
    ("The summit will take place next week.", "next week", D(2025, 3, 3), D(2025, 3, 9), G.WEEK, False),
    ("The festival will be held in September.", "September", D(2025, 9, 1), D(2025, 9, 30), G.MONTH, False),
    ("Earlier this month, Francken met with his counterpart.", "Earlier this month", D(2025, 2, 1),
     D(2025, 2, 28), G.MONTH, False),
    ("The launch is planned for later this year.", "later this year", None, None, G.VAGUE, True),
]


@pytest.mark.parametrize(("text", "surface", "begin", "until", "granularity", "vague"), UNPLACEABLE,
                         ids=[r[1] for r in UNPLACEABLE])
def test_coarse_or_vague_dates_become_problems(
    text: str, surface: str, begin: dt.date | None, until: dt.date | None, granularity: Granularity,
    vague: bool,
) -> None:
    found = mention(text, surface, begin, until, granularity=granularity, vague=vague)
    events, problems = run(text, [found], REF)
    assert events == []
    assert len(problems) == 1 and "no placeable date" in problems[0] and surface in problems[0]


def test_vague_phrase_without_a_mention_is_a_problem() -> None:
    text = "Officials said the meeting will be rescheduled at an appropriate time."
    events, problems = run(text, [], REF)
    assert events == [] and any("at an appropriate time" in p for p in problems)


def test_durations_alone_make_no_event() -> None:
    text = "The meeting lasted two hours."
    found = mention(text, "two hours", None, kind=MentionType.DURATION)
    assert run(text, [found], REF) == ([], [])


def test_timed_mention_keeps_wall_clock_and_zone() -> None:
    text = "The Bank of England announcement is due at 12 p.m BST (7 a.m. ET)."
    london = dt.datetime(2015, 10, 8, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    mentions = [
        mention(text, "12 p.m BST", london, kind=MentionType.TIME, granularity=G.MINUTE, tzid="Europe/London"),
        mention(text, "7 a.m. ET", london, kind=MentionType.TIME, granularity=G.MINUTE, tzid="America/New_York"),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2015, 10, 8)), source="t")
    assert len(events) == 1
    event = events[0]
    assert (event.start, event.tzid, event.all_day) == (dt.datetime(2015, 10, 8, 12, 0), "Europe/London", False)
    assert event.title == "Bank of England announcement"


def test_postponed_event_has_cancelled_old_and_confirmed_new_dates() -> None:
    text = ("Hannover Messe, the big industrial show in Hanover, will no longer run from 20 to 24 April "
            "2020: the organisers have pushed it back to 13 to 17 July 2020.")
    mentions = [
        mention(text, "20 to 24 April 2020", D(2020, 4, 20), D(2020, 4, 24)),
        mention(text, "13 to 17 July 2020", D(2020, 7, 13), D(2020, 7, 17)),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2020, 3, 4)), source="t")
    got = [(e.title, e.start, e.end, e.status) for e in events]
    assert got == [
        ("Hannover Messe", D(2020, 4, 20), D(2020, 4, 24), Status.CANCELLED),
        ("Hannover Messe", D(2020, 7, 13), D(2020, 7, 17), Status.CONFIRMED),
    ]


def test_repeated_mentions_merge_into_one_event() -> None:
    text = ("Brexit summit pencilled in for 25 November in Brussels\n"
            "Varadkar said the provisional date for that summit was now 25 November, a Sunday.")
    mentions = [
        mention(text, "25 November", D(2018, 11, 25)),
        mention(text, "25 November", D(2018, 11, 25), occurrence=1),
        mention(text, "Sunday", D(2018, 11, 18), relative=True),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2018, 11, 14)), source="t")
    assert [(e.title, e.start) for e in events] == [("Brexit summit", D(2018, 11, 25))]
    assert "that summit" in events[0].evidence


def test_next_sentence_it_takes_place_names_the_event() -> None:
    text = "The council announced a special summit on energy. It will take place on 6 March."
    events, _ = run(text, [mention(text, "6 March", D(2025, 3, 6))], REF)
    assert events == ["Special summit on energy @ 2025-03-06 [CONFIRMED] up"]


def test_bare_time_completes_an_earlier_all_day_event() -> None:
    text = ("I am getting ready for the Global Webinar, which takes place this coming Saturday, April 28th. "
            "I'll be speaking at 12 noon GMT.")
    noon = dt.datetime(2012, 4, 23, 12, 0, tzinfo=dt.timezone.utc)
    mentions = [
        mention(text, "this coming Saturday, April 28th", D(2012, 4, 28)),
        mention(text, "12 noon GMT", noon, kind=MentionType.TIME, granularity=G.MINUTE, implied=("date",)),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2012, 4, 23)), source="t")
    assert [(e.title, e.start, e.tzid) for e in events] == [
        ("Global Webinar", dt.datetime(2012, 4, 28, 12, 0), "UTC")]


def test_undated_event_during_a_dated_one_is_tentative_that_day() -> None:
    text = ("The European Council meeting on 6 March in Brussels will discuss defence. "
            "A bilateral meeting between Zelenskyy and De Wever is scheduled to take place during the visit.")
    events, _ = assemble(text, [mention(text, "6 March", D(2025, 3, 6))], Context(REF), source="t")
    bilateral = [e for e in events if "Bilateral" in e.title]
    assert len(events) == 2 and len(bilateral) == 1
    assert bilateral[0].status is Status.TENTATIVE and bilateral[0].start == D(2025, 3, 6)
    assert bilateral[0].participants == ("Zelenskyy", "De Wever")
    assert bilateral[0].location == "Brussels"


def test_recurring_mention_starts_on_first_occurrence() -> None:
    text = "The farmers market is held every Wednesday until October."
    found = mention(text, "every Wednesday until October", None, kind=MentionType.SET,
                    granularity=G.DAY, rrule="FREQ=WEEKLY;BYDAY=WE;UNTIL=20201031")
    events, _ = assemble(text, [found], Context(dt.datetime(2020, 9, 3)), source="t")
    assert [(e.start, e.rrule) for e in events] == [(D(2020, 9, 9), "FREQ=WEEKLY;BYDAY=WE;UNTIL=20201031")]


def test_named_weekday_series_with_a_last_date() -> None:
    text = ("Only 5 Wednesday Evening Markets remain this year. "
            "Our last Wednesday Evening Market is on Wednesday October 7th.")
    mentions = [
        mention(text, "Wednesday Evening", D(2020, 9, 2), kind=MentionType.TIME, granularity=G.PART_OF_DAY,
                relative=True),
        mention(text, "Wednesday October 7th", D(2020, 10, 7)),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2020, 9, 3)), source="t")
    series = [e for e in events if e.rrule]
    assert [(e.start, e.rrule) for e in series] == [(D(2020, 9, 9), "FREQ=WEEKLY;BYDAY=WE;UNTIL=20201007")]
    assert all(e.start >= D(2020, 9, 3) for e in events)


def test_month_and_day_told_apart_and_n_day_range() -> None:
    text = "The four-day festival will be held in September, kicking off the 22nd."
    found = mention(text, "September", D(2021, 9, 1), D(2021, 9, 30), granularity=G.MONTH, implied=("year",))
    events, _ = assemble(text, [found], Context(dt.datetime(2022, 2, 22)), source="t")
    assert [(e.start, e.end) for e in events] == [(D(2022, 9, 22), D(2022, 9, 25))]


def test_weekday_of_a_dated_festival_is_not_read_against_publication() -> None:
    text = ("The four-day festival will be held in September, kicking off the 22nd. "
            "Green Day top the bill on Saturday.")
    mentions = [
        mention(text, "September", D(2022, 9, 1), D(2022, 9, 30), granularity=G.MONTH),
        mention(text, "Saturday", D(2022, 2, 26), relative=True),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2022, 2, 22)), source="t")
    assert sorted(e.start for e in events) == [D(2022, 9, 22), D(2022, 9, 24)]


def test_long_past_events_are_problems_not_events() -> None:
    text = "The summit on 6 March 2012 in Brussels was a success."
    events, problems = run(text, [mention(text, "6 March 2012", D(2012, 3, 6))], REF)
    assert events == [] and any("long past" in p for p in problems)


def test_titles_are_short_calendar_entries() -> None:
    text = ("The extraordinary general assembly of the International Federation of Associations of "
            "Independent Retailers and Wholesalers meeting on 6 March will decide the budget.")
    events, _ = assemble(text, [mention(text, "6 March", D(2025, 3, 6))], Context(REF), source="t")
    assert len(events) == 1 and len(events[0].title) <= 80 and events[0].title != text


def test_every_event_keeps_its_evidence_and_reasons() -> None:
    events, _ = assemble(T1, [mention(T1, "6 March", D(2025, 3, 6))], Context(REF), source="src")
    event = events[0]
    assert event.evidence == T1 and event.source == "src"
    assert event.uid.endswith("@calendar-extract") and len(event.uid.split("@")[0]) == 16
    assert any("6 March" in r for r in event.reasons) and 0 < event.confidence <= 1


def test_confidence_is_lower_for_relative_and_hedged_dates() -> None:
    absolute, _ = assemble(T1, [mention(T1, "6 March", D(2025, 3, 6))], Context(REF), source="t")
    relative, _ = assemble(T2, [mention(T2, "Tuesday", D(2025, 2, 25), relative=True)], Context(REF), source="t")
    hedged, _ = assemble(T4, [mention(T4, "3 May", D(2025, 5, 3))], Context(REF), source="t")
    assert absolute[0].confidence > relative[0].confidence
    assert absolute[0].confidence > hedged[0].confidence


def test_same_input_same_output() -> None:
    mentions = [mention(T1, "6 March", D(2025, 3, 6))]
    assert assemble(T1, mentions, Context(REF), source="t") == assemble(T1, mentions, Context(REF), source="t")


def test_dateline_and_reporting_dates_are_not_event_dates() -> None:
    text = ("Lisbon, 14 January 2026 – The Atlantic Water Forum announced today that its annual "
            "conference will take place from 12 to 14 May 2026. The race was cancelled, organisers said on Friday.")
    mentions = [
        mention(text, "14 January 2026", D(2026, 1, 14)),
        mention(text, "today", D(2026, 1, 14), relative=True),
        mention(text, "12 to 14 May 2026", D(2026, 5, 12), D(2026, 5, 14)),
        mention(text, "Friday", D(2026, 1, 9), relative=True),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2026, 1, 14)), source="t")
    assert [(e.title, e.start, e.end) for e in events] == [("Annual conference", D(2026, 5, 12), D(2026, 5, 14))]


def test_set_and_its_time_make_one_timed_series() -> None:
    text = "Our reading club meets every Tuesday at 6 pm in the Garden Room."
    mentions = [
        mention(text, "every Tuesday", None, kind=MentionType.SET, rrule="FREQ=WEEKLY;BYDAY=TU"),
        mention(text, "6 pm", dt.datetime(2026, 9, 2, 18), kind=MentionType.TIME, granularity=G.HOUR),
    ]
    events, _ = assemble(text, mentions, Context(dt.datetime(2026, 9, 2)), source="t")
    assert [(e.title, e.start, e.rrule, e.location) for e in events] == [
        ("Reading club meeting", dt.datetime(2026, 9, 8, 18), "FREQ=WEEKLY;BYDAY=TU", "Garden Room")]


def test_a_move_read_as_one_range_gives_old_and_new_days() -> None:
    text = "The offsite has been moved from June 3 to June 10 because of the venue booking."
    found = mention(text, "June 3 to June 10", D(2025, 6, 3), D(2025, 6, 10))
    events, _ = assemble(text, [found], Context(dt.datetime(2025, 5, 12)), source="t")
    assert [(e.start, e.end, e.status) for e in events] == [
        (D(2025, 6, 3), None, Status.CANCELLED), (D(2025, 6, 10), None, Status.CONFIRMED)]


VERB_TITLES = [
    ("Arsenal host Chelsea at the Emirates Stadium on Saturday.", "Saturday", "Arsenal v Chelsea"),
    ("Registration opens on 2 February and closes on 30 April.", "30 April", "Registration closes"),
    ("The lander is due to touch down near the pole on 2 August.", "2 August", "Lander touch down"),
    ("Trump is scheduled to be sentenced on 18 September.", "18 September", "Trump sentencing"),
    ("The President will fly to Dayton, Ohio on 13 March.", "13 March", "Travel to Dayton, Ohio"),
    ("The budget committee will meet on 9 September.", "9 September", "Budget committee meeting"),
    ("Join us for our Spring Open Day on 12 April.", "12 April", "Spring Open Day"),
]


@pytest.mark.parametrize(("text", "surface", "title"), VERB_TITLES, ids=[r[2] for r in VERB_TITLES])
def test_verbal_trigger_titles(text: str, surface: str, title: str) -> None:
    found = mention(text, surface, D(2025, 9, 9), relative=surface == "Saturday")
    events, _ = assemble(text, [found], Context(dt.datetime(2025, 1, 2)), source="t")
    assert [e.title for e in events] == [title]
