"""Paragraph headings that name the event of their paragraph.

Newsletters and notices put the event's name in a short heading and the date in the body:
"Summer Solstice Potluck. Bring a dish and a chair to Hawthorne Green on Saturday, June 21" or
"League Cup\\nThe draw will be streamed on Thursday at 6pm". A date whose own sentence names no
event takes the heading of its paragraph as its trigger.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from calendar_extract.events.lexicon import EventLexicon
from calendar_extract.events.sentences import Sentence
from calendar_extract.events.triggers import Trigger

__all__ = ["HEADING", "paragraph_headings"]

Span = tuple[int, int]

HEADING = "heading"  # Trigger.kind of a heading trigger

_WORD = re.compile(r"[A-Za-z][\w'’&-]*")
_CONNECTORS = frozenset({"and", "through", "thru", "from", "until", "till", "for", "the"})
_MIN_PROSE_WORDS = 2
_DECORATED_EXTRA_WORDS = 4  # a decorated heading may quote a talk's title


def _is_prose(sentence: Sentence, spans: Sequence[Span]) -> bool:
    """A sentence of running text, not a listing line of dates, times and connectors: it ends
    with a full stop and has a few lower-case words outside its time mentions."""
    if not sentence.text.endswith((".", "!")):
        return False
    words = [
        m for m in re.finditer(r"\b[a-z][a-z'’]{2,}\b", sentence.text)
        if m.group() not in _CONNECTORS
        and not any(a <= sentence.start + m.start() < b for a, b in spans)
    ]
    return len(words) >= _MIN_PROSE_WORDS


# "*** Member talk: "Pricing your first SaaS product" ***", "## Summer party ##": a decorated heading.
_DECORATION = re.compile(r"^[*#=~_>]{2,}\s*(.+?)\s*[*#=~_<]*$")


def heading_name(sentence: Sentence) -> str:
    """The heading's text without its decoration and final stop."""
    decorated = _DECORATION.match(sentence.text)
    return (decorated.group(1) if decorated else sentence.text).rstrip(".:! ")


def _is_heading(sentence: Sentence, has_mentions: bool, lex: EventLexicon) -> bool:
    """A short name-like line: capitalized, no date, no verb or pronoun of a full sentence."""
    decorated = _DECORATION.match(sentence.text) is not None
    text = heading_name(sentence)
    words = _WORD.findall(text)
    if has_mentions or not words or not text[:1].isupper() or sentence.text.endswith(("?", ",")):
        return False
    odd = r"[\d@,;()]|\s[-–—]\s" if decorated else r"[\d@,;()\"“”]|\s[-–—]\s"  # a decorated name may quote
    longest = lex.heading_max_words + (_DECORATED_EXTRA_WORDS if decorated else 0)
    if len(words) > longest or len(text) > (80 if decorated else 60) or re.search(odd, text):
        return False
    return decorated or not any(w.lower() in lex.not_heading for w in words)


def paragraph_headings(
    sentences: Sequence[Sentence], spans: Sequence[Sequence[Span]], lex: EventLexicon
) -> dict[int, Trigger]:
    """Sentence index → the heading trigger of its paragraph, for prose sentences of paragraphs
    that open with one. `spans[i]`: the time mentions of sentence i (a dated line is no heading)."""
    found: dict[int, Trigger] = {}
    heading: Trigger | None = None
    paragraph = -1
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            heading = None
            if _is_heading(sentence, bool(spans[sentence.index]), lex):
                name = heading_name(sentence)
                start = sentence.start + sentence.text.find(name)
                heading = Trigger(start, start + len(name), name, HEADING, name.lower(), "event")
                continue
        if heading is not None and _is_prose(sentence, spans[sentence.index]):
            found[sentence.index] = heading
    return found
