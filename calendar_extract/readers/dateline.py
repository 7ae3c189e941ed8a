"""Find the date a text was written from its dateline or publication line.

"Brussels, 25 February 2025 – ..." or "Published: March 3, 2025" near the top → 2025-02-25 /
2025-03-03. Only a full date (day, month and a stated year) in the first lines counts: an event date
further down ("on 6 March") must never become the reference date.
"""

from __future__ import annotations

import datetime as dt
import re

HEAD_CHARS = 300
HEAD_LINES = 3
YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b")


def find_dateline(text: str, fallback: dt.datetime) -> dt.datetime | None:
    """Return the first fully stated calendar day in the head of `text`, else None."""
    from calendar_extract.model import Context, Granularity, MentionType
    from calendar_extract.tagger import tag

    head = "\n".join(text[:HEAD_CHARS].splitlines()[:HEAD_LINES])
    for mention in tag(head, Context(reference=fallback)):
        if (
            mention.type is MentionType.DATE
            and mention.granularity is Granularity.DAY
            and not mention.relative
            and YEAR.search(mention.surface)
            and isinstance(mention.begin, dt.date)
        ):
            day = mention.begin
            return dt.datetime(day.year, day.month, day.day)
    return None
