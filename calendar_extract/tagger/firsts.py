"""Which rules can match at a position, judged by its first WIDTH (3) characters: cheap rejection.

In word soup ("May may may ...", "Tuesday Tuesday ...") nearly every word is a candidate position,
and trying every rule at each one made tagging several times slower than on news. A rule whose
pattern cannot begin with the characters at a position need not be tried there ("Ma" rules out
"Tuesday", "next week" and "3 pm"; "ma" also rules out months, which are capitalized). The possible
beginnings of a pattern are read from its parse tree (`re._parser`, the standard library's own
parser) and over-approximated: look-arounds are ignored, case-insensitive parts allow both cases,
and anything not understood (a negated class, ".") makes a rule count as able to start anywhere.
Only ASCII keys are dispatched; text with other characters there tries every rule.
A property test checks that no rule that matches is ever left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

# The standard library's own regex parser: the parse tree is the only exact account of a pattern.
# (Private, but stable since Python 3.11; on 3.10 it is still the public `sre_parse`.)
try:
    from re import _constants as sre  # type: ignore[attr-defined, unused-ignore]
    from re import _parser as sre_parse  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef, unused-ignore]
    import sre_parse  # type: ignore[no-redef, unused-ignore]

# Characters that decide, as a prefix of this length: 3 leaves the combined scanner half the
# positions 2 does (4 makes the tables explode).
WIDTH = 3
_ASCII = tuple(chr(code) for code in range(128))
_CATEGORY_PATTERNS = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
}


class _Unknown(Exception):
    """A node whose beginnings we do not work out: the rule may start anywhere."""


# A pattern's beginnings: strings of at most WIDTH characters. A string of WIDTH
# characters is a prefix of some match; a shorter one is a whole match.
Starts = frozenset[str]


def _chars(char: str, ignore: bool) -> set[str]:
    """The characters a literal `char` matches: itself, and its other cases when case is ignored."""
    if not ignore:
        return {char}
    forms = {char, char.lower()[:1], char.upper()[:1], char.casefold()[:1]}
    return {variant for form in forms if form for variant in (form, form.lower(), form.upper())
            if len(variant) == 1}


@functools.cache
def _category(code: object) -> set[str]:
    pattern = _CATEGORY_PATTERNS.get(code)
    if pattern is None:
        raise _Unknown(code)
    return {c for c in _ASCII if re.fullmatch(pattern, c)}


def _class(items: Iterable[tuple[Any, Any]], ignore: bool) -> set[str]:
    """The characters of a class `[...]` (ASCII ones suffice: non-ASCII text is not dispatched)."""
    chars: set[str] = set()
    negate = False
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars |= _chars(chr(arg), ignore)
        elif op is sre.RANGE:
            low, high = arg
            for code in range(low, min(high, 0x2FFF) + 1):
                chars |= _chars(chr(code), ignore)
        elif op is sre.CATEGORY:
            chars |= _category(arg)
        else:
            raise _Unknown(op)
    if negate:
        # Case folding makes a negated class hard to invert exactly: allow every character.
        raise _Unknown(sre.NEGATE)
    return chars


def _concat(left: Starts, right: Starts) -> Starts:
    """Beginnings of `left` followed by `right`."""
    out = {a for a in left if len(a) == WIDTH}
    out |= {(a + b)[:WIDTH] for a in left if len(a) < WIDTH for b in right}
    return frozenset(out)


def _repeat(low: int, high: int, body: Starts) -> Starts:
    """Beginnings of `body` repeated low..high times (stops once nothing new appears)."""
    result: set[str] = {""} if low == 0 else set()
    power: Starts = frozenset({""})
    count = 0
    while count < high:
        count += 1
        power = _concat(power, body)
        if count >= low:
            before = len(result)
            result |= power
            if count > low + WIDTH and len(result) == before:
                break
    return frozenset(result)


def _node(op: Any, arg: Any, ignore: bool) -> Starts:
    """Beginnings of one parse-tree node (`ignore`: case is ignored here)."""
    if op is sre.LITERAL:
        return frozenset(_chars(chr(arg), ignore))
    if op is sre.IN:
        return frozenset(_class(arg, ignore))
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""})  # zero width: ignoring a look-around only allows more
    if op is sre.SUBPATTERN:
        _, add, remove, body = arg
        scoped = (ignore or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _sequence(body, scoped)
    if op is sre.ATOMIC_GROUP:
        return _sequence(arg, ignore)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        return _repeat(low, high, _sequence(body, ignore))
    if op is sre.BRANCH:
        branches = arg[1]
        return frozenset().union(*(_sequence(branch, ignore) for branch in branches))
    raise _Unknown(op)  # ".", group references, conditionals, ...


def _sequence(items: Iterable[tuple[Any, Any]], ignore: bool) -> Starts:
    starts: Starts = frozenset({""})
    for op, arg in items:
        starts = _concat(starts, _node(op, arg, ignore))
        if all(len(s) == WIDTH for s in starts):
            break
    return starts


def starts(pattern: re.Pattern[str]) -> Starts | None:
    """How matches of `pattern` can begin (WIDTH characters); None: anyhow."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        found = _sequence(tree, bool(tree.state.flags & re.IGNORECASE))
    except _Unknown:
        return None
    return None if "" in found else found


@functools.cache
def dispatch(patterns: tuple[re.Pattern[str], ...]) -> "Dispatch":
    """The prefix table of `patterns`, worked out once (and kept in the cache folder: working
    out the beginnings of every rule takes longer than tagging a megabyte)."""
    from pathlib import Path

    from calendar_extract.cache import cached_table, key_of

    key = key_of([Path(__file__).read_bytes(), *(f"{p.flags} {p.pattern}" for p in patterns)])
    table = cached_table("prefixes", key, lambda: tuple(starts(p) for p in patterns), tuple)
    return Dispatch(table)


class Dispatch:
    """Maps the first WIDTH characters at a position to the indices of patterns that may match."""

    __slots__ = ("_by_key", "_always", "_short", "_count")

    def __init__(self, table: Sequence[Starts | None]) -> None:
        by_key: dict[str, set[int]] = {}
        short: dict[str, set[int]] = {}
        for index, found in enumerate(table):
            for start in found or ():
                (by_key if len(start) == WIDTH else short).setdefault(start, set()).add(index)
        self._by_key = {key: frozenset(value) for key, value in by_key.items()}
        self._short = {key: frozenset(value) for key, value in short.items()}
        self._always = frozenset(i for i, found in enumerate(table) if found is None)
        self._count = len(table)

    def candidates(self, key: str) -> tuple[int, ...]:
        """Indices (ascending) of the patterns that can match text beginning with `key`.

        `key` is the text at the position, WIDTH characters (fewer at the end).
        """
        if len(key) < WIDTH or not key.isascii():
            return tuple(range(self._count))
        found = set(self._always) | self._by_key.get(key, frozenset())
        for size in range(1, WIDTH):
            found |= self._short.get(key[:size], frozenset())
        return tuple(sorted(found))
