"""Mention + sentence → Event draft: trigger, title, location, participants, status, tense.

A date of day granularity (or a time) that attaches to an event trigger in its sentence becomes
a draft. Coarse or vague dates attached to a trigger become Problems. Durations never make events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calendar_extract.events import resolve
from calendar_extract.events.attach import SentenceInfo, pick_trigger
from calendar_extract.events.headings import HEADING
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.location import find_location, find_participants
from calendar_extract.events.prepare import (
    PRONOUN_START, appositive, attach_set_times, dateline_date, has_past_verb, join_ranges, moved_to,
    split_moves,
)
from calendar_extract.events.sentences import Sentence
from calendar_extract.events.status import confidence, find_status, past_tense
from calendar_extract.events.title import event_title
from calendar_extract.events.triggers import Trigger, clause_bounds
from calendar_extract.model import Context, Event, Granularity, MentionType, Problem, Status, TimeMention

__all__ = ["DEFAULT_TIME", "Draft", "draft_events", "make_event", "problem_for"]

Span = tuple[int, int]

# "All other shows start at 9 p.m.", "Every match kicks off at 3pm": the time of the listed events.
DEFAULT_TIME = re.compile(
    r"\b(?:all|every|each|both)\b[^.;\n]{0,40}\b(?:start|starts|starting|begin|begins|kick\s+off|kicks\s+off"
    r"|open|opens)\b|\ball\s+(?:[a-z-]+\s+){0,2}(?:deadlines|times|sessions|shows|events|games|matches)"
    r"\s+(?:are|is)\b",  # "(all deadlines are 23:59 AoE)"
    re.IGNORECASE,
)


_N_DAY = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})-day\b", re.IGNORECASE)

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}

@dataclass(frozen=True, slots=True)
class Draft:
    """An event draft with what made it: the sentence index, the mention and the trigger."""

    event: Event
    sentence: int
    mention: TimeMention | None
    trigger: Trigger
    date_stated: bool = True

def _inside_event(text: str, trig: Trigger, floor: int, lex: EventLexicon) -> bool:
    """"… at the fair", "during the summit": a definite event noun after a preposition."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", text[max(floor, trig.start - 40) : trig.start])[-3:]]
    for index in range(len(words) - 1, 0, -1):
        if words[index] in lex.anaphora:
            return words[index - 1] in {"at", "during", "in", "after", "before", "ahead", "on", "for"}
    return False

def _event_window(text: str, sent: Sentence, mention: TimeMention, trig: Trigger) -> Span:
    """The clauses of the mention and of its trigger (a heading: the mention's clause alone)."""
    a = clause_bounds(text, sent.start, sent.end, mention.start)
    if trig.kind == HEADING:
        return a
    b = clause_bounds(text, sent.start, sent.end, trig.start)
    return min(a[0], b[0]), max(a[1], b[1])

def _n_day_end(text: str, trig: Trigger, placement: resolve.Placement) -> resolve.Placement:
    """"the four-day festival … kicking off the 22nd" → a four-day range from the start day."""
    if not placement.all_day or placement.end is not None or placement.rrule:
        return placement
    match = _N_DAY.search(text, max(0, trig.start - 25), trig.start)
    if match is None:
        return placement
    word = match.group(1).lower()
    days = _NUMBERS.get(word) or int(word)
    start = placement.start
    assert isinstance(start, dt.date)
    return dataclasses.replace(placement, end=start + dt.timedelta(days=days - 1))

def _midnight_deadline(trig: Trigger, mention: TimeMention, placement: resolve.Placement) -> resolve.Placement:
    """"The deadline is midnight on Thursday 31 January" ends that day: 23:59, not 1 February 00:00."""
    start = placement.start
    if trig.cls != "deadline" or "midnight" not in mention.surface.lower() or not isinstance(start, dt.datetime):
        return placement
    if (start.hour, start.minute) != (0, 0):
        return placement
    return dataclasses.replace(placement, start=start - dt.timedelta(minutes=1))


def make_event(
    text: str, info: SentenceInfo, mention: TimeMention, trig: Trigger,
    placement: resolve.Placement, ctx: Context, lex: EventLexicon, *, source: str, linked: bool,
) -> Event:
    """Build the Event of one (mention, trigger) pair in the sentence of `info`."""
    sent = info.sentence
    span = (sent.start, sent.end)
    blocked = tuple((m.start, m.end) for m in info.mentions)
    title = event_title(text, _plain(trig), span, blocked, lex)
    if "|" in trig.noun:
        title = f"{title} {trig.noun.split('|', 1)[1]}"
    window = _event_window(text, sent, mention, trig)
    placement = _n_day_end(text, trig, placement)
    placement = _midnight_deadline(trig, mention, placement)
    is_past = past_tense(text, window, lex)
    upcoming = resolve.upcoming(placement.start, ctx, is_past)
    status, cue = find_status(text, mention, trig, window, sent.start, lex, upcoming)
    if linked and status is Status.CONFIRMED:
        status, cue = Status.TENTATIVE, "date implied by a linked event"
    reasons = (
        f"date: '{mention.surface}' ({mention.rule}, {mention.value}) → {placement.start}",
        f"trigger: '{trig.text}' ({trig.kind}, {trig.cls})",
    ) + ((f"status {status.value}: '{cue}'",) if cue else ())
    return Event(
        title=title,
        start=placement.start,
        end=placement.end,
        all_day=placement.all_day,
        tzid=placement.tzid,
        location=find_location(text, window, trig.start, lex, blocked),
        participants=find_participants(text, span, lex),
        status=status,
        upcoming=upcoming,
        rrule=placement.rrule,
        evidence=sent.text,
        source=source,
        confidence=confidence(mention, trig, status, linked=linked, timed=not placement.all_day),
        trigger=f"{trig.cls}:{trig.text}",
        reasons=reasons,
    )

def _plain(trig: Trigger) -> Trigger:
    return dataclasses.replace(trig, noun=trig.noun.split("|", 1)[0]) if "|" in trig.noun else trig

def problem_for(mention: TimeMention, title: str, sent: Sentence, source: str) -> Problem:
    """A Problem for an event whose date cannot be put on a calendar."""
    return Problem(source, f"event '{title}' has no placeable date: '{mention.surface}'", sent.text)

def draft_events(
    text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str
) -> tuple[list[Draft], list[Problem], list[tuple[int, TimeMention, resolve.Placement]]]:
    """Drafts from every (mention, trigger) pair; Problems for unplaceable dates; and the dated
    times that found no trigger (they may time an event of an earlier sentence)."""
    drafts: list[Draft] = []
    problems: list[Problem] = []
    loose: list[tuple[int, TimeMention, resolve.Placement]] = []
    title_day = _title_day(infos)
    for info in infos:
        if info.skipped or not info.mentions:
            continue
        previous: TimeMention | None = None
        # once per sentence, not per mention: dense text ("at 3 pm at 3 pm …") has hundreds
        told_past = functools.cache(functools.partial(_told_of_the_past, text, info.sentence, lex))
        for mention in split_moves(text, info.sentence.start, attach_set_times(text, join_ranges(text, info))):
            if mention.type is MentionType.DURATION or appositive(text, mention, previous):
                previous = mention
                continue
            previous = mention
            made = _draft_one(text, info, mention, ctx, lex, source, drafts, title_day, told_past)
            if isinstance(made, Draft):
                drafts.append(made)
            elif isinstance(made, Problem):
                problems.append(made)
            elif made is not None:
                loose.append((info.sentence.index, mention, made))
    return drafts, problems, loose

def _draft_one(
    text: str, info: SentenceInfo, mention: TimeMention, ctx: Context, lex: EventLexicon,
    source: str, drafts: list[Draft], title_day: dt.date | None, told_past: Callable[..., bool],
) -> Draft | Problem | resolve.Placement | None:
    """The draft of one mention, or what it is instead: a Problem, a loose time (Placement), None.

    `told_past(verbs=…)` is `_told_of_the_past` of the mention's sentence."""
    if lex.reporting.search(text, max(info.sentence.start, mention.start - 20), mention.start):
        return None  # "organisers said on Friday": the date of the report, not of the event
    if resolve.bare_weekday(mention) and lex.reported_after.match(text, mention.end, info.sentence.end):
        return None  # "A federal judge on Tuesday set a May 6 hearing": the day of the decision
    if dateline_date(text, info.sentence, mention):
        return None
    if _ends_a_series(text, info, mention):
        return None  # "every Saturday … now through September 27": the last day of the series
    trig = pick_trigger(text, info, mention)
    follows = _coordinated(text, info, mention, drafts) if trig is None else None
    trig = trig or follows or _heading_of(info, mention)
    if trig is not None:
        window = _event_window(text, info.sentence, mention, trig)
        in_the_past = (past_tense(text, window, lex) or has_past_verb(text, window) or told_past(verbs=True))
        future = lex.future.search(text, window[0], window[1]) is not None or moved_to(
            text, window[0], mention.start) or not in_the_past
        mention = resolve.retense(mention, ctx, future=future)
    placement = resolve.place(mention, ctx)
    stated = resolve.states_date(mention)
    if placement is not None and not stated:
        anchor = _anchor_day(drafts, info.sentence.index)
        own = resolve.day_of(placement.start)
        if anchor is not None and own > anchor and own != ctx.reference.date():
            anchor = None  # the tagger dated it by a later date ("15:30 … " under "Thursday 5 June")
        if anchor is None and title_day is not None and own == ctx.reference.date():
            anchor = title_day  # "Prime Minister's itinerary for Thursday, January 26" / "1:45 p.m. …"
        if anchor is not None:
            placement = resolve.with_date(placement, anchor)
        if trig is None and told_past():
            return None  # "she had been cycling home at about 7.40am when …": a time of the past
        if trig is None or trig.generic or trig.cls in {"keynote", "statement"}:
            return placement  # a bare time: it may give the time of an earlier all-day event
        if DEFAULT_TIME.search(info.sentence.text):
            return placement  # "Both are day games starting at 1.30 pm": the time of earlier dates
        if anchor is not None and trig.kind == "noun" and _inside_event(text, trig, info.sentence.start, lex):
            return None  # "a reading at the fair at 2:30 pm": a part of it, not the fair's time
    if trig is not None and _not_the_event_date(text, info, trig, mention):
        return None
    if trig is None and placement is not None and not placement.all_day and not placement.rrule:
        return placement  # "The matter will be taken up at 2.30 pm on August 22": the time of that day's event
    if trig is None or (trig.generic and trig.noun == "event" and PRONOUN_START.match(info.sentence.text)):
        return None  # "It will take place on 6 March": link.borrow_subjects names it
    if placement is None:
        blocked = tuple((m.start, m.end) for m in info.mentions)
        span = (info.sentence.start, info.sentence.end)
        return problem_for(mention, event_title(text, _plain(trig), span, blocked, lex), info.sentence, source)
    event = make_event(text, info, mention, trig, placement, ctx, lex, source=source, linked=False)
    if follows is not None:  # the place of "… before moving to São Paulo's Espaço Paulista on September 14"
        event = dataclasses.replace(event, location=_own_place(text, info, mention, drafts, lex))
    return Draft(event, info.sentence.index, mention, trig, stated)

_COORDINATION_REACH = 200


def _coordinated(text: str, info: SentenceInfo, mention: TimeMention, drafts: Sequence[Draft]) -> Trigger | None:
    """More dates of the event dated earlier in the sentence: "The tour opens in Rio on
    September 7, before moving to São Paulo on September 14 and Curitiba on September 21"."""
    if not resolve.states_date(mention) or mention.type is MentionType.SET:
        return None
    for draft in reversed(drafts):
        if draft.sentence != info.sentence.index or draft.mention is None:
            continue
        between = text[draft.mention.end : mention.start]
        if draft.event.rrule or draft.trigger.kind == HEADING or _RANGE_END.search(between):
            return None  # "every Saturday … now through September 27": the end of a series
        if draft.mention.end <= mention.start and len(between) <= _COORDINATION_REACH and ";" not in between:
            return draft.trigger
        return None
    return None


def _own_place(
    text: str, info: SentenceInfo, mention: TimeMention, drafts: Sequence[Draft], lex: EventLexicon
) -> str | None:
    """The place named between the previous date of the sentence and this one, if any."""
    before = [d.mention.end for d in drafts if d.sentence == info.sentence.index and d.mention is not None
              and d.mention.end <= mention.start]
    floor = max(before, default=info.sentence.start)
    blocked = tuple((m.start, m.end) for m in info.mentions)
    return find_location(text, (floor, mention.end), floor, lex, blocked)


def _ends_a_series(text: str, info: SentenceInfo, mention: TimeMention) -> bool:
    if not _RANGE_END.search(text, max(info.sentence.start, mention.start - 25), mention.start):
        return False
    return any(m.type is MentionType.SET and m.rrule and m.end <= mention.start for m in info.mentions)


_RANGE_END = re.compile(r"\b(?:until|till|through|thru|to|up\s+to|ending|ends?)\s*(?:the\s+)?$", re.IGNORECASE)


def _heading_of(info: SentenceInfo, mention: TimeMention) -> Trigger | None:
    """The paragraph heading names a date the body states outright, not a bare weekday
    ("Human Rights Day falls on a Sunday this year" under "PUBLIC HOLIDAY")."""
    if mention.type is MentionType.SET or (resolve.states_date(mention) and not resolve.bare_weekday(mention)):
        return info.heading
    return None


def _told_of_the_past(text: str, sentence: Sentence, lex: EventLexicon, *, verbs: bool = False) -> bool:
    """A sentence in the past with no future in it; with `verbs`, any past verb form counts too
    ("Last weekend's Spring Hackathon (20-21 May) brought 64 people"), not only the tense cues."""
    span = (sentence.start, sentence.end)
    if lex.future.search(text, *span):
        return False
    return past_tense(text, span, lex) or (verbs and has_past_verb(text, span))


def _not_the_event_date(text: str, info: SentenceInfo, trig: Trigger, mention: TimeMention) -> bool:
    """The date is a bound, another noun's day or a period's end, not the day of the trigger's event."""
    floor = info.sentence.start
    if trig.kind == "noun" and trig.cls != "deadline" and trig.end <= mention.start and (
            _UNTIL_BOUND.search(text, max(floor, mention.start - 30), mention.start)):
        return True  # "the suspension of trade fairs until at least 5 March": a bound, not the fair
    if trig.kind == "noun" and _dates_another_noun(text, trig, mention):
        return True  # "The decision follows the Decree (DPCM) of 14 January": the decree's date
    # "the first quarter of fiscal 2015, which ends Sept. 30": a period, no event
    return trig.generic and _PERIOD_SUBJECT.search(text, max(floor, trig.start - 60), trig.start) is not None


_PERIOD_SUBJECT = re.compile(
    r"\b(?:quarter|fiscal|financial\s+year|tax\s+year|year|period|half|month)\b[^.;]{0,40}$", re.IGNORECASE
)
_UNTIL_BOUND = re.compile(r"\b(?:until|till|up\s+to)\s+(?:at\s+least\s+|the\s+end\s+of\s+)?$", re.IGNORECASE)
_TIME_NOUNS = frozenset({"week", "weekend", "month", "day", "days", "evening", "morning", "night", "afternoon",
                         "start", "end", "beginning", "middle", "eve", "date", "dates", "session", "sessions",
                         "edition", "round", "leg", "stage", "part", "half"})
_NOUN_OF = re.compile(r"([A-Za-z][\w-]*)\s+of\s+(?:the\s+)?$")


def _dates_another_noun(text: str, trig: Trigger, mention: TimeMention) -> bool:
    """A date after "<noun> of" names that noun's day, unless the noun is the trigger itself."""
    if trig.end > mention.start or mention.start - trig.end > 200:
        return False
    between = re.sub(r"\([^()]*\)", " ", text[trig.end : mention.start])
    found = _NOUN_OF.search(between)
    if found is None or found.group(1).lower() in _TIME_NOUNS:
        return False  # "pushed it back to the week of 13 to 17 July"
    return bool(between[: found.start()].strip())


_TITLE_LINE = 100


def _title_day(infos: Sequence[SentenceInfo]) -> dt.date | None:
    """The one day named in a document's short first line ("Obama's day, March 13")."""
    if not infos or len(infos[0].sentence.text) > _TITLE_LINE:
        return None
    days = [m for m in infos[0].mentions if m.type is MentionType.DATE and m.granularity is Granularity.DAY
            and m.begin is not None and m.begin == m.until]
    return resolve.day_of(days[0].begin) if len(days) == 1 and days[0].begin is not None else None


def _anchor_day(drafts: Sequence[Draft], index: int, reach: int = 3) -> dt.date | None:
    """The day of the latest event drafted in the `reach` sentences before sentence `index`."""
    for draft in reversed(drafts):
        if index - reach <= draft.sentence <= index and draft.event.rrule is None:
            return resolve.day_of(draft.event.start)
    return None
