"""De-duplication, stable UIDs and the deterministic order of events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from calendar_extract.events.merge import make_uid, merge_events, same_event, title_key
from calendar_extract.model import Event, Status

D = dt.date


def event(title: str, start: dt.date | dt.datetime, trigger: str = "meeting:meeting", **extra: object) -> Event:
    timed = isinstance(start, dt.datetime)
    return Event(title=title, start=start, all_day=not timed, trigger=trigger, **extra)  # type: ignore[arg-type]


SAME = [
    (event("Brexit emergency summit", D(2018, 11, 25)), event("Summit", D(2018, 11, 25), "meeting:summit"), True),
    (event("European Council meeting", D(2025, 3, 6)),
     event("Bilateral meeting between Zelenskyy and De Wever", D(2025, 3, 6)), False),
    (event("Summit", D(2025, 3, 6)), event("Summit", D(2025, 3, 7)), False),
    (event("Apple keynote", dt.datetime(2015, 6, 8, 10)),
     event("Presentation", dt.datetime(2015, 6, 8, 10), "keynote:presentation", tzid="America/Los_Angeles"), True),
    (event("Hannover Messe", D(2020, 4, 20), "show:show", status=Status.CANCELLED),
     event("Hannover Messe", D(2020, 4, 20), "show:show"), False),
    (event("Returns due", D(2025, 4, 15), "deadline:due by"),
     event("Deadline for extension requests", D(2025, 4, 15), "deadline:be submitted by"), False),
    (event("Deadline to file", D(2025, 5, 1), "deadline:have until"),
     event("Deadline for any tax owed", D(2025, 5, 1), "deadline:be paid by"), True),
    (event("Market", D(2020, 10, 7), "market:market", evidence="Our last market is on 7 October."),
     event("Market", D(2020, 10, 7), "market:market", rrule="FREQ=WEEKLY;BYDAY=WE", evidence="Markets remain."),
     False),
    (event("Demo day", D(2025, 5, 16), "conference:demo day", evidence="A demo day every Friday from May 16."),
     event("Demo day", D(2025, 5, 16), "conference:demo day", rrule="FREQ=WEEKLY;BYDAY=FR",
           evidence="A demo day every Friday from May 16."), True),
    (event("Festival", D(2022, 9, 22), "festival:festival"),
     event("Halsey concert", D(2022, 9, 22), "part-of-festival:headlines"), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), SAME, ids=[f"{r[0].title}|{r[1].title}" for r in SAME])
def test_same_event(a: Event, b: Event, expected: bool) -> None:
    assert same_event(a, b) is expected
    assert same_event(b, a) is expected


def test_merge_keeps_best_title_zone_and_confidence() -> None:
    a = event("Apple keynote", dt.datetime(2015, 6, 8, 10), "keynote:keynote", confidence=0.7,
              evidence="Apple keynote set for 10am on June 8")
    b = event("Presentation", dt.datetime(2015, 6, 8, 10), "keynote:presentation", confidence=0.9,
              tzid="America/Los_Angeles", evidence="booked for June 8 at 10am PT", location="Cupertino")
    (merged,) = merge_events([a, b])
    assert merged.title == "Apple keynote"
    assert merged.tzid == "America/Los_Angeles" and merged.confidence == 0.9
    assert merged.location == "Cupertino"
    assert "Apple keynote set" in merged.evidence and "10am PT" in merged.evidence


def test_timed_draft_wins_over_all_day_one() -> None:
    day = event("Webinar", D(2012, 4, 28), "conference:webinar")
    timed = event("Webinar", dt.datetime(2012, 4, 28, 12), "conference:webinar", tzid="UTC")
    (merged,) = merge_events([day, timed])
    assert merged.start == dt.datetime(2012, 4, 28, 12) and not merged.all_day


TITLE_KEYS = [
    ("The European Council meeting", "european council meeting"),
    ("Phone call between the leaders", "phone call leaders"),
    ("  Summit!  ", "summit"),
]


@pytest.mark.parametrize(("title", "key"), TITLE_KEYS, ids=[r[1] for r in TITLE_KEYS])
def test_title_key(title: str, key: str) -> None:
    assert title_key(title) == key


def test_uid_is_stable_and_depends_on_title_day_and_place() -> None:
    base = event("European Council meeting", D(2025, 3, 6), location="Brussels")
    uid = make_uid(base)
    assert uid == make_uid(dataclasses.replace(base, confidence=0.1, evidence="other"))
    assert uid == make_uid(dataclasses.replace(base, title="The European Council meeting"))
    assert uid != make_uid(dataclasses.replace(base, location="Paris"))
    assert uid != make_uid(dataclasses.replace(base, start=D(2025, 3, 7)))
    name, domain = uid.split("@")
    assert domain == "calendar-extract" and len(name) == 16 and int(name, 16) >= 0


def test_uid_collisions_are_disambiguated() -> None:
    a = event("Meeting", D(2025, 3, 6), "meeting:meeting", status=Status.CANCELLED)
    b = event("Meeting", D(2025, 3, 6), "meeting:meeting")
    merged = merge_events([a, b])
    assert len(merged) == 2 and len({e.uid for e in merged}) == 2


def test_order_is_chronological_and_deterministic() -> None:
    events = [
        event("B", D(2025, 3, 7), "a:a"),
        event("A", dt.datetime(2025, 3, 6, 9), "b:b"),
        event("C", D(2025, 3, 6), "c:c"),
    ]
    first = merge_events(events)
    assert [e.title for e in first] == ["C", "A", "B"]
    assert merge_events(list(reversed(events))) == first


def test_explicit_uid_is_kept() -> None:
    (only,) = merge_events([event("X", D(2025, 1, 1), uid="fixed@example")])
    assert only.uid == "fixed@example"


def test_timed_events_hours_apart_on_one_day_stay_two() -> None:
    a = event("Meeting with the Treasury Board", dt.datetime(2017, 1, 26, 8, 45), "meeting:meet with")
    b = event("Public town hall", dt.datetime(2017, 1, 26, 19, 0), "meeting:town hall")
    assert not same_event(a, b)
    assert same_event(a, dataclasses.replace(b, start=dt.datetime(2017, 1, 26, 9, 30)))
