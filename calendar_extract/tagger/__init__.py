"""The temporal tagger: text → TimeMentions (TIMEX3-style dates, times, durations, sets).

Usage:
    >>> import datetime as dt
    >>> from calendar_extract.model import Context
    >>> from calendar_extract.tagger import tag
    >>> [m.value for m in tag("We met on Tuesday, 4 March.", Context(dt.datetime(2025, 3, 6)))]
    ['2025-03-04']
"""

from __future__ import annotations

from calendar_extract.model import Context, TimeMention
from calendar_extract.tagger.refine import REFINERS
from calendar_extract.tagger.scan import scan

__all__ = ["tag"]


def tag(text: str, ctx: Context) -> tuple[TimeMention, ...]:
    """Find the time expressions of `text`.

    Args:
        text: any text.
        ctx: the reference moment (resolves "Tuesday", "next week"), the assumed time zone and
            whether "6/3/2025" is day-first.

    Returns:
        Mentions in text order, non-overlapping, with `text[m.start:m.end] == m.surface`.
    """
    mentions = scan(text, ctx)
    for refine in REFINERS:
        mentions = refine(mentions, text, ctx)
    return mentions
