"""Locations and participants of an event, read from its sentence; the document's dateline.

A place phrase is a name after a preposition ("at the Palace of the Grand Dukes"), a town's venue
("to São Paulo's Espaço Paulista"), a venue that is the subject of its clause ("The Bombay High
Court on Tuesday adjourned …", "the Rheinpark hosts …"), an online venue ("on Zoom"), or, when the
sentence has none, a venue naming the event ("the Fire Station 12 pancake breakfast").
events.venues adds what the rest of the document says (venue lines, "the same venue");
events.datelines reads the dateline (re-exported here as `dateline`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from calendar_extract import places
from calendar_extract.events.datelines import dateline
from calendar_extract.events.lexicon import EventLexicon, alternation
from calendar_extract.patterns import read_lexicon_file
from calendar_extract.events.triggers import Token, tokens

__all__ = ["VenueWords", "dateline", "find_location", "find_participants", "place_phrases", "venue_word", "venue_words"]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class VenueWords:
    """The venue words of lexicon/en_events.toml [location] that the event lexicon does not carry."""

    labels: re.Pattern[str]
    same_place: re.Pattern[str]
    online: re.Pattern[str]
    subject_venues: frozenset[str]
    hosts: re.Pattern[str]
    list_joiners: frozenset[str]
    repeats: re.Pattern[str]
    online_cues: re.Pattern[str]
    function_words: frozenset[str]
    room_nouns: frozenset[str]
    room_modifiers: frozenset[str]


@functools.cache
def venue_words() -> VenueWords:
    """Read the [location] venue lists once, on first use."""
    section = read_lexicon_file("en_events.toml")["location"]
    labels = "|".join(re.escape(w) for w in section["venue_labels"])
    nouns = "|".join(re.escape(w) for w in section["same_place_nouns"])
    online = "|".join(re.escape(w) for w in sorted(section["online_venues"], key=len, reverse=True))
    return VenueWords(
        labels=re.compile(rf"^[ \t]*(?:\d{{1,2}}[.)][ \t]*)?(?:{labels})[ \t]*:[ \t]*(\S[^\n]*)$",
                          re.IGNORECASE | re.MULTILINE),
        same_place=re.compile(rf"\b(?:the\s+)?same\s+(?:{nouns})\b", re.IGNORECASE),
        online=re.compile(rf"\bon\s+({online})\b"),
        subject_venues=frozenset(section["subject_venues"]),
        hosts=re.compile(alternation(section["host_verbs"])),
        list_joiners=frozenset(section["list_joiners"]),
        repeats=re.compile(alternation(section["repeat_phrases"]), re.IGNORECASE),
        online_cues=re.compile(alternation(section["online_cues"]), re.IGNORECASE),
        function_words=frozenset(section["function_words"]),
        room_nouns=frozenset(section["room_nouns"]),
        room_modifiers=frozenset(section["room_modifiers"]),
    )


def _blocked(tok: Token, blocked: tuple[Span, ...]) -> bool:
    return any(b[0] < tok.end and tok.start < b[1] for b in blocked)


def _place_after(
    toks: tuple[Token, ...], i: int, lex: EventLexicon, blocked: tuple[Span, ...]
) -> tuple[list[Token], int]:
    """The place name starting at token `i` (after a preposition): capitalized words + joiners."""
    while i < len(toks) and toks[i].lower in {"the", "a", "an"}:
        i += 1
    venue = _lowercase_venue(toks, i, lex, blocked)
    if venue:
        return venue, i + len(venue)
    name: list[Token] = []
    while i < len(toks):
        tok = toks[i]
        if tok.text == "." and name and name[-1].text in lex.name_abbreviations and _capital_at(toks, i + 1):
            name.append(tok)  # "St. Brendan's"
            i += 1
            continue
        if not tok.is_word or _blocked(tok, blocked):
            break
        if tok.is_capitalized and _bare(tok.text) not in lex.not_place:
            name.append(tok)
        elif name and any(ch.isdigit() for ch in tok.text) and len(tok.text) <= 3:
            name.append(tok)
        elif name and _venue_ahead(toks, i, lex):
            while toks[i].lower not in lex.venue_nouns:
                name.append(toks[i])
                i += 1
            name.append(toks[i])
            i += 1
            break
        elif name and tok.lower in lex.place_joiners and _capital_after_joiners(toks, i, lex):
            name.append(tok)
        else:
            break
        i += 1
    while name and (name[-1].lower in lex.place_joiners or len(name[-1].text) == 4 and name[-1].text.isdigit()):
        name.pop()
    return name, i


def _bare(word: str) -> str:
    """The word without a possessive ending ("Brendan's" → "Brendan"; "Falls" stays)."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _capital_after_joiners(toks: tuple[Token, ...], i: int, lex: EventLexicon) -> bool:
    """True when one or two joiners at `i` lead to a capitalized word ("Palace of the Grand Dukes")."""
    for j in (i + 1, i + 2):
        if j >= len(toks) or not toks[j].is_word:
            return False
        if toks[j].is_capitalized:
            return True
        # "of the", "de la"; never "and the" ("Town Hall and the Mayor")
        if j == i + 2 or toks[j].lower not in lex.place_joiners or toks[i].lower in venue_words().list_joiners:
            return False
    return False


def _capital_at(toks: tuple[Token, ...], i: int) -> bool:
    return i < len(toks) and toks[i].is_word and toks[i].is_capitalized


_LOWERCASE_REACH = 4


def _lowercase_venue(toks: tuple[Token, ...], i: int, lex: EventLexicon, blocked: tuple[Span, ...]) -> list[Token]:
    """"(in the) library's community room", "(at the) clubhouse": lower-case words up to a venue."""
    for j in range(i, min(i + _LOWERCASE_REACH, len(toks))):
        tok = toks[j]
        if not tok.is_word or tok.is_capitalized or _blocked(tok, blocked) or tok.lower in lex.place_joiners:
            return []
        if tok.lower in lex.lowercase_venues and not (j + 1 < len(toks) and toks[j + 1].lower == "of"):
            return list(toks[i : j + 1])
    return []


def _venue_segments(toks: tuple[Token, ...], lex: EventLexicon, blocked: tuple[Span, ...]) -> list[list[Token]]:
    """Comma-separated segments that are a capitalized venue name ("Sat., Aug. 13, 8 p.m.,
    Harbourfront Centre Concert Stage, $25")."""
    found: list[list[Token]] = []
    begin = 0
    for k in range(len(toks) + 1):
        if k < len(toks) and toks[k].text not in {",", ";"}:
            continue
        segment = list(toks[begin:k])
        if segment and segment[-1].text == ".":
            segment.pop()
        while segment and segment[0].lower in lex.place_joiners:
            segment.pop(0)  # ", on the Lumen Developer Forum." → "Lumen Developer Forum"
        begin = k + 1
        words_ok = len(segment) >= 2 and all(
            t.is_word and (t.is_capitalized or t.lower in lex.place_joiners) and not _blocked(t, blocked)
            for t in segment
        )
        if words_ok and segment[-1].lower in lex.venue_nouns and segment[0].text not in lex.not_place:
            found.append(segment)
    return found


# ", Germany," / ", Ohio." / ", Pan Pacific Orchard." after a place: its region or building, when
# punctuation follows.
_REGION = re.compile(r",\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})(?=[,.;:)]|\s+[–—-]|$)")


_ABBREVIATION = 4  # "Del.", "Va.", "Mass": a word this short keeps its dot


def _no_full_stop(name: str) -> str:
    """The name without the full stop of its sentence ("Pan Pacific Orchard." → "Pan Pacific
    Orchard"); an abbreviation keeps its dot ("Del.")."""
    last = name.split()[-1]
    return name[:-1] if name.endswith(".") and len(last) - 1 > _ABBREVIATION else name


def _venue_ahead(toks: tuple[Token, ...], i: int, lex: EventLexicon) -> bool:
    """True when a venue noun follows within two lower-case words ("Hudson conference room"), not
    past a preposition or article ("Hyatt Place across the street")."""
    for j in range(i, min(i + 3, len(toks))):
        if not toks[j].is_word or toks[j].is_capitalized or toks[j].lower in venue_words().function_words:
            return False
        if toks[j].lower in lex.venue_nouns:
            return True
    return False


def place_phrases(text: str, sent: Span, lex: EventLexicon, blocked: tuple[Span, ...]) -> list[tuple[int, int, str]]:
    """(start, end, name) of every place phrase in the sentence; "at X in Y" joined as "X, Y"."""
    toks = tokens(text, sent[0], sent[1])
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        # "welcoming Hallam Rangers to Station Park", "travel to Regina": venues and towns only
        towards = toks[i].lower == "to"
        onto = toks[i].lower == "on"  # "trains every Thursday on Pitch 2", "on Main Street": venues only
        if not (towards or onto or toks[i].lower in lex.place_preps) or _blocked(toks[i], blocked):
            i += 1
            continue
        name, nxt = _place_after(toks, i + 1, lex, blocked)
        if not name or (len(name) == 1 and name[0].text.isupper() and len(name[0].text) <= 2) or (
            towards and not any(t.lower in lex.venue_nouns for t in name) and not _is_town(text[name[0].start : name[-1].end])
        ) or (onto and not _numbered_venue(name, lex)):
            i += 1
            continue
        phrase = text[name[0].start : name[-1].end]
        comma = _REGION.match(text[name[-1].end : sent[1]])
        if comma and comma.group(1) not in lex.not_place and not _blocked(toks[nxt - 1], blocked):
            phrase += ", " + _no_full_stop(comma.group(1))
        if found and found[-1][1] >= toks[i].start - 1 and toks[i].lower in {"in", "at"}:
            prev = found.pop()
            found.append((prev[0], name[-1].end, f"{prev[2]}, {phrase}"))
        else:
            found.append((toks[i].start, name[-1].end, phrase))
        i = nxt
    found += _subject_phrases(text, toks, lex, blocked)
    found += [(m.start(), m.end(), m.group(1)) for m in venue_words().online.finditer(text, sent[0], sent[1])]
    for start, end, phrase in _possessive_venues(text, sent, blocked):
        found = [c for c in found if not (c[0] < end and start < c[1])] + [(start, end, phrase)]
    taken = [(a, b) for a, b, _ in found]
    for start, end, phrase in _town_segments(text, sent, blocked):
        if not any(a < end and start < b for a, b in taken):
            found.append((start, end, phrase))
    for segment in _venue_segments(toks, lex, blocked):
        if not any(a <= segment[0].start < b for a, b in taken):
            found.append((segment[0].start, segment[-1].end, text[segment[0].start : segment[-1].end]))
    return sorted(found)


# ", Lisbon, Portugal," / "- Dover, Del., 4 May": a town and its country or US state between commas.
_TOWN_SEGMENT = re.compile(
    r"(?:^|[,–—(]\s*|\s[-–—]\s+)([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}),\s+"
    r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)(?=\s*[,.;:)]|\s+[–—-]|\s*$)"
)


def _town_segments(text: str, sent: Span, blocked: tuple[Span, ...]) -> list[tuple[int, int, str]]:
    """(start, end, "Town, Country") of every town set off by commas with its country or US state
    ("12th International Conference on …, Lisbon, Portugal, 15-18 September 2025"): a place even
    without a preposition. "Smith, Texas" names no town; "Lisbon, Saturday" no country."""
    found = []
    for match in _TOWN_SEGMENT.finditer(text, sent[0], sent[1]):
        if any(b[0] < match.end() and match.start(1) < b[1] for b in blocked) or not places.is_region(match.group(2)):
            continue
        place = places.find_place(f"{match.group(1)}, {match.group(2)}")
        if place is not None and place.kind == "city" and place.name == match.group(1):
            found.append((match.start(1), match.end(2), f"{match.group(1)}, {match.group(2)}"))
    return found


_CLAUSE_OPENERS = frozenset({":", ";", "-", "–", "—"})


def _numbered_venue(name: list[Token], lex: EventLexicon) -> bool:
    """A venue reached "on": a name ending in a venue noun ("Main Street"), or a venue noun and its
    number ("Pitch 2", "Stage 3"); "on Monday", "on Twitter" name none."""
    core = [t for t in name if not t.text.isdigit()]
    if not core or core[-1].lower not in lex.venue_nouns or core[0].text in lex.not_place:
        return False
    return len(core) >= 2 or name[-1].text.isdigit()


def _subject_phrases(
    text: str, toks: tuple[Token, ...], lex: EventLexicon, blocked: tuple[Span, ...]
) -> list[tuple[int, int, str]]:
    """Venues that are the subject of their clause: "The Bombay High Court on Tuesday adjourned …",
    "Deschutes Junction Road will be closed …", "…, Dublin Circuit Criminal Court heard on Monday"
    (a court or road opening a clause, then a lower-case word), and the
    subject of a host verb ("the Rheinpark hosts an open-air concert")."""
    words = venue_words()
    found = []
    for k, tok in enumerate(toks):
        comma = k > 0 and toks[k - 1].text == ","  # "…, Dublin Circuit Criminal Court heard on Monday"
        if k and toks[k - 1].text not in _CLAUSE_OPENERS and not comma:
            continue
        name, _ = _place_after(toks, k, lex, blocked)
        core = [t for t in name if not t.text[:1].isdigit()]
        nxt = toks.index(name[-1]) + 1 if name else len(toks)
        if len(core) >= 2 and core[-1].lower in words.subject_venues and nxt < len(toks) and toks[nxt].text[:1].islower():
            if comma and (toks[nxt].lower in lex.place_joiners or toks[nxt].lower in words.function_words):
                continue  # "on Main Street, Oak Avenue and Elm Road": a list, not a subject
            found.append((name[0].start, name[-1].end, text[name[0].start : name[-1].end]))
    for match in words.hosts.finditer(text, toks[0].start if toks else 0, toks[-1].end if toks else 0):
        before = [t for t in toks if t.end <= match.start()]
        name = []
        while before and before[-1].is_word and before[-1].is_capitalized and not _blocked(before[-1], blocked):
            name.insert(0, before.pop())
        while name and name[0].text in lex.not_place:
            name.pop(0)
        phrase = text[name[0].start : name[-1].end] if name else ""
        if phrase and (venue_word(name[-1].lower, lex) or _is_town(phrase)):
            found.append((name[0].start, name[-1].end, phrase))  # not "Lumen will host …"
    return found


def venue_word(word: str, lex: EventLexicon) -> bool:
    """A venue noun, or a compound ending in one ("Rheinpark", "Festhalle")."""
    return word in lex.venue_nouns or any(word.endswith(n) for n in lex.venue_nouns if len(n) >= 4)


def _is_town(phrase: str) -> bool:
    place = places.find_place(phrase)
    return place is not None and place.kind == "city" and place.name == phrase


_UPPER = "A-ZÀ-ÖØ-Þ"
# "moving to São Paulo's Espaço Paulista", "and Curitiba's Arena Araucária": a town's venue.
_POSSESSIVE_VENUE = re.compile(
    rf"\b(?:to|at|in|and|from)\s+([{_UPPER}][\w.-]*(?:\s+[{_UPPER}][\w.-]*){{0,2}})['’]s\s+"
    rf"([{_UPPER}][\w-]*(?:\s+(?:(?:de|do|da|of|the)\s+)?[{_UPPER}][\w-]*){{0,3}})"
)


def _possessive_venues(text: str, sent: Span, blocked: tuple[Span, ...]) -> list[tuple[int, int, str]]:
    """(start, end, "Venue, Town") of every "Town's Venue" after a preposition, for a town the
    gazetteer knows ("Germany's Angela Merkel" names no town; "Paris's mayor" no venue)."""
    found = []
    for match in _POSSESSIVE_VENUE.finditer(text, sent[0], sent[1]):
        if any(b[0] < match.end() and match.start() < b[1] for b in blocked):
            continue
        place = places.find_place(match.group(1))
        if place is not None and place.kind == "city" and place.name == match.group(1):
            found.append((match.start(1), match.end(), f"{match.group(2)}, {match.group(1)}"))
    return found


def _name_word(tok: Token) -> bool:
    """A capitalized word or a short number ("Fire Station 12")."""
    return tok.is_word and (tok.is_capitalized or tok.text.isdigit() and len(tok.text) <= 3)


def _venue_modifier(before: tuple[Token, ...], lex: EventLexicon, blocked: tuple[Span, ...]) -> str | None:
    """"the Fire Station 12 pancake breakfast" → "Fire Station 12": the capitalized name (and its
    number) ending in a venue noun, right before the trigger ("The White House said the summit …"
    has none)."""
    k = len(before)
    if k > 1 and before[-1].text.islower() and before[-1].lower not in venue_words().function_words and _name_word(before[-2]):
        k -= 1  # one noun between: "the Fire Station 12 pancake breakfast"
    end = k
    while k and _name_word(before[k - 1]) and not _blocked(before[k - 1], blocked):
        k -= 1
    name = [t for t in before[k:end] if t.text not in lex.not_place or t is not before[k]]
    core = [t for t in name if not t.text.isdigit()]
    if len(core) < 2 or core[-1].lower not in lex.venue_nouns or name[0].text in lex.not_place:
        return None
    return " ".join(t.text for t in name)


def find_location(text: str, sent: Span, anchor: int, lex: EventLexicon, blocked: tuple[Span, ...]) -> str | None:
    """The place phrase of the sentence nearest to `anchor` (the trigger), preferring what follows it.

    Example: "the Round-of-16 tie being played at the Kalinga Stadium in Bhubaneswar on Tuesday"
    → "Kalinga Stadium, Bhubaneswar".
    """
    found = [c for c in place_phrases(text, sent, lex, blocked) if c[1] > anchor or text[c[1] : anchor].strip()]
    if not found:
        # A name right before the trigger is its modifier ("Champions League final"), and a
        # venue when it ends in a venue noun ("the Fire Station 12 pancake breakfast").
        return _venue_modifier(tokens(text, sent[0], anchor), lex, blocked)

    def distance(item: tuple[int, int, str]) -> int:
        return item[0] - anchor if item[0] >= anchor else 3 * (anchor - item[1]) + 20

    best = min(found, key=distance)
    return best[2] if len(best[2]) <= 80 else None


_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:de|van|von|der|da|di|la|le|al|bin)\b)?(?:\s+[A-Z][\w'’.-]*){0,3})"
_BETWEEN = re.compile(rf"\bbetween\s+({_NAME})\s+and\s+({_NAME})")


def find_participants(text: str, sent: Span, lex: EventLexicon) -> tuple[str, ...]:
    """Named people or organisations of the event: "between X and Y", "with X"."""
    window = text[sent[0] : sent[1]]
    match = _BETWEEN.search(window)
    if match:
        return tuple(dict.fromkeys(_clean(g, lex) for g in match.groups() if _clean(g, lex)))
    cues = "|".join(re.escape(c) for c in sorted(lex.with_cues, key=len, reverse=True))
    names = [_clean(m.group(1), lex) for m in re.finditer(rf"\b(?:{cues})\s+({_NAME})", window)]
    return tuple(dict.fromkeys(n for n in names if n))


def _clean(name: str, lex: EventLexicon) -> str:
    words = name.split()
    while words and _bare(words[0]) in lex.not_place:
        words.pop(0)
    if not words:
        return ""
    return " ".join(words)
