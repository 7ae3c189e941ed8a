"""Frozen data classes that flow one way through the pipeline; no I/O here.

Document ─► TimeMention[] ─► Event[] ─► bytes
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class MentionType(str, Enum):
    """TIMEX3 types (TimeML 1.2.1)."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(str, Enum):
    """How precisely a mention fixes a point in time, coarsest last."""

    MINUTE = "minute"
    HOUR = "hour"
    PART_OF_DAY = "part_of_day"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    VAGUE = "vague"


class Status(str, Enum):
    """RFC 5545 VEVENT STATUS values (§3.8.1.11)."""

    CONFIRMED = "CONFIRMED"
    TENTATIVE = "TENTATIVE"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class Context:
    """What every stage needs to know about where a text stands in time.

    `reference` is the wall-clock moment the text was written (publication date at midnight when only
    a day is known); `timezone` is the IANA zone assumed for times that state none (None = floating).
    """

    reference: dt.datetime
    timezone: str | None = None
    day_first: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """One text to process, with its reference date and where that date came from."""

    text: str
    source: str
    reference: dt.datetime
    reference_basis: str  # how it was chosen: "--reference-date", "the e-mail's Date header", …
    timezone: str | None = None
    url: str | None = None
    events: tuple[Event, ...] = ()  # events the document states as data (schema.org, invitations)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a text.

    `start`/`end` are the character offsets of the span (`text[start:end] == surface`).
    `value` is the TIMEX3 value. For DATE and TIME mentions, `begin`/`until` is the resolved
    interval: `datetime.date` objects (last day inclusive) for day-or-coarser granularity, and
    `datetime.datetime` objects (aware when a zone is known, `until` None for a point in time) for
    times of day. `tzid` is the IANA zone stated in the text, if any. `rrule` is an RFC 5545
    recurrence rule for SET mentions that can recur on a calendar.
    """

    start: int
    end: int
    surface: str
    type: MentionType
    value: str
    rule: str
    granularity: Granularity = Granularity.DAY
    begin: dt.date | dt.datetime | None = None
    until: dt.date | dt.datetime | None = None
    tzid: str | None = None
    rrule: str | None = None
    relative: bool = False
    vague: bool = False
    confidence: float = 1.0
    implied: tuple[str, ...] = ()
    mod: str | None = None

    @property
    def is_range(self) -> bool:
        """True when the mention spans more than one day or has an explicit end time."""
        if self.begin is None or self.until is None:
            return False
        return self.until != self.begin


@dataclass(frozen=True, slots=True)
class Event:
    """A calendar entry.

    All-day events have `datetime.date` `start`/`end` with `end` the last day *inclusive* (the ICS
    writer makes DTEND exclusive). Timed events have `datetime.datetime` values, naive wall-clock in
    `tzid` (None = floating) and `end` None when no end is stated.
    """

    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None
    all_day: bool = True
    tzid: str | None = None
    location: str | None = None
    participants: tuple[str, ...] = ()
    status: Status = Status.CONFIRMED
    upcoming: bool = True
    rrule: str | None = None
    evidence: str = ""
    source: str = ""
    confidence: float = 0.5
    uid: str = ""
    trigger: str = ""
    reasons: tuple[str, ...] = field(default=())
    url: str | None = None  # the event's page (schema.org url, a feed entry's link)


@dataclass(frozen=True, slots=True)
class Revision:
    """Where an event stands in a calendar kept across runs (RFC 5545 §3.8.7): its SEQUENCE, when
    it was first written (CREATED) and last changed (LAST-MODIFIED, and DTSTAMP). Aware, UTC."""

    sequence: int
    created: dt.datetime
    modified: dt.datetime


@dataclass(frozen=True, slots=True)
class Problem:
    """Something worth telling the user that is not an event: a vague date, an undated event."""

    source: str
    message: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    """What the pipeline returns for one document."""

    document: Document
    mentions: tuple[TimeMention, ...]
    events: tuple[Event, ...]
    problems: tuple[Problem, ...] = ()


# Default limits (--max-bytes, --max-total-bytes, --max-events; max_* keys of a run config).
MAX_DOCUMENT_BYTES = 20_000_000
MAX_RUN_BYTES = 1_000_000_000
MAX_EVENTS = 1000

# --input-format values: "auto" (told by the content) and readers.formats.Format's values, spelled
# out here so that the command line need not import the readers (tested against Format).
INPUT_FORMATS = ("auto", "text", "html", "eml", "mbox", "feed", "ics", "jsonl")


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked for, independent of any one document."""

    reference: dt.datetime | None = None
    timezone: str | None = None
    upcoming_only: bool = False
    min_confidence: float = 0.0
    day_first: bool = False
    calendar_name: str = "Extracted events"
    input_format: str | None = None  # None: told by the content (readers.formats)
    cache_dir: str | None = None  # validators of fetched URLs (readers.fetch); None: no cache
    max_bytes: int = MAX_DOCUMENT_BYTES  # per input file, URL or standard input
    max_events: int = MAX_EVENTS  # per document: more is junk or an attack; the most confident are kept
