"""Dates that belong to an event rather than to the publication date.

- "in September, kicking off the 22nd" → 22 September (a month and a day of it, told apart);
- "Halsey headlines the festival Thursday" in a text about a September festival: the weekday is a
  day of the festival, not the Thursday after publication;
- "the festival" borrows the sentence that first named it, so the evidence names the event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from calendar_extract.events import resolve
from calendar_extract.events.assemble import Draft
from calendar_extract.events.attach import SentenceInfo, pick_trigger
from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.merge import PART_PREFIX
from calendar_extract.events.title import finish
from calendar_extract.model import Context, Granularity, Problem, Status, TimeMention

__all__ = ["month_days", "fit_weekdays", "add_antecedents"]

_DAY_OF_MONTH = re.compile(
    # one \s* per gap: two in a row ("\s*(?:…)?\s*") backtrack cubically over a run of spaces
    r",?\s*(?:(?:(?:kicking|starting|beginning|opening)(?:\s+off)?|from|on|with)\s*)?(?:on\s+)?"
    r"the\s+(\d{1,2})(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_OTHER_DETERMINERS = frozenset("a an his her its their our my your".split())
_OWN_EVENT_VERBS = frozenset({"meeting", "visit", "call", "vote", "deadline", "match"})
_COARSE = frozenset({Granularity.MONTH, Granularity.WEEK})
# A weekday outside an event period this long cannot be moved into it (several candidates).
MAX_PERIOD_DAYS = 14


def month_days(text: str, mentions: Sequence[TimeMention]) -> tuple[TimeMention, ...]:
    """"in September, kicking off the 22nd" → one DATE mention for 22 September.

    Example: "held in September, kicking off the 22nd" (September read as 2022-09) → 2022-09-22/day.
    """
    out = []
    for mention in mentions:
        match = None
        if mention.granularity is Granularity.MONTH and isinstance(mention.begin, dt.date):
            match = _DAY_OF_MONTH.match(text, mention.end, min(len(text), mention.end + 40))
        day = int(match.group(1)) if match else 0
        if match is None or not 1 <= day <= 31:
            out.append(mention)
            continue
        assert isinstance(mention.begin, dt.date)
        try:
            date = mention.begin.replace(day=day)
        except ValueError:
            out.append(mention)
            continue
        out.append(dataclasses.replace(
            mention, end=match.end(), surface=text[mention.start : match.end()],
            value=date.isoformat(), rule=f"{mention.rule}+events.day_of_month",
            granularity=Granularity.DAY, begin=date, until=date,
        ))
    return tuple(out)


def definite(text: str, start: int, floor: int, lex: EventLexicon) -> bool:
    """True when the noun at `start` has "the"/"this"/"that" as its nearest determiner."""
    words = re.findall(r"[\w'’-]+", text[max(floor, start - 30) : start])[-3:]
    for word in reversed(words):
        lower = word.lower()
        if lower in lex.anaphora:
            return True
        if lower in _OTHER_DETERMINERS:
            return False
    return False


def _definite_nouns(text: str, info: SentenceInfo, lex: EventLexicon) -> set[str]:
    """Trigger nouns of the sentence introduced by "the"/"this"/"that" ("closes the event")."""
    return {
        re.sub(r"\s+", " ", match.group().lower())
        for match in lex.nouns.finditer(text, info.sentence.start, info.sentence.end)
        if definite(text, match.start(), info.sentence.start, lex)
    }


Period = tuple[str, str, dt.date, dt.date]


def _periods(
    text: str, infos: Sequence[SentenceInfo], drafts: Sequence[Draft], ctx: Context, lex: EventLexicon
) -> list[Period]:
    """(trigger noun, class, first day, last day) of every event dated by a range or a month."""
    periods = []
    for draft in drafts:
        event = draft.event
        if event.status is Status.CANCELLED:
            continue  # the old dates of a postponed summit hold none of its days
        if draft.mention is not None and not resolve.bare_weekday(draft.mention) and event.end is not None:
            periods.append((draft.trigger.noun, draft.trigger.cls, resolve.day_of(event.start),
                            resolve.day_of(event.end)))
    for info in infos:
        for mention in info.mentions:
            if mention.granularity not in _COARSE or mention.vague or not isinstance(mention.begin, dt.date):
                continue
            trig = pick_trigger(text, info, mention)
            if trig is None or trig.kind != "noun":
                continue
            window = text[info.sentence.start : info.sentence.end]
            mention = resolve.retense(mention, ctx, future=bool(lex.future.search(window)))
            assert mention.begin is not None and mention.until is not None
            periods.append((trig.noun, trig.cls, resolve.day_of(mention.begin), resolve.day_of(mention.until)))
    return periods


def fit_weekdays(
    text: str, infos: Sequence[SentenceInfo], drafts: list[Draft], ctx: Context, lex: EventLexicon,
    *, source: str,
) -> tuple[list[Draft], list[Problem]]:
    """Move a bare weekday told of "the festival"/"the event" into that event's period, or drop it
    when the period holds several such weekdays."""
    periods = _periods(text, infos, drafts, ctx, lex)
    if not periods:
        return drafts, []
    by_index = {info.sentence.index: info for info in infos}
    out, problems = [], []
    for draft in drafts:
        info = by_index.get(draft.sentence)
        if draft.mention is None or info is None or not resolve.bare_weekday(draft.mention):
            out.append(draft)
            continue
        nouns = _definite_nouns(text, info, lex)
        day = resolve.day_of(draft.event.start)
        # "Halsey headlines Thursday" plays in the festival; "ministers will meet on Friday" or
        # "Millbrook travel to Denby on Wednesday" is an event of its own, not a day of another.
        performer = draft.trigger.kind == "verb" and draft.trigger.cls not in _OWN_EVENT_VERBS
        match = [
            p for p in periods
            if (p[0] in nouns or "event" in nouns or performer and p[1] == draft.trigger.cls)
            and not p[2] <= day <= p[3]
        ]
        if not match:
            out.append(draft)
            continue
        moved = _move(draft, day, match[0])
        if moved is None:
            message = f"'{draft.event.title}': '{draft.mention.surface}' is a day of the {match[0][0]}, not placeable"
            problems.append(Problem(source, message, draft.event.evidence))
        else:
            out.append(moved)
    return out, problems


def _move(draft: Draft, day: dt.date, period: Period) -> Draft | None:
    """The draft moved to the day of the period with the same weekday, if there is just one."""
    _, _, first, last = period
    if (last - first).days >= MAX_PERIOD_DAYS:
        return None
    candidates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    same = [d for d in candidates if d.weekday() == day.weekday()]
    if len(same) != 1:
        return None
    start = draft.event.start
    new_start = dt.datetime.combine(same[0], start.time()) if isinstance(start, dt.datetime) else same[0]
    event = dataclasses.replace(
        draft.event, start=new_start, end=None, upcoming=same[0] >= day or draft.event.upcoming,
        trigger=PART_PREFIX + draft.event.trigger,
        reasons=draft.event.reasons + (f"weekday moved into the {period[0]} ({first}..{last})",),
    )
    return dataclasses.replace(draft, event=event)


def add_antecedents(text: str, infos: Sequence[SentenceInfo], drafts: list[Draft], lex: EventLexicon) -> list[Draft]:
    """"the four-day festival …" adds the sentence that first named the festival to the evidence."""
    out = []
    by_index = {i.sentence.index: i for i in infos}
    naming: dict[str, SentenceInfo] = {}  # noun → the first sentence that names it (linear, not per draft)
    for named_in in infos:
        for trigger in named_in.triggers:
            naming.setdefault(trigger.noun, named_in)
    for draft in drafts:
        info = by_index.get(draft.sentence)
        trig = draft.trigger
        if info is None or trig.kind != "noun" or trig.noun not in _definite_nouns(text, info, lex):
            out.append(draft)
            continue
        named = naming.get(trig.noun)
        first = named if named is not None and named.sentence.index < draft.sentence else None
        if first is None or first.sentence.text in draft.event.evidence:
            out.append(draft)
            continue
        evidence = f"{first.sentence.text} ... {draft.event.evidence}"
        title = draft.event.title
        name = _name_before(text, first, trig.noun, lex) if len(title.split()) == 1 else ""
        if name:
            title = finish(f"{name} {title.lower()}", lex)
        event = dataclasses.replace(draft.event, evidence=evidence, title=title)
        out.append(dataclasses.replace(draft, event=event))
    return out


def _name_before(text: str, info: SentenceInfo, noun: str, lex: EventLexicon) -> str:
    """The capitalized name nearest before `noun` in the sentence that first named the event
    ("… Firefly surprised its fans … the festival's 10th anniversary" → "Firefly")."""
    sent = info.sentence
    found = re.compile(re.escape(noun), re.IGNORECASE).search(text, sent.start, sent.end)
    if found is None:
        return ""  # named by a verb ("the board meets …"): no name before a noun
    at = found.start()
    blocked = [(m.start, m.end) for m in info.mentions]
    names = [
        m for m in re.finditer(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}", text[sent.start : at])
        if m.start() > 0 and not m.group().isupper()
        and m.group().split()[0] not in lex.not_place
        and not any(b[0] <= sent.start + m.start() < b[1] for b in blocked)
    ]
    return names[-1].group() if names else ""

