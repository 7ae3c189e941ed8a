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
