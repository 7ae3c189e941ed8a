"""cron.state: the SQLite state — round trip, migrations, and clear errors for damaged files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from calendar_extract.cron.state import (
    APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, FileStamp, Mention, Record, RunRow, Snapshot, StateStore,
    StoredDocument,
)
from calendar_extract.errors import StateError
from calendar_extract.model import Event, Revision, Status

NOW = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
EVENT = Event("Board meeting", dt.datetime(2026, 3, 12, 10, 0), all_day=False, tzid="Europe/Brussels",
              location="Room 4", uid="abc@calendar-extract", trigger="meeting", source="inbox/a.txt",
              participants=("Ann",), reasons=("why",), confidence=0.8, status=Status.TENTATIVE)


def snapshot() -> Snapshot:
    document = StoredDocument("h1", "/in/a.txt", "inbox/a.txt", dt.datetime(2026, 3, 1), NOW, NOW, True)
    return Snapshot(
        documents={"h1": document},
        mentions={("h1", 0): Mention("h1", 0, "abc@calendar-extract", EVENT)},
        records={"abc@calendar-extract": Record("abc@calendar-extract", EVENT, Revision(2, NOW, NOW), True,
                                                frozenset({"abc@calendar-extract", "def@calendar-extract"}))},
        files={"/in/a.txt": FileStamp("/in/a.txt", 10, 123, "f" * 64, ("h1",))},
    )


def test_a_new_state_is_marked_and_at_the_latest_schema(tmp_path: Path) -> None:
    with StateStore(tmp_path / "s.sqlite") as store:
        assert store.load() == Snapshot()
    db = sqlite3.connect(tmp_path / "s.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with StateStore(path) as store:
        store.save(Snapshot(), snapshot(), RunRow(NOW, NOW, "1 new document", 0))
    with StateStore(path) as store:
        assert store.load() == snapshot()


def test_save_writes_only_the_difference_and_drops_files_that_are_gone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = snapshot()
    with StateStore(path) as store:
        store.save(Snapshot(), first, RunRow(NOW, NOW, "first", 0))
        second = Snapshot(documents=first.documents, mentions=first.mentions, records=first.records, files={})
        store.save(first, second, RunRow(NOW, NOW, "second", 0))
        assert store.load() == second
    runs = sqlite3.connect(path).execute("SELECT summary FROM runs").fetchall()
    assert runs == [("first",), ("second",)]


def test_a_version_1_state_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO files VALUES ('/in/a.txt', 10, 123, 'ff', '[\"h1\"]')")
    db.close()
    with StateStore(path) as store:
        assert store.load().files == {"/in/a.txt": FileStamp("/in/a.txt", 10, 123, "ff", ("h1",))}
        store.save(store.load(), store.load(), RunRow(NOW, NOW, "migrated", 0))  # the runs table of v2
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_garbage_is_a_clear_error_naming_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StateError, match="--rebuild-state"):
        with StateStore(path) as store:
            store.load()


def test_a_truncated_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with StateStore(path) as store:
        store.save(Snapshot(), snapshot(), RunRow(NOW, NOW, "x", 0))
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * (len(data) - 100))
    with pytest.raises(StateError, match="--rebuild-state"):
        with StateStore(path) as store:
            store.load()


def test_another_sqlite_database_is_not_taken_for_a_state(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    sqlite3.connect(path).execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(StateError, match="not a calendar-extract state"):
        StateStore(path)
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == [("users",)]


def test_a_state_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with StateStore(path):
        pass
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StateError, match="newer calendar-extract"):
        StateStore(path)
