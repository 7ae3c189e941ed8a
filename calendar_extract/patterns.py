"""Lexicon → compiled regexes: named fragments, longest-first word-bounded alternations, cached.

Nothing here runs at import: the TOML word lists are read on first use (`lexicon()`), fragments are
composed once (`fragments()`), and each pattern is compiled once (`compile_template()`).
Fragments never contain capturing groups, so a rule may use one fragment several times and name
its own groups around them.
"""

from __future__ import annotations

import functools
import re
import string
import sys
from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FLAGS = re.IGNORECASE
# Before a mention: no word character, currency sign, or digit group ("$2025", "555-1234", "2.0.1").
START = r"(?<![\w$£€¥#@+/])(?<!\d[.,:/\-])"
# After a mention: no word character, percent sign, or continuing digit group ("12.5%", "3-1").
END = r"(?![\w%])(?![.,:/\-]\d)"

FRAGMENT_NAMES = frozenset(
    {
        "MONTH", "MONTH_SAFE", "WEEKDAY", "WEEKDAY_SAFE", "DAY", "DAY_WORD", "YEAR", "NUM",
        "UNIT", "TUNIT", "DUNIT", "TZ", "AMPM", "HOUR", "MINUTE", "PART", "SEASON", "SHIFT",
        "MOD", "REF", "RELDAY", "SETWORD", "SETQ", "SETFREQ", "TIMES", "HOLIDAY", "VAGUE",
        "ORDINAL", "DASH", "RANGE_SEP", "WEEKDAYS", "YEAR_WORDS",
    }
)


def read_lexicon_bytes(name: str) -> bytes:
    """The bytes of `calendar_extract/lexicon/<name>` (package data)."""
    return (files("calendar_extract") / "lexicon" / name).read_bytes()


def read_lexicon_file(name: str) -> dict[str, Any]:
    """Parse `calendar_extract/lexicon/<name>` (package data; TOML)."""
    return tomllib.loads(read_lexicon_bytes(name).decode("utf-8"))


@functools.cache
def lexicon(language: str = "en") -> Mapping[str, Any]:
    """The word lists of `lexicon/<language>_time.toml`, read once."""
    return read_lexicon_file(f"{language}_time.toml")


def section(name: str, language: str = "en") -> Mapping[str, Any]:
    """One table of the lexicon."""
    table: Mapping[str, Any] = lexicon(language)[name]
    return table


def alternation(words: Iterable[str], *, case_sensitive: bool = False) -> str:
    """A non-capturing group matching any of `words`, longest first, with flexible spaces.

    The words are factored into a trie ("Jan(?:uary)?"): the regex engine tries alternatives one
    by one, so a flat list of 100 words costs 100 attempts at every position where none matches,
    which made word soup ("May may may ...") slow. A longer continuation is tried before a word
    ends, so the trie prefers the same (longest) word as the flat, longest-first list did.
    """
    trie: _Trie = {}
    for word in set(words):
        node = trie
        for char in word:
            key = char if case_sensitive or len(char.lower()) != 1 else char.lower()
            node = node.setdefault(key, {})
        node[""] = {}
    body = _trie_regex(trie)
    if case_sensitive:
        return f"(?-i:{body})"
    return f"(?:{body})"


_Trie = dict[str, "_Trie"]


def _trie_regex(node: _Trie) -> str:
    """The regex of a trie node: its branches (longest continuation first), then word end."""
    branches = [
        (r"\s+" if key == " " else re.escape(key)) + _trie_regex(child)
        for key, child in sorted(node.items())
        if key
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def cased(words: Iterable[str], *, lower: bool = False) -> list[str]:
    """Capitalized and UPPER forms of `words` (and lower-case forms when `lower`)."""
    forms: list[str] = []
    for word in words:
        forms += [word, word.upper()] + ([word.lower()] if lower else [])
    return forms


def _months() -> tuple[str, str]:
    months = section("months")
    risky = set(section("ambiguous")["months"])
    every = alternation(cased(months), case_sensitive=True) + r"(?!\w)"
    safe = alternation(cased(m for m in months if m not in risky), case_sensitive=True) + r"(?!\w)"
    return every, safe


def _weekdays() -> tuple[str, str]:
    days = section("weekdays")
    risky = set(section("ambiguous")["weekdays"])
    every = alternation(cased(days, lower=True), case_sensitive=True) + r"(?!\w)"
    safe_words = [d for d in days if d.rstrip(".") not in risky]
    safe = alternation(cased(safe_words, lower=True), case_sensitive=True) + r"(?!\w)"
    return every, safe


def _weekday_plurals() -> str:
    full = [d + "s" for d in section("weekdays") if d.endswith("day")]
    return alternation(cased(full, lower=True), case_sensitive=True) + r"(?!\w)"


# "Lisbon time", "New York time", "Port-au-Prince time", "São Paulo time": one to three capitalized
# words before "time" ("CET time" is no city: CET then "time"). Which city it is (if any) is looked up by timezones.zone_name; a time
# followed by an unknown one ("3 pm Party time") ends before it.
CITY_TIME = (
    r"(?-i:[A-Z][a-z\u00e0-\u00ff]+(?:[ \-](?:(?:au|es|of|de|la)[ \-])?[A-Z][a-z\u00e0-\u00ff]+){0,2})"
    r"\s+[Tt]ime"
)


@functools.cache
def _city_time() -> re.Pattern[str]:
    return re.compile(CITY_TIME)


def is_city_time(text: str) -> bool:
    """Whether a stated zone has the "<City> time" form (the city may still be unknown)."""
    return _city_time().fullmatch(text) is not None


def _zones() -> str:
    abbrevs = alternation(section("timezones"), case_sensitive=True)
    cities = alternation(section("city_times"))
    offset = r"(?-i:GMT|UTC)\s?[+\-\u2212]\s?\d{1,2}(?::?\d\d)?"
    return f"(?:{offset}|{cities}|{CITY_TIME}|{abbrevs})(?!\\w)"


@functools.cache
def fragments() -> Mapping[str, str]:
    """Named regex fragments composed from the lexicon (no capturing groups)."""
    month, month_safe = _months()
    weekday, weekday_safe = _weekdays()
    # "twenty four" as well as "twenty-four" (transcripts drop the hyphen).
    numbers = alternation([*section("numbers"), *_spaced(section("numbers"))])
    return {
        "MONTH": month,
        "MONTH_SAFE": month_safe,
        "WEEKDAY": weekday,
        "WEEKDAY_SAFE": weekday_safe,
        "WEEKDAYS": _weekday_plurals(),
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "DAY_WORD": alternation(section("ordinals")) + r"(?!\w)",
        "ORDINAL": alternation(section("ordinals")) + r"(?!\w)",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d|2100)(?![\d,.]\d)",
        "YEAR_WORDS": _year_words(),
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{numbers}(?!\w))",
        "UNIT": alternation(section("units")) + r"(?!\w)",
        "TUNIT": alternation(section("time_units")["units"]) + r"(?!\w)",
        "DUNIT": alternation(set(section("units")) - set(section("time_units")["units"]))
        + r"(?!\w)",
        "TZ": _zones(),
        "AMPM": r"(?:[ap]\.\s?m\.|[ap]\.?m\b)",
        "HOUR": r"(?:2[0-3]|[01]?\d)",
        "MINUTE": r"[0-5]\d",
        "PART": alternation(section("parts_of_day")) + r"(?!\w)",
        "SEASON": alternation(section("seasons")) + r"(?!\w)",
        "SHIFT": alternation(section("shifts")) + r"(?!\w)",
        "MOD": alternation(section("mods")),
        "REF": alternation(section("refs")) + r"(?!\w)",
        "RELDAY": alternation(section("relative_days")) + r"(?!\w)",
        "SETWORD": alternation(section("set_words")) + r"(?!\w)",
        "SETQ": alternation(section("set_quantifiers")["words"]) + r"(?!\w)",
        "SETFREQ": alternation(section("set_freq")) + r"(?!\w)",
        "TIMES": alternation(section("times_words")) + r"(?!\w)",
        "HOLIDAY": alternation(cased(list(section("holidays")) + list(section("holidays_nth"))))
        + r"(?!\w)",
        "VAGUE": alternation(section("vague_quantities")["words"]) + r"(?!\w)",
        "DASH": r"\s?[\-\u2010-\u2015]\s?",
        "RANGE_SEP": r"(?:\s?[\-\u2010-\u2015]\s?|\s+(?:to|through|thru|until|till|and)\s+)",
    }


def _spaced(words: Iterable[str]) -> list[str]:
    """The hyphenated words with a space for the hyphen ("twenty-four" → "twenty four")."""
    return [w.replace("-", " ") for w in words if "-" in w]


def _year_words() -> str:
    """Spelled-out years: "nineteen ninety-six", "eighteen hundred", "two thousand and one"."""
    table = section("year_words")
    numbers = {w: v for w, v in section("numbers").items() if v < 100 and " " not in w}
    numbers.update({w.replace("-", " "): v for w, v in numbers.items() if "-" in w})  # _spaced
    tail = alternation(w for w, v in numbers.items() if v >= 10)
    small = alternation(numbers)
    ones = alternation(w for w, v in numbers.items() if v < 10)
    centuries = alternation(table["centuries"])
    millennium = alternation([table["millennium"]])
    return (
        rf"(?:{centuries}[\s-]+(?:{tail}|hundred|oh[\s-]+{ones})"
        rf"|{millennium}(?:\s+(?:and\s+)?{small})?)(?![\w-])"
    )


def expand(template: str) -> str:
    """Replace `{NAME}` placeholders of `template` with fragments."""
    names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    unknown = names - FRAGMENT_NAMES
    if unknown:
        raise ValueError(f"unknown fragments {sorted(unknown)} in {template!r}")
    parts = fragments()
    return template.format_map({name: parts[name] for name in names})


@functools.cache
def compile_template(template: str) -> re.Pattern[str]:
    """The word-bounded compiled pattern of a rule template; raises if it can match ''."""
    pattern = re.compile(START + "(?:" + expand(template) + ")" + END, FLAGS)
    if pattern.fullmatch("") is not None:
        raise ValueError(f"pattern matches the empty string: {template!r}")
    return pattern


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@functools.cache
def compile_scanner(templates: tuple[str, ...]) -> re.Pattern[str]:
    """One combined pattern finding where any template matches (group `R<i>` = template i)."""
    branches = (
        f"(?P<R{i}>{_NAMED_GROUP.sub('(?:', expand(t))})" for i, t in enumerate(templates)
    )
    return re.compile(START + r"(?=[\w'])(?:" + "|".join(branches) + ")" + END, FLAGS)


_ANCHOR_SECTIONS = (
    "months", "weekdays", "relative_days", "parts_of_day", "seasons", "units", "refs",
    "set_words", "set_freq", "times_words", "holidays", "holidays_nth", "numbers", "ordinals",
)
# Template words that can carry a match on their own (every rule match contains an anchor).
_TEMPLATE_ANCHORS = (
    "quarter half period century noon midnight midday clock fiscal fy q ago year twenties thirties "
    "forties fifties sixties seventies eighties nineties oclock while time"
)
# Frequent words that never carry a match alone: each phrase holding one has another anchor.
_NOT_ANCHORS = frozenset(
    "a an the of and at to in on this that near right these short long later s".split()
)


@functools.cache
def anchor_words() -> frozenset[str]:
    """Lower-cased words of which every mention holds at least one (digits aside).

    The scanner only tries positions a few words before an anchor, which keeps it fast.
    """
    words: set[str] = set(_TEMPLATE_ANCHORS.split())
    for name in _ANCHOR_SECTIONS:
        for phrase in section(name):
            words.update(re.findall(r"[^\W\d_]+", phrase.lower()))
    words.update(w.lower() + "s" for w in section("weekdays"))
    return frozenset(words - _NOT_ANCHORS)


@functools.cache
def digit_tail() -> re.Pattern[str]:
    """What may follow a bare number that is the only anchor of a mention.

    Every rule holding a number holds an anchor word ("6 March", "3 years", "12 noon") unless
    the number touches time punctuation ("14:00", "6/3/2025", "2-4 pm", "6.3.2025", "1990's") or
    am/pm ("3 pm", "3 p.m."); 4-digit numbers and numbers with letters ("21st", "3pm", "1990s")
    are anchors anyway. So "1 2 3 4 ..." holds no candidate at all.
    """
    return re.compile(r"\s?(?:[:./'’\-\u2010-\u2015]|[ap]\.?\s?m)", FLAGS)


@functools.cache
def word_set(section_name: str, key: str | None = None) -> frozenset[str]:
    """Lower-cased words of a lexicon table (its keys, or the list under `key`)."""
    table = section(section_name)
    words = table[key] if key else table
    return frozenset(w.lower() for w in words)


@functools.cache
def lookup(section_name: str) -> Mapping[str, Any]:
    """A lexicon table keyed by lower-cased, single-spaced words."""
    return {" ".join(k.lower().split()): v for k, v in section(section_name).items()}


def normal_key(text: str) -> str:
    """Lower-case `text` and collapse its whitespace, for `lookup()` tables."""
    return " ".join(text.lower().split())
