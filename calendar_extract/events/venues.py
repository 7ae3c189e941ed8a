"""Document-level venues: where an event happens when its own sentence does not say it fully.

Four steps over the events of one document, after the dateline fallback (link.with_dateline):

1. an online event ("Livestreamed launch event", "video call") loses the dateline's place;
2. a labelled line ("WHERE: Room 204, County Annex, …", "2. Venue: Main Hall, …") gives its venue to
   the events dated on the labelled lines of its block ("WHEN: Tue 4/8, 6:30 p.m.");
3. a named venue reached "at"/"from" that names no town gets the dateline's town
   ("at the Greenfield Stadium", dateline "THIRUVANANTHAPURAM" → "Greenfield Stadium,
   Thiruvananthapuram") unless it or its sentence names a town already;
4. "at the same venue", "same location", "in the same hall" point back to the venue named last
   before them (a labelled line or a named place phrase), and "a second show" to the last one of
   its block.

Pure: the text and the events in, new events out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from calendar_extract import places
from calendar_extract.events import lexicon
from calendar_extract.events.location import VenueWords, place_phrases, venue_words
from calendar_extract.events.sentences import Sentence, sentence_at, split_sentences
from calendar_extract.model import Event

__all__ = ["refine", "venue_lines"]

# A labelled venue value may be a full address; longer ones are cut at a comma.
_MAX_VENUE = 100
_DATELINE_REASON = "location from the dateline"


@dataclass(frozen=True, slots=True)
class VenueLine:
    """A labelled venue line: its offset, the offsets of its block, and its venue."""

    start: int
    block: tuple[int, int]
    venue: str


# "WHEN: Tue 4/8", "1. Date and Time: Friday, June 26": a short label, a colon, a value.
_LABELLED = re.compile(r"^[ \t]*(?:\d{1,2}[.)][ \t]*)?[A-Za-z][\w &/]{0,30}:[ \t]+\S", re.MULTILINE)
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")


def _clip(value: str) -> str:
    """The venue value, cut at a comma to at most _MAX_VENUE characters."""
    value = value.strip().rstrip(".;")
    while len(value) > _MAX_VENUE and "," in value:
        value = value.rsplit(",", 1)[0].rstrip()
    return value if len(value) <= _MAX_VENUE else ""


def _block(text: str, offset: int) -> tuple[int, int]:
    """The blank-line-delimited block of `text` that holds `offset`."""
    start = max((m.end() for m in _BLOCK_BREAK.finditer(text, 0, offset)), default=0)
    after = _BLOCK_BREAK.search(text, offset)
    return start, after.start() if after else len(text)


def venue_lines(text: str, words: VenueWords) -> tuple[VenueLine, ...]:
    """Every labelled venue line of the text ("WHERE: Commissioners' Hearing Room, …")."""
    found = []
    for match in words.labels.finditer(text):
        venue = _clip(match.group(1))
        if venue and venue[0].isupper():
            found.append(VenueLine(match.start(), _block(text, match.start()), venue))
    return tuple(found)


def _position(text: str, event: Event) -> int:
    """Offset of the event's evidence in the text (its first piece), or -1."""
    piece = event.evidence.split(" ... ")[-1].strip()
    return text.find(piece) if piece else -1


def _from_dateline(event: Event) -> bool:
    return any(r.startswith(_DATELINE_REASON) for r in event.reasons)


def _own(event: Event) -> bool:
    """True when the event has a place of its own (not none, not the dateline's)."""
    return bool(event.location) and not _from_dateline(event)


def _offline(event: Event, words: VenueWords) -> Event:
    """A "livestreamed launch event" or "video call" has no place: not the dateline's either."""
    if _from_dateline(event) and words.online_cues.search(event.title):
        reasons = tuple(r for r in event.reasons if not r.startswith(_DATELINE_REASON))
        return dataclasses.replace(event, location=None, reasons=reasons + ("online: no location",))
    return event


def _with(event: Event, location: str, why: str) -> Event:
    reasons = tuple(r for r in event.reasons if not r.startswith(_DATELINE_REASON))
    return dataclasses.replace(event, location=location, reasons=reasons + (why,))


def _labelled_line(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return _LABELLED.match(text, line_start) is not None


def _from_label(text: str, event: Event, at: int, lines: Sequence[VenueLine]) -> Event:
    """Step 2: an event dated on a labelled line takes the venue line of its block."""
    if _own(event) or at < 0 or not _labelled_line(text, at):
        return event
    for line in lines:
        if line.block[0] <= at < line.block[1]:
            return _with(event, line.venue, f"location from the venue line '{line.venue}'")
    return event


@dataclass(frozen=True, slots=True)
class _Doc:
    """What the venue steps read of one document."""

    text: str
    sentences: tuple[Sentence, ...]
    lines: tuple[VenueLine, ...]
    dateline: str | None


def _phrases(doc: _Doc, sentence: Sentence) -> list[tuple[int, int, str]]:
    return place_phrases(doc.text, (sentence.start, sentence.end), lexicon.load(), ())


def _town_added(doc: _Doc, venue: str, offset: int) -> str:
    """Step 3: a named venue reached "at"/"from" at `offset` with no town → "<venue>, <dateline>"."""
    if doc.dateline is None or not venue[:1].isupper() or places.find_place(venue) is not None:
        return venue
    if doc.dateline.split(",")[0].lower() in venue.lower() or venue_words().online_cues.search(venue):
        return venue  # "Dublin Castle" names it already; a "Virtual Launch Event" has no town
    head = doc.text[max(0, offset - 12) : offset]
    if re.search(r"\b(?:at|from)\s+(?:the\s+)?$", head) is None:
        return venue
    sentence = sentence_at(doc.sentences, offset)
    town = places.find_place(doc.dateline)
    for _, _, phrase in _phrases(doc, sentence) if sentence else []:
        named = places.find_place(phrase)
        if named is not None and named.kind == "city" and (town is None or named.name != town.name):
            return venue  # "… at the Kremlin in Moscow": the sentence names its own town
    return f"{venue}, {doc.dateline}"


def _with_town(doc: _Doc, event: Event) -> Event:
    if not _own(event) or not event.location:
        return event
    for match in re.finditer(re.escape(event.location), doc.text):
        venue = _town_added(doc, event.location, match.start())
        if venue != event.location:
            return _with(event, venue, f"location: the dateline's town added to '{event.location}'")
    return event


def _sources(doc: _Doc) -> list[tuple[int, str]]:
    """(offset, venue) of every named venue the text gives: venue lines and place phrases."""
    found = [(line.start, line.venue) for line in doc.lines]
    inside = [(line.start, doc.text.find("\n", line.start) % (len(doc.text) + 1)) for line in doc.lines]
    nouns = lexicon.load().venue_nouns
    for sentence in doc.sentences:
        for start, _, phrase in _phrases(doc, sentence):
            name = phrase.split(",")[0]
            at = doc.text.find(name, start)
            named = name.split()[-1].lower() in nouns or places.find_place(name) is not None
            if phrase[:1].isupper() and named and not any(a <= at < b for a, b in inside):
                found.append((at, _town_added(doc, phrase, at)))
    return sorted(found)


def _same_place(doc: _Doc, event: Event, at: int, sources: Sequence[tuple[int, str]], words: VenueWords) -> Event:
    """Step 4: "at the same venue" → the venue named last before it; "a second show" → the venue
    named last before it in its block."""
    if at < 0 or (_own(event) and event.location and event.location[:1].isupper()):
        return event
    evidence = event.evidence.split(" ... ")[-1]
    match = words.same_place.search(evidence)
    floor = 0
    if match is None and words.repeats.search(event.title):  # the event itself is the repeat
        match = words.repeats.search(evidence)
        floor = _block(doc.text, at)[0]
    if match is None:
        return event
    offset = at + match.start()
    before = [venue for start, venue in sources if floor <= start < offset]
    if not before:
        return event
    return _with(event, before[-1], f"location: '{match.group()}' → '{before[-1]}'")


def refine(text: str, events: Sequence[Event], dateline: str | None) -> list[Event]:
    """The events with the venues the document gives them (see the module docstring).

    Args:
        text: the document text.
        events: its events, after the dateline fallback.
        dateline: the place of the document's dateline (events.location.dateline), if any.

    Returns:
        The events in the same order, some with a new location (and a reason saying why).

    Example: "…at the Greenfield Stadium…", then "the third T20I goes ahead on Wednesday at the same
    venue" → "Greenfield Stadium, Thiruvananthapuram" (dateline "THIRUVANANTHAPURAM, February 10:").
    """
    if not events:
        return []
    words = venue_words()
    doc = _Doc(text, split_sentences(text), venue_lines(text, words), dateline)
    events = [_offline(e, words) for e in events]
    positions = [_position(text, e) for e in events]
    labelled = [_from_label(text, e, at, doc.lines) for e, at in zip(events, positions)]
    towns = [_with_town(doc, e) for e in labelled]
    sources = _sources(doc)
    return [_same_place(doc, e, at, sources, words) for e, at in zip(towns, positions)]
