"""Listing lines: a line that is only a date and a place is an event of its heading.

Tour dates, clinic schedules and fixture lists put one event per line without any trigger word:

    THE HOLLOW PINES - SPRING TOUR            (document heading: the subject)
    All shows start at 8pm.                   (default time of the entries)
    Thu 15 May - Bristol, The Lantern Hall    → "The Hollow Pines: Bristol, The Lantern Hall" 20:00
    Saturday pop-up clinics - 10 a.m. to 2 p.m.   (block heading: name and time)
    - Saturday, October 25: Riverside Library     → "Saturday pop-up clinics: Riverside Library"
    Evening clinic - Wednesday, October 22, 4 to 8 p.m., Eastgate School   (named entry)

Programmes put the day on a heading line and one item per line under it:

    >> Tuesday 3 June                             (day heading)
    14:00  Hands-on workshop (Salle 2.04, …)      → "Hands-on workshop" 14:00 on 3 June, Salle 2.04
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from calendar_extract.events import resolve
from calendar_extract.events.attach import SentenceInfo
from calendar_extract.events.lexicon import EventLexicon, listing_words
from calendar_extract.events.location import find_location
from calendar_extract.events.sentences import closes_line, opens_line
from calendar_extract.events.showings import (
    LETTERHEAD_LINES, bare_time, blank, days_before, lists_days, series_events, show_events, timed,
)
from calendar_extract.events.title import finish
from calendar_extract.model import Context, Event, MentionType, Status, TimeMention
from calendar_extract.tagger.words import byday, weekday_number

__all__ = ["listing_events"]

_MAX_LINE = 140
_BULLET = re.compile(r"^\s*(?:[-•*–—·]\s+)?")
_EMAIL_HEADER = re.compile(r"(?:from|to|cc|bcc|date|subject|sent|reply-to)\s*:", re.IGNORECASE)
_NAME_DASH = re.compile(r"^(.+?)(?:\s+[-–—]|:)\s*$")  # "Evening clinic - …", "Abstract registration: …"
_RANGE_WORDS = re.compile(r"^[\s,]*(?:(?:through|thru|to|and|&|or|-|–)[\s,]*)*$", re.IGNORECASE)
_SEGMENT_BREAK = re.compile(r"\s[-–—]\s|[()\[\]|:;·•]")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
_HEAD_BREAK = re.compile(r"\s[-–—]\s|:\s")
# "Sat 5 Oct - Alemannia Südpark (H) - MOVED, see below": the line's date no longer holds.
_CANCELLED = re.compile(r"\b(?:cancell?ed|called\s+off|postponed|scrapped|moved)\b", re.IGNORECASE)
_NOT_PLACE = re.compile(r"^(?:sold\s+out|cancell?ed|postponed|free|tba|tbc|new\s+date)\b", re.IGNORECASE)
# "All shows start at 8pm", "Every session begins at 10 a.m.": the time of every listed entry.
_DEFAULT_TIME = re.compile(r"\b(?:all|every|each)\b[^.;\n]{0,40}\b(?:start|starts|begin|begins)\b", re.IGNORECASE)
_PROSE_END = re.compile(r"(?<![ap]\.m)[.!?]$", re.IGNORECASE)  # "… 10 a.m. to 2 p.m." is no prose
_WEEKDAY_SPAN = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+(?:through|thru|to|-|–)\s+(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Heading:
    """What a heading line gives its entries: a name, a place and a time of day."""

    name: str
    place: str | None
    time: TimeMention | None


def _whole_line(text: str, start: int, end: int) -> bool:
    return opens_line(text, start, " \t") and closes_line(text, end, " \t")


def _dated(mention: TimeMention) -> bool:
    """A mention that names a calendar day itself ("Thu 15 May", not "Monday" or "8pm")."""
    return (mention.type in {MentionType.DATE, MentionType.TIME} and resolve.placeable(mention)
            and resolve.states_date(mention) and not resolve.bare_weekday(mention) and not mention.relative)


def _place(segment_text: str) -> str | None:
    """The first segment that reads as a place: has a capital, is no status word."""
    for part in _SEGMENT_BREAK.split(segment_text):
        part = part.strip(" ,.\t")
        if part and re.match(r"[A-Z]", part) and not _NOT_PLACE.match(part):
            return part
    return None


def _entry_name(text: str, info: SentenceInfo, first: TimeMention) -> str | None:
    """The entry's own name ("Evening clinic - Wednesday, …"); "" when the line opens with its
    date; None when the line is no listing entry (prose before the date)."""
    start = info.sentence.start
    prefix = blank(text, start, first.start, info.mentions)
    prefix = prefix[_BULLET.match(prefix).end():]  # type: ignore[union-attr]
    if _RANGE_WORDS.match(prefix.replace("|", " ")) or lists_days(prefix):
        return ""
    named = _NAME_DASH.match(prefix)
    if named is None or "|" in named.group(1) or len(named.group(1).split()) > 8:
        return None
    label = named.group(1).strip().lower()
    fields = listing_words().field_labels
    if label in fields or label.endswith(tuple(f" {f}" for f in fields)):
        return None  # "Date: Wednesday, December 13, 2017" is a field of the page, not an entry
    return named.group(1).strip()


def _heading(text: str, info: SentenceInfo) -> Heading | None:
    """A heading line: short, no final stop; its name, place and time of day."""
    sent = info.sentence
    if not _whole_line(text, sent.start, sent.end) or len(sent.text) > 80 or _PROSE_END.search(sent.text):
        return None
    if _EMAIL_HEADER.match(sent.text) or sent.text.rstrip().endswith(","):
        return None  # "From: HistText 2026 Local Organising Committee <…>", "Dear participants," are no headings
    if _programme_item(text, info) is not None:
        return None  # "19:30  Gala dinner": an item of the day above, not the heading of the next
    parts = _HEAD_BREAK.split(sent.text, maxsplit=1)
    name = _ASIDE.sub("", parts[0]).strip(" \"'")  # "FIXTURES (kick-off times are local time)"
    if name.isupper():
        name = name.title()
    rest = blank(text, sent.start + len(sent.text) - len(parts[1]), sent.end, info.mentions) if len(parts) > 1 else ""
    times = [m for m in info.mentions if bare_time(m)]
    return Heading(name, _place(rest), times[-1] if times else None)


def _default_time(text: str, infos: Sequence[SentenceInfo]) -> TimeMention | None:
    """The time of "All shows start at 8pm" (one bare time in the sentence)."""
    for info in infos:
        times = [m for m in info.mentions if timed(m)]
        if len(times) == 1 and _DEFAULT_TIME.search(info.sentence.text):
            return times[0]
    return None


def _entry(text: str, info: SentenceInfo) -> tuple[TimeMention, str] | None:
    """(date mention, own name) of a listing line: a whole short line that opens with its date or
    with a name and a dash ("Evening clinic - Wednesday, October 22, …")."""
    sent = info.sentence
    if info.skipped or len(sent.text) > _MAX_LINE or not _whole_line(text, sent.start, sent.end):
        return None
    if not text[: sent.start].strip():
        return None  # the masthead "Riverside Library newsletter — 2 September 2026" dates the issue
    dated = [m for m in info.mentions if _dated(m)]
    if not dated:
        return None
    name = _entry_name(text, info, dated[0])
    return None if name is None else (dated[0], name)


def _find_heading(text: str, infos: Sequence[SentenceInfo], index: int, entries: Container[int]) -> Heading | None:
    """The heading line just above the block of entries, else the document's first line."""
    for back in range(index - 1, max(-1, index - 30), -1):
        if back in entries:
            continue
        found = _heading(text, infos[back]) or _introduced(infos, back)
        if found is not None:
            return found
        break
    first = _heading(text, infos[0]) if infos and 0 not in entries else None
    return None if first is None or "|" in first.name else first  # "News | Transport | …" is a breadcrumb


_INTRO_REACH = 3  # sentences back from a list to the prose that introduces it


def _introduced(infos: Sequence[SentenceInfo], index: int) -> Heading | None:
    """The event noun of the prose just above a list ("Members of the team will be at three drop-in
    sessions, …. There is no need to book." → "Drop-in sessions"), if no date intervenes."""
    for back in range(index, max(-1, index - _INTRO_REACH), -1):
        info = infos[back]
        if info.mentions:
            return None
        nouns = [t for t in info.triggers if t.kind == "noun"]
        if nouns:
            return Heading(nouns[-1].text[:1].upper() + nouns[-1].text[1:], None, None)
    return None


def _placement(info: SentenceInfo, first: TimeMention, fallback: TimeMention | None, ctx: Context) -> resolve.Placement | None:
    """The entry's day with its own time, else the heading's or the document's default time."""
    own = [m for m in info.mentions if timed(m)]
    clock = first if timed(first) else (own[-1] if own else fallback)
    day = resolve.place(first, ctx)
    if day is None or clock is None:
        return day
    at = resolve.place(clock, ctx)
    return day if at is None else resolve.with_date(at, resolve.day_of(day.start))


def _placements(text: str, info: SentenceInfo, first: TimeMention, fallback: TimeMention | None,
                ctx: Context) -> list[resolve.Placement]:
    """The entry's placements: one per day listed before its date ("FRI 9 & SAT 10 MAR") and per
    separate time on its line ("SAT 31 MAR | 5:00PM & 8:00PM")."""
    day = _placement(info, first, fallback, ctx)
    if day is None:
        return []
    times = [m for m in info.mentions if bare_time(m) and m is not first]
    placements = [day]
    if len(times) > 1:  # two shows, not a range: each time on the entry's day
        placements = [resolve.with_date(p, resolve.day_of(day.start)) for t in times
                      if (p := resolve.place(t, ctx)) is not None]
    earlier = days_before(text, info.sentence.start, first)
    return [resolve.with_date(p, d) for d in earlier for p in placements] + placements


@dataclass(frozen=True, slots=True)
class Below:
    """The title line under a date line that opens its block ("THU 1 MAR | 8:00PM" / "Baroque …")."""

    name: str
    cancelled: bool


_STARS = re.compile(r"\*+\s*([A-Za-z ]{2,20}?)\s*\*+\s*")
_BELOW_CUT = re.compile(r"\s[-–—]\s")
_MAX_BELOW = 100


_LOOK_BACK = 200


def _title_below(text: str, infos: Sequence[SentenceInfo], index: int) -> Below | None:
    """The title on the line under an entry line that opens its block, if it reads as one: short,
    no date, no final full stop ("** CANCELLED ** Chopin: The Four Ballades - piano recital")."""
    info = infos[index]
    start = info.sentence.start
    before = text[max(0, start - _LOOK_BACK) : start].rstrip(" \t")  # bounded: no copy of all before
    if before and not before.endswith("\n\n") and not re.search(r"\n[ \t]*[-=*_]{3,}[ \t]*\n?$", before):
        return None
    nxt = infos[index + 1] if index + 1 < len(infos) else None
    if nxt is None or text[info.sentence.end : nxt.sentence.start].count("\n") != 1:
        return None
    line = nxt.sentence.text.strip()
    if (len(line) > _MAX_BELOW or line.endswith((".", "!", "?", ":")) or any(_dated(m) for m in nxt.mentions)
            or not _whole_line(text, nxt.sentence.start, nxt.sentence.end)):
        return None
    flags = _STARS.findall(line)
    line = _STARS.sub("", line)
    cut = _BELOW_CUT.search(line)
    name = (line[: cut.start()] if cut else line).strip(" ,;")
    if not re.match(r"[^\W\d_]", name):
        return None
    return Below(name, any(_CANCELLED.search(f) for f in flags))


def _weekly(text: str, info: SentenceInfo, placement: resolve.Placement) -> str | None:
    """"Monday through Friday, October 20 to October 31" → FREQ=WEEKLY;BYDAY=MO,…,FR;UNTIL=…"""
    span = _WEEKDAY_SPAN.search(info.sentence.text)
    dated = [m for m in info.mentions if _dated(m)]
    if span is None or len(dated) < 2:
        return None
    first, last = (weekday_number(g[:3]) for g in span.groups())
    if last <= first:
        return None
    until = resolve.day_of(dated[-1].until or dated[-1].begin)  # type: ignore[arg-type]
    if until <= resolve.day_of(placement.start):
        return None
    return f"FREQ=WEEKLY;BYDAY={','.join(byday(d) for d in range(first, last + 1))};UNTIL={until:%Y%m%d}T235959"


# Programme lines: a time at the start of a line, then the item ("14:00  Hands-on workshop: …").
_TIME_LEAD = re.compile(r"^\s*(?:[-•*–—·>]+\s*)?$")
_ITEM_LEAD = re.compile(r"[\s\-–—:|·]*")
_ITEM_CUT = re.compile(r"\s[-–—]\s|[:(\[;|·]|\s+at\s+(?:the\s+)?[A-Z]")
_DAY_HEADING_WORDS = 4  # ">> Tuesday 3 June", "Day 2 - Wednesday 4 June", "THURSDAY 5 JUNE"
_PROGRAMME_REACH = 20  # lines back from an item to its day heading


def _day_heading(text: str, info: SentenceInfo) -> dt.date | None:
    """The day of a programme's day heading: a whole short line that is one date and a few words."""
    sent = info.sentence
    if len(sent.text) > 60 or not _whole_line(text, sent.start, sent.end) or len(info.mentions) != 1:
        return None
    day = info.mentions[0]
    if day.type is not MentionType.DATE or not _dated(day) or day.until not in (None, day.begin):
        return None
    if len(re.findall(r"[^\W\d_]+", blank(text, sent.start, sent.end, info.mentions))) > _DAY_HEADING_WORDS:
        return None
    assert day.begin is not None
    return resolve.day_of(day.begin)


def _programme_item(text: str, info: SentenceInfo) -> tuple[TimeMention, str, int] | None:
    """(time, item name, where the name starts) of a line that opens with a bare time and names
    an event after it: "19:30  Gala dinner at the Musée des Confluences - included …"."""
    sent = info.sentence
    if info.skipped or len(sent.text) > _MAX_LINE or not _whole_line(text, sent.start, sent.end):
        return None
    times = [m for m in info.mentions if timed(m)]
    if not times or resolve.states_date(times[0]) or not _TIME_LEAD.match(text[sent.start : times[0].start]):
        return None
    first = times[0]
    start = _ITEM_LEAD.match(text, first.end, sent.end).end()  # type: ignore[union-attr]
    cut = _ITEM_CUT.search(text, start, sent.end)
    stop = cut.start() if cut else sent.end
    name = text[start:stop].strip(" ,.")
    if not re.match(r"[^\W\d_]", name) or not info.triggers:
        return None  # "10:00 - 12:00" alone, or a line that names no event ("09:30  Coffee")
    return first, name, start


_ROOM = re.compile(r"\(([A-Z][^,;()|]{1,40}?)\s*[,;)]")


def _room(item_text: str) -> str | None:
    """The room of a programme item, first in its brackets: "(Salle 2.04, limited to 40 seats)"."""
    found = _ROOM.search(item_text)
    return found.group(1) if found else None


def _item_class(info: SentenceInfo, start: int) -> str:
    """The class of the item's own trigger, else of the first one on its line."""
    return next((t.cls for t in info.triggers if t.start >= start), info.triggers[0].cls)


def _programme_day(text: str, infos: Sequence[SentenceInfo], index: int) -> dt.date | None:
    """The day heading above programme item `index`; a dated line of prose in between ends the search."""
    for back in range(index - 1, max(-1, index - _PROGRAMME_REACH), -1):
        day = _day_heading(text, infos[back])
        if day is not None:
            return day
        if any(_dated(m) for m in infos[back].mentions):
            return None
    return None


def programme_events(
    text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str
) -> list[Event]:
    """One timed event per item of a day-by-day programme.

    Example: ">> Tuesday 3 June" then "14:00  Hands-on workshop: fine-tuning … (Salle 2.04, …)"
    → "Hands-on workshop" 2025-06-03 14:00, whatever day the bare time was first read on.
    """
    events = []
    for index, info in enumerate(infos):
        item = _programme_item(text, info)
        day = _programme_day(text, infos, index) if item is not None else None
        if item is None or day is None:
            continue
        first, name, start = item
        placement = resolve.place(first, ctx)
        if placement is None:
            continue
        placement = resolve.with_date(placement, day)
        blocked = tuple((m.start, m.end) for m in info.mentions)
        place = find_location(text, (start, info.sentence.end), start, lex, blocked) or _room(
            blank(text, start, info.sentence.end, info.mentions))
        events.append(Event(
            title=finish(name, lex), start=placement.start, end=placement.end, all_day=placement.all_day,
            tzid=placement.tzid, location=place, status=Status.CONFIRMED,
            upcoming=resolve.upcoming(placement.start, ctx), evidence=info.sentence.text, source=source,
            # The slot is in the trigger's class: merge folds one class per day into one event,
            # but two items of one day's programme are two events.
            confidence=0.6, trigger=f"programme-{placement.start:%H%M}:{_item_class(info, start)}",
            reasons=(f"programme line: '{first.surface}' under the heading of {day}",),
        ))
    return events


def _opens_programme_day(text: str, infos: Sequence[SentenceInfo], index: int) -> bool:
    """A day heading with programme items under it ("Thursday 5 June" / "15:30  Closing session")."""
    following = infos[index + 1] if index + 1 < len(infos) else None
    return following is not None and _day_heading(text, infos[index]) is not None and (
        _programme_item(text, following) is not None)


def listing_events(
    text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str
) -> list[Event]:
    """One event per listing line (see the module docstring), and per programme item."""
    entries = {i: e for i, info in enumerate(infos) if (e := _entry(text, info)) is not None
               and not _opens_programme_day(text, infos, i)}
    default = _default_time(text, infos) if entries else None
    events = []
    for index, (first, name) in entries.items():
        info = infos[index]
        below = None if name else _title_below(text, infos, index)
        heading = None if below else _find_heading(text, infos, index, entries)  # a named entry takes only its time
        place = _place(blank(text, first.end, info.sentence.end, info.mentions)) or (
            heading.place if heading and not name else None)
        label = name or (below.name if below else heading.name if heading else "")
        for placement in _placements(text, info, first, heading.time if heading and heading.time else default, ctx):
            if not (label or place):
                continue
            if not (name or place) and info.sentence.index < LETTERHEAD_LINES:
                continue  # a line near the top that is only a date ("June 4, 2026", "… 2025, 16:42 BST") dates the page
            short = re.split(r",\s*(?=\d)", place)[0] if place else None  # the street address stays in LOCATION
            title = label if below else f"{label}: {short}" if label and short else label or place or ""
            cancelled = _CANCELLED.search(info.sentence.text) or (below and below.cancelled)
            events.append(Event(
                title=finish(title, lex), start=placement.start, end=placement.end, all_day=placement.all_day,
                tzid=placement.tzid, location=place, status=Status.CANCELLED if cancelled else Status.CONFIRMED,
                upcoming=resolve.upcoming(placement.start, ctx), rrule=_weekly(text, info, placement),
                evidence=info.sentence.text, source=source, confidence=0.5,
                trigger=f"listing:entry-{placement.start:%H%M}" if not placement.all_day else "listing:entry",
                reasons=(f"listing line: '{first.surface}' → {placement.start}",)
                + ((f"title from the line below: '{below.name}'",) if below else ()),
            ))
    shows = show_events(text, infos, ctx, lex, source=source)
    shown = {e.evidence for e in shows}  # a line under a show's title line is one of its showings
    series = series_events(text, infos, ctx, lex, source=source)
    return [e for e in events if e.evidence not in shown] + shows + series + programme_events(
        text, infos, ctx, lex, source=source)
