"""Status (confirmed / tentative / cancelled), tense and confidence of an event draft."""

from __future__ import annotations

import re

from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.triggers import Trigger
from calendar_extract.model import Status, TimeMention

__all__ = ["find_status", "past_tense", "confidence"]

Span = tuple[int, int]
# A postponement cue followed by one of these right before the date introduces the NEW date.
_NEW_DATE_TAIL = re.compile(
    r"\b(?:to|until|till|for)\s+(?:(?:the\s+)?(?:week|weekend|days?)\s+of\s+|the\s+|on\s+|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:said|says|wrote|told|informed|announced|added|stated|confirmed)\b[^.;:]*\bthat\b",
    re.IGNORECASE,
)


def _cues(pattern: re.Pattern[str], text: str, window: Span, sent_start: int) -> list[re.Match[str]]:
    """Cue matches in the window; a capitalized cue counts only at the start of the sentence."""
    found = []
    for match in pattern.finditer(text, window[0], window[1]):
        word = match.group()
        if word[:1].isupper() and match.start() != sent_start:
            continue  # "May" the month or the name, not the modal
        found.append(match)
    return found


def _conditional(text: str, cue: re.Match[str], window: Span, lex: EventLexicon) -> bool:
    """True when the cue sits in a question or condition: "whether it gets pushed back"."""
    before = text[max(window[0], cue.start() - 80) : cue.start()].lower()
    return any(re.search(rf"\b{re.escape(word)}\b", before) for word in lex.condition)


def find_status(
    text: str, mention: TimeMention, trig: Trigger, window: Span, sent_start: int,
    lex: EventLexicon, upcoming: bool,
) -> tuple[Status, str]:
    """Status from the cues in `window` (the clause of the event) and the cue that decided it.

    Cues count up to the end of the date or trigger (plus a few words for "was cancelled",
    "could be postponed"), so a hedge about something else later in the clause does not.
    Example: "will no longer run from 20 to 24 April 2020" → CANCELLED ("no longer");
    "pushed it back to the week of 13 to 17 July" → CONFIRMED (new date after "to").
    """
    core_end = max(mention.end, trig.end)
    after = (window[0], min(window[1], core_end + 30))
    for cue in _cues(lex.cancelled, text, window, sent_start):
        if _conditional(text, cue, window, lex):
            continue
        if cue.end() <= mention.start and _NEW_DATE_TAIL.search(text[cue.end() : mention.start]):
            return Status.CONFIRMED, f"new date after '{cue.group()}'"
        return Status.CANCELLED, cue.group()
    for cue in _cues(lex.tentative, text, after, sent_start):
        if cue.start() >= core_end and text[core_end : cue.start()].strip(" ,"):
            continue  # only a hedge right after the event ("on Friday could …") counts
        if cue.group().lower() == "would" and _REPORTED.search(text, window[0], cue.start()):
            continue  # reported speech: "informed the parties that his decision would come …"
        return Status.TENTATIVE, cue.group()
    before = text[max(window[0], mention.start - 12) : mention.start].lower().split()
    if upcoming and before and (before[-1] in lex.approx or before[-2:-1] == ["around"]):
        return Status.TENTATIVE, before[-1]
    return Status.CONFIRMED, ""


def past_tense(text: str, window: Span, lex: EventLexicon) -> bool:
    """True when the clause tells of something done ("began speaking", "was held")."""
    past = lex.past.search(text, window[0], window[1])
    future = lex.future.search(text, window[0], window[1])
    return past is not None and future is None


def confidence(
    mention: TimeMention, trigger: Trigger, status: Status, *, linked: bool, timed: bool
) -> float:
    """0..1 from the evidence: an explicit absolute date and a strong trigger score high,
    a relative weekday lower, hedges and borrowed dates lower still."""
    score = 0.55
    score += 0.2 if not mention.relative else 0.05
    score += 0.1 if trigger.kind == "noun" else (0.0 if trigger.generic else 0.05)
    score += 0.05 if timed else 0.0
    score -= {Status.TENTATIVE: 0.15, Status.CANCELLED: 0.05}.get(status, 0.0)
    score -= 0.25 if linked else 0.0
    score *= max(0.3, min(1.0, mention.confidence))
    return round(max(0.05, min(0.99, score)), 2)
