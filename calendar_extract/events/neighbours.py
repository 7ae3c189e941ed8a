"""Venues named in the sentence next to an event's own, when its sentence names none.

    "… tackle Mahler's Third Symphony at the Royal Albert Hall. The concert starts at 7.30pm on
    Saturday 20 July"                         → the concert is at the Royal Albert Hall
    "The forum runs from 17 to 19 March. The venue is the Grand Hotel, …"
                                              → the forum is at the Grand Hotel

Only events without a place, or placed by the dateline alone, are changed; only sentences of the
same paragraph count. Runs before events/venues.py, so that events held during the event found
here take its venue too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from calendar_extract.events import lexicon
from calendar_extract.events.location import place_phrases
from calendar_extract.events.sentences import Sentence, sentence_at
from calendar_extract.events.venues import evidence_offset, from_dateline, relocated
from calendar_extract.model import Event

__all__ = ["neighbour_venues"]

# "The concert starts …", "It opens …": a sentence about the event named before it.
_BACK_REFERENCE = re.compile(r"(?:the|this|that|it|its)\b", re.IGNORECASE)
# "The venue is the Grand Hotel", "Venue will be Stade de France": the event's venue, stated apart.
_VENUE_IS = re.compile(
    r"(?:[Tt]he\s+)?[Vv]enue\s+(?:is|will\s+be)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of|the|de|du|des|la|[A-Z][\w'’.-]*)){0,5})"
)


def _placeless(event: Event, dateline: str | None) -> bool:
    return not event.location or from_dateline(event) or event.location == dateline


def _venue_before(text: str, sentence: Sentence) -> str | None:
    """The last place phrase of `sentence` that ends in a venue noun ("the Royal Albert Hall")."""
    lex = lexicon.load()
    venues = [name for _, _, name in place_phrases(text, (sentence.start, sentence.end), lex, ())
              if name.split()[-1].lower().strip(".,") in lex.venue_nouns]
    return venues[-1] if venues else None


def _neighbour(text: str, sentences: Sequence[Sentence], event: Event) -> str | None:
    """The venue the sentence after (stated) or before (referred back to) gives the event."""
    offset = evidence_offset(text, event)
    own = sentence_at(sentences, offset) if offset >= 0 else None
    if own is None:
        return None
    after = sentences[own.index + 1] if own.index + 1 < len(sentences) else None
    if after is not None and after.paragraph == own.paragraph:
        stated = _VENUE_IS.match(after.text)
        if stated:
            return stated.group("name").rstrip(".,")
    before = sentences[own.index - 1] if own.index > 0 else None
    if before is not None and before.paragraph == own.paragraph and _BACK_REFERENCE.match(own.text):
        return _venue_before(text, before)
    return None


def neighbour_venues(
    text: str, sentences: Sequence[Sentence], events: Sequence[Event], dateline: str | None
) -> list[Event]:
    """The events, those without a place of their own given the venue a neighbouring sentence names."""
    out = []
    for event in events:
        venue = _neighbour(text, sentences, event) if _placeless(event, dateline) else None
        if venue:
            event = relocated(event, venue, f"location '{venue}' from a neighbouring sentence")
        out.append(event)
    return out
