"""Resolved intervals: begin/until for days, ranges, periods and times; stated zones → tzid."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import tag
from calendar_extract.tagger.timezones import zone_name

REF = dt.datetime(2025, 3, 6, 9, 0)
D = dt.date


def one(text: str, ctx: Context | None = None) -> TimeMention:
    mentions = tag(text, ctx or Context(reference=REF))
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "begin", "until"),
    [
        ("on 6 March 2025", D(2025, 3, 6), D(2025, 3, 6)),
        ("19-20 May", D(2025, 5, 19), D(2025, 5, 20)),
        ("Oct. 6–8, 2025", D(2025, 10, 6), D(2025, 10, 8)),
        ("from 30 May to 2 June", D(2025, 5, 30), D(2025, 6, 2)),
        ("March 3 to April 5, 2025", D(2025, 3, 3), D(2025, 4, 5)),
        ("in March 2025", D(2025, 3, 1), D(2025, 3, 31)),
        ("next week", D(2025, 3, 10), D(2025, 3, 16)),
        ("in 2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("the third quarter of 2024", D(2024, 7, 1), D(2024, 9, 30)),
        ("the 1990s", D(1990, 1, 1), D(1999, 12, 31)),
        ("last fall", D(2024, 9, 1), D(2024, 11, 30)),
    ],
)
def test_date_intervals(text: str, begin: dt.date, until: dt.date) -> None:
    mention = one(text)
    assert (mention.begin, mention.until) == (begin, until)


@pytest.mark.parametrize(
    ("text", "begin", "until", "tzid"),
    [
        ("at 3 pm", dt.datetime(2025, 3, 6, 15), None, None),
        ("2 pm CET", dt.datetime(2025, 3, 6, 14, tzinfo=ZoneInfo("Europe/Brussels")), None,
         "Europe/Brussels"),
        ("10am PT", dt.datetime(2025, 3, 6, 10, tzinfo=ZoneInfo("America/Los_Angeles")), None,
         "America/Los_Angeles"),
        ("12 noon GMT", dt.datetime(2025, 3, 6, 12, tzinfo=ZoneInfo("UTC")), None, "UTC"),
        ("9:30 GMT+1", dt.datetime(2025, 3, 6, 9, 30, tzinfo=ZoneInfo("Etc/GMT-1")), None,
         "Etc/GMT-1"),
        ("14:00 Brussels time", dt.datetime(2025, 3, 6, 14, tzinfo=ZoneInfo("Europe/Brussels")),
         None, "Europe/Brussels"),
        ("8.15 am ET", dt.datetime(2025, 3, 6, 8, 15, tzinfo=ZoneInfo("America/New_York")), None,
         "America/New_York"),
        ("from 2 to 4 pm", dt.datetime(2025, 3, 6, 14), dt.datetime(2025, 3, 6, 16), None),
        ("10:00–12:30 CET", dt.datetime(2025, 3, 6, 10, tzinfo=ZoneInfo("Europe/Brussels")),
         dt.datetime(2025, 3, 6, 12, 30, tzinfo=ZoneInfo("Europe/Brussels")), "Europe/Brussels"),
        ("10 pm to 2 am", dt.datetime(2025, 3, 6, 22), dt.datetime(2025, 3, 7, 2), None),
        ("Tuesday, 11 March 2025 at 14:00 CET",
         dt.datetime(2025, 3, 11, 14, tzinfo=ZoneInfo("Europe/Brussels")), None, "Europe/Brussels"),
        ("11 March, 2-4 p.m. ET", dt.datetime(2025, 3, 11, 14, tzinfo=ZoneInfo("America/New_York")),
         dt.datetime(2025, 3, 11, 16, tzinfo=ZoneInfo("America/New_York")), "America/New_York"),
        ("midnight", dt.datetime(2025, 3, 7, 0), None, None),
    ],
)
def test_time_intervals_and_zones(
    text: str, begin: dt.datetime, until: dt.datetime | None, tzid: str | None
) -> None:
    mention = one(text)
    assert mention.type is MentionType.TIME
    assert (mention.begin, mention.until, mention.tzid) == (begin, until, tzid)


def test_assumed_zone_makes_unzoned_times_aware_without_tzid() -> None:
    mention = one("at 3 pm", Context(reference=REF, timezone="Europe/London"))
    assert mention.begin == dt.datetime(2025, 3, 6, 15, tzinfo=ZoneInfo("Europe/London"))
    assert mention.tzid is None


def test_merged_time_keeps_the_date_and_minute_granularity() -> None:
    mention = one("6 March 2025 at 14:30")
    assert mention.value == "2025-03-06T14:30"
    assert mention.granularity is Granularity.MINUTE
    assert "date" not in mention.implied


@pytest.mark.parametrize(
    ("text", "value", "rrule"),
    [
        ("every Tuesday", "XXXX-WXX-2", "FREQ=WEEKLY;BYDAY=TU"),
        ("every other Friday", "XXXX-WXX-5", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("weekly", "P1W", "FREQ=WEEKLY"),
        ("each month", "P1M", "FREQ=MONTHLY"),
        ("daily", "P1D", "FREQ=DAILY"),
        ("once a year", "P1Y", "FREQ=YEARLY"),
        ("every Wednesday until 30 June 2025", "XXXX-WXX-3", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20250630"),
    ],
)
def test_sets_carry_rrules(text: str, value: str, rrule: str) -> None:
    mention = one(text)
    assert (mention.type, mention.value, mention.rrule) == (MentionType.SET, value, rrule)


@pytest.mark.parametrize(
    ("stated", "iana"),
    [
        ("CET", "Europe/Brussels"), ("GMT", "UTC"), ("UTC", "UTC"), ("EDT", "America/New_York"),
        ("PT", "America/Los_Angeles"), ("GMT+1", "Etc/GMT-1"), ("UTC-5", "Etc/GMT+5"),
        ("GMT+5:30", None), ("London time", "Europe/London"), ("Eastern  time", "America/New_York"),
    ],
)
def test_zone_names(stated: str, iana: str | None) -> None:
    assert zone_name(stated) == iana


def test_a_bare_time_takes_the_day_in_focus() -> None:
    mentions = tag("The summit opens on 11 March. Doors open at 7 pm.", Context(reference=REF))
    assert [m.value for m in mentions] == ["2025-03-11", "2025-03-11T19:00"]
    assert mentions[1].begin == dt.datetime(2025, 3, 11, 19)


@pytest.mark.parametrize(
    ("stated", "iana"),
    [
        ("Lisbon time", "Europe/Lisbon"), ("New York time", "America/New_York"),
        ("Brussels time", "Europe/Brussels"), ("Port-au-Prince time", "America/Port-au-Prince"),
        ("São Paulo time", "America/Sao_Paulo"), ("Ho Chi Minh time", "Asia/Ho_Chi_Minh"),
        ("Mexico City time", "America/Mexico_City"), ("Edinburgh Time", "Europe/London"),
        # Cities that are no zone key: the lexicon's [city_zones].
        ("Washington time", "America/New_York"), ("San Francisco time", "America/Los_Angeles"),
        ("Seattle time", "America/Los_Angeles"), ("Beijing time", "Asia/Shanghai"),
        ("Geneva time", "Europe/Zurich"), ("Frankfurt time", "Europe/Berlin"),
        ("Munich time", "Europe/Berlin"), ("Los Angeles time", "America/Los_Angeles"),
        # Near misses: no city, or a zone key region that names no city.
        ("Party time", None), ("Eastern", None), ("Troll time", None), ("GMT time", None),
    ],
)
def test_city_time_zones(stated: str, iana: str | None) -> None:
    assert zone_name(stated) == iana


@pytest.mark.parametrize(
    ("text", "surface", "tzid", "begin"),
    [
        ("Call at 9:30 am Lisbon time.", "9:30 am Lisbon time", "Europe/Lisbon",
         dt.datetime(2025, 3, 6, 9, 30, tzinfo=ZoneInfo("Europe/Lisbon"))),
        ("at 10:00 Geneva time", "10:00 Geneva time", "Europe/Zurich",
         dt.datetime(2025, 3, 6, 10, tzinfo=ZoneInfo("Europe/Zurich"))),
        ("at 5 pm (São Paulo time)", "5 pm (São Paulo time)", "America/Sao_Paulo",
         dt.datetime(2025, 3, 6, 17, tzinfo=ZoneInfo("America/Sao_Paulo"))),
        ("2-4 pm New York time", "2-4 pm New York time", "America/New_York",
         dt.datetime(2025, 3, 6, 14, tzinfo=ZoneInfo("America/New_York"))),
        # An unknown "<word> time" stays outside the mention, which keeps no zone.
        ("at 3 pm Party time", "3 pm", None, dt.datetime(2025, 3, 6, 15)),
        ("at 5 pm (Foo time)", "5 pm", None, dt.datetime(2025, 3, 6, 17)),
        ("at 3 pm CET time", "3 pm CET", "Europe/Brussels",
         dt.datetime(2025, 3, 6, 15, tzinfo=ZoneInfo("Europe/Brussels"))),
    ],
)
def test_times_in_city_time(text: str, surface: str, tzid: str | None, begin: dt.datetime) -> None:
    mention = one(text)
    assert (mention.surface, mention.tzid, mention.begin) == (surface, tzid, begin)
