"""Weekly series named by a weekday: "Wednesday Evening Markets", "the Saturday Markets carry on
through Saturday October 31st" → FREQ=WEEKLY;BYDAY=SA;UNTIL=20201031."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from calendar_extract.events import resolve
from calendar_extract.events.attach import SentenceInfo
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.title import finish
from calendar_extract.model import Context, Event, Granularity, TimeMention
from calendar_extract.tagger.words import byday, weekday_number

__all__ = ["weekday_names", "weekly_series"]

_NAMED = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day((?:\s+[A-Za-z]+){1,3})")
_ENDS_WITH_WEEKDAY = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"\b(?:through|thru|until|till|to|last\b[^.;]{0,60}?\bis\s+on|ends?\s+on)\s+$", re.IGNORECASE)
_SERIES_CUE = re.compile(r"\b(?:every|each|weekly|remain|carry\s+on|continue|through|until)\b", re.IGNORECASE)


def _series_names(text: str, info: SentenceInfo, lex: EventLexicon) -> list[tuple[int, str, str]]:
    """(weekday number, title, trigger noun) of every "<Weekday> [Name] <trigger nouns>" phrase."""
    found = []
    for match in _NAMED.finditer(text, info.sentence.start, info.sentence.end):
        words = match.group(2).split()
        for index, word in enumerate(words):
            lower = word.lower()
            singular = re.sub(r"e?s$", "", lower)
            if lower in lex.noun_class and lower != singular and lower.endswith("s"):
                weekday = weekday_number(match.group(1) + "day") - 1  # datetime's Monday = 0
                name = " ".join([match.group(1) + "day", *words[: index + 1]])
                found.append((weekday, name, singular))
                break
            if not word[:1].isupper():
                break
    return found


def weekday_names(text: str, mentions: Sequence[TimeMention], lex: EventLexicon) -> tuple[TimeMention, ...]:
    """Drop weekdays that only name something ("the Saturday Market closes", "Wednesday markets")."""
    out = []
    for mention in mentions:
        words = re.findall(r"[A-Za-z]+", text[mention.end : mention.end + 40])[:2]
        named = _ENDS_WITH_WEEKDAY.search(mention.surface) and mention.granularity is not Granularity.MINUTE
        follows = bool(words) and (
            words[0].lower() in lex.noun_class
            or len(words) == 2 and words[0][:1].isupper() and words[1].lower() in lex.noun_class
        )
        if named and follows and text[mention.end : mention.end + 1] == " ":
            continue
        out.append(mention)
    return tuple(out)


def _until(text: str, infos: Sequence[SentenceInfo], weekday: int, noun: str) -> dt.date | None:
    """The last day of a series: a date on its weekday after "through"/"until"/"last … is on"."""
    for info in infos:
        if noun not in info.sentence.text.lower():
            continue
        for mention in info.mentions:
            day = mention.begin
            if mention.granularity is not Granularity.DAY or not isinstance(day, dt.date):
                continue
            if resolve.day_of(day).weekday() != weekday:
                continue
            if _UNTIL.search(text, max(info.sentence.start, mention.start - 80), mention.start):
                return resolve.day_of(day)
    return None


def weekly_series(
    text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str
) -> list[Event]:
    """One recurring all-day event per named weekly series with a stated end or a series cue."""
    events: dict[tuple[int, str], Event] = {}
    for info in infos:
        for weekday, name, noun in _series_names(text, info, lex):
            until = _until(text, infos, weekday, noun)
            if (weekday, noun) in events or (until is None and not _SERIES_CUE.search(info.sentence.text)):
                continue
            rule = f"FREQ=WEEKLY;BYDAY={byday(weekday + 1)}"
            if until is not None:
                rule += f";UNTIL={until:%Y%m%d}"
            first = resolve.first_occurrence(rule, ctx.reference)
            if first is None:
                continue
            events[(weekday, noun)] = Event(
                title=finish(name, lex), start=first.date(), all_day=True, rrule=rule,
                upcoming=True, evidence=info.sentence.text, source=source, confidence=0.6,
                trigger=f"{lex.noun_class.get(noun, 'event')}:{noun}",
                reasons=(f"weekly series '{name}'" + (f" until {until}" if until else ""),),
            )
    return list(events.values())
