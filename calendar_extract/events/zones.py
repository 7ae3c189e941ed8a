"""The time zone of a timed event: the one stated in the text, else its place's, else the default.

Issue 4. Order: a zone stated in the text ("2 pm CET", "10am PT", "Brussels time") > the zone of the
event's place (its location, else the document's dateline or headline place) > Context.timezone (the
user's --timezone) > floating. Only the zone changes: the wall-clock time stays as written.
All-day events get no zone. Pure; the gazetteer (calendar_extract.places) is read only when an
event needs it.

Worked example: "The keynote starts at 10 am at the Moscone Center in San Francisco", no
--timezone → 10:00 America/Los_Angeles; "at 2 pm CET in San Francisco" keeps Europe/Brussels;
"DENVER - … the hearing at 10 a.m. in Courtroom A902" → 10:00 America/Denver (dateline).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Sequence

from calendar_extract import places
from calendar_extract.model import Context, Event, TimeMention

__all__ = ["head_place", "needs_zone", "place_zones", "stated_zones", "zone_for"]


def stated_zones(mentions: Iterable[TimeMention]) -> frozenset[str]:
    """The zones the text itself states ("2 pm CET" → Europe/Brussels)."""
    return frozenset(m.tzid for m in mentions if m.tzid)


def needs_zone(event: Event, ctx: Context, stated: Collection[str] = ()) -> bool:
    """True for a timed event that is floating or has only the default zone (not one the text
    states: a zone other than the default came from the text, and the default counts as stated
    when the text names it somewhere)."""
    if event.all_day:
        return False
    if event.tzid is None:
        return True
    return event.tzid == ctx.timezone and event.tzid not in stated


def zone_for(
    event: Event,
    ctx: Context,
    *,
    stated: Collection[str] = (),
    fallback: str | None = None,
    near: str | None = None,
) -> Event:
    """The event in the zone of its place when the text states none (see the module docstring).

    Args:
        event: an event as assembled; a timed one has a naive wall-clock start in `tzid`.
        ctx: its context; `ctx.timezone` is the default zone (None = floating).
        stated: the zones stated anywhere in the text (`stated_zones`): never overridden.
        fallback: the document's own place (its dateline), for events whose location names none.
        near: ISO code of the country of the document's places (`places.main_country`).

    Returns:
        The same event, or a copy with `tzid` set (and a reason); start and end are unchanged.

    Example: Event("Hearing", 2025-05-06 10:00, all_day=False, location="Courtroom A902"),
    fallback "Denver" → tzid "America/Denver".
    """
    if not needs_zone(event, ctx, stated):
        return event
    for where in (event.location, fallback):
        zone = places.place_zone(where, near=near) if where else None
        if zone is not None:
            why = f"time zone {zone} from the place '{where}'"
            return dataclasses.replace(event, tzid=zone, reasons=event.reasons + (why,))
    if event.tzid is None and ctx.timezone is not None:
        return dataclasses.replace(event, tzid=ctx.timezone)
    return event


def place_zones(
    text: str, events: Sequence[Event], mentions: Iterable[TimeMention], ctx: Context,
    *, dateline: str | None = None,
) -> list[Event]:
    """`zone_for` over the events of one document.

    The fallback place is the dateline ("DENVER - …", as found by events.location.dateline), else
    the place the text opens with (`head_place`). The country of the document's places settles
    names shared by towns of several zones ("Newcastle" among "Bristol", "Leeds" and "Glasgow" is
    English). The gazetteer is not read when no event needs a zone.
    """
    stated = stated_zones(mentions)
    if not any(needs_zone(e, ctx, stated) for e in events):
        return list(events)
    fallback = dateline or head_place(text)
    near = places.main_country([fallback, *(e.location for e in events)])
    return [zone_for(e, ctx, stated=stated, fallback=fallback, near=near) for e in events]


# "Brussels – Ukrainian President …", "Vilnius, 3 March (BNS) – …": a short place before a dash
# opening the text (mixed case; events.location.dateline reads the upper-case "DENVER -" kind).
_HEAD = re.compile(r"\A\s*([A-Z][\w.'’]*(?:[ ,]+[A-Z][\w.'’]*){0,3})\s*(?:,[^\n–—]{1,40}?)?\s+[–—-]{1,2}\s")
# "Brexit emergency summit pencilled in for 25 November in Brussels", "5 things to do in Toronto":
# a place after "in"/"at" in the first line (a headline says where the story happens).
_HEADLINE_PLACE = re.compile(r"\b(?:in|at)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|upon|de|am))*)")


def head_place(text: str) -> str | None:
    """The place a text opens with: before a dash ("Brussels – …" → "Brussels") or after "in"/"at"
    in its first line ("… summit pencilled in for 25 November in Brussels" → "Brussels"), if the
    gazetteer knows it; else None."""
    match = _HEAD.match(text)
    if match is not None and places.find_place(match.group(1)) is not None:
        return match.group(1)
    first = text.lstrip().split("\n", 1)[0][:200]
    for found in _HEADLINE_PLACE.finditer(first):
        if places.find_place(found.group(1)) is not None:
            return found.group(1)
    return None
