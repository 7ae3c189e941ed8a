"""Show listings (events/showings.py): title lines with their showings, and named repeating lines."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract import extract_text
from calendar_extract.events.lexicon import listing_words
from calendar_extract.events.showings import show_name

REF = dt.date(2031, 3, 7)  # a Friday

PROGRAMME = (
    "RIVERSIDE FILMHOUSE\n"
    "Programme: Friday 7 - Thursday 13 March 2031\n\n"
    "NOW SHOWING\n\n"
    "NORTHERN LIGHTS (12A) 121 mins\n"
    "Daily at 13:15 and 19:45 until Thu 13 Mar.\n\n"
    "THE SALT ROAD (15) 98 mins\n"
    "Fri 7, Sat 8 and Mon 10 Mar at 18:00. Last chance to see.\n\n"
    "HARBOUR LIGHTS (PG) (1952) 90 mins\n"
    "Sun 9 Mar, 14:00. Our annual spring matinee.\n\n"
    "REGULARS\n\n"
    "Toddler Time - every Saturday at 10:30, all tickets £2.\n"
)


def _summary(text: str) -> list[str]:
    out = []
    for e in extract_text(text, reference_date=REF):
        start = e.start.isoformat(timespec="minutes") if isinstance(e.start, dt.datetime) else e.start.isoformat()
        out.append(f"{e.title} @ {start}{' ' + e.rrule.split(';')[0] if e.rrule else ''}")
    return out


def test_showings_under_title_lines() -> None:
    got = _summary(PROGRAMME)
    for expected in (
        "Northern Lights @ 2031-03-07T13:15 FREQ=DAILY",
        "Northern Lights @ 2031-03-07T19:45 FREQ=DAILY",
        "The Salt Road @ 2031-03-07T18:00",
        "The Salt Road @ 2031-03-08T18:00",
        "The Salt Road @ 2031-03-10T18:00",
        "Harbour Lights @ 2031-03-09T14:00",
        "Toddler Time @ 2031-03-08T10:30 FREQ=WEEKLY",
    ):
        assert expected in got
    assert not any(s.startswith("Northern Lights @ 2031-03-13") for s in got)  # "until" ends the run


def test_showings_take_the_masthead_venue() -> None:
    located = {e.location for e in extract_text(PROGRAMME, reference_date=REF) if e.title == "The Salt Road"}
    assert located == {"Riverside Filmhouse"}


def test_heading_with_a_time_is_no_show() -> None:
    text = ("Call for papers\n\nIntro text here.\n\n"
            "IMPORTANT DATES (all deadlines are 23:59 AoE)\n"
            "- Abstract registration: Friday, 28 March 2031\n")
    got = _summary(text)
    assert "Abstract registration @ 2031-03-28T23:59" in got
    assert not any(s.startswith("Important Dates") for s in got)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SKYFALL (12A) 143 mins", "Skyfall"),
        ("IT'S A WONDERFUL LIFE (U) (1946) 130 mins", "It's a Wonderful Life"),
        ("BLACKMAIL (1929) - silent, with live piano", "Blackmail"),
        ("The Salt Road", "The Salt Road"),
    ],
    ids=["rating-runtime", "apostrophe", "dash-aside", "mixed-case"],
)
def test_show_name(line: str, expected: str) -> None:
    assert show_name(line, listing_words()) == expected


def test_monthly_nth_weekday_line() -> None:
    text = ("SPECIAL EVENTS\n\n"
            "Kids' Club - second Saturday of the month, June through September, 10 a.m. - noon at the booth.\n")
    got = _summary(text)
    assert "Kids' Club @ 2031-06-14T10:00 FREQ=MONTHLY" in got


SCHEDULE = (
    "Northgate Leisure Centre\n"
    "12 Mill Road | 555-0190\n\n"
    "WEEKLY CLASSES\n\n"
    "Aqua Fit (all levels)\n"
    "Tuesdays & Thursdays, 7:00-8:00 pm, Pool\n"
    "Bring a towel. Last class June 26.\n\n"
    "Chair Pilates\n"
    "Every Monday until June 9, 10:00-11:00 am, Studio B\n\n"
    "Craft Fairs (in the foyer)\n"
    "Saturday, March 15, Saturday, April 12 and Saturday, May 10, 10 a.m. - 3 p.m.\n"
)


def _events(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for e in extract_text(text, reference_date=REF):
        found.setdefault(e.title, []).append(e)
    return found


def test_schedule_lines_under_mixed_case_names() -> None:
    found = _events(SCHEDULE)
    (aqua,) = found["Aqua Fit"]
    assert aqua.start == dt.datetime(2031, 3, 11, 19, 0) and aqua.end == dt.datetime(2031, 3, 11, 20, 0)
    assert aqua.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20310626T235959"  # "Last class June 26" ends it
    assert "Pool" in (aqua.location or "")
    (pilates,) = found["Chair Pilates"]  # the end day carries the time: "until June 9, 10:00-11:00 am"
    assert pilates.start == dt.datetime(2031, 3, 10, 10, 0)
    assert pilates.rrule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20310609T235959"
    assert "Studio B" in (pilates.location or "")


def test_time_closing_a_list_of_days_is_each_day_s() -> None:
    fairs = sorted(e.start for e in _events(SCHEDULE)["Craft Fairs"])
    assert fairs == [dt.datetime(2031, 3, 15, 10, 0), dt.datetime(2031, 4, 12, 10, 0), dt.datetime(2031, 5, 10, 10, 0)]


@pytest.mark.parametrize("name_line", ["To: Members", "Semester 1"])
def test_headers_and_named_entries_are_no_schedule(name_line: str) -> None:
    text = f"Notes\n\n{name_line}\nMon 10 Mar - Classes begin (Week 1)\nDate: Tue, 11 Mar 2031\n"
    assert name_line not in {e.title for e in extract_text(text, reference_date=REF)}


def test_page_update_date_under_a_title_line_is_no_showing() -> None:
    text = "Westside Centre\n\nSPRING WEEKLY SCHEDULE\n(updated March 7, 2031)\n\nAll welcome.\n"
    assert [e for e in extract_text(text, reference_date=REF) if e.start == dt.date(2031, 3, 7)] == []
