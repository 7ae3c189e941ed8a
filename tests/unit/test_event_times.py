"""Start times and ends of events, end to end (tagger + assembler), each with near-miss negatives:
a series and its time range, "opening at … and closing at …", "opens Friday and runs through
Sunday", ranges that are ranges themselves, and day-by-day programmes."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract import extract_text
from calendar_extract.model import Event, Status

REF = dt.date(2025, 5, 28)  # a Wednesday


def events(text: str, ref: dt.date = REF) -> list[Event]:
    return extract_text(text, reference_date=ref)


def spans(text: str, ref: dt.date = REF) -> list[tuple[str, str | None]]:
    return [(e.start.isoformat(), e.end.isoformat() if e.end else None) for e in events(text, ref)]


# A weekly series and its time range: the range ends the first occurrence.
@pytest.mark.parametrize(("text", "expected"), [
    ("Rehearsals are every Wednesday, 7.30-9.30pm at the hall.",
     ("2025-05-28T19:30:00", "2025-05-28T21:30:00")),
    ("Rehearsals are every Wednesday at 7.30-9.30pm at the hall.",
     ("2025-05-28T19:30:00", "2025-05-28T21:30:00")),
    ("The farmers market runs every Saturday from 8 a.m. to noon in the car park, now through September 27.",
     ("2025-05-31T08:00:00", "2025-05-31T12:00:00")),
    ("I hold office hours every Thursday from 2 to 4 pm in Room 318, until July 31.",
     ("2025-05-29T14:00:00", "2025-05-29T16:00:00")),
])
def test_series_with_a_time_range(text: str, expected: tuple[str, str]) -> None:
    [series] = events(text)
    assert series.rrule is not None and "FREQ=WEEKLY" in series.rrule
    assert (series.start.isoformat(), series.end.isoformat() if series.end else None) == expected


def test_series_with_a_single_time_has_no_end() -> None:
    [series] = events("Rehearsals are every Wednesday, 7.30pm at the hall.")
    assert (series.start, series.end) == (dt.datetime(2025, 5, 28, 19, 30), None)


def test_series_ends_right_up_to_the_nth() -> None:
    [series] = events("Rehearsals every Wednesday, 7.30-9.30pm at the hall, right up to the 11th of June.")
    assert series.rrule is not None and "UNTIL=20250611" in series.rrule


def test_series_time_is_not_taken_across_a_sentence() -> None:
    [series] = events("Rehearsals are every Wednesday. Doors open 7.30-9.30pm.")
    assert series.all_day


# "opening at … and closing at …": one window.
def test_window_opening_and_closing_times() -> None:
    text = "The launch window opens tomorrow, opening at 6:42 a.m. EST and closing at 8:42 a.m."
    [launch] = [e for e in events(text) if e.start == dt.datetime(2025, 5, 29, 6, 42)]
    assert launch.end == dt.datetime(2025, 5, 29, 8, 42)


def test_polls_open_and_close() -> None:
    [polls] = events("On June 3 the polls open at 7 a.m. and close at 8 p.m.")
    assert (polls.start, polls.end) == (dt.datetime(2025, 6, 3, 7), dt.datetime(2025, 6, 3, 20))


@pytest.mark.parametrize("text", [
    "On June 3 the polls open at 7 a.m.; the count ends at 8 p.m.",  # another clause
    "On June 3 the polls open at 7 a.m. and a debate is at 8 p.m.",  # no closing verb
    "On June 3 the polls open at 8 p.m. and close at 7 a.m. on June 4.",  # the close names its day
])
def test_no_window_without_a_closing_time_of_the_same_clause(text: str) -> None:
    assert all(e.end is None for e in events(text) if e.start == dt.datetime(2025, 6, 3, 7)
               or e.start == dt.datetime(2025, 6, 3, 20))


# "opens Friday and runs through Sunday": a range of days.
@pytest.mark.parametrize(("text", "expected"), [
    ("The festival opens Friday and runs through Sunday.", ("2025-05-30", "2025-06-01")),
    ("The show opens on June 3 and will run until June 8.", ("2025-06-03", "2025-06-08")),
    ("The fair opens Friday and stays open until Sunday.", ("2025-05-30", "2025-06-01")),
])
def test_opens_and_runs_through(text: str, expected: tuple[str, str]) -> None:
    assert spans(text) == [expected]


def test_runs_through_a_time_is_no_range_of_days() -> None:
    found = spans("The fair opens Friday and runs until 9 pm.")
    assert all(end is None or "T" in end for _, end in found)


def test_a_range_opens_no_second_range() -> None:
    """"from 8 a.m. to noon … through September 27": the time range keeps its own end."""
    [market] = events("The farmers market is on June 7 from 8 a.m. to noon, now through the end of the season.")
    assert (market.start, market.end) == (dt.datetime(2025, 6, 7, 8), dt.datetime(2025, 6, 7, 12))


# Day-by-day programmes: "HH:MM  item" lines under a day heading.
PROGRAMME = (
    "DATA DAYS 2025 - Programme\n\n"
    "3-5 June 2025 · Congress Centre · 3 tracks\n\n"
    ">> Tuesday 3 June\n"
    "09:30  Opening keynote - \"Green AI\" - Ana Roussel (Main Hall)\n"
    "14:00  Hands-on workshop: fine-tuning on a laptop (Room 2.04, limited to 40 seats)\n"
    "Tracks run all day.\n\n"
    ">> Wednesday 4 June\n"
    "Tracks all day, posters at lunch.\n"
    "19:30  Gala dinner at the Museum of Confluences - shuttle buses from 19:00\n\n"
    ">> Thursday 5 June\n"
    "15:30  Closing session & best-paper award; end approx. 17:00\n"
)


def test_programme_items_take_the_day_of_their_heading() -> None:
    found = {e.title: e for e in events(PROGRAMME, dt.date(2025, 5, 12))}
    assert found["Opening keynote"].start == dt.datetime(2025, 6, 3, 9, 30)
    assert found["Opening keynote"].location == "Main Hall"
    assert found["Hands-on workshop"].start == dt.datetime(2025, 6, 3, 14)
    assert found["Hands-on workshop"].location == "Room 2.04"
    assert found["Gala dinner"].start == dt.datetime(2025, 6, 4, 19, 30)
    assert found["Gala dinner"].location == "Museum of Confluences"
    assert found["Closing session & best-paper award"].start == dt.datetime(2025, 6, 5, 15, 30)


def test_the_programme_range_line_keeps_its_place() -> None:
    found = events(PROGRAMME, dt.date(2025, 5, 12))
    [whole] = [e for e in found if e.all_day]
    assert (whole.start, whole.end, whole.location) == (dt.date(2025, 6, 3), dt.date(2025, 6, 5), "Congress Centre")


@pytest.mark.parametrize("text", [
    # no day heading above the times
    "Conference notes\n\n09:30  Opening keynote (Main Hall)\n14:00  Hands-on workshop\n",
    # the heading is prose, not a day line
    "We will meet on Tuesday 3 June to plan the whole week of the conference and its talks.\n"
    "09:30  Opening keynote (Main Hall)\n",
    # a time line that names no event
    ">> Tuesday 3 June\n09:30  Coffee and croissants\n",
])
def test_lines_that_are_not_programme_items(text: str) -> None:
    assert not [e for e in events(text, dt.date(2025, 5, 12)) if e.trigger.startswith("programme")]


def test_listing_line_marked_moved_is_cancelled() -> None:
    text = ("UPCOMING FIXTURES (kick-off times are local time)\n\n"
            "Sat 21 Jun, 14:00 - SC Nordmark (A), Sportpark\n"
            "Sat 5 Jul - Alemannia (H) - MOVED, see below\n")
    found = {e.start.isoformat()[:10]: e for e in events(text)}
    assert found["2025-07-05"].status is Status.CANCELLED
    assert found["2025-06-21"].status is Status.CONFIRMED
    assert found["2025-06-21"].title.startswith("Upcoming Fixtures:")


# Two days joined by a dash or "to"/"through" that the tagger read apart.
@pytest.mark.parametrize("text", [
    "The festival runs Friday through Sunday.",
    "The festival runs Friday to Sunday at the park.",
    "The festival runs Friday-Sunday.",
])
def test_weekday_pairs_are_ranges(text: str) -> None:
    assert spans(text) == [("2025-05-30", "2025-06-01")]


@pytest.mark.parametrize("text", [
    "The festival is Friday and Sunday.",  # two days, not a range
    "The meeting moved from Friday to Sunday.",  # the old day and the new one
    "The meeting was moved from June 3 to June 10.",
])
def test_day_pairs_that_are_no_ranges(text: str) -> None:
    assert all(end is None for _, end in spans(text))


def test_what_when_where_form_names_its_event() -> None:
    text = ("Let's meet to plan the quarter:\n\n"
            "  What:  Q3 planning kickoff\n"
            "  When:  Thursday, June 5, 2:00-3:30 pm CT\n"
            "  Where: Room 4B, 330 Main St.\n")
    (found,) = events(text)
    assert found.title == "Q3 planning kickoff"
    assert found.start.replace(tzinfo=None) == dt.datetime(2025, 6, 5, 14, 0)
    assert found.tzid == "America/Chicago" and "Room 4B" in (found.location or "")


def test_what_line_without_when_line_is_no_event() -> None:
    assert events("Agenda\n\n  What:  Q3 planning kickoff\n  Who:  everyone\n") == []


def test_is_moving_to_keeps_the_new_date() -> None:
    text = "The design review that was set for Friday is moving to Monday, June 2 at 10:00 am."
    dated = {e.start: e.status for e in events(text)}
    assert dated[dt.datetime(2025, 6, 2, 10, 0)] is Status.CONFIRMED
