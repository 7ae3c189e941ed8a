"""calendar_extract.cache: tables kept in the cache folder, rebuilt when they do not fit."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from calendar_extract.cache import cached_table, key_of


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "calendar-extract"


def test_a_table_is_built_once_then_read_back(home: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"a": 1}

    assert cached_table("t", "k1", build, dict) == {"a": 1}
    assert cached_table("t", "k1", build, dict) == {"a": 1}
    assert len(builds) == 1 and [p.name for p in home.iterdir()] == ["t-k1.pickle"]


def test_a_file_of_another_type_or_key_is_replaced(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "t-k1.pickle").write_bytes(pickle.dumps(["not", "a", "dict"]))
    (home / "t-old.pickle").write_bytes(b"of another release")
    (home / "u-k1.pickle").write_bytes(b"another table: left alone")
    assert cached_table("t", "k1", lambda: {"b": 2}, dict) == {"b": 2}
    assert sorted(p.name for p in home.iterdir()) == ["t-k1.pickle", "u-k1.pickle"]
    assert pickle.loads((home / "t-k1.pickle").read_bytes()) == {"b": 2}


def test_keys_differ_with_what_the_table_is_built_from() -> None:
    assert key_of([b"code", "words"]) == key_of([b"code", "words"])
    assert key_of([b"code", "words"]) != key_of([b"code", "other words"])
    assert key_of(["ab", "c"]) != key_of(["a", "bc"])


def test_the_tagger_prefix_table_is_kept(home: Path) -> None:
    from calendar_extract.tagger import firsts
    from calendar_extract.tagger.rules import RULES

    patterns = tuple(rule.pattern for rule in RULES[:3])
    table = firsts.dispatch.__wrapped__(patterns)
    assert len(list(home.glob("prefixes-*.pickle"))) == 1
    again = firsts.dispatch.__wrapped__(patterns)
    assert [again.candidates(k) for k in ("6 M", "Tue", "at ")] == [table.candidates(k) for k in ("6 M", "Tue", "at ")]
