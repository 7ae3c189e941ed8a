"""The event vocabulary (lexicon/en_events.toml) as compiled, word-bounded patterns; loaded lazily."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from calendar_extract import patterns
from calendar_extract.patterns import read_lexicon_file

__all__ = ["EventLexicon", "ListingWords", "load", "listing_words", "alternation"]


def alternation(phrases: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A word-bounded alternation of `phrases` (a trie: cost grows with the text, not with the
    number of phrases); the longest phrase wins; spaces match any blank."""
    return r"(?<![\w'’-])" + patterns.alternation(phrases) + r"(?![\w-])"


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Word lists and compiled patterns of the assembler (see lexicon/en_events.toml)."""

    noun_class: dict[str, str]
    nouns: re.Pattern[str]
    verb_noun: dict[str, str]
    verbs: re.Pattern[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    verb_like: frozenset[str]
    verb_like_plural: frozenset[str]
    verb_before: frozenset[str]
    verb_after: frozenset[str]
    modifiers: frozenset[str]
    adjective_like: frozenset[str]
    head_ok_after: frozenset[str]
    tentative: re.Pattern[str]
    cancelled: re.Pattern[str]
    confirmed: re.Pattern[str]
    approx: frozenset[str]
    condition: frozenset[str]
    new_date: frozenset[str]
    past: re.Pattern[str]
    future: re.Pattern[str]
    place_preps: frozenset[str]
    not_place: frozenset[str]
    place_joiners: frozenset[str]
    venue_nouns: frozenset[str]
    name_abbreviations: frozenset[str]
    lowercase_venues: frozenset[str]
    stop_left: frozenset[str]
    stop_right: frozenset[str]
    max_left_words: int
    ly_adjectives: frozenset[str]
    for_objects: frozenset[str]
    max_chars: int
    between: frozenset[str]
    with_cues: frozenset[str]
    vague: re.Pattern[str]
    anaphora: frozenset[str]
    linking: re.Pattern[str]
    skip_prefixes: tuple[str, ...]
    heading_max_words: int
    not_heading: frozenset[str]
    deadline_objects: tuple[str, ...]
    named_verbs: re.Pattern[str]
    needs_modifier: dict[str, frozenset[str]]
    subordinate: frozenset[str]
    reporting: re.Pattern[str]
    reported_after: re.Pattern[str]
    verb_adverb: re.Pattern[str]


def _words(section: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word) for word in section[key])


def _compile(phrases: list[str] | frozenset[str]) -> re.Pattern[str]:
    return re.compile(alternation(list(phrases)), re.IGNORECASE)


def _verbs(phrases: list[str], adverbs: list[str]) -> re.Pattern[str]:
    """Verb phrases; "will <verb>" also with one adverb between ("will still meet")."""
    wills = [p.removeprefix("will ") for p in phrases if p.startswith("will ")]
    others = [p for p in phrases if not p.startswith("will ")]
    will = rf"will\s+(?:{patterns.alternation(adverbs)}\s+)?{patterns.alternation(wills)}"
    body = f"(?:{will}|{patterns.alternation(others)})"
    return re.compile(r"(?<![\w'’-])" + body + r"(?![\w-])", re.IGNORECASE)


def _noun_forms(nouns: dict[str, str], verb_like: frozenset[str]) -> dict[str, str]:
    forms = dict(nouns)
    for noun, cls in nouns.items():
        if not noun.endswith("s") or noun in {"talks"}:
            forms.setdefault(_plural(noun), cls)
    return {k: v for k, v in forms.items() if k != "shows" or "show" not in verb_like}


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """Triggers, status and tense cues."""
    amb, status = data["ambiguous"], data["status"]
    verb_like = _words(amb, "verb_like")
    noun_class = _noun_forms(data["nouns"], verb_like)
    verb_noun = {phrase: noun for noun, phrases in data["verbs"].items() for phrase in phrases}
    return dict(
        noun_class=noun_class,
        nouns=_compile(list(noun_class)),
        verb_noun=verb_noun,
        verbs=_verbs(list(verb_noun), data["verb_adverbs"]["words"]),
        verb_adverb=re.compile(r"^will (?:" + "|".join(map(re.escape, data["verb_adverbs"]["words"])) + r") "),
        not_after=_words(data["not_event_after"], "words"),
        not_before=_words(data["not_event_before"], "words"),
        verb_like=verb_like,
        verb_like_plural=frozenset(_plural(w) for w in verb_like),
        verb_before=_words(amb, "verb_before"),
        verb_after=_words(amb, "verb_after"),
        modifiers=_words(amb, "modifiers"),
        adjective_like=_words(amb, "adjective_like"),
        head_ok_after=_words(amb, "head_ok_after"),
        tentative=_compile(status["tentative"]),
        cancelled=_compile(status["cancelled"]),
        confirmed=_compile(status["confirmed"]),
        approx=_words(status, "approx"),
        condition=_words(status, "condition"),
        new_date=_words(status, "new_date"),
        past=_compile(data["tense"]["past"]),
        future=_compile(data["tense"]["future"]),
        named_verbs=re.compile(alternation(data["verbs_between_names"]["match"])),
        subordinate=_words(data["subordinate"], "words"),
        needs_modifier={k: frozenset(v) for k, v in data["needs_modifier"].items()},
        reported_after=re.compile(
            r"\s*(?:" + "|".join(data["reporting"]["after"]) + r")\s+\w",
            re.IGNORECASE,
        ),
        reporting=re.compile(
            r"\b(?:" + "|".join(data["reporting"]["verbs"]) + r")\s+(?:on\s+|late\s+|early\s+)?$",
            re.IGNORECASE,
        ),
    )


def _more_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Places, titles, participants and the other small lists."""
    loc, title = data["location"], data["title"]
    return dict(
        place_preps=_words(loc, "prepositions"),
        not_place=_words(loc, "not_place"),
        place_joiners=_words(loc, "joiners"),
        venue_nouns=_words(loc, "venue_nouns"),
        name_abbreviations=frozenset(loc["name_abbreviations"]),
        lowercase_venues=_words(loc, "lowercase_venues"),
        stop_left=_words(title, "stop_left"),
        stop_right=_words(title, "stop_right"),
        max_left_words=int(title["max_left_words"]),
        ly_adjectives=_words(title, "ly_adjectives"),
        for_objects=_words(title, "for_objects"),
        max_chars=int(title["max_chars"]),
        between=_words(data["participants"], "between"),
        with_cues=_words(data["participants"], "with"),
        vague=_compile(data["vague"]["phrases"]),
        anaphora=_words(data["anaphora"], "determiners"),
        linking=_compile(data["linking"]["during"]),
        skip_prefixes=tuple(data["skip_sentence"]["prefixes"]),
        heading_max_words=int(data["heading"]["max_words"]),
        not_heading=_words(data["heading"], "not_heading"),
        deadline_objects=tuple(data["deadline"]["to_object"]),
    )


@functools.cache
def load() -> EventLexicon:
    """Read lexicon/en_events.toml once (on first use) and compile its patterns."""
    data = read_lexicon_file("en_events.toml")
    return EventLexicon(**_fields(data), **_more_fields(data))


@dataclass(frozen=True, slots=True)
class ListingWords:
    """Word lists of listing pages (the [listing] table of lexicon/en_events.toml)."""

    series_end: re.Pattern[str]  # matches at the end of the text before a date
    field_labels: frozenset[str]
    runtime: re.Pattern[str]  # "143 mins"
    ordinals: dict[str, int]


@functools.cache
def listing_words() -> ListingWords:
    """Read the [listing] table once (on first use)."""
    table = read_lexicon_file("en_events.toml")["listing"]
    return ListingWords(
        series_end=re.compile(alternation(table["series_end"]) + r"[\s,]*$", re.IGNORECASE),
        field_labels=_words(table, "field_labels"),
        runtime=re.compile(r"\b\d{2,3}\s*" + alternation(table["runtime_units"]), re.IGNORECASE),
        ordinals={str(k): int(v) for k, v in table["ordinals"].items()},
    )
