"""Find the date a text was written from its dateline or publication line.

"Brussels, 25 February 2025 – ..." or "Published: March 3, 2025" near the top → 2025-02-25 /
2025-03-03. Only a full date (day, month and a stated year) in the first lines counts, and only
where a dateline stands: alone on its line, after a short place name and before a dash, or after a
cue such as "Published". An event date in the first sentence ("The summit will take place on
6 March 2025") must never become the reference date.
"""

from __future__ import annotations

import datetime as dt
import re

HEAD_CHARS = 400
HEAD_LINES = 4
# The longest text BEFORE allows before a date (four long capitalised words and a bracket, or 60
# characters and a cue), and the date up to its year ("Wednesday, 25 February 2025").
YEAR_WITHIN = 200
YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b")
# Before the date on its line: nothing, a short place name ("Cape Canaveral,", "BRUSSELS (Reuters) -")
# or a publication cue ("Published:", "Posted on", "Updated", "Date:", "Newsletter —").
# Each word is taken whole ((?![\w.'’-]) after it): a word split anywhere would backtrack in
# O(n^4) over a long unbroken token before a date ("a.a.a.a…").
BEFORE = re.compile(
    r"""^\W*(?:
        (?:[A-Z][\w.'’-]*(?![\w.'’-])\s*){0,4}(?:\([^)]{0,30}\)\s*)?[,(–—-]?\s*
      | .{0,60}\b(?:published|posted|updated|dated?|issued|released|sent|newsletter|bulletin)\b
        (?:\s+(?:on|at))?\s*[:,–—-]?\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# After the date: end of line, a dash or colon starting the story, a closing bracket or a time.
AFTER = re.compile(r"^\s*(?:$|[–—|:)(\-]|\d{1,2}[:.]\d\d|at\b|by\b|\d{1,2}\s*[ap]\.?m)", re.IGNORECASE)


def find_dateline(text: str, fallback: dt.datetime) -> dt.datetime | None:
    """Return the day of the dateline or publication line at the top of `text`, else None."""
    from calendar_extract.model import Context, Granularity, MentionType
    from calendar_extract.tagger import tag

    head = _head(text)
    for mention in tag(head, Context(reference=fallback)):
        if (
            mention.type in (MentionType.DATE, MentionType.TIME)
            and mention.granularity in (Granularity.DAY, Granularity.MINUTE, Granularity.HOUR)
            and not mention.relative
            and YEAR.search(mention.surface)
            and isinstance(mention.begin, dt.date)
            and _stands_as_dateline(head, mention.start, mention.end)
        ):
            day = mention.begin
            return dt.datetime(day.year, day.month, day.day)
    return None


def _head(text: str) -> str:
    """The first lines of `text` that may hold a dateline, the others left empty: a dateline's
    date has a year, within the first YEAR_WITHIN characters of its line (after a short place
    or a cue). Most texts have no such line, and then there is nothing to tag."""
    lines = [line if _early_year(line) else "" for line in text[:HEAD_CHARS].splitlines()[:HEAD_LINES]]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _early_year(line: str) -> bool:
    return YEAR.search(line, 0, YEAR_WITHIN) is not None


def _stands_as_dateline(head: str, start: int, end: int) -> bool:
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    before = head[line_start:start]
    after = head[end:] if line_end < 0 else head[end:line_end]
    return bool(BEFORE.match(before)) and bool(AFTER.match(after))
