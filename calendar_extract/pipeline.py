"""Compose the stages: Document → TimeMentions → Events → (filtered, merged) Result. Pure."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable

from calendar_extract.model import Context, Document, Event, Options, Problem, Result

log = logging.getLogger(__name__)


def context_for(document: Document, options: Options) -> Context:
    """The Context every stage of one document shares."""
    return Context(
        reference=document.reference,
        timezone=document.timezone or options.timezone,
        day_first=options.day_first,
    )


def extract(document: Document, options: Options) -> Result:
    """Run tagger and assembler over one document and keep the events the options ask for."""
    from calendar_extract.events import assemble
    from calendar_extract.events.merge import prefer_given
    from calendar_extract.tagger import tag

    ctx = context_for(document, options)
    mentions = tag(document.text, ctx)
    events, problems = assemble(document.text, mentions, ctx, source=document.source)
    events = prefer_given(document.events, events)
    if document.url:  # a feed entry's or JSON Lines item's link is the page of its events
        events = tuple(e if e.url else dataclasses.replace(e, url=document.url) for e in events)
    kept = tuple(e for e in events if _wanted(e, options))
    if len(kept) > options.max_events:
        kept, problems = _most_confident(document, kept, problems, options.max_events)
    return Result(document=document, mentions=mentions, events=kept, problems=problems)


def _most_confident(document: Document, events: tuple[Event, ...], problems: tuple[Problem, ...], limit: int
                    ) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    """The `limit` most confident events (in their order), and a Problem saying so (and a warning:
    a document with that many events is junk, a dump or an attack, not one the user can check)."""
    ranked = sorted(range(len(events)), key=lambda i: (-events[i].confidence, i))[:limit]
    message = f"{len(events):,} events, more than the limit of {limit:,} (--max-events): kept the most confident"
    log.warning("%s: %s", document.source, message)
    return tuple(events[i] for i in sorted(ranked)), (*problems, Problem(document.source, message))


def _wanted(event: Event, options: Options) -> bool:
    if options.upcoming_only and not event.upcoming:
        return False
    return event.confidence >= options.min_confidence


def merge_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """The events, one per UID (the more confident copy, with the sources of all), by start."""
    combined = Combined()
    combined.add(events)
    return combined.events()


class Combined:
    """Events gathered one document at a time, as `merge_events` merges them: a run keeps these,
    not its documents."""

    def __init__(self) -> None:
        self._by_uid: dict[str, Event] = {}

    def add(self, events: Iterable[Event]) -> None:
        for event in events:
            known = self._by_uid.get(event.uid)
            self._by_uid[event.uid] = event if known is None else _better(known, event)

    def events(self) -> tuple[Event, ...]:
        return tuple(sorted(self._by_uid.values(), key=_order))


def _better(known: Event, other: Event) -> Event:
    """Keep the more confident copy of an event; remember every source it came from."""
    best = other if other.confidence > known.confidence else known
    sources = sorted({*known.source.split("\n"), *other.source.split("\n")})
    return dataclasses.replace(best, source="\n".join(sources))


def _order(event: Event) -> tuple[str, str, str]:
    return (event.start.isoformat(), event.title, event.uid)
