"""Show listings and season lines: a title line with the lines that say when the show is on,
and named lines that repeat ("every Saturday at 10:30", "second Saturday of the month").

    SKYFALL (12A) 143 mins                          (title line: capitals, no day)
    Daily at 14:30 and 20:15 until Thu 13 Dec.      → "Skyfall" daily at 14:30 and daily at 20:15
    SEVEN PSYCHOPATHS (15) 110 mins
    Fri 7, Sat 8 and Mon 10 Dec at 18:00.           → "Seven Psychopaths" on 7, 8 and 10 Dec, 18:00
    BLACKMAIL (1929) - silent, with live piano …
    Wed 12 Dec, 20:00. Part of our season, which continues on Wed 9 Jan with THE 39 STEPS (1935).
                                                    → "Blackmail" 12 Dec 20:00; "The 39 Steps" 9 Jan
    Saturday Morning Pictures - every Saturday at 10:30   → weekly on Saturdays at 10:30
    Kids' Club - second Saturday of the month, June through September, 10 a.m. - noon
                                                    → FREQ=MONTHLY;BYDAY=2SA;UNTIL=<30 September>
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from calendar_extract.events import resolve
from calendar_extract.events.attach import SentenceInfo
from calendar_extract.events.lexicon import EventLexicon, ListingWords, listing_words
from calendar_extract.events.location import find_location
from calendar_extract.events.sentences import closes_line, opens_line
from calendar_extract.events.title import finish
from calendar_extract.events.venues import masthead
from calendar_extract.model import Context, Event, MentionType, Status, TimeMention
from calendar_extract.tagger.values import nth_weekday
from calendar_extract.tagger.words import byday, weekday_number

__all__ = ["LETTERHEAD_LINES", "bare_time", "blank", "days_before", "lists_days", "series_events", "show_events", "show_name", "timed"]

_MAX_TITLE_LINE = 90
LETTERHEAD_LINES = 6  # sentences at the top of a page where a line that is only a date dates the page
_TITLE_CUT = re.compile(r"\s[-–—]\s|\s*\(|\s*\[")
# A title in capitals inside a sentence ("continues on Wed 9 Jan with THE 39 STEPS (1935)").
_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPS_RUN = re.compile(rf"(?<![\w'’])(?:[{_UPPER}][{_UPPER}'’]*|\d+)(?:[ :]+(?:[{_UPPER}][{_UPPER}'’]*|\d+))+(?![\w'’])")
_STATUS_CAPS = re.compile(r"^(?:SOLD\s+OUT|CANCELL?ED|POSTPONED|MOVED|NEW\s+DATE|FREE|NO|TBC|TBA)\b")
# "Fri 7, Sat 8 and " before "Mon 10 Dec": the other days of the same month.
_DAY_LIST = re.compile(
    r"(?:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?\d{1,2}(?:st|nd|rd|th)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*))+$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?:[-•*–—·]\s+)?([A-Z][^:.!?|]{1,50}?)\s*(?:\s[-–—]|:)\s")
_NTH_WEEKDAY = re.compile(
    r"\b(\w+)\s+(mon|tues|wednes|thurs|fri|satur|sun)days?\s+of\s+(?:the|each|every)\s+month\b", re.IGNORECASE
)
_BULLET = re.compile(r"^\s*[-•*–—·]\s")


@dataclass(frozen=True, slots=True)
class Slot:
    """One dated occurrence of a show: its placement, recurrence and title."""

    placement: resolve.Placement
    title: str
    surface: str
    rrule: str | None = None


def _next_line(text: str, end: int, start: int) -> bool:
    """True when `start` is on the line right after the one `end` is on."""
    return text[end:start].count("\n") == 1


def _day(mention: TimeMention) -> bool:
    """A mention that names its calendar day with a number ("Sun 9 Dec, 14:00", not "Christmas")."""
    return (mention.type in {MentionType.DATE, MentionType.TIME} and resolve.placeable(mention)
            and resolve.states_date(mention) and not mention.relative and not resolve.bare_weekday(mention)
            and bool(re.search(r"\d", mention.surface)))


def timed(mention: TimeMention) -> bool:
    """A mention with a time of day ("8:00PM", "Thursday, Oct. 3, 9:30 am")."""
    return mention.type is MentionType.TIME and isinstance(mention.begin, dt.datetime)


def bare_time(mention: TimeMention) -> bool:
    """A time of day that states no date of its own ("8:00PM", not "Oct. 3, 9:30 am")."""
    return timed(mention) and not resolve.states_date(mention)


def _recast(name: str) -> str:
    """"IT'S A WONDERFUL LIFE" → "It's a Wonderful Life"-like case; other names unchanged."""
    if not name.isupper():
        return name
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for"}
    words = string.capwords(name.lower()).split(" ")
    return " ".join(w.lower() if i and w.lower() in small else w for i, w in enumerate(words))


def show_name(line: str, words: ListingWords) -> str:
    """The name of a show's title line: "2001: A SPACE ODYSSEY (U) (1968) 149 mins" → "2001: A Space Odyssey"."""
    runtime = words.runtime.search(line)
    line = line[: runtime.start()] if runtime else line
    cut = _TITLE_CUT.search(line)
    return _recast((line[: cut.start()] if cut else line).strip(" ,.:\"'"))


def _title_line(text: str, info: SentenceInfo, words: ListingWords) -> str | None:
    """The show named by a whole short line in capitals that states no day, else None."""
    sent = info.sentence
    if (sent.index == 0 or len(sent.text) > _MAX_TITLE_LINE or not opens_line(text, sent.start)
            or not closes_line(text, sent.end) or any(_day(m) or bare_time(m) for m in info.mentions)):
        # "IMPORTANT DATES (all deadlines are 23:59 AoE)": a heading that gives its entries a time
        return None
    name = show_name(sent.text, words)
    letters = re.sub(r"[^A-Za-z]", "", name)
    return name if len(letters) >= 3 and sent.text[: len(name)].isupper() else None


def _ends_run(text: str, line_start: int, mention: TimeMention, words: ListingWords) -> bool:
    """"… until Thu 13 Dec": the mention ends a run of days, it is no day of its own."""
    return bool(words.series_end.search(text[line_start : mention.start]))


def _caps_title(text: str, info: SentenceInfo) -> str | None:
    """A title in capitals inside the sentence ("with THE 39 STEPS (1935)"), else None."""
    for found in _CAPS_RUN.finditer(info.sentence.text):
        run = found.group().strip(" :")
        if len(re.sub(rf"[^{_UPPER}]", "", run)) >= 5 and re.search(rf"[{_UPPER}]{{3}}", run) and not _STATUS_CAPS.match(run):
            return _recast(run)
    return None


def lists_days(prefix: str) -> bool:
    """True when `prefix` is only a list of days before a date ("FRI 9 & " before "SAT 10 MAR")."""
    return _DAY_LIST.fullmatch(prefix.strip() + " ") is not None


def days_before(text: str, line_start: int, mention: TimeMention) -> list[dt.date]:
    """The days listed before `mention` in its month: "Fri 7, Sat 8 and Mon 10 Dec" → 7 and 8 Dec."""
    found = _DAY_LIST.search(text[line_start : mention.start])
    assert mention.begin is not None
    last = resolve.day_of(mention.begin)
    days = []
    for number in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", found.group() if found else ""):
        if 0 < int(number) < last.day:
            days.append(last.replace(day=int(number)))
    return days


def _timed_placement(mention: TimeMention, times: Sequence[TimeMention], ctx: Context) -> resolve.Placement | None:
    day = resolve.place(mention, ctx)
    if day is None or not day.all_day or not times:
        return day
    at = resolve.place(times[0], ctx)
    return day if at is None else resolve.with_date(at, resolve.day_of(day.start))


_RULE = re.compile(r"FREQ=(?:DAILY|WEEKLY;BYDAY=[A-Z,]+|MONTHLY;BYDAY=-?\d[A-Z]{2})$")
_SET_JOIN = re.compile(r"\s*(?:&|and|,|/)\s*$")


def _series_rule(text: str, info: SentenceInfo) -> tuple[TimeMention, str] | None:
    """The daily, weekly or monthly rule of the sentence ("Daily", "every Saturday", "Mondays &
    Wednesdays" → BYDAY=MO,WE, "the second Thursday of every month") with its first mention."""
    sets = [m for m in info.mentions if m.type is MentionType.SET and m.rrule and _RULE.match(m.rrule)]
    if not sets:
        return None
    first, rule = sets[0], sets[0].rrule or ""
    previous = first
    for later in sets[1:]:  # "Mondays & Wednesdays": one rule on two days
        weekly = rule.startswith("FREQ=WEEKLY;BYDAY=") and (later.rrule or "").startswith("FREQ=WEEKLY;BYDAY=")
        if not weekly or not _SET_JOIN.match(text[previous.end : later.start]):
            break
        rule += "," + (later.rrule or "").rsplit("=", 1)[1]
        previous = later
    return first, rule


def _run_end(text: str, lines: Sequence[SentenceInfo], words: ListingWords) -> dt.date | None:
    """The last day of a run stated on a line of its block: "Runs through June 10", "Last session
    June 11", "Every Tuesday until June 9, 10:00-11:00 am"."""
    for line in lines:
        for m in line.mentions:
            if (_day(m) or m.type is MentionType.TIME) and m.begin is not None and resolve.states_date(m) and (
                    _ends_run(text, line.sentence.start, m, words)):
                return resolve.day_of(m.begin)
    return None


def _run_times(info: SentenceInfo, rule: TimeMention) -> list[TimeMention]:
    """The times of a run, after its rule: bare times, or the time of its end day ("until June 9,
    10:00-11:00 am")."""
    return [m for m in info.mentions if m.start > rule.start and m.type is MentionType.TIME
            and isinstance(m.begin, dt.datetime)]


def _year_after(last: dt.date, first: dt.date) -> dt.date:
    """`last` moved into the year that puts it on or after `first` (the end of a run)."""
    try:
        moved = last.replace(year=first.year)
        return moved if moved >= first else last.replace(year=first.year + 1)
    except ValueError:  # 29 February
        return first


def _runs(text: str, info: SentenceInfo, title: str, ctx: Context, words: ListingWords,
          until_day: dt.date | None = None) -> list[Slot]:
    """"Daily at 14:30 and 20:15 until Thu 13 Dec" → one daily series per time."""
    found = _series_rule(text, info)
    # "Daily at 14:30 and 20:15": the times of the run follow its rule ("Midnight preview: 00:01 …
    # Then daily from Fri 14 Dec" is no run at midnight).
    times = _run_times(info, found[0]) if found else []
    if found is None or not times:
        return []
    start = info.sentence.start
    days = [m for m in info.mentions if _day(m)]
    ends = [m for m in days if _ends_run(text, start, m, words)]
    firsts = [m for m in days if m not in ends]
    last = _run_end(text, [info], words) or until_day
    slots = []
    for time in times:
        at = resolve.place(time, ctx)
        begin = firsts[0].begin if firsts else None
        first = resolve.first_occurrence(found[1], ctx.reference, time.begin) if begin is None else None
        day = resolve.day_of(begin) if begin is not None else (first.date() if first else None)
        if at is None or day is None:
            continue
        if last is not None and last < day:  # "April 4 through October 31" read as last October
            last = _year_after(last, day)
        until = f";UNTIL={last:%Y%m%d}T235959" if last else ""
        slots.append(Slot(resolve.with_date(at, day), title, time.surface, found[1] + until))
    return slots


def _slots(text: str, info: SentenceInfo, title: str, ctx: Context, words: ListingWords,
           until_day: dt.date | None = None) -> list[Slot]:
    """The dated occurrences a sentence under a title line gives its show (`until_day`: the end
    of a run stated elsewhere in the block)."""
    runs = _runs(text, info, title, ctx, words, until_day)
    if runs:
        return runs
    start = info.sentence.start
    own = _caps_title(text, info)
    label = _LABEL.match(info.sentence.text)
    name = own or (f"{title} ({label.group(1).lower()})" if label and not _day_in(label.group(1)) else title)
    days = [m for m in info.mentions if _day(m) and not _ends_run(text, start, m, words)
            and not _page_date(text, start, m, words)]
    # A time apart from the day ("Wed 12 Dec, doors open, film 20:00") only when the day is alone.
    times = [m for m in info.mentions if bare_time(m)] if len(days) == 1 else []
    # "Saturday, November 21, Saturday, December 5 and Saturday, December 19, 10 a.m. - 3 p.m.":
    # the time closing a list of days is the time of each of them.
    shared = [days[-1]] if len(days) > 1 and timed(days[-1]) and not any(map(timed, days[:-1])) else []
    slots = []
    for m in days:
        placement = _timed_placement(m, times or shared, ctx)
        if placement is None:
            continue
        name = name if m is days[0] else own or title  # "Midnight preview: … Then daily from Fri 14 Dec"
        for day in days_before(text, start, m):
            slots.append(Slot(resolve.with_date(placement, day), name, m.surface))
        slots.append(Slot(placement, name, m.surface))
    return slots


def _page_date(text: str, line_start: int, mention: TimeMention, words: ListingWords) -> bool:
    """"(updated April 20, 2015)", "Posted: 3 May": the date of the page, not of a showing."""
    before = text[line_start : mention.start].lower().strip(" \t(:,-–—")
    return bool(before) and before.split()[-1] in words.field_labels or before in words.field_labels


def _day_in(label: str) -> bool:
    return bool(re.search(r"\d", label))


def _block(text: str, infos: Sequence[SentenceInfo], index: int) -> list[SentenceInfo]:
    """The sentences of the lines right under title line `index`, up to a blank line."""
    body: list[SentenceInfo] = []
    previous = infos[index].sentence
    for info in infos[index + 1 :]:
        gap = text[previous.end : info.sentence.start]
        if gap.count("\n") > 1 or (body == [] and gap.count("\n") != 1):
            break
        body.append(info)
        previous = info.sentence
    return body


def show_events(text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str) -> list[Event]:
    """One event per dated showing of every title line (see the module docstring)."""
    words = listing_words()
    venue = masthead(text)
    events = []
    for index, info in enumerate(infos):
        title = _title_line(text, info, words)
        body = _block(text, infos, index) if title or _name_line(text, info) else []
        title = title or (show_name(info.sentence.text, words) if body and _schedule_line(text, body[0]) else None)
        if title is None or not any(_day(m) or bare_time(m) for b in body for m in b.mentions):
            continue
        if _BULLET.match(body[0].sentence.text):
            continue  # "- Workshop proposals: 15 November 2024": named entries of a heading (listing.py)
        if body[0].sentence.index < LETTERHEAD_LINES and _only_a_date(text, body[0]):
            continue  # "By Tom Kavanagh" / "Monday, 15 January 2024": a byline over the page's date
        until_day = _run_end(text, body, words)
        for line in body:
            for slot in _slots(text, line, title, ctx, words, until_day):
                events.append(_event(slot, line, text, ctx, lex, source, venue))
    return events


def blank(text: str, start: int, end: int, mentions: Sequence[TimeMention]) -> str:
    """`text[start:end]` with every mention replaced by a segment break."""
    chars = list(text[start:end])
    for m in mentions:
        for i in range(max(m.start, start), min(m.end, end)):
            chars[i - start] = "|"
    return "".join(chars)


def _only_a_date(text: str, info: SentenceInfo) -> bool:
    """A line that is a date (and time) and nothing else ("Monday, 15 January 2024",
    "Tuesday 11 June 2019, 16:42 BST")."""
    sent = info.sentence
    return bool(info.mentions) and not re.sub(r"[\s.,|]+", "", blank(text, sent.start, sent.end, info.mentions))


def _name_line(text: str, info: SentenceInfo) -> bool:
    """A whole short line in any case that states no time and ends without a full stop: the name
    of the schedule line under it ("Senior Yoga (chair-friendly)")."""
    sent = info.sentence
    return (sent.index > 0 and len(sent.text) <= _MAX_TITLE_LINE and not info.mentions
            and opens_line(text, sent.start) and closes_line(text, sent.end)
            and not sent.text.rstrip().endswith((".", "!", "?", ":")) and sent.text[:1].isupper()
            and not _HEADER.match(sent.text))


_HEADER = re.compile(r"^[\w-]{1,20}:\s")  # "To: Members", "From: …": an e-mail header line


_NAMED_AFTER = re.compile(r"\s+[-–—]\s+[A-Za-z]")
# How far into its line the rule or day of a schedule line may start ("Meets the second Thursday …").
_SCHEDULE_LEAD = 12


def _schedule_line(text: str, info: SentenceInfo) -> bool:
    """A line that opens with a day or a repeating rule ("Mondays & Wednesdays, 6:00-8:00 pm, Gym",
    "Every Tuesday until June 9, …", "Meets the second Thursday of every month at 7:00 pm")."""
    first = info.mentions[0] if info.mentions else None
    if first is None or ":" in text[info.sentence.start : first.start]:
        return False  # "Date: Tue, 13 Jan 2015" is a header; "Summer Term: Mon 4 Jan" a named entry
    if _NAMED_AFTER.match(text, first.end):
        return False  # "Mon 22 Feb - Classes begin": an entry with its own name (listing.py)
    return first.start - info.sentence.start <= _SCHEDULE_LEAD and (
        _day(first) or (first.type is MentionType.SET and bool(first.rrule) and _RULE.match(first.rrule or "") is not None))


def _event(slot: Slot, info: SentenceInfo, text: str, ctx: Context, lex: EventLexicon, source: str,
           venue: str | None = None) -> Event:
    placement = slot.placement
    sent = info.sentence
    blocked = tuple((m.start, m.end) for m in info.mentions)
    cancelled = re.search(r"\b(?:cancell?ed|called\s+off|postponed)\b", sent.text, re.IGNORECASE)
    return Event(
        title=finish(slot.title, lex), start=placement.start, end=placement.end, all_day=placement.all_day,
        tzid=placement.tzid, status=Status.CANCELLED if cancelled else Status.CONFIRMED,
        upcoming=resolve.upcoming(placement.start, ctx), rrule=slot.rrule, evidence=sent.text, source=source,
        location=_with_venue(find_location(text, (sent.start, sent.end), sent.start, lex, blocked)
                             or _room(text, info), venue),
        confidence=0.5, trigger=f"listing:show-{placement.start:%H%M}" if not placement.all_day else "listing:show",
        reasons=(f"show listing: '{slot.surface}' → {placement.start}",),
    )


# ", Room 2" / ", Gym" closing a schedule line after its last time: the room.
_ROOM_TAIL = re.compile(r"^\s*[,|]\s*([A-Z][\w'’&/ -]{1,30}?)\s*\.?$")


def _room(text: str, info: SentenceInfo) -> str | None:
    """The room named at the end of a schedule line ("Tuesdays, 3:30-5:30 pm, Computer Lab")."""
    if not info.mentions:
        return None
    found = _ROOM_TAIL.match(text[info.mentions[-1].end : info.sentence.end])
    return found.group(1) if found else None


def _with_venue(own: str | None, venue: str | None) -> str | None:
    """A room inside the page's venue: "Screen 2, Leith Picturehouse"; else whichever is known."""
    if own and venue and own.lower() not in venue.lower() and venue.lower() not in own.lower():
        return f"{own}, {venue}"
    return venue or own


def _monthly(text: str, info: SentenceInfo, ctx: Context, words: ListingWords) -> tuple[dt.date, str] | None:
    """"second Saturday of the month, June through September" → (13 June, FREQ=MONTHLY;BYDAY=2SA;UNTIL=…)."""
    found = _NTH_WEEKDAY.search(info.sentence.text)
    nth = words.ordinals.get(found.group(1).lower()) if found else None
    if found is None or nth is None:
        return None
    weekday = weekday_number(found.group(2) + "day")  # ISO: Monday = 1
    months = [m for m in info.mentions if m.type is MentionType.DATE and m.begin is not None
              and m.start > info.sentence.start + found.end()]
    first_month = resolve.day_of(months[0].begin) if months else ctx.reference.date()  # type: ignore[arg-type]
    day = nth_weekday(first_month.year, first_month.month, weekday, nth)
    if day < ctx.reference.date():
        return None
    rule = f"FREQ=MONTHLY;BYDAY={nth}{byday(weekday)}"
    if len(months) > 1 and months[-1].until is not None:
        rule += f";UNTIL={resolve.day_of(months[-1].until):%Y%m%d}T235959"
    return day, rule


def series_events(text: str, infos: Sequence[SentenceInfo], ctx: Context, lex: EventLexicon, *, source: str) -> list[Event]:
    """A named line that repeats: "Name - every Saturday at 10:30", "Name - second Saturday of the month"."""
    words = listing_words()
    venue = masthead(text)
    events = []
    for info in infos:
        label = _LABEL.match(info.sentence.text)
        if label is None or not opens_line(text, info.sentence.start) or any(_day(m) for m in info.mentions):
            continue
        name = _recast(re.sub(r"\s*\([^()]*\)", "", label.group(1)).strip())
        if len(name.split()) > 5 or name.lower() in words.field_labels:
            continue
        times = [m for m in info.mentions if bare_time(m)]
        monthly = _monthly(text, info, ctx, words)
        slots = _runs(text, info, name, ctx, words)[:1]
        if monthly is not None:
            at = resolve.place(times[0], ctx) if times else None
            placement = resolve.Placement(monthly[0], None, True, None) if at is None else resolve.with_date(at, monthly[0])
            slots = [Slot(placement, name, label.group(1), monthly[1])]
        events += [_event(slot, info, text, ctx, lex, source, venue) for slot in slots]
    return events
