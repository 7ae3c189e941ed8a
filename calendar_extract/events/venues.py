"""Document-level venues: where an event happens when its own sentence does not say it fully.

Eight steps over the events of one document, after the dateline fallback (link.with_dateline):

1. an online event ("Livestreamed launch event", "video call") loses the dateline's place;
2. a labelled line ("WHERE: Room 204, County Annex, …", "2. Venue: Main Hall, …") gives its venue to
   the events dated on the labelled lines of its block ("WHEN: Tue 4/8, 6:30 p.m.");
3. the last event of a block of short lines takes the venue line after it ("Depot Plaza, 611 R
   Avenue, Anacortes") or the place of the block's heading ("Holiday Markets (indoors at the Depot
   Arts Center)");
4. a named venue reached "at"/"from" that names no town gets the dateline's town
   ("at the Greenfield Stadium", dateline "THIRUVANANTHAPURAM" → "Greenfield Stadium,
   Thiruvananthapuram") unless it or its sentence names a town already;
5. "at the same venue", "same location", "in the same hall" point back to the venue named last
   before them (a labelled line or a named place phrase), and "a second show" to the last one of
   its block;
6. an event on a day of a short multi-day event with a venue is held there ("close the main stage
   on Friday" during "the three-day festival at the Zuiderpark from Friday 16 to Sunday 18 August");
7. an event placed by the dateline only takes the place of its twin (same kind, same day) or of
   the other events of its kind, when they lie in one other town (a launch attempt and the launch
   "from Europe's Spaceport in Kourou" under a "PARIS" dateline);
8. a document whose first line is a venue's name ("LEITH PICTUREHOUSE") places the events left
   with none there, and a bare room ("Screen 1") inside it.

Pure: the text and the events in, new events out.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from calendar_extract import places
from calendar_extract.events import lexicon
from calendar_extract.events.location import VenueWords, place_phrases, venue_word, venue_words
from calendar_extract.events.datelines import DATELINE_REASON
from calendar_extract.events.sentences import Sentence, line_start, sentence_at
from calendar_extract.model import Event, Status

__all__ = ["evidence_offset", "from_dateline", "masthead", "refine", "relocated", "venue_lines"]

# A labelled venue value may be a full address; longer ones are cut at a comma.
_MAX_VENUE = 100


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


def evidence_offset(text: str, event: Event) -> int:
    """Offset of the event's evidence in the text (its first piece), or -1."""
    piece = event.evidence.split(" ... ")[-1].strip()
    return text.find(piece) if piece else -1


def from_dateline(event: Event) -> bool:
    """True when the event's place came from the dateline alone (link.with_dateline)."""
    return any(r.startswith(DATELINE_REASON) for r in event.reasons)


def _own(event: Event) -> bool:
    """True when the event has a place of its own (not none, not the dateline's)."""
    return bool(event.location) and not from_dateline(event)


def _offline(event: Event, words: VenueWords) -> Event:
    """A "livestreamed launch event" or "video call" has no place: not the dateline's either."""
    if from_dateline(event) and words.online_cues.search(event.title):
        reasons = tuple(r for r in event.reasons if not r.startswith(DATELINE_REASON))
        return dataclasses.replace(event, location=None, reasons=reasons + ("online: no location",))
    return event


def relocated(event: Event, location: str, why: str) -> Event:
    """The event at `location`, its dateline reason (if any) replaced by `why`."""
    reasons = tuple(r for r in event.reasons if not r.startswith(DATELINE_REASON))
    return dataclasses.replace(event, location=location, reasons=reasons + (why,))


def _labelled_line(text: str, offset: int) -> bool:
    return _LABELLED.match(text, line_start(text, offset)) is not None


def _from_label(text: str, event: Event, at: int, lines: Sequence[VenueLine]) -> Event:
    """Step 2: an event dated on a labelled line takes the venue line of its block."""
    if _own(event) or at < 0 or not _labelled_line(text, at):
        return event
    for line in lines:
        if line.block[0] <= at < line.block[1]:
            return relocated(event, line.venue, f"location from the venue line '{line.venue}'")
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
    """Step 4: a named venue reached "at"/"from" at `offset` with no town → "<venue>, <dateline>"."""
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


def _with_town(event: Event, town_added: Callable[[str], str | None]) -> Event:
    if not _own(event) or not event.location:
        return event
    venue = town_added(event.location)
    if venue is None:
        return event
    return relocated(event, venue, f"location: the dateline's town added to '{event.location}'")


def _town_added_anywhere(doc: _Doc, location: str) -> str | None:
    """The venue with the dateline's town, when one of the text's mentions of it is reached by
    "at"/"from" with no town of its own (`_town_added`); else None. Once per place, not per event."""
    for match in re.finditer(re.escape(location), doc.text):
        venue = _town_added(doc, location, match.start())
        if venue != location:
            return venue
    return None


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


def _same_place(doc: _Doc, event: Event, at: int, sources: Callable[[], Sequence[tuple[int, str]]],
                words: VenueWords) -> Event:
    """Step 5: "at the same venue" → the venue named last before it; "a second show" → the venue
    named last before it in its block. `sources` gives the document's venues (found on first use:
    most documents have no event that needs them)."""
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
    before = [venue for start, venue in sources() if floor <= start < offset]
    if not before:
        return event
    return relocated(event, before[-1], f"location: '{match.group()}' → '{before[-1]}'")


# A venue line is short and names a place only: "Depot Plaza, 611 R Avenue, Anacortes".
_MAX_VENUE_LINE = 90
_PARENTHESES = re.compile(r"\s*\([^()\n]*\)")
_ADDRESS = re.compile(r"\d{1,5}[A-Za-z]?\s+[A-Z]\w*")  # "611 R Avenue", "450 Broadway"


def _name_segment(words: Sequence[str], allowed: frozenset[str], nouns: frozenset[str]) -> bool:
    """A comma segment that is a name: capitalized words and joiners ("Office of the Prime
    Minister"), maybe ending in a lower-case venue noun ("Fort Garry campus")."""
    if not words or not words[0][:1].isupper():
        return False
    last = words[-1]
    if not (last[:1].isupper() or last.lower() in nouns):
        return False
    return all(w[:1].isupper() or w in allowed or w == "&" for w in words[:-1])


def _venue_line(line: str, last: bool) -> str | None:
    """The venue a line names on its own, or None: a name, then names or a street address, with a
    venue noun ("Depot Plaza, 611 R Avenue, Anacortes", "The Fort Garry Hotel"), an address
    ("Canadian Museum for Human Rights, 85 Israel Asper Way") or, closing its block, two names
    ("Office of the Prime Minister, Langevin Block"). "Closed to media", "Open coverage" and
    sentences are not venues."""
    lex, words = lexicon.load(), venue_words()
    bare = _PARENTHESES.sub("", line).strip()
    if not bare or len(bare) > _MAX_VENUE_LINE or bare[-1] in ".:;!?-–—":
        return None
    segments = [s.split() for s in bare.split(",")]
    allowed = lex.place_joiners | words.function_words
    if len(segments[0]) < 2 or not _name_segment(segments[0], allowed, lex.venue_nouns):
        return None
    address = False
    for segment in segments[1:]:
        if _ADDRESS.fullmatch(" ".join(segment[:2])) and _name_segment(segment[1:], allowed, lex.venue_nouns):
            address = True
        elif not _name_segment(segment, allowed, lex.venue_nouns) or any(ch.isdigit() for ch in "".join(segment)):
            return None
    if any(ch.isdigit() for ch in "".join(segments[0])) and not segments[0][-1].isdigit():
        return None
    venue = any(s and venue_word(s[-1].lower(), lex) for s in segments)
    return bare if venue or address or (last and len(segments) >= 2) else None


def _block_venue(doc: _Doc, event: Event, at: int, ordered: Sequence[int]) -> Event:
    """Step 3: an event of a block of short lines takes the venue line that follows it in its
    block ("8:45 a.m. The Prime Minister will meet … / Closed to media / Office of the Prime
    Minister, Langevin Block"), else the place its block's heading names ("Holiday Markets
    (indoors at the Depot Arts Center)"), when it is the last event of its block."""
    if _own(event) or at < 0:
        return event
    piece = event.evidence.split(" ... ")[-1].strip()
    begin, end = _block(doc.text, at)
    following = bisect.bisect_left(ordered, at + len(piece))  # `ordered`: the events' offsets, sorted
    if following < len(ordered) and ordered[following] < end:
        return event  # another event follows in the block: the line may be its own
    line_end = doc.text.find("\n", at + len(piece))
    lines = doc.text[line_end:end].split("\n") if line_end >= 0 else []
    filled = [line for line in lines if line.strip()]
    for k, line in enumerate(filled):
        venue = _venue_line(line, k == len(filled) - 1)
        if venue is not None:
            return relocated(event, venue, f"location from the venue line '{venue}' of its block")
    head_end = doc.text.find("\n", begin)
    if 0 <= head_end < line_start(doc.text, at) <= at:
        lex = lexicon.load()
        for _, _, phrase in place_phrases(doc.text, (begin, head_end), lex, ()):
            if venue_word(phrase.split(",")[0].split()[-1].lower(), lex):
                return relocated(event, phrase, f"location from the heading of its block '{phrase}'")
    return event


# An event held during a short multi-day event ("the three-day festival at the Zuiderpark from
# Friday 16 to Sunday 18 August") happens at its venue.
_MAX_CONTAINER_DAYS = 14


def _span(event: Event) -> tuple[dt.date, dt.date]:
    start = event.start.date() if isinstance(event.start, dt.datetime) else event.start
    end = event.end.date() if isinstance(event.end, dt.datetime) else event.end
    return start, end or start


def _container(other: Event) -> bool:
    """A short multi-day event with a place of its own, not cancelled or repeating (see `_during`)."""
    first, last = _span(other)
    return (_own(other) and other.all_day and not other.rrule and other.status is not Status.CANCELLED
            and 1 <= (last - first).days < _MAX_CONTAINER_DAYS and bool(other.location))


def _during(event: Event, containers: Sequence[Event]) -> Event:
    """Step 6: an event with no place of its own, on a day of a short multi-day event with a place
    of its own ("The Chemical Brothers close the main stage on Friday" during "the three-day festival
    at the Zuiderpark from Friday 16 to Sunday 18 August"), takes its place when only one such event
    holds the day. Cancelled and repeating events hold none."""
    if _own(event) or event.rrule:
        return event
    day = _span(event)[0]
    held = set()
    for other in containers:
        first, last = _span(other)
        if other is not event and first <= day <= last and _span(event) != (first, last) and other.location:
            held.add(other.location)
    if len(held) != 1:
        return event
    (place,) = held
    return relocated(event, place, f"location: held during an event at '{place}'")


def _same_kind(event: Event, by_kind: Mapping[str, Sequence[Event]], dateline: str | None) -> Event:
    """Step 7: an event placed only by the dateline takes the place of the event of its kind on its
    day (the same event, told again), else of the events of its kind that have one, when they all
    lie in one town that is not the dateline's ("PARIS - … called off
    Monday night's launch … from Europe's Spaceport in Kourou": Sunday's first attempt was there
    too)."""
    kind = event.trigger.split(":")[0]
    if not from_dateline(event) or not kind or dateline is None:
        return event
    events = by_kind.get(kind, ())  # the events of this kind with a place of their own
    twins = {e.location or "" for e in events if e is not event and _span(e)[0] == _span(event)[0]}
    if len(twins) == 1:  # the same event, told twice: "Bombay HC adjourns … hearing to Aug 22"
        (place,) = twins
        return relocated(event, place, f"location: the same {kind} at '{place}'")
    home = places.find_place(dateline)
    placed = []
    towns = set()
    for other in events:
        if other is event:
            continue
        town = places.find_place(other.location or "")
        if town is None or home is None or town.name != home.name:  # "02:13 in Paris": the dateline's
            placed.append(other)
            towns.add(town.name if town is not None else None)
    if len(towns) != 1 or None in towns:
        return event
    place = placed[0].location or ""
    return relocated(event, place, f"location: where the other {kind} events are, '{place}'")


# "LEITH PICTUREHOUSE" opening a listing: the venue of what it lists.
_MAX_MASTHEAD_WORDS = 4
_ROOM = re.compile(r"[A-Z][a-z]+ \d{1,3}")  # "Screen 1", "Room 204": a room of the venue
_MASTHEAD_CUT = re.compile(r"\s+[-–—|]\s+|:\s")


def masthead(text: str) -> str | None:
    """The venue a document is the page of: its first line, when that is only a venue's name
    ("LEITH PICTUREHOUSE" → "Leith Picturehouse", "Maple Street Church"); else None."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = _MASTHEAD_CUT.split(lines[0], maxsplit=1)[0] if lines else ""  # "Central Library - What's On"
    words = head.split()
    if not 2 <= len(words) <= _MAX_MASTHEAD_WORDS or not all(w[:1].isupper() and w.isalpha() for w in words):
        return None
    lex = lexicon.load()
    if not venue_word(words[-1].lower(), lex) or words[0].title() in lex.not_place:
        return None
    if words[-1].lower() in lex.noun_class:
        return None  # "Harbor Street Farmers Market - 2026 Season" names the event, not its venue
    return " ".join(w.title() if w.isupper() else w for w in words)


def _generic_room(location: str, words: VenueWords) -> bool:
    """A room any venue may have ("Activity Room", "Main Hall", "Meeting Room 2"), not a venue's name."""
    parts = location.split()
    nouns = [i for i, w in enumerate(parts) if w.lower() in words.room_nouns]
    return len(parts) <= 4 and bool(nouns) and all(
        w.lower() in words.room_modifiers or w.isdigit() or i in nouns for i, w in enumerate(parts))


def _at_masthead(event: Event, venue: str | None, words: VenueWords) -> Event:
    """Step 8: an event with no place but the dateline's is at the masthead's venue; a bare room
    ("Screen 1") is a room of it. Online events are nowhere."""
    if venue is None or words.online_cues.search(event.title):
        return event
    if not event.location:
        return relocated(event, venue, f"location from the masthead '{venue}'")
    if from_dateline(event):
        return relocated(event, f"{venue}, {event.location}", f"location from the masthead '{venue}'")
    if _ROOM.fullmatch(event.location) or _generic_room(event.location, words):
        return relocated(event, f"{event.location}, {venue}", f"location: a room of the masthead's '{venue}'")
    return event


def refine(
    text: str, sentences: Sequence[Sentence], events: Sequence[Event], dateline: str | None
) -> list[Event]:
    """The events with the venues the document gives them (see the module docstring).

    Args:
        text: the document text.
        sentences: its sentences (events.sentences.split_sentences).
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
    doc = _Doc(text, tuple(sentences), venue_lines(text, words), dateline)
    events = [_offline(e, words) for e in events]
    positions = [evidence_offset(text, e) for e in events]
    labelled = [_from_label(text, e, at, doc.lines) for e, at in zip(events, positions)]
    ordered = sorted(positions)
    labelled = [_block_venue(doc, e, at, ordered) for e, at in zip(labelled, positions)]
    town_added = functools.cache(functools.partial(_town_added_anywhere, doc))
    towns = [_with_town(e, town_added) for e in labelled]
    sources = functools.cache(functools.partial(_sources, doc))
    placed = [_same_place(doc, e, at, sources, words) for e, at in zip(towns, positions)]
    containers = [e for e in placed if _container(e)]  # found once: linear work, however many events
    placed = [_during(e, containers) for e in placed]
    by_kind: dict[str, list[Event]] = {}
    for e in placed:
        if _own(e) and e.location:
            by_kind.setdefault(e.trigger.split(":")[0], []).append(e)
    placed = [_same_kind(e, by_kind, dateline) for e in placed]
    venue = masthead(text)
    return [_at_masthead(e, venue, words) for e in placed]
