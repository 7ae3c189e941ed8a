"""The rule table: every rule compiles, is validated, and finds what its docstring promises."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from calendar_extract import patterns
from calendar_extract.model import Context
from calendar_extract.tagger import normalize
from calendar_extract.tagger.refine import REFINERS
from calendar_extract.tagger.rules import RULES, Rule, rule_table
from calendar_extract.tagger.scan import candidates


def _noop(match: object, ctx: object) -> None:
    return None


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_compiles_and_rejects_empty(rule: Rule) -> None:
    pattern = rule.pattern
    assert pattern.fullmatch("") is None
    assert pattern.match("   ") is None


def test_rule_names_are_unique() -> None:
    assert len({r.name for r in RULES}) == len(RULES)


def test_empty_matching_rule_is_rejected_at_definition() -> None:
    with pytest.raises(ValueError, match="empty string"):
        Rule("bad", r"(?:{MONTH})?", _noop)  # type: ignore[arg-type]


def test_unknown_fragment_is_rejected_at_definition() -> None:
    with pytest.raises(ValueError, match="unknown fragments"):
        Rule("bad", r"{NOPE}", _noop)  # type: ignore[arg-type]


def test_duplicate_rule_names_are_rejected() -> None:
    rule = Rule("same", r"x", _noop)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duplicate"):
        rule_table(rule, rule)


def test_refiners_are_listed_in_order() -> None:
    assert [r.__name__ for r in REFINERS] == [
        "drop_cut_short", "anchor_periods", "listed_days", "merge_date_time", "anchor_times", "merge_ranges", "attach_until"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("January", "January"), ("Jan. 5", "Jan."), ("JANUARY", "JANUARY"), ("Janx", "Jan"),
     ("Janu", "Jan"), ("next  week", "next  week"), ("nextweek", None)],
)
def test_alternation_is_longest_first_and_escaped(text: str, expected: str | None) -> None:
    alt = re.compile(patterns.alternation(["Jan", "Jan.", "January", "next week"]), re.IGNORECASE)
    found = alt.match(text)
    assert (found.group() if found else None) == expected


def test_alternation_is_a_trie() -> None:
    """Words sharing a prefix share one branch: a failing position costs one test, not one per word."""
    assert patterns.alternation(["Jan", "Jan.", "January"]) == r"(?:jan(?:(?:\.|uary))?)"
    cased = patterns.alternation(["May", "MAY", "March"], case_sensitive=True)
    assert re.fullmatch(cased, "May") and re.fullmatch(cased, "MAY") and not re.match(cased, "may")


def test_lexicon_is_loaded_lazily_and_cached() -> None:
    assert patterns.lexicon() is patterns.lexicon()
    assert patterns.section("months")["Sept."] == 9


def test_anchor_words_cover_every_rule_example() -> None:
    text = "the latest period and at least the past 18 months and '80s"
    assert list(candidates(text))[:1] == [0]
    assert {"period", "months"} <= patterns.anchor_words()
    assert "the" not in patterns.anchor_words()


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("6-Mar-2025", dt.date(2025, 3, 6)), ("March 6, 2025", dt.date(2025, 3, 6))],
)
def test_dateparser_fallback_normalizes_days(surface: str, expected: dt.date) -> None:
    ctx = Context(reference=dt.datetime(2025, 3, 6))
    assert normalize.parse_date(surface, ctx) == expected


def test_dateparser_fallback_rejects_months_only() -> None:
    ctx = Context(reference=dt.datetime(2025, 3, 6))
    assert normalize.parse_date("March 2025", ctx) is None
    assert normalize.parse_date("blah", ctx) is None
