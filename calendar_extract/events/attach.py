"""Which trigger a date belongs to: sentences with their mentions and triggers, and the nearest
trigger of a mention in its clause ("meeting on 6 March", "will be decided on Friday")."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from calendar_extract.events.headings import paragraph_headings
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.sentences import Sentence
from calendar_extract.events.triggers import Trigger, clause_bounds, find_triggers
from calendar_extract.model import TimeMention

__all__ = ["MAX_GAP", "SentenceInfo", "analyse", "pick_trigger"]

Span = tuple[int, int]
# A trigger farther than this (in weighted characters) from its date is not the date's event.
MAX_GAP = 220

@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """A sentence with its mentions and triggers."""

    sentence: Sentence
    mentions: tuple[TimeMention, ...]
    triggers: tuple[Trigger, ...]
    skipped: bool = False
    heading: Trigger | None = None  # the heading of its paragraph, if it opens with one

def analyse(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[TimeMention], lex: EventLexicon
) -> tuple[SentenceInfo, ...]:
    """Attach mentions and triggers to their sentences."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    starts = [m.start for m in ordered]
    infos = []
    for sentence in sentences:
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end)
        inside = tuple(ordered[first:last])
        skipped = sentence.text.lower().startswith(lex.skip_prefixes)
        triggers = find_triggers(text, sentence.start, sentence.end, lex, _spans(inside))
        infos.append(SentenceInfo(sentence, inside, triggers, skipped))
    headings = paragraph_headings(sentences, [_spans(i.mentions) for i in infos], lex)
    return tuple(dataclasses.replace(i, heading=headings.get(i.sentence.index)) for i in infos)

def _spans(mentions: Sequence[TimeMention]) -> tuple[Span, ...]:
    return tuple((m.start, m.end) for m in mentions)

def pick_trigger(text: str, info: SentenceInfo, mention: TimeMention) -> Trigger | None:
    """The trigger the mention dates: nearest in its clause, one before the date preferred
    ("meeting on 6 March", "will be decided on Friday"), generic verbs last."""
    sent = info.sentence
    clause = clause_bounds(text, sent.start, sent.end, mention.start)
    best: tuple[int, Trigger] | None = None
    for trig in info.triggers:
        gap = _gap(text, trig, mention, sent.start)
        if ";" in text[min(trig.end, mention.end) : max(trig.start, mention.start)]:
            continue  # a semicolon joins two sentences
        if not clause[0] <= trig.start < clause[1]:
            gap += 150
        gap += 25 if trig.generic else 0
        if gap <= MAX_GAP and (best is None or gap < best[0]):
            best = (gap, trig)
    if best is None:
        return None
    return _named_by_noun(text, info, best[1], clause)

_AFTER_BLOCK = frozenset("by who which that where when after before while with as because".split())

def _gap(text: str, trig: Trigger, mention: TimeMention, sent_start: int) -> int:
    """Weighted distance: a trigger after its date counts triple and must be close, unless the
    date opens the sentence ("From 4:30 p.m. on Friday, December 22, campus police will …")."""
    if trig.end <= mention.start:
        return len(text[trig.end : mention.start])
    if trig.start >= mention.end:
        between = text[mention.end : trig.start]
        verb = 40 if trig.kind == "verb" else 0  # "… at 11:00 CET to present the programme"
        if set(re.findall(r"[a-z]+", between.lower())) & _AFTER_BLOCK:
            return MAX_GAP + 1
        if mention.start - sent_start <= 12 and len(between) <= 120:
            return 2 * len(between) + 10 + verb
        return 3 * len(between) + 10 + verb if len(between) <= 40 else MAX_GAP + 1
    return 0

def _named_by_noun(text: str, info: SentenceInfo, trig: Trigger, clause: Span) -> Trigger:
    """A generic verb ("takes place", "opens") is named by the nearest trigger noun before it."""
    if not trig.generic and not (trig.kind == "verb" and trig.cls == "deadline"):
        return trig
    nouns = [t for t in info.triggers if t.kind == "noun" and t.end <= trig.start]
    if trig.cls == "deadline":
        named = [t for t in nouns if t.cls != "deadline" and len(text[t.end : trig.start]) <= 25
                 and not re.search(r"[,;:]", text[t.end : trig.start])]
        return named[-1] if named else trig
    in_clause = [t for t in nouns if clause[0] <= t.start or trig.start - t.end < 60]
    if not in_clause and trig.noun != "event":
        return trig
    if not (in_clause or nouns):
        return trig
    noun = (in_clause or nouns)[-1]
    return dataclasses.replace(noun, end=noun.end) if trig.noun == "event" else _suffixed(noun, trig)

def _suffixed(noun: Trigger, verb: Trigger) -> Trigger:
    """Keep the verb as a suffix of the title ("Presale opens") through the noun's `noun` field."""
    return dataclasses.replace(noun, cls=noun.cls, noun=f"{noun.noun}|{verb.text.split()[-1]}")
