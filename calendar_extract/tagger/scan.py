"""One pass over the text: cheap anchor words pick candidate positions, a combined scanner checks
them, and the longest mention any rule extracts at a matching position is kept."""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterator

from calendar_extract import patterns
from calendar_extract.model import Context, TimeMention
from calendar_extract.tagger.rules import RULES, Rule

_TOKEN = re.compile(r"[^\W_]+")
# How many words a mention may start before its anchor ("at least the past 18 months").
_LOOK_BACK = 6


def candidates(text: str) -> Iterator[int]:
    """Ascending positions where a mention may start: the few words before each anchor word."""
    anchors = patterns.anchor_words()
    window: deque[int] = deque(maxlen=_LOOK_BACK)
    last = -1
    for token in _TOKEN.finditer(text):
        start = token.start()
        window.append(start - 1 if start and text[start - 1] == "'" else start)
        word = token.group()
        if not (word[0].isdigit() or word.lower() in anchors):
            continue
        for position in window:
            if position > last:
                yield position
                last = position
        window.clear()


@functools.cache
def _compiled(rules: tuple[Rule, ...]) -> tuple[tuple[Rule, re.Pattern[str]], ...]:
    return tuple((rule, rule.pattern) for rule in rules)


def _best_at(
    text: str, start: int, ctx: Context, rules: tuple[tuple[Rule, re.Pattern[str]], ...]
) -> TimeMention | None:
    """The longest mention extracted by any rule at `start` (ties: the earlier rule)."""
    best: TimeMention | None = None
    for rule, pattern in rules:
        match = pattern.match(text, start)
        if match is None or (best is not None and match.end() <= best.end):
            continue
        mention = rule.extract(match, ctx)
        if mention is not None and (best is None or mention.end > best.end):
            best = mention
    return best


def scan(text: str, ctx: Context, rules: tuple[Rule, ...] = RULES) -> tuple[TimeMention, ...]:
    """Candidate mentions in text order, non-overlapping, leftmost-longest."""
    scanner = patterns.compile_scanner(tuple(rule.template for rule in rules))
    found: list[TimeMention] = []
    end = 0
    compiled = _compiled(rules)
    for position in candidates(text):
        if position < end:
            continue
        hit = scanner.match(text, position)
        if hit is None:
            continue
        # Branches before the one that matched cannot match here: start from it.
        first = int(hit.lastgroup[1:]) if hit.lastgroup else 0
        best = _best_at(text, position, ctx, compiled[first:])
        if best is not None:
            found.append(best)
            end = best.end
    return tuple(found)
