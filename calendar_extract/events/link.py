"""Cheap cross-sentence links: a time that completes an earlier all-day event, an undated event
that happens during a dated one, "It will take place on 6 March" after the sentence naming "it"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Sequence

from calendar_extract.events import resolve
from calendar_extract.events.assemble import DEFAULT_TIME, Draft, make_event
from calendar_extract.events.attach import SentenceInfo, pick_trigger
from calendar_extract.events.prepare import PRONOUN_START
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.datelines import DATELINE_REASON
from calendar_extract.events.location import find_location
from calendar_extract.events.title import event_title, finish
from calendar_extract.events.triggers import Trigger
from calendar_extract.model import Context, Event, MentionType, Problem, Status, TimeMention

__all__ = ["add_times", "inherit_dates", "borrow_subjects", "vague_problems"]

# How many sentences back a bare time or an undated event may look for its event.
TIME_REACH = 8
INHERIT_REACH = 2
_FUTURE = re.compile(r"\b(?:will|'ll|is\s+to|are\s+to|scheduled|due\s+to|set\s+to|planned)\b", re.IGNORECASE)


def add_times(
    drafts: list[Draft], loose: Sequence[tuple[int, TimeMention, resolve.Placement]]
) -> list[Draft]:
    """Give a bare time ("I'll be speaking at 12 noon GMT") to the latest all-day event before it.

    Example: "…the Global Webinar, which takes place this coming Saturday, April 28th." … "I'll be
    speaking at 12 noon GMT" → the webinar starts 2012-04-28 12:00 UTC.
    """
    out = list(drafts)
    for index, mention, placement in loose:
        if placement.all_day:
            continue
        stated = resolve.states_date(mention)
        for position in range(len(out) - 1, -1, -1):
            draft = out[position]
            if not index - TIME_REACH <= draft.sentence <= index:
                continue
            if stated and resolve.day_of(draft.event.start) != resolve.day_of(placement.start):
                continue  # "at 2.30 pm on August 22" times only an event of August 22
            if draft.event.all_day and draft.event.end is None and draft.event.rrule is None:
                moved = resolve.with_date(placement, resolve.day_of(draft.event.start))
                out[position] = _timed(draft, moved, mention)
            break
    return out


def default_times(
    text: str, infos: Sequence[SentenceInfo], drafts: list[Draft],
    loose: Sequence[tuple[int, TimeMention, resolve.Placement]],
) -> tuple[list[Draft], list[tuple[int, TimeMention, resolve.Placement]]]:
    """"All other shows start at 9 p.m." times the all-day events dated earlier in its paragraph;
    returns the drafts and the bare times still loose."""
    out, rest = list(drafts), []
    untimed: dict[int, list[int]] = {}  # paragraph → positions of its all-day drafts, in sentence order
    for position in sorted(range(len(out)), key=lambda p: out[p].sentence):
        event = out[position].event
        if event.all_day and event.end is None and not event.rrule:
            untimed.setdefault(infos[out[position].sentence].sentence.paragraph, []).append(position)
    defaults = functools.cache(lambda i: DEFAULT_TIME.search(infos[i].sentence.text) is not None)
    for index, mention, placement in loose:
        if placement.all_day or not defaults(index):
            rest.append((index, mention, placement))
            continue
        waiting = untimed.get(infos[index].sentence.paragraph, [])
        while waiting and out[waiting[0]].sentence <= index:  # each draft is timed once: linear work
            position = waiting.pop(0)
            event = out[position].event
            out[position] = _timed(out[position], resolve.with_date(placement, resolve.day_of(event.start)), mention)
    return out, rest


def sentence_times(infos: Sequence[SentenceInfo], drafts: list[Draft], ctx: Context) -> list[Draft]:
    """An all-day draft takes a time of day stated for its day in its own sentence that no other
    draft took ("adjourned the hearing … to 2.30 pm on August 22", "14:00-15:30 GMT")."""
    out = list(drafts)
    taken = {(d.sentence, d.event.start) for d in drafts if not d.event.all_day}
    for position, draft in enumerate(out):
        event = draft.event
        if not event.all_day or event.rrule or event.end is not None:
            continue
        for mention in infos[draft.sentence].mentions:
            placement = resolve.place(mention, ctx) if mention.type is MentionType.TIME else None
            if placement is None or placement.all_day or (draft.sentence, placement.start) in taken:
                continue
            if resolve.day_of(placement.start) != resolve.day_of(event.start) and resolve.states_date(mention):
                continue  # the time of another day
            moved = resolve.with_date(placement, resolve.day_of(event.start))
            out[position] = _timed(draft, moved, mention)
            taken.add((draft.sentence, moved.start))
            break
    return out


def _timed(draft: Draft, placement: resolve.Placement, mention: TimeMention) -> Draft:
    event = dataclasses.replace(
        draft.event,
        start=placement.start,
        end=placement.end,
        all_day=False,
        tzid=placement.tzid,
        reasons=draft.event.reasons + (f"time: '{mention.surface}' ({mention.value}) → {placement.start}",),
    )
    return dataclasses.replace(draft, event=event)


def _determiner(text: str, trig: Trigger, floor: int, lex: EventLexicon) -> str:
    """The article or demonstrative of a trigger noun, looking back over at most four words."""
    words: list[str] = re.findall(r"[\w'’-]+", text[max(floor, trig.start - 50) : trig.start])[-4:]
    for word in reversed(words):
        lower = word.lower()
        if lower in {"a", "an"} or lower in lex.anaphora or lower in {"its", "his", "her", "their"}:
            return lower
    return ""


def _first_new_trigger(text: str, info: SentenceInfo, lex: EventLexicon) -> Trigger | None:
    """The first trigger noun of an undated sentence when it names a new event with "a"/"an"
    ("A bilateral meeting", "will watch a first-round game"), None when the sentence refers back
    ("the summit", "attend the summit") or names no event."""
    nouns = [t for t in info.triggers if t.kind == "noun" and t.cls != "event"]
    if not nouns:
        return None
    first = nouns[0]
    if _determiner(text, first, info.sentence.start, lex) not in {"a", "an"}:
        return None
    return first


def inherit_dates(
    text: str, infos: Sequence[SentenceInfo], drafts: list[Draft], ctx: Context,
    lex: EventLexicon, *, source: str,
) -> list[Draft]:
    """An undated, new event told in the future tense right after a dated upcoming event, or
    "during" it, happens on that event's day (tentatively: the day is implied).

    Example: "The upcoming European Council meeting on 6 March in Brussels …" … "A bilateral meeting
    … is scheduled to take place during the Ukrainian leader's visit to Brussels." → 2025-03-06.
    """
    out = list(drafts)
    dated = {d.sentence for d in drafts}
    for info in infos:
        index = info.sentence.index
        if info.skipped or index in dated or info.mentions:
            continue
        sentence = info.sentence.text
        if not (_FUTURE.search(sentence) or lex.linking.search(sentence)):
            continue
        trig = _first_new_trigger(text, info, lex)
        anchor = _anchor(out, index)
        if trig is None or anchor is None:
            continue
        out.append(_inherited(text, info, trig, anchor, ctx, lex, source))
    return out


def _anchor(drafts: Sequence[Draft], index: int) -> Draft | None:
    for draft in reversed(drafts):
        if index - INHERIT_REACH <= draft.sentence < index and draft.date_stated:
            if draft.event.upcoming and draft.event.rrule is None and draft.mention is not None:
                return draft
    return None


def _inherited(
    text: str, info: SentenceInfo, trig: Trigger, anchor: Draft, ctx: Context, lex: EventLexicon,
    source: str,
) -> Draft:
    assert anchor.mention is not None
    start = resolve.day_of(anchor.event.start)
    placement = resolve.Placement(start, None, True, None)
    mention = dataclasses.replace(anchor.mention, start=info.sentence.start, end=info.sentence.start)
    event = make_event(text, info, mention, trig, placement, ctx, lex, source=source, linked=True)
    event = dataclasses.replace(
        event,
        location=event.location or anchor.event.location,
        reasons=(f"date implied by '{anchor.event.title}' ({start}) in an earlier sentence",)
        + event.reasons[1:],
    )
    return Draft(event, info.sentence.index, None, trig, date_stated=False)


# "It will now be on …", "The full programme will now be run on …": the new date of the event before.
_NEW_DATE = re.compile(r"\b(?:will|would|is\s+to)\s+now\s+(?:be|take\s+place|go\s+ahead)\b", re.IGNORECASE)
# "WHEN: Tue 4/8, 6:30 p.m." under the notice that names the event.
_WHEN_LABEL = re.compile(r"\s*(?:when|date\s+and\s+time|date\s*&\s*time|dates?\s+and\s+times?)\s*:", re.IGNORECASE)


# "What:  Q4 roadmap kickoff" over "When:  Thursday, Sept. 26, 2:00-3:30 pm CT": the event's name.
_WHAT_LABEL = re.compile(r"\s*(?:what|event|title|topic)\s*:\s*(\S.{0,80}?)\s*$", re.IGNORECASE)


def _what_field(info: SentenceInfo) -> list[Trigger]:
    """The value of a "What:" line as the trigger of the "When:" line under it."""
    found = _WHAT_LABEL.match(info.sentence.text)
    if found is None:
        return []
    start = info.sentence.start + found.start(1)
    value = found.group(1)
    return [Trigger(start, start + len(value), value, "noun", value.split()[-1].lower(), "event")]


def borrow_subjects(
    text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str
) -> list[Draft]:
    """"It will take place on 6 March." names the event of the sentence before it."""
    out: list[Draft] = []
    for prev, info in zip(infos, infos[1:]):
        said = info.sentence.text
        label = _WHEN_LABEL.match(said)
        new_date = _NEW_DATE.search(said)
        if info.skipped or not (PRONOUN_START.match(said) or label or new_date):
            continue
        if prev.mentions and not (new_date or label):
            continue  # "The AGM on 27 November … It will now be on 15 January" names a new date
        named = [t for t in prev.triggers if not t.generic] or (_what_field(prev) if label else [])
        for mention in info.mentions:
            own = pick_trigger(text, info, mention)
            placement = resolve.place(mention, ctx)
            if not named or placement is None or (own is not None and not own.generic):
                continue
            event = make_event(text, prev, mention, named[0], placement, ctx, lex, source=source, linked=False)
            blocked = tuple((m.start, m.end) for m in info.mentions)
            place = find_location(text, (info.sentence.start, info.sentence.end), mention.start, lex, blocked)
            status = event.status
            if new_date and status is Status.CANCELLED:
                status = Status.CONFIRMED  # the new date of a postponed event
            what = _WHAT_LABEL.match(prev.sentence.text)
            event = dataclasses.replace(
                event, evidence=f"{prev.sentence.text} ... {info.sentence.text}",
                title=finish(what.group(1), lex) if what and label else event.title,
                location=place if label else place or event.location,  # a WHERE line may follow
                status=status,
            )
            out.append(Draft(event, info.sentence.index, mention, named[0]))
            break
    return out


def vague_problems(
    text: str, infos: Sequence[SentenceInfo], drafts: Sequence[Draft], lex: EventLexicon, *, source: str
) -> list[Problem]:
    """An event named with only a vague time ("at an appropriate time") is reported, not placed."""
    dated = {d.sentence for d in drafts}
    problems = []
    for info in infos:
        if info.sentence.index in dated or info.skipped or not info.triggers or info.mentions:
            continue
        match = lex.vague.search(text, info.sentence.start, info.sentence.end)
        if match is None or match.group()[:1].isupper() and match.start() != info.sentence.start:
            continue
        trig = info.triggers[0]
        span = (info.sentence.start, info.sentence.end)
        title = event_title(text, trig, span, (), lex)
        problems.append(
            Problem(source, f"event '{title}' has no placeable date: '{match.group()}'", info.sentence.text)
        )
    return problems


def drop_historical(
    events: Sequence[Event], ctx: Context, *, source: str, days: int = 366
) -> tuple[list[Event], list[Problem]]:
    """Events more than a year before the reference date are history, not calendar entries."""
    floor = ctx.reference.date() - dt.timedelta(days=days)
    kept, problems = [], []
    for event in events:
        if resolve.day_of(event.start) < floor and event.rrule is None:
            message = f"'{event.title}' on {resolve.day_of(event.start)} is long past"
            problems.append(Problem(source, message, event.evidence))
        else:
            kept.append(event)
    return kept, problems


def with_dateline(events: Sequence[Event], place: str | None) -> list[Event]:
    """Events with no place of their own happen where the story is datelined ("DOVER, Del. –")."""
    if place is None:
        return list(events)
    why = (f"{DATELINE_REASON} '{place}'",)
    return [e if e.location else dataclasses.replace(e, location=place, reasons=e.reasons + why) for e in events]
