"""Which calendar event each newly extracted event is, and what each calendar event now says. Pure.

A calendar kept across runs must never give one event two UIDs (ICS-COMPAT.md rules 10, 11, 25):

* `assign` gives each event of a new document the UID of the calendar event it names:
  1. the UID it would get on its own (`identity.make_uid`) when an event of that day already took
     it (the same event, told again);
  2. else an event of the same day that `merge.same_event` calls the same, whatever its status,
     and whose title is related ("the 12 March board meeting is cancelled" names the board
     meeting of 12 March);
  3. else an event of the document this one replaces (a changed file: same name, new content)
     whose title it shares ("Board meeting" on 12 March at 10:00 → at 14:00, or → 13 March);
  4. else a new UID.
* `compose` turns the mentions of one calendar event into the event to publish: its date, time and
  status come from the newest document, its title is the best any document gave (a later document
  may improve it, the UID stays), its place the newest one stated.
* `revise` decides the next SEQUENCE and LAST-MODIFIED.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from calendar_extract.events.merge import related_titles, same_event, title_key, title_rank
from calendar_extract.identity import UID_DOMAIN, make_uid
from calendar_extract.model import Event, Revision, Status

__all__ = ["NewDocument", "assign", "compose", "revise", "significant", "written"]


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document extracted this run: its events, and the UIDs of the events of the document it
    replaces (an earlier version of the same file or feed entry), if any."""

    hash: str
    events: tuple[Event, ...]
    previous: frozenset[str] = frozenset()


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def natural_uid(event: Event) -> str:
    """The UID the event would get on its own: its given UID (iCalendar input) or make_uid."""
    return event.uid or make_uid(event)


class _Calendar:
    """The events known so far in this assignment: UID → the event that stands for it, by day."""

    def __init__(self, records: Mapping[str, Event], aliases: Mapping[str, str]) -> None:
        self.events = dict(records)
        self.aliases = dict(aliases)
        self.by_day: dict[dt.date, set[str]] = {}
        for uid, event in self.events.items():
            self.by_day.setdefault(_day(event.start), set()).add(uid)

    def put(self, uid: str, event: Event) -> None:
        old = self.events.get(uid)
        if old is not None:
            self.by_day[_day(old.start)].discard(uid)
        self.events[uid] = event
        self.by_day.setdefault(_day(event.start), set()).add(uid)

    def fresh_uid(self, event: Event) -> str:
        """The event's natural UID, or a derived one when that is taken by another event."""
        uid, n = natural_uid(event), 1
        while uid in self.events or uid in self.aliases:
            n += 1
            basis = f"{natural_uid(event)}#{n}".encode("utf-8", "surrogatepass")
            uid = hashlib.sha1(basis).hexdigest()[:16] + UID_DOMAIN
        return uid


def assign(records: Mapping[str, Event], aliases: Mapping[str, str],
           documents: Sequence[NewDocument]) -> tuple[list[tuple[str, int, str]], dict[str, str]]:
    """The calendar UID of every event of `documents`.

    Args:
        records: UID → the event as published.
        aliases: natural UID (see `natural_uid`) → the calendar UID it was given.
        documents: the new documents, in a stable order.

    Returns:
        (document hash, position, UID) per event, and the aliases grown by this run's events.
    """
    calendar = _Calendar(records, aliases)
    out: list[tuple[str, int, str]] = []
    for document in documents:
        known = {position: _known(event, calendar) for position, event in enumerate(document.events)}
        unmatched = set(document.previous) - set(known.values())  # events the new version still tells
        for position, event in enumerate(document.events):
            uid = known[position] or _replaced(event, calendar, unmatched)
            if uid is None:
                uid = calendar.fresh_uid(event)
                calendar.put(uid, event)
            elif uid in unmatched:
                unmatched.discard(uid)
                calendar.put(uid, event)  # its new date or time stands for it from now on
            calendar.aliases.setdefault(natural_uid(event), uid)
            out.append((document.hash, position, uid))
    return out, calendar.aliases


def _known(event: Event, calendar: _Calendar) -> str | None:
    """Steps 1 and 2: an event of the same day, by natural UID or by `same_event`."""
    day = _day(event.start)
    uid = calendar.aliases.get(natural_uid(event))
    if uid is not None and uid in calendar.events and _day(calendar.events[uid].start) == day:
        return uid
    candidates = [u for u in sorted(calendar.by_day.get(day, ()))
                  if _same(calendar.events[u], event)]
    return _closest(event, candidates, calendar)


def _same(known: Event, event: Event) -> bool:
    """`merge.same_event`, whatever the status, and with related titles: two documents' events
    that only share a start time ("Board meeting" and "Budget hearing", both 12 March at 10:00)
    are two events (within one document the assembler may merge them)."""
    return same_event(known, dataclasses.replace(event, status=known.status)) and related_titles(known, event)


def _replaced(event: Event, calendar: _Calendar, previous: set[str]) -> str | None:
    """Step 3: an event of the replaced document whose title this one shares."""
    candidates = [u for u in sorted(previous) if u in calendar.events and related_titles(calendar.events[u], event)]
    return _closest(event, candidates, calendar)


def _closest(event: Event, candidates: Sequence[str], calendar: _Calendar) -> str | None:
    """The candidate whose title is nearest: the same title key, then most shared words."""
    words = set(title_key(event.title).split())

    def score(uid: str) -> tuple[bool, int]:
        other = calendar.events[uid]
        return (title_key(other.title) == title_key(event.title), len(words & set(title_key(other.title).split())))

    return max(candidates, key=score, default=None)


def compose(uid: str, mentions: Sequence[tuple[Event, str, str]]) -> Event:
    """The event to publish from its mentions, oldest document first (event, document hash, label).

    The newest mention gives the day; the newest timed mention of that day gives the time (a later
    "the summit on 6 March" does not undo an earlier "6 March at 10:00"); the newest document's
    status wins, CANCELLED if it cancels any mention; the best title of all; the newest place, link
    and recurrence stated.
    """
    events = [event for event, _, _ in mentions]
    latest = events[-1]
    day = _day(latest.start)
    same_day = [e for e in events if _day(e.start) == day]
    base = ([e for e in same_day if not e.all_day] or same_day)[-1]
    newest_document = [e for e, document, _ in mentions if document == mentions[-1][1]]
    cancelled = any(e.status is Status.CANCELLED for e in newest_document)
    participants = tuple(dict.fromkeys(p for e in events for p in e.participants))
    return dataclasses.replace(
        base, uid=uid, title=max(events, key=title_rank).title,
        status=Status.CANCELLED if cancelled else latest.status,
        location=_newest(e.location for e in events), url=_newest(e.url for e in events),
        rrule=_newest(e.rrule for e in events), participants=participants,
        confidence=max(e.confidence for e in events), source="\n".join(sorted({label for _, _, label in mentions})),
    )


def _newest(values: Iterable[str | None]) -> str | None:
    found = [v for v in values if v]
    return found[-1] if found else None


def significant(event: Event) -> tuple[object, ...]:
    """What makes a change worth SEQUENCE + 1: date, time, place, status, recurrence."""
    return (event.start, event.end, event.all_day, event.tzid, event.location, event.status, event.rrule)


def written(event: Event) -> tuple[object, ...]:
    """Everything the VEVENT shows: a change moves LAST-MODIFIED and DTSTAMP."""
    return (*significant(event), event.title, event.url, event.evidence, event.participants, event.source,
            round(event.confidence, 2))


def revise(old: Event | None, new: Event, revision: Revision | None, now: dt.datetime) -> Revision:
    """The revision of `new`, given the event as last published and its revision."""
    if old is None or revision is None:
        return Revision(sequence=0, created=now, modified=now)
    if significant(old) != significant(new):
        return Revision(revision.sequence + 1, revision.created, now)
    if written(old) != written(new):
        return dataclasses.replace(revision, modified=now)
    return revision
