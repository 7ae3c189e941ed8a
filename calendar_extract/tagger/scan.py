"""One pass over the text: cheap anchor words pick candidate positions, a combined scanner checks
them, and the longest mention any rule extracts at a matching position is kept.

Cost is kept linear and close to that of news text on word soup ("May may may", "1 2 3 4",
"Tuesday Tuesday"), where nearly every word is a candidate: a bare number is an anchor only when
something time-like touches it, and at each position only the rules that can begin with its first
three characters are tried (`firsts.dispatch`): a handful one by one, more after the combined scanner
has found that one of them matches.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import deque
from collections.abc import Iterator

from calendar_extract import patterns
from calendar_extract.model import Context, TimeMention
from calendar_extract.tagger import firsts
from calendar_extract.tagger.dates import MONTH_CUES
from calendar_extract.tagger.rules import RULES, Rule

_TOKEN = re.compile(r"[^\W_]+")
# How many words a mention may start before its anchor ("at least the past 18 months").
_LOOK_BACK = 6
# Up to this many rules are tried one by one; more are first checked by the combined scanner.
_FEW = 3

Compiled = tuple[tuple[Rule, re.Pattern[str]], ...]


def _is_anchor(text: str, token: re.Match[str], anchors: frozenset[str], every_digit: bool) -> bool:
    """Whether a mention may hold this word: an anchor word, or a number that looks time-like."""
    word = token.group()
    if not word[0].isdigit():
        return word.lower() in anchors or not word.isalpha()  # "Q3", "FY2025"
    if every_digit or len(word) == 4 or not word.isdigit():  # 2025, 1990s, 21st, 3pm, 14h30
        return True
    # "14:00", "6/3", "3-5", "3 pm": bare numbers in other mentions lean on an anchor word.
    return patterns.digit_tail().match(text, token.end()) is not None


@functools.cache
def _verb_months() -> frozenset[str]:
    """Lower-case month names that are also common words ("may", "march"): no anchors alone."""
    return frozenset(m.lower() for m in patterns.section("ambiguous")["months"])


_DIGIT_NEXT = re.compile(r"[ \t]*\d")


def _month_context(text: str, token: re.Match[str], before: str) -> bool:
    """A lower-case "may"/"march" anchors a mention only before a number or after a month cue
    (`before`, the word before it: "may 6", "in may"); the verb of "May may may …" (and of news)
    is no place to try rules."""
    return _DIGIT_NEXT.match(text, token.end()) is not None or before.lower() in MONTH_CUES


def candidates(text: str, *, every_digit: bool = False) -> Iterator[int]:
    """Ascending positions where a mention may start: the few words before each anchor word.

    Args:
        text: the text to scan.
        every_digit: count every number as an anchor (the reference behaviour, for tests).
    """
    anchors = patterns.anchor_words()
    window: deque[int] = deque(maxlen=_LOOK_BACK)
    last = -1
    verbs = _verb_months()
    previous = ""
    for token in _TOKEN.finditer(text):
        word = token.group()
        verb = word in verbs and not _month_context(text, token, previous)
        previous = word
        if verb:
            continue  # the verb "may" neither starts nor anchors a mention
        start = token.start()
        window.append(start - 1 if start and text[start - 1] == "'" else start)
        if not _is_anchor(text, token, anchors, every_digit):
            continue
        for position in window:
            if position > last:
                yield position
                last = position
        window.clear()


@functools.cache
def _machinery(rules: tuple[Rule, ...]) -> tuple[Compiled, firsts.Dispatch, re.Pattern[str]]:
    """The rules with their patterns, their prefix table and their combined scanner, built once."""
    every = tuple((rule, rule.pattern) for rule in rules)
    table = firsts.dispatch(tuple(pattern for _, pattern in every))
    return every, table, patterns.compile_scanner(tuple(rule.template for rule in rules))


def _extract(rule: Rule, match: re.Match[str], ctx: Context) -> TimeMention | None:
    """The rule's mention, or None when its date falls outside what a calendar can hold.

    "2025 decades ago" or "in 9000 years" are well-formed words but not dates (year < 1 or
    > 9999 raise ValueError/OverflowError in datetime): such a span is no time expression.
    """
    try:
        return rule.extract(match, ctx)
    except (ValueError, OverflowError):
        return None


def _best_at(text: str, start: int, ctx: Context, rules: Compiled) -> TimeMention | None:
    """The longest mention extracted by any rule at `start` (ties: the earlier rule)."""
    best: TimeMention | None = None
    for rule, pattern in rules:
        match = pattern.match(text, start)
        if match is None or (best is not None and match.end() <= best.end):
            continue
        mention = _extract(rule, match, ctx)
        if mention is not None and (best is None or mention.end > best.end):
            best = mention
    return best


def scan(
    text: str, ctx: Context, rules: tuple[Rule, ...] = RULES, *, every_digit: bool = False
) -> tuple[TimeMention, ...]:
    """Candidate mentions in text order, non-overlapping, leftmost-longest."""
    found: list[TimeMention] = []
    end = 0
    every, table, scanner = _machinery(rules)
    # Per call: the rules that can begin with the first characters of a position, by those.
    subsets: dict[str, tuple[tuple[int, ...], Compiled]] = {}
    for position in candidates(text, every_digit=every_digit):
        if position < end:
            continue
        key = text[position : position + firsts.WIDTH]
        if key not in subsets:
            indices = table.candidates(key)
            subsets[key] = indices, tuple(every[i] for i in indices)
        indices, subset = subsets[key]
        if len(subset) > _FEW:
            hit = scanner.match(text, position)
            if hit is None:
                continue
            # Branches before the one that matched cannot match here: start from it.
            branch = int(hit.lastgroup[1:]) if hit.lastgroup else 0
            subset = subset[bisect.bisect_left(indices, branch) :]
        best = _best_at(text, position, ctx, subset)
        if best is not None:
            found.append(best)
            end = best.end
    return tuple(found)
