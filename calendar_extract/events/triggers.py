"""Event triggers in a sentence: trigger nouns ("summit", "phone call") and verbal phrases
("will meet", "is due by"), with the ambiguity checks that keep verbs and modifiers out."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from calendar_extract.events.lexicon import EventLexicon

__all__ = ["Token", "Trigger", "tokens", "find_triggers", "clause_bounds", "GENERIC"]

# Canonical nouns of verbal triggers too general to name an event by themselves.
GENERIC = frozenset({"event", "opening", "ending"})

_TOKEN = re.compile(r"[A-Za-z0-9][\w&]*(?:['’.-][\w&]+)*(?:['’]s?)?|[^\w\s]")
# Clause breaks: semicolons, colons, dashes, parentheses and commas before a new clause.
_CLAUSE_BREAK = re.compile(
    r"[;()\[\]]|:(?=\s)|\s[–—-]\s|,\s+(?=(?:and|but|while|whereas|although|though|where|which|when|"
    r"who|so|yet|however|after|before|because|since|unless|if)\b)"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offsets in the text."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event trigger found in a text: `kind` is "noun" or "verb", `noun` the canonical noun."""

    start: int
    end: int
    text: str
    kind: str
    noun: str
    cls: str

    @property
    def generic(self) -> bool:
        return self.kind == "verb" and self.noun in GENERIC


def tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """Tokens of `text[start:end]` with absolute offsets."""
    return tuple(
        Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)
    )


# A clause reaches at most this far on either side of the offset it is asked about, so that a
# "sentence" of megabytes without a break costs linear time, not quadratic.
MAX_CLAUSE_REACH = 500


def clause_bounds(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The clause of the sentence `text[start:end]` that holds `offset`."""
    left, right = max(start, offset - MAX_CLAUSE_REACH), min(end, offset + MAX_CLAUSE_REACH)
    for match in _CLAUSE_BREAK.finditer(text, left, right):
        if match.end() <= offset:
            left = match.end()
        elif match.start() >= offset:
            right = match.start()
            break
    return left, right


def _overlapping(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """All (possibly overlapping) matches of `pattern`, dropping those inside a longer one."""
    spans: set[tuple[int, int]] = set()
    position = start
    while position < end:
        match = pattern.search(text, position, end)
        if match is None:
            break
        spans.add(match.span())
        position = match.start() + 1
    kept: list[tuple[int, int]] = []
    reach = -1
    # Sorted by start, longest first: a span is inside a longer one iff an earlier span reaches past it.
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[1] <= reach:
            continue
        kept.append(span)
        reach = max(reach, span[1])
    return kept


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True when `span` lies inside one of the sorted `spans`."""
    index = bisect.bisect_right(spans, (span[0], 1 << 60)) - 1
    return index >= 0 and spans[index][0] <= span[0] and span[1] <= spans[index][1]


def _word_before(text: str, start: int, floor: int) -> str:
    match = re.search(r"([\w'’&.-]+)\W*$", text[max(floor, start - 40) : start])
    return match.group(1) if match else ""


def _word_after(text: str, end: int, ceiling: int) -> str:
    match = re.match(r"[ \t]*([\w'’-]+)", text[end : min(ceiling, end + 40)])
    return match.group(1) if match else ""


def _noun_ok(text: str, span: tuple[int, int], bounds: tuple[int, int], lex: EventLexicon) -> bool:
    """Reject trigger nouns used as verbs, modifiers or generic mentions."""
    word = text[span[0] : span[1]]
    lower = word.lower()
    if word[:1].isupper() and span[0] != bounds[0] and lower in {"march", "may"}:
        return False
    before = _word_before(text, span[0], bounds[0])
    after = _word_after(text, span[1], bounds[1])
    if after.lower() in lex.not_after or before.lower() in lex.not_before:
        return False
    if lower in lex.needs_modifier:
        if word[:1].isupper():
            return not after[:1].isupper()  # "Saturday Market", not "Nordic Markets Wire"
        return before.lower() in lex.needs_modifier[lower]
    if lower in lex.adjective_like and after[:1].islower() and after.lower() not in lex.head_ok_after:
        return False
    if lower in lex.verb_like_plural:
        return _modified(before, lex) or span[0] == bounds[0]
    if lower in lex.verb_like:
        return before.lower() not in lex.verb_before and after.lower() not in lex.verb_after
    return True


def _modified(before: str, lex: EventLexicon) -> bool:
    """True when the word before an ambiguous noun shows it is a noun ("a call", "Tuesday's")."""
    if not before:
        return False
    lower = before.lower()
    return (
        lower in lex.modifiers
        or before[:1].isupper()
        or lower.endswith(("'s", "’s", "s'", "s’"))
        or any(ch.isdigit() for ch in before)
        or "-" in before
    )


def find_triggers(
    text: str, start: int, end: int, lex: EventLexicon, blocked: tuple[tuple[int, int], ...] = ()
) -> tuple[Trigger, ...]:
    """Triggers in `text[start:end]` (one sentence), skipping spans inside `blocked` (mentions)."""

    def free(span: tuple[int, int]) -> bool:
        return not any(b[0] < span[1] and span[0] < b[1] for b in blocked)

    found: list[Trigger] = _named_verbs(text, start, end, lex, blocked) + _by_deadlines(text, start, end, lex, blocked)
    verb_spans = [
        s for s in _overlapping(lex.verbs, text, start, end) if free(s) and not _subordinate(text, s, start, lex)
    ]
    for s in verb_spans:
        phrase = lex.verb_adverb.sub("will ", re.sub(r"\s+", " ", text[s[0] : s[1]].lower()))
        noun = lex.verb_noun.get(phrase, "event")
        found.append(Trigger(s[0], s[1], text[s[0] : s[1]], "verb", noun, _verb_class(noun, lex)))
    for s in _overlapping(lex.nouns, text, start, end):
        if not free(s) or _inside(s, verb_spans):
            continue
        if not _noun_ok(text, s, (start, end), lex):
            continue
        surface = text[s[0] : s[1]]
        key = re.sub(r"\s+", " ", surface.lower())
        found.append(Trigger(s[0], s[1], surface, "noun", key, lex.noun_class.get(key, "event")))
    return tuple(sorted(_drop_modifier_nouns(found, text), key=lambda t: (t.start, t.end)))


def _subordinate(text: str, span: tuple[int, int], floor: int, lex: EventLexicon) -> bool:
    """True for a verb in a clause about when: "after the market closes", "before it begins"."""
    words = re.findall(r"[\w'’-]+", text[max(floor, span[0] - 40) : span[0]])[-3:]
    if words and words[-1].lower() in lex.subordinate and text[span[0] : span[1]].lower().endswith("ing"):
        return False  # "before welcoming Hallam on Saturday": a next event, not a when-clause
    return any(w.lower() in lex.subordinate for w in words)


def _named_verbs(
    text: str, start: int, end: int, lex: EventLexicon, blocked: tuple[tuple[int, int], ...]
) -> list[Trigger]:
    """"Arsenal host Chelsea", "Chelsea v Real Madrid": match verbs between two capitalized names."""
    found = []
    for match in lex.named_verbs.finditer(text, start, end):
        before = _word_before(text, match.start(), start)
        after = _word_after(text, match.end(), end)
        if before[:1].isupper() and after[:1].isupper() and match.start() > start:
            if not any(b[0] < match.end() and match.start() < b[1] for b in blocked):
                found.append(Trigger(match.start(), match.end(), match.group(), "verb", "match", "match"))
    return found


@functools.cache
def _by_pattern(objects: tuple[str, ...]) -> re.Pattern[str]:
    """"to <verb>" (lexicon [deadline] to_object) then "by" within a few words, in one clause."""
    cues = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(objects, key=len, reverse=True))
    return re.compile(r"\b(?:" + cues + r")\b(?=[^.;:()\n]{0,40}?\bby\b)", re.IGNORECASE)


def _by_deadlines(
    text: str, start: int, end: int, lex: EventLexicon, blocked: tuple[tuple[int, int], ...]
) -> list[Trigger]:
    """"ordered prosecutors to respond to the motion by April 30" → a deadline trigger."""
    found = []
    for match in _by_pattern(lex.deadline_objects).finditer(text, start, end):
        if not any(b[0] < match.end() and match.start() < b[1] for b in blocked):
            found.append(Trigger(match.start(), match.end(), match.group(), "verb", "deadline", "deadline"))
    return found


def _verb_class(noun: str, lex: EventLexicon) -> str:
    if noun in {"travel", "reopening", "appearance"}:
        return {"travel": "visit", "reopening": "opening", "appearance": "hearing"}[noun]
    return lex.noun_class.get(noun, noun)


def _drop_modifier_nouns(found: list[Trigger], text: str) -> list[Trigger]:
    """Drop a noun directly followed by another trigger noun ("opening ceremony" → "ceremony")."""
    nouns = sorted((t for t in found if t.kind == "noun"), key=lambda t: t.start)
    dropped = {id(a) for a, b in zip(nouns, nouns[1:]) if b.start > a.end and not text[a.end : b.start].strip()}
    return [t for t in found if id(t) not in dropped]
