"""The event vocabulary (lexicon/en_events.toml) stays well formed: data kept honest by a test."""

from __future__ import annotations

import re

import pytest

from calendar_extract.events import lexicon
from calendar_extract.patterns import read_lexicon_file
from calendar_extract.events.triggers import find_triggers


def raw() -> dict[str, object]:
    return read_lexicon_file("en_events.toml")


def test_every_word_is_lower_case_and_unique() -> None:
    data = raw()
    nouns = data["nouns"]
    assert isinstance(nouns, dict)
    assert all(k == k.lower() and v for k, v in nouns.items())
    phrases = [p for group in data["verbs"].values() for p in group]  # type: ignore[union-attr]
    assert all(p == p.lower() and p.strip() == p for p in phrases)
    assert len(phrases) == len(set(phrases)), "a verbal trigger belongs to one event noun"


def test_patterns_never_match_the_empty_string() -> None:
    lex = lexicon.load()
    for name in ("nouns", "verbs", "tentative", "cancelled", "confirmed", "past", "future", "vague", "linking"):
        pattern = getattr(lex, name)
        assert isinstance(pattern, re.Pattern)
        assert pattern.search("") is None and pattern.search("   ") is None, name


def test_load_is_cached() -> None:
    assert lexicon.load() is lexicon.load()


TRIGGERS = [
    ("The upcoming European Council meeting on 6 March", ["meeting:Council meeting"]),
    ("a phone call between the leaders", ["call:phone call"]),
    ("SpaceX call off its cargo run", []),
    ("The Saturday Market closes", ["market:Market", "ending:closes"]),
    ("A new court filing shows the date", []),
    ("pupils nap during a lunch break", []),
    ("the opening ceremony", ["ceremony:ceremony"]),
    ("Trump is scheduled to be sentenced", ["event:is scheduled to", "sentencing:to be sentenced"]),
    ("the final draft", []),
    ("the final on Sunday", ["match:final"]),
    ("We will visit Kyiv", ["visit:will visit"]),
    ("the visit to Kyiv", ["visit:visit"]),
    ("opinion poll results", []),
]


@pytest.mark.parametrize(("text", "expected"), TRIGGERS, ids=[r[0] for r in TRIGGERS])
def test_triggers(text: str, expected: list[str]) -> None:
    found = find_triggers(text, 0, len(text), lexicon.load())
    assert [f"{t.cls}:{t.text}" for t in found] == expected
