"""The state of `calendar-extract run`: an embedded SQLite database, versioned and migrated.

What it keeps (schema version in `PRAGMA user_version`, our mark in `PRAGMA application_id`):

    documents  every document read, by content hash: where from, its reference date, when first and
               last read, whether a source still holds it, and whether a newer version replaced it
    mentions   the events extracted from each document, and the calendar event (UID) each became
    events     the calendar's events: UID, the event as last written, SEQUENCE, CREATED,
               LAST-MODIFIED, whether it is published, and the first-sight UIDs it absorbed
    files      per source file: size, modification time and hash, so an unchanged file is not read
    settings   the version and options the documents were extracted with (`extraction`)
    runs       one row per run: when, and its summary (schema version 2)

A run loads a Snapshot, computes the next one (cron.run), and `save` writes the difference in one
transaction, so a run killed at any moment leaves the old state or the new one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calendar_extract.errors import StateError
from calendar_extract.model import Event, Revision
from calendar_extract.writers.json import event_dict, event_from_dict

__all__ = ["FileStamp", "Mention", "Record", "RunRow", "Snapshot", "StateStore", "StoredDocument", "SCHEMA_VERSION"]

APPLICATION_ID = 0x43455854  # "CEXT": tells our state files from other SQLite databases
_V1 = """
CREATE TABLE documents (
    hash TEXT PRIMARY KEY, origin TEXT NOT NULL, label TEXT NOT NULL, reference TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, current INTEGER NOT NULL, replaced INTEGER NOT NULL);
CREATE TABLE mentions (
    document TEXT NOT NULL REFERENCES documents(hash), position INTEGER NOT NULL,
    uid TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (document, position));
CREATE INDEX mentions_uid ON mentions(uid);
CREATE TABLE events (
    uid TEXT PRIMARY KEY, event TEXT NOT NULL, sequence INTEGER NOT NULL, created TEXT NOT NULL,
    modified TEXT NOT NULL, published INTEGER NOT NULL, aliases TEXT NOT NULL);
CREATE TABLE files (
    origin TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    documents TEXT NOT NULL);
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_V2 = """
CREATE TABLE runs (
    started TEXT NOT NULL, finished TEXT NOT NULL, summary TEXT NOT NULL, errors INTEGER NOT NULL);
"""
# MIGRATIONS[n] takes a database from version n to n + 1; a new database runs them all.
MIGRATIONS: tuple[str, ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document read once: `origin` is the file or URL, `label` its name in the calendar;
    `current` while a source holds it, `replaced` once another document holds its name."""

    hash: str
    origin: str
    label: str
    reference: dt.datetime
    first_seen: dt.datetime
    last_seen: dt.datetime
    current: bool
    replaced: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """An event as extracted from one document, and the UID of the calendar event it belongs to."""

    document: str
    position: int
    uid: str
    event: Event


@dataclass(frozen=True, slots=True)
class Record:
    """A calendar event kept across runs."""

    uid: str
    event: Event
    revision: Revision
    published: bool = True
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a source file was when last read, and the documents it held."""

    origin: str
    size: int
    mtime_ns: int
    sha256: str
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RunRow:
    """One run's line in the `runs` table."""

    started: dt.datetime
    finished: dt.datetime
    summary: str
    errors: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the state holds, keyed as in its tables."""

    documents: Mapping[str, StoredDocument] = field(default_factory=dict)
    mentions: Mapping[tuple[str, int], Mention] = field(default_factory=dict)
    records: Mapping[str, Record] = field(default_factory=dict)
    files: Mapping[str, FileStamp] = field(default_factory=dict)
    extraction: str = ""  # the version and options of the extraction (cron.gather.fingerprint)


class StateStore:
    """An open state database; use as a context manager so the connection is closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = _connect(path)
        try:
            self._db.execute("PRAGMA synchronous = FULL")  # a committed run survives a power cut
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise _corrupt(path, exc) from None
        except StateError:
            self._db.close()
            raise

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._db.close()

    def load(self) -> Snapshot:
        """Read the whole state.

        Raises:
            StateError: the database is corrupt.
        """
        try:
            return Snapshot(
                documents={row[0]: _document(row) for row in self._db.execute("SELECT * FROM documents")},
                mentions={(row[0], row[1]): _mention(row) for row in self._db.execute("SELECT * FROM mentions")},
                records={row[0]: _record(row) for row in self._db.execute("SELECT * FROM events")},
                files={row[0]: _file(row) for row in self._db.execute("SELECT * FROM files")},
                extraction=dict(self._db.execute("SELECT * FROM settings")).get("extraction", ""),
            )
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            raise _corrupt(self.path, exc) from None

    def save(self, old: Snapshot, new: Snapshot, run: RunRow) -> None:
        """Write what differs between `old` (as loaded) and `new`, and the run, in one transaction."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            _write(self._db, "documents", _changed(old.documents, new.documents), _document_row)
            _write(self._db, "mentions", _changed(old.mentions, new.mentions), _mention_row)
            _write(self._db, "events", _changed(old.records, new.records), _record_row)
            _write(self._db, "files", _changed(old.files, new.files), _file_row)
            gone = [(origin,) for origin in old.files if origin not in new.files]
            self._db.executemany("DELETE FROM files WHERE origin = ?", gone)
            self._db.execute("INSERT OR REPLACE INTO settings VALUES ('extraction', ?)", (new.extraction,))
            self._db.execute("INSERT INTO runs VALUES (?, ?, ?, ?)",
                             (_iso(run.started), _iso(run.finished), run.summary, run.errors))
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StateError(f"{self.path}: cannot save the state ({exc})") from None

    def _prepare(self) -> None:
        """Check that this is our database (or a new one) and migrate it to SCHEMA_VERSION."""
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (tables or version):
            raise StateError(f"{self.path}: not a calendar-extract state database; "
                             f"name another 'state' file in the config, or move this one away")
        if version > SCHEMA_VERSION:
            raise StateError(f"{self.path}: written by a newer calendar-extract (state schema {version}, "
                             f"this one knows {SCHEMA_VERSION}); upgrade, or run with --rebuild-state")
        check = self._db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StateError(f"{self.path}: the state database is damaged ({check}); "
                             f"run again with --rebuild-state to rebuild it from the sources and the calendar")
        for number in range(version, SCHEMA_VERSION):
            self._db.execute("BEGIN IMMEDIATE")
            for statement in _statements(MIGRATIONS[number]):
                self._db.execute(statement)
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {number + 1}")
            self._db.execute("COMMIT")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise StateError(f"{path}: cannot open the state database ({exc})") from None
    return db


def _statements(script: str) -> list[str]:
    """The statements of a migration script (executescript would commit our transaction)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _corrupt(path: Path, exc: Exception) -> StateError:
    return StateError(f"{path}: the state database cannot be read ({exc}); run again with --rebuild-state "
                      f"to rebuild it from the sources and the calendar (the old file is kept aside)")


def _iso(value: dt.datetime) -> str:
    return value.isoformat()


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _event_json(event: Event) -> str:
    # ensure_ascii: a lone surrogate from broken input is stored as its escape and read back as is
    return json.dumps({**event_dict(event), "uid": event.uid, "trigger": event.trigger}, ensure_ascii=True)


def _event(text: str) -> Event:
    return event_from_dict(json.loads(text))


def _document(row: tuple[Any, ...]) -> StoredDocument:
    hash_, origin, label, reference, first_seen, last_seen, current, replaced = row
    return StoredDocument(hash_, origin, label, _time(reference), _time(first_seen), _time(last_seen), bool(current),
                          bool(replaced))


def _document_row(doc: StoredDocument) -> tuple[Any, ...]:
    return (doc.hash, doc.origin, doc.label, _iso(doc.reference), _iso(doc.first_seen), _iso(doc.last_seen),
            int(doc.current), int(doc.replaced))


def _mention(row: tuple[Any, ...]) -> Mention:
    return Mention(document=row[0], position=row[1], uid=row[2], event=_event(row[3]))


def _mention_row(mention: Mention) -> tuple[Any, ...]:
    return (mention.document, mention.position, mention.uid, _event_json(mention.event))


def _record(row: tuple[Any, ...]) -> Record:
    uid, event, sequence, created, modified, published, aliases = row
    return Record(uid=uid, event=_event(event), revision=Revision(sequence, _time(created), _time(modified)),
                  published=bool(published), aliases=frozenset(json.loads(aliases)))


def _record_row(record: Record) -> tuple[Any, ...]:
    revision = record.revision
    return (record.uid, _event_json(record.event), revision.sequence, _iso(revision.created),
            _iso(revision.modified), int(record.published), json.dumps(sorted(record.aliases)))


def _file(row: tuple[Any, ...]) -> FileStamp:
    return FileStamp(origin=row[0], size=row[1], mtime_ns=row[2], sha256=row[3], documents=tuple(json.loads(row[4])))


def _file_row(stamp: FileStamp) -> tuple[Any, ...]:
    return (stamp.origin, stamp.size, stamp.mtime_ns, stamp.sha256, json.dumps(list(stamp.documents)))


def _changed(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> Iterable[Any]:
    return [value for key, value in new.items() if old.get(key) != value]


def _write(db: sqlite3.Connection, table: str, rows: Iterable[Any], to_row: Any) -> None:
    values = [to_row(item) for item in rows]
    if values:
        marks = ", ".join("?" * len(values[0]))
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", values)
