"""The sources of a run config → the documents they hold now, each with its content hash.

A file whose size and modification time (or, failing those, content hash) are those of the last run
is not read again: its documents are the ones the state remembers. A source that cannot be read is
reported, and the documents it held last time count as still there (a feed that is down for an hour
does not empty the calendar).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from calendar_extract import __version__
from calendar_extract.cron.config import RunConfig, SourceConfig
from calendar_extract.cron.state import FileStamp
from calendar_extract.errors import InputError, internal_error
from calendar_extract.model import Document
from calendar_extract.readers import expand_inputs, read_documents
from calendar_extract.readers.fetch import FetchSettings, url_of
from calendar_extract.readers.formats import Format
from calendar_extract.readers.sources import GLOB_CHARS
from calendar_extract.readers.text import MTIME_BASIS, TODAY_BASIS
from calendar_extract.writers.json import event_dict

__all__ = ["Found", "Gathered", "document_hash", "gather"]

log = logging.getLogger(__name__)
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Found:
    """A document read this run, from `origin` (a file or URL)."""

    origin: str
    hash: str
    document: Document


@dataclass(frozen=True, slots=True)
class Gathered:
    """What the sources hold now."""

    found: tuple[Found, ...] = ()
    unchanged: frozenset[str] = frozenset()  # hashes of the documents of files not read again
    failed: tuple[str, ...] = ()  # origins (files, folders, URLs) that could not be read
    errors: tuple[str, ...] = ()
    files: Mapping[str, FileStamp] = field(default_factory=dict)


def document_hash(document: Document, fingerprint: str) -> str:
    """The identity of a document's content as extraction sees it.

    The reference date counts unless it is just "today" (a page without a date read on another
    day is the same page); `fingerprint` holds the version and the options that change extraction.
    """
    reference = None if document.reference_basis == TODAY_BASIS else document.reference.isoformat()
    given = [event_dict(e) for e in document.events]
    payload = [fingerprint, document.text, reference, document.timezone, document.url, given]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=True).encode("ascii")).hexdigest()


def fingerprint(config: RunConfig) -> str:
    """What, besides the content, decides what extraction finds: the version and the options."""
    sources = [(s.location, s.input_format, s.timezone) for s in config.sources]
    return json.dumps([f"calendar-extract {__version__}", config.day_first, config.timezone, sources])


def gather(config: RunConfig, files: Mapping[str, FileStamp], now: dt.datetime,
           references: Mapping[str, dt.datetime]) -> Gathered:
    """Read every source of `config`.

    Args:
        files: the file stamps of the last run.
        now: local wall-clock time, the reference date of documents with no other.
        references: document name → the reference date of its first version. An edited file with
            no date in it keeps it: its modification time moved because someone edited it, not
            because it was written later (else "on Friday" in an unchanged sentence would move).
    """
    found: list[Found] = []
    unchanged: set[str] = set()
    failed: list[str] = []
    errors: list[str] = []
    stamps: dict[str, FileStamp] = {}
    settings = FetchSettings(cache_dir=config.cache_dir, max_bytes=config.max_document_bytes)
    spent = 0
    for source in config.sources:
        origins = _origins(source)
        if isinstance(origins, InputError):
            errors.append(str(origins))
            failed.append(source.location)
            continue
        for origin in origins:
            if _is_output(origin, config):
                continue  # a calendar in its own inbox would feed on itself
            last = files.get(origin)
            stamp = _stamp(origin, last)
            if stamp is not None and last is not None and stamp.sha256 == last.sha256:
                unchanged.update(last.documents)
                stamps[origin] = dataclasses.replace(stamp, documents=last.documents)
                continue
            size = stamp.size if stamp is not None else 0
            if size <= config.max_document_bytes and spent + size > config.max_run_bytes:  # too big: _read says so
                errors.append(f"{_label(origin, source, config)}: left for the next run: this run has read "
                              f"{spent:,} bytes of new input, near max_run_bytes = {config.max_run_bytes:,}")
                failed.append(origin)
                continue
            documents, problems = _read(origin, source, config, now, settings, references)
            spent += size or sum(len(f.document.text) for f in documents)
            found.extend(documents)
            errors.extend(problems)
            if problems:
                failed.append(origin)  # what it held last time stays, until it reads cleanly
            if stamp is not None and not problems:
                stamps[origin] = dataclasses.replace(stamp, documents=tuple(f.hash for f in documents))
    return Gathered(tuple(found), frozenset(unchanged), tuple(failed), tuple(errors), stamps)


def _origins(source: SourceConfig) -> list[str] | InputError:
    """The files (or the URL) of a source; a folder or glob with nothing in it is no error."""
    location = source.location
    if url_of(location) is not None or source.kind == "url":
        return [location]
    if Path(location).is_dir() or GLOB_CHARS & set(location):
        return [item for item in expand_inputs([location]) if isinstance(item, str)]
    if not Path(location).exists():
        return InputError(f"{source.label}: no such file or folder")
    return [location]


def _is_output(origin: str, config: RunConfig) -> bool:
    return url_of(origin) is None and os.path.realpath(origin) == os.path.realpath(config.output)


def _stamp(origin: str, last: FileStamp | None) -> FileStamp | None:
    """The file's size, time and hash now (the hash reused when size and time did not move)."""
    if url_of(origin) is not None:
        return None
    try:
        info = os.stat(origin)
    except OSError:
        return None
    if last is not None and (last.size, last.mtime_ns) == (info.st_size, info.st_mtime_ns):
        return last
    try:
        digest = hashlib.sha256()
        with open(origin, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None  # read_documents reports it
    return FileStamp(origin, info.st_size, info.st_mtime_ns, digest.hexdigest(), ())


def _read(origin: str, source: SourceConfig, config: RunConfig, now: dt.datetime, settings: FetchSettings,
          references: Mapping[str, dt.datetime]) -> tuple[list[Found], list[str]]:
    """The documents of one file or URL, named as the config names them."""
    forced = Format(source.input_format) if source.input_format else Format.FEED if source.kind == "feed" else None
    label = _label(origin, source, config)
    found: list[Found] = []
    problems: list[str] = []
    try:
        for item in read_documents(origin, reference=None, timezone=source.timezone or config.timezone, now=now,
                                   input_format=forced, fetching=settings, max_bytes=config.max_document_bytes):
            if isinstance(item, InputError):
                problems.append(_relabel_text(str(item), origin, label))
                continue
            document = dataclasses.replace(item, source=_relabel_text(item.source, origin, label))
            first = references.get(document.source)
            if document.reference_basis == MTIME_BASIS and first is not None:
                document = dataclasses.replace(document, reference=first,
                                               reference_basis=f"{MTIME_BASIS} of its first version")
            found.append(Found(origin, document_hash(document, fingerprint(config)), document))
    except InputError as exc:
        problems.append(_relabel_text(str(exc), origin, label))
    except Exception as exc:  # a bug of ours: this source's error, the run goes on
        log.debug("internal error", exc_info=True)
        problems.append(str(internal_error(label, exc)))
    return found, problems


def _label(origin: str, source: SourceConfig, config: RunConfig) -> str:
    """A file's name relative to the config's folder (no server paths in a published calendar)."""
    if url_of(origin) is not None:
        return origin
    try:
        return os.path.relpath(origin, config.folder)
    except ValueError:  # another drive (Windows)
        return origin


def _relabel_text(text: str, origin: str, label: str) -> str:
    """A reader's message about `origin`, naming it as the config does (and the config's limit key)."""
    text = text.replace("--max-bytes", "max_document_bytes")
    return label + text[len(origin):] if text.startswith(origin) else text


def under(origin: str, places: tuple[str, ...]) -> bool:
    """`origin` is one of `places` or inside one of them (a file of a failed folder)."""
    return any(origin == p or origin.startswith(p.rstrip(os.sep) + os.sep) or _globbed(origin, p) for p in places)


def _globbed(origin: str, pattern: str) -> bool:
    import fnmatch

    return bool(GLOB_CHARS & set(pattern)) and fnmatch.fnmatch(origin, pattern)
