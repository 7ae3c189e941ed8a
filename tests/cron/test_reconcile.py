"""cron.reconcile: which calendar event a new mention is, what the event then says, its SEQUENCE."""

from __future__ import annotations

import dataclasses
import datetime as dt

from calendar_extract.cron.reconcile import NewDocument, assign, compose, natural_uid, revise
from calendar_extract.model import Event, Revision, Status

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
T1 = T0 + dt.timedelta(hours=1)


def timed(title: str, day: int, hour: int, location: str | None = None, **kw: object) -> Event:
    return Event(title, dt.datetime(2026, 3, day, hour), all_day=False, location=location, **kw)  # type: ignore[arg-type]


def allday(title: str, day: int, **kw: object) -> Event:
    return Event(title, dt.date(2026, 3, day), **kw)  # type: ignore[arg-type]


MEETING = timed("Board meeting", 12, 10, "Room 4")
KNOWN = {"U1": MEETING}
ALIASES = {natural_uid(MEETING): "U1", "U1": "U1"}


def uids(documents: list[NewDocument], records: dict[str, Event] = KNOWN) -> list[str]:
    assigned, _ = assign(records, ALIASES, documents)
    return [uid for _, _, uid in assigned]


def test_the_same_event_told_again_keeps_its_uid() -> None:
    assert uids([NewDocument("d", (MEETING,))]) == ["U1"]


def test_a_cancellation_of_that_day_names_the_same_event() -> None:
    cancelled = allday("Board meeting", 12, status=Status.CANCELLED)
    assert uids([NewDocument("d", (cancelled,))]) == ["U1"]


def test_a_changed_file_moves_its_event_in_time_and_place() -> None:
    later = timed("Board meeting", 12, 15, "Room 5")  # five hours later: not the same by itself
    assert uids([NewDocument("d", (later,))]) != ["U1"]
    assert uids([NewDocument("d", (later,), previous=frozenset({"U1"}))]) == ["U1"]
    next_day = timed("Board meeting", 13, 10, "Room 4")
    assert uids([NewDocument("d", (next_day,), previous=frozenset({"U1"}))]) == ["U1"]


def test_a_replaced_document_does_not_lend_its_uid_to_another_event() -> None:
    other = timed("Lecture by Jones", 20, 18)
    smith = {"U1": timed("Lecture by Smith", 12, 18)}
    assert uids([NewDocument("d", (other,), previous=frozenset({"U1"}))], smith) != ["U1"]


def test_two_new_documents_naming_one_new_event_share_its_uid() -> None:
    summit = allday("EU summit", 20)
    better = allday("Extraordinary EU summit", 20)
    first, second = uids([NewDocument("a", (summit,)), NewDocument("b", (better,))])
    assert first == second == natural_uid(summit)


def test_a_new_event_never_takes_a_uid_in_use() -> None:
    moved = dataclasses.replace(MEETING, start=dt.datetime(2026, 3, 19, 10))
    records = {"U1": moved}  # the event once on the 12th now stands on the 19th
    aliases = {natural_uid(MEETING): "U1"}
    assigned, _ = assign(records, aliases, [NewDocument("d", (MEETING,))])
    uid = assigned[0][2]
    assert uid not in ("U1", natural_uid(MEETING))


def test_compose_takes_the_day_and_status_of_the_newest_and_the_best_title() -> None:
    early = timed("Summit", 12, 10, "Brussels", confidence=0.7)
    vague = allday("The European Council summit", 12, confidence=0.9)
    composed = compose("U1", [(early, "a", "a.txt"), (vague, "b", "b.txt")])
    assert composed.start == dt.datetime(2026, 3, 12, 10)  # a later vaguer mention keeps the time
    assert composed.title == "The European Council summit"
    assert composed.location == "Brussels" and composed.uid == "U1"
    assert composed.source == "a.txt\nb.txt"
    cancelled = allday("Summit", 12, status=Status.CANCELLED)
    assert compose("U1", [(early, "a", "a.txt"), (cancelled, "c", "c.txt")]).status is Status.CANCELLED
    moved = timed("Summit", 19, 9)
    assert compose("U1", [(early, "a", "a.txt"), (moved, "c", "c.txt")]).start == dt.datetime(2026, 3, 19, 9)


def test_sequence_moves_with_date_time_place_and_status_only() -> None:
    first = revise(None, MEETING, None, T0)
    assert first == Revision(0, T0, T0)
    assert revise(MEETING, MEETING, first, T1) == first
    assert revise(MEETING, dataclasses.replace(MEETING, title="Annual board meeting"), first, T1) == Revision(0, T0, T1)
    for change in ({"location": "Room 5"}, {"start": dt.datetime(2026, 3, 12, 11)}, {"status": Status.CANCELLED},
                   {"end": dt.datetime(2026, 3, 12, 12)}):
        assert revise(MEETING, dataclasses.replace(MEETING, **change), first, T1) == Revision(1, T0, T1)  # type: ignore[arg-type]


def test_an_event_the_new_version_still_tells_is_not_moved_by_a_newcomer() -> None:
    follow_up = timed("Follow-up meeting", 20, 10)  # shares "meeting" with the board meeting
    assigned = uids([NewDocument("d", (follow_up, MEETING), previous=frozenset({"U1"}))])
    assert assigned[1] == "U1" and assigned[0] != "U1"


def test_events_of_two_documents_that_only_share_a_start_are_two() -> None:
    hearing = timed("Budget hearing", 12, 10, "Room 5")
    assert uids([NewDocument("d", (hearing,))]) != ["U1"]
