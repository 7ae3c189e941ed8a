"""Mention refinements before drafting: ranges told in two mentions, moves told as one, a SET and
its time, dateline dates, and the tense that decides which week a bare weekday means."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Sequence

from calendar_extract.events import resolve
from calendar_extract.events.attach import SentenceInfo, pick_trigger
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.sentences import Sentence, sentence_at
from calendar_extract.events.status import past_tense
from calendar_extract.events.triggers import clause_bounds
from calendar_extract.model import Granularity, MentionType, TimeMention

__all__ = [
    "PRONOUN_START", "appositive", "attach_set_times", "dateline_date", "has_past_verb", "join_ranges",
    "moved_to", "split_moves", "weekday_tenses",
]

Span = tuple[int, int]
_WEEKDAY_ONLY = re.compile(
    r"^(?:on\s+|a\s+|this\s+|next\s+|last\s+|coming\s+)*(?:mon|tues|wednes|thurs|fri|satur|sun)day$",
    re.IGNORECASE,
)

# A sentence that opens with a pronoun or a bare event noun refers to the event named before it.
PRONOUN_START = re.compile(
    r"^(?:it|this|that|the\s+(?:event|meeting|summit|conference|ceremony|session|show|visit|game|"
    r"match|vote|hearing|talks))\b",
    re.IGNORECASE,
)

_FOR_BEFORE = re.compile(r"\b(?:for|until|till|by|next|this\s+coming|coming)\s+$", re.IGNORECASE)

# Past-tense verbs: regular "-ed" forms (not the participles of plans) and common irregular ones.
_PAST_VERB = re.compile(
    r"\b(?!(?:scheduled|expected|planned|proposed|delayed|postponed|set|slated|booked|timed|"
    r"billed|tipped|rumored|rumoured|needed|red|bed|shed|seed|speed|feed|need|indeed|hundred|"
    r"wed|led)\b)[a-z]{3,}ed\b|\b(?:took|won|lost|beat|drew|met|held|gave|made|went|came|saw|"
    r"told|began|ran|rose|fell|left|spent|brought|kept|sent|struck|paid|spoke|wrote|chose|"
    r"fought|hit|got|did|was|were|had)\b"
)

_ADJECTIVAL = frozenset("the a an newly recently is are be been being was were its his her their".split())

def has_past_verb(text: str, span: Span) -> bool:
    """A finite past-tense verb in the span ("took", "drew", "ended"), not "the newly elected"."""
    for match in _PAST_VERB.finditer(text, span[0], span[1]):
        if text[match.start() - 1 : match.start()] == "-":
            continue  # a compound adjective: "second-placed", "long-awaited"
        if match.group().endswith("ed") and re.match(r"\s+by\b", text[match.end() : match.end() + 4]):
            continue  # a participle phrase: "…, followed by talks on November 14"
        before = re.findall(r"[\w'’]+", text[max(span[0], match.start() - 20) : match.start()])
        if not before or before[-1].lower() not in _ADJECTIVAL or not match.group().endswith("ed"):
            return True
    return False

# "plans"/"hopes" only as verbs ("plans to", "hopes for"), not nouns ("the plans", "our hopes").
_MODAL = re.compile(
    r"\b(?:would|could|might|has\s+to|have\s+to|if)\b|(?<!\bthe\s)(?<!\bits\s)\b(?:plans?|hopes?)\s+(?:to|for)\b",
    re.IGNORECASE,
)

def weekday_tenses(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[TimeMention], lex: EventLexicon
) -> dict[int, str]:
    """"future"/"past" for each bare weekday whose clause shows a tense, keyed by mention start.

    Example: "a backup attempt for Thursday" → future; "was extended … on Tuesday" → past.
    """
    weekdays = [(sentence_at(sentences, m.start), m) for m in mentions if resolve.bare_weekday(m)]
    crowded = Counter(sent.start for sent, _ in weekdays if sent is not None)
    tense = functools.cache(functools.partial(_clause_tense, text, lex))
    tenses: dict[int, str] = {}
    for sent, mention in weekdays:
        if sent is None:
            continue
        if crowded[sent.start] > _CROWDED:  # a run of weekdays, not prose: one tense for all of them
            tenses[mention.start] = tense(sent.start, sent.end, sent.start)
            continue
        clause = clause_bounds(text, sent.start, sent.end, mention.start)
        tenses[mention.start] = tense(*clause, mention.start)
    return tenses


# More bare weekdays than this in one sentence is a list or junk ("Tuesday Tuesday …"), not prose.
_CROWDED = 20


def _clause_tense(text: str, lex: EventLexicon, start: int, end: int, offset: int) -> str:
    """"future"/"past" for a bare weekday at `offset` in the clause text[start:end]."""
    if _FOR_BEFORE.search(text, start, offset) and _FOR_BEFORE.search(text[start:offset]):
        return "future"
    if lex.future.search(text, start, end) or _MODAL.search(text, start, end):
        return "future"
    if past_tense(text, (start, end), lex) or has_past_verb(text, (start, end)):
        return "past"
    return "future"  # "Arsenal host Chelsea on Saturday": a fixture ahead

def appositive(text: str, mention: TimeMention, previous: TimeMention | None) -> bool:
    """"25 November, a Sunday": a bare weekday right after a date repeats it."""
    if previous is None or previous.type is MentionType.SET:
        return False
    between = text[previous.end : mention.start]
    if not re.fullmatch(r"\s*[,(]\s*(?:a|an|the|on|which\s+is)?\s*", between, re.IGNORECASE):
        return False
    return bool(_WEEKDAY_ONLY.match(mention.surface))

_NEW_DATE = re.compile(
    r"\b(?:postponed|pushed\s+(?:it\s+|them\s+)?back|moved|rescheduled|delayed)\b[^.;]*?\b(?:to|until|for)\b",
    re.IGNORECASE,
)

_FROM = re.compile(r"\b(?:from|between|starting)\s+(?:the\s+)?$", re.IGNORECASE)

_UNTIL = re.compile(r"\b(?:until|till|to|through|thru|and)\s+(?:the\s+)?$", re.IGNORECASE)
# How far after a range's start its end may stand ("From 4:30 p.m. on Friday, December 22, when …,
# until 7:30 a.m. on Tuesday January 2"): a bound, so that dense text costs linear time.
_PARTNER_REACH = 300

def join_ranges(text: str, info: SentenceInfo) -> tuple[TimeMention, ...]:
    """"From 4:30 p.m. on Friday, December 22 … until 7:30 a.m. on Tuesday January 2" → one
    mention spanning both; the second stays only when another trigger claims it. A mention that
    is a range itself ("from 8 a.m. to noon … through September 27") opens no other one, nor
    does a day after a move ("moved from Friday to Sunday")."""
    mentions = list(info.mentions)
    out: list[TimeMention] = []
    skip: set[int] = set()
    for i, first in enumerate(mentions):
        if i in skip:
            continue
        start = max(info.sentence.start, first.start - 20)
        partner = None
        moved = _MOVE_VERB.search(text, max(info.sentence.start, first.start - 60), first.start)
        if first.begin is not None and first.until in (None, first.begin) and moved is None:
            before = text[start : first.start]
            closes = _closes if _FROM.search(before) else _shuts if _OPENS.search(before) else _runs_to
            if _day_pair(text, first, mentions[i + 1] if i + 1 < len(mentions) else None):
                partner = i + 1
            elif closes is not None:
                reach = first.end + _REACHES.get(closes, _PARTNER_REACH)  # bounded work per mention
                partner = next((j for j in range(i + 1, len(mentions))
                                if mentions[j].start > reach or closes(text, first, mentions[j])), None)
                if partner is not None and mentions[partner].start > reach:
                    partner = None
        if partner is None:
            out.append(first)
            continue
        second = mentions[partner]
        out.append(dataclasses.replace(first, until=_range_end(first, second)))
        if pick_trigger(text, info, second) == pick_trigger(text, info, first):
            skip.add(partner)
    return tuple(out)

# "moved from Friday to Sunday" names the old day and the new one, not a range.
_MOVE_VERB = re.compile(
    r"\b(?:moved|postponed|rescheduled|pushed\s+back|delayed|brought\s+forward|shifted)\b[^.;:,]{0,30}$",
    re.IGNORECASE,
)

_MOVED_FROM = re.compile(
    r"\b(?:moved|postponed|rescheduled|pushed\s+back|delayed|brought\s+forward|shifted|changed)\b"
    r"[^.;:]{0,30}?\bfrom\s+$",
    re.IGNORECASE,
)

_TO = re.compile(r"\s+(?:to|until|till)\s+")

_SERIES_UNTIL = re.compile(
    r"\s*(?:,\s*)?(?:until|till|through|thru|up\s+to|to|ending|(?:right\s+)?up\s+to|until\s+and\s+including)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SERIES_GAP = 60  # characters between a series and its "until <date>" ("… at 4pm AEST until 30 July")


# "every Tuesday at 6 pm", "every Wednesday, 7.30-9.30pm", "each Friday from 10 to 12".
_SET_TIME_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:at|from)\s*)?")


def attach_set_times(text: str, mentions: Sequence[TimeMention]) -> tuple[TimeMention, ...]:
    """"every Tuesday at 6 pm" tagged as a SET and a time → one SET at 18:00; "… until 30 July"
    ends the series (RRULE UNTIL) instead of being an event of its own."""
    out: list[TimeMention] = []
    skip: set[int] = set()
    for index, mention in enumerate(mentions):
        if index in skip:
            continue
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        if (mention.type is MentionType.SET and nxt is not None and nxt.type is MentionType.TIME
                and isinstance(nxt.begin, dt.datetime)
                and _SET_TIME_GAP.fullmatch(text, mention.end, nxt.start)):
            mention = dataclasses.replace(
                mention, end=nxt.end, surface=text[mention.start : nxt.end], begin=nxt.begin,
                until=nxt.until, granularity=nxt.granularity, tzid=nxt.tzid,
            )
            skip.add(index + 1)
            nxt = mentions[index + 2] if index + 2 < len(mentions) else None
        if mention.type is MentionType.SET and mention.rrule and nxt is not None and _ends_series(text, mention, nxt):
            last = nxt.until or nxt.begin
            assert last is not None
            day = last.date() if isinstance(last, dt.datetime) else last
            mention = dataclasses.replace(mention, rrule=f"{mention.rrule};UNTIL={day:%Y%m%d}")
            skip.add(mentions.index(nxt))
        out.append(mention)
    return tuple(out)


def _ends_series(text: str, series: TimeMention, date: TimeMention) -> bool:
    """"every Tuesday … until 30 July": a day after "until" close behind a series without an end."""
    if "UNTIL=" in (series.rrule or "") or "COUNT=" in (series.rrule or ""):
        return False
    if date.type is not MentionType.DATE or date.granularity is not Granularity.DAY or date.begin is None:
        return False
    gap = text[series.end : date.start]
    if len(gap) > _SERIES_GAP or re.search(r"[.;:!?]", gap):
        return False
    return bool(_SERIES_UNTIL.search(gap))

_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[–—-]{1,2}\s")

def dateline_date(text: str, sent: Sentence, mention: TimeMention) -> bool:
    """"Lisbon, 14 January 2026 – The forum announced …": the date of the story, not of an event."""
    return mention.start - sent.start <= 40 and bool(_DATELINE_TAIL.match(text, mention.end)) and (
        "," in text[sent.start : mention.start] or mention.start == sent.start)

def split_moves(text: str, floor: int, mentions: Sequence[TimeMention]) -> tuple[TimeMention, ...]:
    """"moved from June 3 to June 10" read as one range → the old day and the new day."""
    out: list[TimeMention] = []
    for mention in mentions:
        cut = _TO.search(mention.surface)
        moved = _MOVED_FROM.search(text, max(floor, mention.start - 60), mention.start)
        if cut is None or moved is None or mention.until in (None, mention.begin) or mention.begin is None:
            out.append(mention)
            continue
        old_end, new_start = mention.start + cut.start(), mention.start + cut.end()
        out.append(dataclasses.replace(
            mention, end=old_end, surface=text[mention.start : old_end], until=mention.begin))
        out.append(dataclasses.replace(
            mention, start=new_start, surface=text[new_start : mention.end], begin=mention.until))
    return tuple(out)

def _closes(text: str, first: TimeMention, second: TimeMention) -> bool:
    """True when `second` ends the range opened by `first` ("… until 7:30 a.m. on …")."""
    if second.begin is None or first.begin is None or second.type is not first.type and (
        {first.type, second.type} - {MentionType.DATE, MentionType.TIME}
    ):
        return False
    before = text[max(first.end, second.start - 12) : second.start]
    if second.until not in (None, second.begin) or re.search(r"[:;]", text[first.end : second.start]):
        return False  # "from 20 to 24 April: … to 13 to 17 July" are two ranges
    return bool(_UNTIL.search(before)) and _sortable(second.begin) > _sortable(first.begin)

_OPENS = re.compile(r"\b(?:open(?:s|ing)?|start(?:s|ing)?|begin(?:s|ning)?)\s+at\s+$", re.IGNORECASE)
_SHUTS = re.compile(r"\b(?:clos(?:e|es|ing)|end(?:s|ing)?|finish(?:es|ing)?)\s+at\s+$", re.IGNORECASE)
_SHUT_REACH = 60


def _shuts(text: str, first: TimeMention, second: TimeMention) -> bool:
    """True when `second` is the closing time of the window `first` opens: "a launch window
    opening at 6:42 a.m. EST and closing at 8:42 a.m." (not "opens at 9; talks end at 5 on Friday")."""
    if first.type is not MentionType.TIME or second.type is not MentionType.TIME:
        return False
    if not isinstance(first.begin, dt.datetime) or not isinstance(second.begin, dt.datetime):
        return False
    between = text[first.end : second.start]
    if len(between) > _SHUT_REACH or re.search(r"[.;:!?]", between) or "date" not in second.implied:
        return False
    return bool(_SHUTS.search(between)) and _sortable(second.begin) > _sortable(first.begin)


_DAY_DASH = re.compile(r"\s*(?:[-–—]|to|through|thru|until|till)\s*", re.IGNORECASE)
_DAY_PAIR_SPAN = 7


def _day_pair(text: str, first: TimeMention, second: TimeMention | None) -> bool:
    """Two days joined by a dash or "to"/"through" that the tagger read apart: "Friday through
    Sunday", "Friday-Sunday" (at most a week; not "Friday, Sunday" or "Friday and Sunday")."""
    if second is None or not _DAY_DASH.fullmatch(text, first.end, second.start):
        return False
    days = [m.begin for m in (first, second) if m.type is MentionType.DATE and m.granularity is Granularity.DAY
            and isinstance(m.begin, dt.date) and m.until in (None, m.begin)]
    if len(days) != 2:
        return False
    assert days[0] is not None and days[1] is not None
    gap = (resolve.day_of(days[1]) - resolve.day_of(days[0])).days
    return 0 < gap <= _DAY_PAIR_SPAN


_RUNS_TO = re.compile(
    r"\b(?:runs?|running|continues?|continuing|lasts?|lasting|stays?\s+open|remains?\s+open)\s+"
    r"(?:on\s+)?(?:through|thru|until|till|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_RUNS_REACH = 50


def _runs_to(text: str, first: TimeMention, second: TimeMention) -> bool:
    """True when `second` is the last day of an event that starts on `first`: "the fair opens
    Friday and runs through Sunday" (days only; not "opens Friday; the sale runs to Monday")."""
    if first.granularity is not Granularity.DAY or second.granularity is not Granularity.DAY:
        return False
    if not isinstance(first.begin, dt.date) or not isinstance(second.begin, dt.date):
        return False
    between = text[first.end : second.start]
    if len(between) > _RUNS_REACH or re.search(r"[.;:!?]", between) or second.until not in (None, second.begin):
        return False
    return bool(_RUNS_TO.search(between)) and _sortable(second.begin) > _sortable(first.begin)


_REACHES = {_runs_to: _RUNS_REACH, _shuts: _SHUT_REACH}


def _sortable(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time())

def _range_end(first: TimeMention, second: TimeMention) -> dt.date | dt.datetime | None:
    is_day = isinstance(second.until, dt.date) and not isinstance(second.until, dt.datetime)
    end = second.until if is_day else second.begin
    if isinstance(first.begin, dt.datetime) and isinstance(second.begin, dt.datetime):
        return second.begin
    if isinstance(first.begin, dt.datetime):
        return None
    return resolve.day_of(end) if end is not None else None


def moved_to(text: str, start: int, end: int) -> bool:
    """True when a postponement names a new date before `end`: "pushed it back to …"."""
    return _NEW_DATE.search(text, start, end) is not None
