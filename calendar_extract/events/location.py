"""Locations and participants of an event, read from its sentence."""

from __future__ import annotations

import re

from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.triggers import Token, tokens

__all__ = ["find_location", "find_participants"]

Span = tuple[int, int]


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
        if tok.is_capitalized and tok.text.rstrip("'’s") not in lex.not_place:
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
        elif name and tok.lower in lex.place_joiners and i + 1 < len(toks) and toks[i + 1].is_capitalized:
            name.append(tok)
        else:
            break
        i += 1
    while name and (name[-1].lower in lex.place_joiners or len(name[-1].text) == 4 and name[-1].text.isdigit()):
        name.pop()
    return name, i


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
        begin = k + 1
        words_ok = len(segment) >= 2 and all(
            t.is_word and (t.is_capitalized or t.lower in lex.place_joiners) and not _blocked(t, blocked)
            for t in segment
        )
        if words_ok and segment[-1].lower in lex.venue_nouns and segment[0].text not in lex.not_place:
            found.append(segment)
    return found


# ", Germany," / ", Ohio." after a place: its region, when punctuation follows.
_REGION = re.compile(r",\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)(?=[,.;:)]|\s+[–—-]|$)")


def _venue_ahead(toks: tuple[Token, ...], i: int, lex: EventLexicon) -> bool:
    """True when a venue noun follows within two lower-case words ("Hudson conference room")."""
    for j in range(i, min(i + 3, len(toks))):
        if not toks[j].is_word or toks[j].is_capitalized:
            return False
        if toks[j].lower in lex.venue_nouns:
            return True
    return False


def _candidates(text: str, sent: Span, lex: EventLexicon, blocked: tuple[Span, ...]) -> list[tuple[int, int, str]]:
    """(start, end, name) of every place phrase in the sentence; "at X in Y" joined as "X, Y"."""
    toks = tokens(text, sent[0], sent[1])
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        towards = toks[i].lower == "to"  # "welcoming Hallam Rangers to Station Park": venues only
        if not (towards or toks[i].lower in lex.place_preps) or _blocked(toks[i], blocked):
            i += 1
            continue
        name, nxt = _place_after(toks, i + 1, lex, blocked)
        if not name or (len(name) == 1 and name[0].text.isupper() and len(name[0].text) <= 2) or (
            towards and name[-1].lower not in lex.venue_nouns
        ):
            i += 1
            continue
        phrase = text[name[0].start : name[-1].end]
        comma = _REGION.match(text[name[-1].end : sent[1]])
        if comma and comma.group(1) not in lex.not_place and not _blocked(toks[nxt - 1], blocked):
            phrase += ", " + comma.group(1)
        if found and found[-1][1] >= toks[i].start - 1 and toks[i].lower in {"in", "at"}:
            prev = found.pop()
            found.append((prev[0], name[-1].end, f"{prev[2]}, {phrase}"))
        else:
            found.append((toks[i].start, name[-1].end, phrase))
        i = nxt
    taken = [(a, b) for a, b, _ in found]
    for segment in _venue_segments(toks, lex, blocked):
        if not any(a <= segment[0].start < b for a, b in taken):
            found.append((segment[0].start, segment[-1].end, text[segment[0].start : segment[-1].end]))
    return sorted(found)


def find_location(text: str, sent: Span, anchor: int, lex: EventLexicon, blocked: tuple[Span, ...]) -> str | None:
    """The place phrase of the sentence nearest to `anchor` (the trigger), preferring what follows it.

    Example: "the Round-of-16 tie being played at the Kalinga Stadium in Bhubaneswar on Tuesday"
    → "Kalinga Stadium, Bhubaneswar".
    """
    found = [c for c in _candidates(text, sent, lex, blocked) if c[1] > anchor or text[c[1] : anchor].strip()]
    if not found:
        return None  # (a name right before the trigger is its modifier: "Champions League final")

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
    while words and words[0].rstrip("'’s") in lex.not_place:
        words.pop(0)
    if not words:
        return ""
    return " ".join(words)


_DATELINE_MIN_WORDS = 6
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'’-]{2,40}?)"  # DOVER, NEW YORK
    r"(?:,\s+([A-Z][A-Za-z.]{1,14}(?:\s+[A-Z][A-Za-z.]+)?))?"  # , Del.
    r"\s*(?:\([^)]{1,30}\)\s*)?[–—-]{1,2}\s"  # (AP) –
)


def dateline(text: str) -> str | None:
    """The place of a news dateline ("DOVER, Del. – …", "NEW YORK – …"), title-cased."""
    match = _DATELINE.match(text)
    if match is None or not any(ch.isupper() for ch in match.group(1)):
        return None
    # A dateline opens running prose; "ELMWOOD PARK NEIGHBORS - June Newsletter" or
    # "PUBLIC HEALTH NOTICE - Harlow County" is a header line naming the sender, not a place.
    if len(text[match.end() :].split("\n", 1)[0].split()) < _DATELINE_MIN_WORDS:
        return None
    place = match.group(1).strip()
    if not place.replace(" ", "").replace(".", "").isupper():
        return None
    place = " ".join(w.capitalize() for w in place.split())
    return f"{place}, {match.group(2)}" if match.group(2) else place
