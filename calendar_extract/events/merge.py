"""De-duplication of repeated mentions of one event, stable UIDs and a deterministic order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calendar_extract.identity import UID_DOMAIN, make_uid, title_key
from calendar_extract.model import Event, Status

__all__ = ["merge_events", "prefer_given", "title_key", "title_rank", "make_uid", "related_titles", "same_event", "sort_key"]

# Classes whose events of one day are told apart by their subject, not merged by class alone.
_DISTINCT_CLASSES = frozenset({"deadline"})
PART_PREFIX = "part-of-"


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _class(event: Event) -> str:
    return event.trigger.split(":", 1)[0].removeprefix(PART_PREFIX)


def _proper_words(title: str) -> set[str]:
    """Capitalized words after the first one: the names that tell two events apart."""
    return {w.lower() for w in re.findall(r"[\w'’.-]+", title)[1:] if w[:1].isupper()}


def _part(event: Event) -> bool:
    """A day of a longer event ("Halsey headlines the festival Thursday"), never merged into it."""
    return event.trigger.startswith(PART_PREFIX)


def same_event(a: Event, b: Event) -> bool:
    """Two drafts name one event: same start day, status side and recurrence, and the very same
    start time, or the same trigger class or shared title words without clashing names."""
    if _day(a.start) != _day(b.start) or (a.status is Status.CANCELLED) != (b.status is Status.CANCELLED):
        return False
    if _part(a) != _part(b):
        return False
    if a.rrule != b.rrule:
        return None in (a.rrule, b.rrule) and _occurrence_of_series(a, b)
    if not a.all_day and not b.all_day:
        apart = _hours_apart(a, b)
        if apart == 0:
            return True
        if apart >= _DISTINCT_HOURS and not (_part_of(a, b) or _part_of(b, a)):
            return False  # "8:45 a.m. meeting" and "7:00 p.m. town hall": two events of one day
    return related_titles(a, b)


def related_titles(a: Event, b: Event) -> bool:
    """The titles may name one event: the same trigger class or shared title words, and no
    clashing names ("Board meeting" / "Annual board meeting"; not "Smith lecture" / "Jones lecture")."""
    names_a, names_b = _proper_words(a.title), _proper_words(b.title)
    if names_a and names_b and not names_a & names_b:
        return False
    if _class(a) and _class(a) == _class(b) and _class(a) not in _DISTINCT_CLASSES:
        return True
    words_a, words_b = set(title_key(a.title).split()), set(title_key(b.title).split())
    return bool(words_a & words_b)


def _occurrence_of_series(a: Event, b: Event) -> bool:
    """One of a series on its first day: "a demo day every other Friday starting May 16" (one
    sentence), or "meets on the second Tuesday of every month … The next meeting is June 10"."""
    if a.evidence == b.evidence and title_key(a.title) == title_key(b.title):
        return True
    single = a if a.rrule is None else b
    series = b if single is a else a
    refers_back = bool(series.evidence) and series.evidence in single.evidence  # see anchor.add_antecedents
    timing_fits = single.all_day or single.start == series.start
    return refers_back and timing_fits and _class(a) == _class(b) and _class(a) not in _DISTINCT_CLASSES


def _instant(event: Event) -> dt.date | dt.datetime:
    """The start as an instant when zoned ("10 a.m. PT" = "1 p.m. ET"), else as written."""
    start = event.start
    if isinstance(start, dt.datetime) and event.tzid:
        try:
            return start.replace(tzinfo=ZoneInfo(event.tzid)).astimezone(dt.timezone.utc).replace(tzinfo=None)
        except (ZoneInfoNotFoundError, ValueError):
            return start
    return start


_DISTINCT_HOURS = 3  # timed drafts of one day this far apart are two events, whatever their class


def _hours_apart(a: Event, b: Event) -> float:
    """Hours between two timed starts: as instants when both are zoned, else as written."""
    if a.tzid and b.tzid:
        first, second = _instant(a), _instant(b)
    else:
        first, second = a.start, b.start
    assert isinstance(first, dt.datetime) and isinstance(second, dt.datetime)
    return abs((first - second).total_seconds()) / 3600


def _part_of(inner: Event, outer: Event) -> bool:
    """`inner` starts inside the time range of `outer` ("the keynote at 10" of "10:00-17:00")."""
    if outer.end is None or not isinstance(outer.end, dt.datetime):
        return False
    return _instant(outer) <= _instant(inner) <= _instant(dataclasses.replace(outer, start=outer.end))


def _better(a: Event, b: Event) -> Event:
    """The draft that gives the merged event its title and date: timed beats all-day, a stated
    zone beats a floating time, then confidence, then the earlier draft."""
    def rank(e: Event) -> tuple[int, int, float]:
        return (0 if e.all_day else 1, 1 if e.tzid else 0, e.confidence)

    return b if rank(b) > rank(a) else a


def title_rank(event: Event) -> tuple[bool, float, int]:
    """A title of two or more words beats a bare trigger noun; then confidence, then length."""
    return (len(event.title.split()) > 1, event.confidence, len(event.title))


def _combine(a: Event, b: Event) -> Event:
    best, other = (a, b) if _better(a, b) is a else (b, a)
    evidence = best.evidence
    if other.evidence and other.evidence not in evidence:
        evidence = f"{evidence} ... {other.evidence}"
    title = max((best, other), key=title_rank).title
    status = best.status
    if Status.TENTATIVE in (a.status, b.status) and status is Status.CONFIRMED:
        status = a.status if a.confidence >= b.confidence else b.status
    return dataclasses.replace(
        best,
        title=title,
        rrule=best.rrule or other.rrule,
        end=best.end if best.end is not None else (other.end if other.all_day == best.all_day else None),
        location=best.location or other.location,
        participants=tuple(dict.fromkeys(best.participants + other.participants)),
        status=status,
        confidence=max(a.confidence, b.confidence),
        evidence=evidence,
        reasons=best.reasons + tuple(f"merged: {r}" for r in other.reasons[:1]),
    )


def sort_key(event: Event) -> tuple[str, str, str]:
    """Chronological, then by title and UID: the same input always gives the same order."""
    start = event.start
    text = start.isoformat() if isinstance(start, dt.datetime) else f"{start.isoformat()}T00:00:00"
    return (text, event.title.lower(), event.uid)


def merge_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """Fold repeated mentions of one event into one, then give each a stable UID.

    Example: "summit on 25 November" + "that summit … 25 November" → one event, the longer title.
    """
    merged: list[Event] = []
    for event in events:
        for index, kept in enumerate(merged):
            if same_event(kept, event):
                merged[index] = _combine(kept, event)
                break
        else:
            merged.append(event)
    with_uids = _unique_uids(dataclasses.replace(e, uid=e.uid or make_uid(e)) for e in merged)
    return tuple(sorted(with_uids, key=sort_key))


def _unique_uids(events: Iterable[Event]) -> Sequence[Event]:
    """Disambiguate the rare UID collision (same title key, day and place) deterministically."""
    seen: dict[str, int] = {}
    out: list[Event] = []
    for event in events:
        count = seen.get(event.uid, 0)
        seen[event.uid] = count + 1
        if count:
            digest = hashlib.sha1(f"{event.uid}#{count}".encode()).hexdigest()[:16]
            event = dataclasses.replace(event, uid=digest + UID_DOMAIN)
        out.append(event)
    return out


def prefer_given(given: Sequence[Event], found: Sequence[Event]) -> tuple[Event, ...]:
    """Events a document states as data (schema.org, an invitation), then the events read from its
    prose that are not one of them: the data wins ("structured data over prose")."""
    if not given:
        return tuple(found)
    kept = [e for e in found if not any(_restates(g, e) for g in given)]
    return merge_events([*given, *kept])


def _restates(given: Event, found: Event) -> bool:
    """The prose event is the data's event: same day, and a shared title word or place word."""
    if _day(given.start) != _day(found.start):
        return False
    words = set(title_key(given.title).split()) | set(title_key(given.location or "").split())
    return bool(words & (set(title_key(found.title).split()) | set(title_key(found.location or "").split())))
