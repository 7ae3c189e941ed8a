"""Weekdays counted from an earlier date: "the following week, on Tuesday".

"The hearing is on Wednesday, March 18. … the Council will vote the following week, on Tuesday,
at its regular 7 p.m. meeting" → Tuesday of the week after March 18 (March 24), at 19:00. The
tagger counts "the following week" from the publication date; here it follows the event the
sentence names ("after the hearing"), else the last explicit date before it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from calendar_extract.events import resolve
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.model import Granularity, MentionType, TimeMention

__all__ = ["following_weeks"]

_FOLLOWING = re.compile(r"^(?:the\s+)?(?:following|subsequent)\s+week$|^the\s+week\s+after$", re.IGNORECASE)
_TO_WEEKDAY = re.compile(r"^\s*(?:,\s*)?(?:on\s+)?$", re.IGNORECASE)
_TO_TIME = re.compile(r"^\s*(?:,\s*)?(?:at\s+)?(?:(?:its|the|their|a|his|her)\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s")
_REACH = 1500  # characters back to look for the anchor date: bounded, so linear in the text


def _explicit_day(mention: TimeMention) -> dt.date | None:
    if mention.type not in {MentionType.DATE, MentionType.TIME} or mention.relative:
        return None
    if not resolve.states_date(mention) or resolve.bare_weekday(mention) or not isinstance(mention.begin, dt.date):
        return None
    if mention.type is MentionType.DATE and mention.granularity is not Granularity.DAY:
        return None
    return resolve.day_of(mention.begin)


def _anchor(text: str, mentions: Sequence[TimeMention], index: int, lex: EventLexicon) -> dt.date | None:
    """The day the week is counted from: the latest date of the event the sentence names before
    the phrase ("After the hearing, …"), else the latest explicit date before it."""
    here = mentions[index]
    floor = max(0, here.start - _REACH)
    named = {m.group().lower() for m in lex.nouns.finditer(text, max(floor, here.start - 200), here.start)}
    latest: dt.date | None = None
    for mention in reversed(mentions[:index]):
        day = _explicit_day(mention)
        if mention.end < floor:
            break
        if day is None:
            continue
        latest = latest or day
        # the noun dates with it when it comes before it in its sentence ("hearing … on March 18")
        before = _SENTENCE_END.split(text[max(0, mention.start - 250) : mention.start])[-1].lower()
        if any(re.search(rf"\b{re.escape(noun)}\b", before) for noun in named):
            return day
    return latest


def _with_time(text: str, day_mention: TimeMention, after: TimeMention | None) -> TimeMention:
    """Join a bare time right after the weekday ("on Tuesday, at its regular 7 p.m. meeting")."""
    if after is None or after.type is not MentionType.TIME or not isinstance(after.begin, dt.datetime):
        return day_mention
    if "date" not in after.implied and "day" not in after.implied and resolve.states_date(after):
        return day_mention
    if not _TO_TIME.match(text[day_mention.end : after.start]) or "\n" in text[day_mention.end : after.start]:
        return day_mention
    day = day_mention.begin
    assert isinstance(day, dt.date)
    begin = dt.datetime.combine(day, after.begin.timetz())
    until = dt.datetime.combine(day, after.until.timetz()) if isinstance(after.until, dt.datetime) else None
    return dataclasses.replace(
        after, start=day_mention.start, surface=text[day_mention.start : after.end], begin=begin, until=until,
        value=f"{begin:%Y-%m-%dT%H:%M}", rule="following_week+time", implied=(), relative=False,
    )


def following_weeks(text: str, mentions: Sequence[TimeMention], lex: EventLexicon) -> tuple[TimeMention, ...]:
    """Re-date "<the following week>, on <weekday>" from the anchor date; drop the week itself."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    out: list[TimeMention] = []
    skip: set[int] = set()
    for index, mention in enumerate(ordered):
        if index in skip:
            continue
        nxt = ordered[index + 1] if index + 1 < len(ordered) else None
        if not _FOLLOWING.match(mention.surface) or nxt is None or not resolve.bare_weekday(nxt):
            out.append(mention)
            continue
        anchor = _anchor(text, ordered, index, lex)
        if anchor is None or not _TO_WEEKDAY.match(text[mention.end : nxt.start]) or not isinstance(nxt.begin, dt.date):
            out.append(mention)
            continue
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=7)
        day = monday + dt.timedelta(days=resolve.day_of(nxt.begin).weekday())
        moved = dataclasses.replace(nxt, begin=day, until=day, value=day.isoformat(), relative=False,
                                    rule="following_week")
        after = ordered[index + 2] if index + 2 < len(ordered) else None
        joined = _with_time(text, moved, after)
        skip |= {index + 1} | ({index + 2} if joined is not moved else set())
        out.append(joined)
    return tuple(out)
