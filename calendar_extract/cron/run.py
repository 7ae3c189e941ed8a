"""`calendar-extract run CONFIG.toml`: sources → one calendar kept right across cron runs.

One run, under a lock on the state:

    gather     read the sources; files unchanged since the last run are not read again
    extract    only documents whose content hash the state does not know
    assign     give each new event the UID of the calendar event it names (cron.reconcile)
    compose    each calendar event from the documents that still mention it; SEQUENCE + 1 when its
               date, time, place or status changes
    save       the state, in one SQLite transaction
    publish    the calendar, atomically, and only when its bytes change

The state is saved before the calendar is written: a run killed between the two leaves the old
calendar, and the next run writes the one the state describes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from calendar_extract.cron.config import RunConfig
from calendar_extract.cron.gather import Found, Gathered, fingerprint, gather, under
from calendar_extract.cron.reconcile import NewDocument, assign, compose, revise
from calendar_extract.cron.state import Mention, Record, RunRow, Snapshot, StateStore, StoredDocument
from calendar_extract.errors import BusyError, OutputError, StateError
from calendar_extract.model import Event, Options, Status

__all__ = ["Change", "RunReport", "run"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """What happened to one calendar event in a run."""

    kind: str  # "new", "changed" (SEQUENCE + 1), "updated" (wording only), "removed" (left the calendar)
    event: Event
    sequence: int


@dataclass(frozen=True, slots=True)
class RunReport:
    """The outcome of a run, for the one-line summary and --dry-run."""

    new_documents: int
    new_events: int
    updated: int
    errors: tuple[str, ...]
    changes: tuple[Change, ...]
    published: int  # events in the calendar
    written: bool  # the calendar file changed (or would, with --dry-run)
    dry_run: bool = False

    @property
    def summary(self) -> str:
        """"3 new documents, 2 new events, 1 updated, 0 errors"."""
        parts = (_count(self.new_documents, "new document"), _count(self.new_events, "new event"),
                 f"{self.updated} updated", _count(len(self.errors), "error"))
        return ", ".join(parts)

    @property
    def eventful(self) -> bool:
        """Something worth a line in cron's mail: new input, a changed calendar, an error."""
        return bool(self.new_documents or self.changes or self.errors or self.written)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def run(config: RunConfig, *, clock: Callable[[], dt.datetime], dry_run: bool = False,
        rebuild: bool = False, jobs: int = 1, progress: Progress | None = None) -> RunReport:
    """One run of `config`; `clock` gives the aware current time; `jobs` processes extract the
    new documents (the result is the same whatever their number), telling `progress` how many of
    how many are done.

    Raises:
        BusyError: another run holds the lock and the config says not to wait.
        StateError: the state database is unreadable (the message names --rebuild-state).
        OutputError: the calendar cannot be written (the state is saved; the next run retries).
    """
    now = clock().astimezone(dt.timezone.utc).replace(microsecond=0)
    with _locked(config):
        if rebuild and not dry_run:
            _set_aside(config.state, now)
        with StateStore(Path(":memory:") if rebuild and dry_run else config.state) as store:
            loaded = store.load()
            base = dataclasses.replace(loaded, records=_seeds(config.output, now)) if rebuild else loaded
            # after an upgrade or a change of options every file is read and extracted again
            files = base.files if base.extraction == fingerprint(config) else {}
            gathered = gather(config, files, now.astimezone().replace(tzinfo=None), _first_references(base))
            step = _advance(config, base, gathered, now, jobs, progress)
            data = _render(config, step.snapshot, now)
            written = _differs(config.output, data)
            report = dataclasses.replace(step.report, written=written, dry_run=dry_run)
            if dry_run:
                return report
            store.save(loaded, step.snapshot, RunRow(now, clock().astimezone(dt.timezone.utc), report.summary,
                                                     len(report.errors)))
        if written:
            _publish(config.output, data)
        return report


Progress = Callable[[int, int], None]  # (documents extracted, documents to extract)


@dataclass(frozen=True, slots=True)
class _Step:
    snapshot: Snapshot
    report: RunReport


def _advance(config: RunConfig, base: Snapshot, gathered: Gathered, now: dt.datetime, jobs: int = 1,
             progress: Progress | None = None) -> _Step:
    """The next snapshot: documents marked present or gone, new ones extracted and assigned."""
    present = _present(base, gathered)
    new, errors, failed = _extract_new(config, base, gathered, jobs, progress)
    files = {origin: stamp for origin, stamp in gathered.files.items() if not failed & set(stamp.documents)}
    gone = {h for h, d in base.documents.items() if d.current and h not in present}
    documents = _documents(base, gathered, present, new, now)
    replaced = _replaced_events(base, gone)
    new_documents = [NewDocument(found.hash, events, replaced.get(found.document.source, frozenset()))
                     for found, events in new]
    aliases = {alias: r.uid for r in base.records.values() for alias in r.aliases}
    assigned, aliases = assign({uid: r.event for uid, r in base.records.items()}, aliases, new_documents)
    mentions = dict(base.mentions)
    events_of = {found.hash: events for found, events in new}
    for document, position, uid in assigned:
        mentions[(document, position)] = Mention(document, position, uid, events_of[document][position])
    records, changes = _records(config, base.records, mentions, documents, aliases, now)
    report = RunReport(
        new_documents=len(new), new_events=sum(c.kind == "new" for c in changes),
        updated=sum(c.kind in ("changed", "updated", "removed") for c in changes),
        errors=(*gathered.errors, *errors), changes=tuple(changes), published=0, written=False)
    # a file with a document that failed is read again next time (files)
    snapshot = Snapshot(documents=documents, mentions=mentions, records=records, files=files,
                        extraction=fingerprint(config))
    return _Step(snapshot, dataclasses.replace(report, published=len(_calendar_events(config, records, now))))


def _first_references(base: Snapshot) -> dict[str, dt.datetime]:
    """Document name → the reference date of its first version (see gather's `references`)."""
    first: dict[str, StoredDocument] = {}
    for doc in base.documents.values():
        if doc.label not in first or doc.first_seen < first[doc.label].first_seen:
            first[doc.label] = doc
    return {label: doc.reference for label, doc in first.items()}


def _present(base: Snapshot, gathered: Gathered) -> set[str]:
    """Documents the sources hold now, and those of sources that could not be read this time."""
    present = {f.hash for f in gathered.found} | set(gathered.unchanged)
    present |= {h for h, d in base.documents.items() if d.current and under(d.origin, gathered.failed)}
    return present


def _extract_new(config: RunConfig, base: Snapshot, gathered: Gathered, jobs: int, progress: Progress | None
                 ) -> tuple[list[tuple[Found, tuple[Event, ...]]], list[str], set[str]]:
    """Extract the documents the state does not know yet, each once, in `jobs` processes: their
    events, the errors, and the hashes of the documents that failed."""
    import functools

    from calendar_extract import batch
    from calendar_extract.parallel import batched, open_runner, ordered_map

    options = Options(timezone=config.timezone, day_first=config.day_first, calendar_name=config.name,
                      max_events=config.max_events_per_document)
    todo: dict[str, Found] = {}
    for found in sorted(gathered.found, key=lambda f: (f.document.source, f.hash)):
        if found.hash not in base.documents:
            todo.setdefault(found.hash, found)
    new: list[tuple[Found, tuple[Event, ...]]] = []
    errors: list[str] = []
    failed: set[str] = set()
    if not todo:
        return new, errors, failed
    parts = list(batched(todo.values(), lambda f: len(f.document.text), max_size=batch.BATCH_BYTES,
                         max_items=batch.BATCH_INPUTS))
    work = functools.partial(batch.events_of, options=options)
    with open_runner(min(jobs, len(todo)), warm_up=batch.warm_up) as runner:
        documents = ([found.document for found in part] for part in parts)
        for part, outcomes in zip(parts, ordered_map(runner, work, documents)):
            for found, outcome in zip(part, outcomes):
                if isinstance(outcome, str):
                    errors.append(outcome)
                    failed.add(found.hash)
                else:
                    new.append((found, outcome))
            if progress is not None:
                progress(len(new) + len(errors), len(todo))
    return new, errors, failed


def _documents(base: Snapshot, gathered: Gathered, present: set[str],
               new: Sequence[tuple[Found, tuple[Event, ...]]], now: dt.datetime) -> dict[str, StoredDocument]:
    """Every document, marked present or not, and replaced when a present one holds its name."""
    documents = {h: dataclasses.replace(d, current=h in present) for h, d in base.documents.items()}
    for found in gathered.found:
        known = documents.get(found.hash)
        if known is not None:
            documents[found.hash] = dataclasses.replace(known, last_seen=now, current=True)
    for found, _ in new:
        doc = found.document
        documents[found.hash] = StoredDocument(found.hash, found.origin, doc.source, doc.reference, now, now, True)
    names = {d.label for d in documents.values() if d.current}
    return {h: dataclasses.replace(d, replaced=not d.current and (d.replaced or d.label in names))
            for h, d in documents.items()}


def _replaced_events(base: Snapshot, gone: set[str]) -> dict[str, frozenset[str]]:
    """Document name → the UIDs of the events of its version(s) gone this run: a new document of
    that name replaces them (an edited file), and may move their events."""
    uids: dict[str, set[str]] = {}
    for mention in base.mentions.values():
        if mention.document in gone:
            uids.setdefault(base.documents[mention.document].label, set()).add(mention.uid)
    return {label: frozenset(found) for label, found in uids.items()}


def _records(config: RunConfig, old: Mapping[str, Record], mentions: Mapping[tuple[str, int], Mention],
             documents: Mapping[str, StoredDocument], aliases: Mapping[str, str], now: dt.datetime
             ) -> tuple[dict[str, Record], list[Change]]:
    """Every calendar event, composed from the current documents that mention it."""
    current: dict[str, list[tuple[tuple[object, ...], Event, str, str]]] = {}
    mentioned: set[str] = set()
    for mention in mentions.values():
        mentioned.add(mention.uid)
        doc = documents[mention.document]
        if doc.current or (config.removed == "keep" and not doc.replaced):  # a gone document still tells
            order = (doc.first_seen, doc.reference, doc.label, doc.hash, mention.position)
            current.setdefault(mention.uid, []).append((order, mention.event, doc.hash, doc.label))
    names: dict[str, set[str]] = {}
    for alias, uid in aliases.items():
        names.setdefault(uid, set()).add(alias)
    records: dict[str, Record] = {}
    changes: list[Change] = []
    for uid in sorted(set(old) | set(current)):
        before = old.get(uid)
        if uid in current:
            event, published = compose(uid, [m[1:] for m in sorted(current[uid], key=lambda m: m[0])]), True
        else:
            assert before is not None
            event, published = _orphan(config, before, uid in mentioned)
        revision = revise(before.event if before else None, event, before.revision if before else None, now)
        records[uid] = Record(uid, event, revision, published, frozenset(names.get(uid, set()) | {uid}))
        change = _change(before, records[uid])
        if change is not None:
            changes.append(change)
    return records, changes


def _orphan(config: RunConfig, record: Record, mentioned: bool) -> tuple[Event, bool]:
    """An event no current document mentions: kept, cancelled or dropped as the config says (an
    event seeded from the calendar by --rebuild-state, mentioned by none yet, is kept)."""
    if not mentioned or config.removed == "keep":
        return record.event, record.published
    if config.removed == "cancel":
        return dataclasses.replace(record.event, status=Status.CANCELLED), True
    return record.event, False


def _change(before: Record | None, after: Record) -> Change | None:
    if before is None:
        return Change("new", after.event, after.revision.sequence)
    if before.published and not after.published:
        return Change("removed", after.event, after.revision.sequence)
    if after.revision.sequence != before.revision.sequence:
        return Change("changed", after.event, after.revision.sequence)
    if after.revision.modified != before.revision.modified:
        return Change("updated", after.event, after.revision.sequence)
    return None


def _calendar_events(config: RunConfig, records: Mapping[str, Record], now: dt.datetime) -> list[Record]:
    """The records to publish: published, confident enough, inside the window."""
    today = now.date()
    past = today - dt.timedelta(days=config.window_days_past) if config.window_days_past is not None else None
    future = today + dt.timedelta(days=config.window_days_future) if config.window_days_future is not None else None
    out = []
    for record in records.values():
        event = record.event
        if not record.published or event.confidence < config.min_confidence:
            continue
        if config.cancelled == "drop" and event.status is Status.CANCELLED:
            continue
        last = _last_day(event)
        if (past is not None and last is not None and last < past) or (future is not None and _day(event.start) > future):
            continue
        out.append(record)
    return out


_UNTIL = re.compile(r"UNTIL=(\d{8})")


def _last_day(event: Event) -> dt.date | None:
    """The event's last day; None for a series with no end (it never leaves the window)."""
    if event.rrule:
        until = _UNTIL.search(event.rrule.upper())
        if until is None:
            return None
        try:
            return dt.datetime.strptime(until.group(1), "%Y%m%d").date()
        except ValueError:
            return None
    return _day(event.end if event.end is not None else event.start)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _render(config: RunConfig, snapshot: Snapshot, now: dt.datetime) -> bytes:
    from calendar_extract.writers.ics import write_ics

    records = _calendar_events(config, snapshot.records, now)
    return write_ics([r.event for r in records], calendar_name=config.name, stamp=now, refresh=config.refresh,
                     revisions={r.uid: r.revision for r in records})


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True


def _publish(path: Path, data: bytes) -> None:
    """Write the calendar atomically (under the run's lock, so a killed run's temp file can go)."""
    from calendar_extract.files import atomic_write, remove_stale_temps

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot create the output folder ({exc.strerror or exc})") from None
    if remove_stale_temps(path):
        log.info("%s: removed the temp file of a run that was killed", path)
    atomic_write(path, data)


@contextmanager
def _locked(config: RunConfig) -> Iterator[None]:
    """Hold `<state>.lock` for the run: the kernel frees it when the process dies, however it dies."""
    from filelock import FileLock, Timeout

    path = config.state.with_name(config.state.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path))
        lock.acquire(timeout=0 if config.on_busy == "exit" else config.wait_seconds)
    except Timeout:
        waited = "" if config.on_busy == "exit" else f" after waiting {config.wait_seconds:g} s"
        raise BusyError(f"{config.state}: another run is using this state{waited}; not run this time "
                        f"(on_busy = \"wait\" and wait_seconds in {config.file.name} set how long to wait)") from None
    except OSError as exc:
        raise StateError(f"{path}: cannot take the lock ({exc.strerror or exc})") from None
    try:
        yield
    finally:
        lock.release()


def _set_aside(state: Path, now: dt.datetime) -> None:
    """--rebuild-state: move the old state (and its journal) aside, never delete it."""
    suffix = now.strftime("%Y%m%dT%H%M%SZ")
    for extra in ("", "-journal", "-wal", "-shm"):
        path = state.with_name(state.name + extra)
        if path.exists():
            try:
                os.replace(path, state.with_name(f"{state.name}.broken-{suffix}{extra}"))
            except OSError as exc:
                raise StateError(f"{path}: cannot move the old state aside ({exc.strerror or exc})") from None


def _seeds(output: Path, now: dt.datetime) -> dict[str, Record]:
    """--rebuild-state: the events of the published calendar, so they keep their UIDs and SEQUENCE."""
    from calendar_extract.readers.calendar import calendar_events, calendar_revisions

    try:
        data = output.read_bytes()
    except OSError:
        return {}
    revisions = calendar_revisions(data, now)
    seeds = {}
    for event in calendar_events(data, output.name):
        if event.uid and event.uid in revisions:
            seeds[event.uid] = Record(event.uid, event, revisions[event.uid], True, frozenset({event.uid}))
    return seeds
