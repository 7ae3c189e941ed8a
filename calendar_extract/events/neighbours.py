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
from calendar_extract.events.location import place_phrases, venue_words
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

# "Meet at the Genesee Park playfield parking lot.": where the people of the event gather.
_MEET_AT = re.compile(
    r"(?:[Ww]e\s+(?:will\s+)?)?(?:[Mm]eet|[Gg]ather|[Mm]eeting\s+point\s+is)\s+(?:at|in)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of|the|de|[A-Z][\w'’.-]*|[a-z]+(?=\s+(?:lot|entrance|gate|car\s+park)))){0,5}"
    r"(?:\s+(?:playfield|parking\s+lot|car\s+park|entrance|gate|steps|fountain))*)"
)


def _placeless(event: Event, dateline: str | None) -> bool:
    return not event.location or from_dateline(event) or event.location == dateline


def _venue_before(text: str, sentence: Sentence) -> str | None:
    """The last place phrase of `sentence` that ends in a venue noun ("the Royal Albert Hall")."""
    lex = lexicon.load()
    venues = [name for _, _, name in place_phrases(text, (sentence.start, sentence.end), lex, ())
              if _names_venue(name, lex.venue_nouns)]
    return venues[-1] if venues else None


def _names_venue(name: str, nouns: frozenset[str]) -> bool:
    """A place phrase with a venue noun among its words ("the Royal Albert Hall", "Austria Center
    Vienna", "Sands Expo and Convention Centre, Marina Bay Sands")."""
    return any(w.lower().strip(".,") in nouns for w in name.split(",")[0].split())


# "The three-day summit will take place at Sands Expo …", "The December round will move to the
# Austria Center Vienna": where an event named by its noun is held, stated apart from its dates.
_HELD_AT = re.compile(
    r"\b(?:[Tt]he|[Tt]his\s+year's|[Ii]ts)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>[a-z]+)\s+"
    r"(?:will|is\s+to|is\s+set\s+to|is\s+expected\s+to)?\s*(?:now\s+)?"
    r"(?:take\s+place|takes\s+place|be\s+held|is\s+held|move|moves|return|returns|come|comes)\s+(?:to|at|in)\s+"
)


def _held_at(text: str, sentences: Sequence[Sentence]) -> list[tuple[str, str]]:
    """(event noun, venue) of every sentence that says where an event is held."""
    lex = lexicon.load()
    found = []
    for sentence in sentences:
        for match in _HELD_AT.finditer(sentence.text):
            if match.group("noun") not in lex.noun_class:
                continue
            at = sentence.start + match.end()
            places = [name for start, _, name in place_phrases(text, (sentence.start, sentence.end), lex, ())
                      if start >= at - 4 and _names_venue(name, lex.venue_nouns)]
            if places:
                found.append((match.group("noun"), places[0]))
    return found


def _of_noun(event: Event, noun: str) -> bool:
    """True when the event is one of `noun`'s: its trigger noun or a word of its title."""
    return event.trigger.endswith(f":{noun}") or re.search(rf"\b{noun}\b", event.title, re.IGNORECASE) is not None


def _neighbour(text: str, sentences: Sequence[Sentence], event: Event) -> str | None:
    """The venue the sentence after (stated) or before (referred back to) gives the event."""
    offset = evidence_offset(text, event)
    own = sentence_at(sentences, offset) if offset >= 0 else None
    if own is None:
        return None
    after = sentences[own.index + 1] if own.index + 1 < len(sentences) else None
    if after is not None and after.paragraph == own.paragraph:
        stated = _VENUE_IS.match(after.text) or _MEET_AT.match(after.text)
        if stated:
            return stated.group("name").rstrip(".,")
        online = venue_words().online.search(after.text)
        if online and _BACK_REFERENCE.match(after.text):  # "The talk is on Zoom so that …"
            return online.group(1)
    before = sentences[own.index - 1] if own.index > 0 else None
    if before is not None and before.paragraph == own.paragraph and _BACK_REFERENCE.match(own.text):
        return _venue_before(text, before)
    return None


def neighbour_venues(
    text: str, sentences: Sequence[Sentence], events: Sequence[Event], dateline: str | None
) -> list[Event]:
    """The events, those without a place of their own given the venue a neighbouring sentence names."""
    held = _held_at(text, sentences)
    out = []
    for event in events:
        venue = _neighbour(text, sentences, event) if _placeless(event, dateline) else None
        if venue:
            event = relocated(event, venue, f"location '{venue}' from a neighbouring sentence")
        elif _placeless(event, dateline):
            named = next(((n, v) for n, v in held if _of_noun(event, n)), None)
            if named is not None:
                event = relocated(event, named[1], f"location '{named[1]}': where the {named[0]} is held")
        out.append(event)
    return out
