"""The work of `extract` on many inputs, cut so that worker processes and Dask nodes can do it.

The calling process reads each input's bytes (files, URLs, standard input) and keeps the byte
budget; a worker turns bytes into documents and documents into events, and sends back results
without their text, with the lines the command prints about them. Nothing here prints.

    jobs = [read_job(s, options, now=now) for s in sources]
    outcomes = run_jobs(jobs, options)        # in any process; picklable in and out
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from calendar_extract.errors import CalendarExtractError, InputError, internal_error
from calendar_extract.model import Document, Event, Options, Result
from calendar_extract.readers.containers import RawInput, parse_documents, read_raw

if TYPE_CHECKING:
    from calendar_extract.readers.fetch import FetchSettings

log = logging.getLogger(__name__)

# A batch of inputs sent to a worker at once: big enough that sending it costs little next to
# extracting it, small enough that every worker gets some of a small corpus.
BATCH_BYTES = 64_000
BATCH_INPUTS = 16
_WARM_UP_TEXT = ("BRUSSELS, 25 February 2025 - The summit will take place on Thursday 6 March at "
                 "3 pm at the Europa building in Brussels, Belgium.")


@dataclass(frozen=True, slots=True)
class Job:
    """One input: its bytes, a file for the worker to read (`read_at` is the time its fallback
    date is taken at), or the one-line error that kept it from being read."""

    source: str
    raw: RawInput | None = None
    error: str | None = None
    read_at: dt.datetime | None = None
    size: int = 0


class Line(NamedTuple):
    """A line the command prints on stderr about an input, in the order it arose: an error, a note
    (the reference date each document got) or a log record (`kind` "log", text "WARNING: …"),
    which the worker keeps for the command to print in order, here, on a cluster or in a pool."""

    kind: str  # "error", "note" or "log"
    text: str

    @property
    def error(self) -> bool:
        return self.kind == "error"


def _error(text: str) -> Line:
    return Line("error", text)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input gave: its documents' results (text left out) and its lines, in order."""

    results: tuple[Result, ...] = ()
    lines: tuple[Line, ...] = ()

    @property
    def errors(self) -> int:
        return sum(line.error for line in self.lines)


def read_job(source: str | InputError, options: Options, *, now: dt.datetime,
             fetching: FetchSettings | None = None, files_here: bool = True) -> Job:
    """One input as a Job: its bytes read here (no parsing), or, when `files_here` is false, a file
    left for the worker to read (local workers see the same files). An input that cannot be read
    is a Job with its error."""
    from calendar_extract.readers.fetch import is_url
    from calendar_extract.readers.sources import STDIN

    if isinstance(source, InputError):
        return Job("", error=str(source))
    if not files_here and source != STDIN and not is_url(source):
        return Job(source, read_at=now, size=input_size(source))
    raw = _read(source, now, options, fetching)
    return Job(source, error=raw) if isinstance(raw, str) else Job(source, raw, size=len(raw.data))


def documents_of(source: str, options: Options, *, now: dt.datetime, fetching: FetchSettings | None = None
                 ) -> Iterator[Document | InputError]:
    """The documents of one input, read and parsed here (`tag`); errors in their place, never raised."""
    raw = _read(source, now, options, fetching)
    if isinstance(raw, str):
        yield InputError(raw)
        return
    yield from _documents(raw, options)


def reference_note(document: Document) -> str:
    """The line that tells which reference date a document got, and why."""
    return f"{document.source}: reference date {document.reference.date().isoformat()} ({document.reference_basis})"


def _read(source: str, now: dt.datetime, options: Options, fetching: FetchSettings | None = None) -> RawInput | str:
    """The bytes of one input, or the one-line error that kept them from being read."""
    try:
        return read_raw(source, now=now, max_bytes=options.max_bytes, fetching=fetching)
    except InputError as exc:
        return str(exc)
    except Exception as exc:  # a bug of ours while reading: one line, like one in the pipeline
        log.debug("internal error", exc_info=True)
        return str(internal_error(source, exc))


def run_jobs(jobs: Sequence[Job], options: Options, log_level: int = logging.WARNING) -> list[Outcome]:
    """The outcome of each job, in order (what a worker runs on one batch); the package's log
    records of `log_level` and above become lines of the job they arose in."""
    return [run_job(job, options, log_level) for job in jobs]


def run_job(job: Job, options: Options, log_level: int = logging.WARNING) -> Outcome:
    """Parse one input's documents and extract their events; errors become lines, never raise."""
    lines: list[Line] = []
    with _logs_into(lines, log_level):
        results = _results(job, options, lines)
    return Outcome(results, tuple(lines))


def _results(job: Job, options: Options, lines: list[Line]) -> tuple[Result, ...]:
    raw = job.raw or (_read(job.source, job.read_at, options) if job.read_at else job.error or f"{job.source}: not read")
    if isinstance(raw, str):
        lines.append(_error(raw))
        return ()
    results: list[Result] = []
    for item in _documents(raw, options):
        if isinstance(item, InputError):
            lines.append(_error(str(item)))
            continue
        lines.append(Line("note", reference_note(item)))
        result = _extract(item, options)
        if isinstance(result, str):
            lines.append(_error(result))
        else:
            results.append(slim(result))
    return tuple(results)


class _Collect(logging.Handler):
    """Keeps log records as lines ("WARNING: …", a traceback below for -vv)."""

    def __init__(self, lines: list[Line], level: int) -> None:
        super().__init__(level)
        self.lines = lines
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(Line("log", self.format(record)))


@contextlib.contextmanager
def _logs_into(lines: list[Line], level: int) -> Iterator[None]:
    """For the time of one job, the records of the package's loggers go to `lines`, not to the
    handlers of the process (a worker's stderr, a Dask worker's log)."""
    logger = logging.getLogger("calendar_extract")
    saved = logger.level, logger.propagate
    handler = _Collect(lines, level)
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def events_of(documents: Sequence[Document], options: Options) -> list[tuple[Event, ...] | str]:
    """The events of each document, or its one-line error (what a worker of `run` does)."""
    found: list[tuple[Event, ...] | str] = []
    for document in documents:
        result = _extract(document, options)
        found.append(result if isinstance(result, str) else result.events)
    return found


def _extract(document: Document, options: Options) -> Result | str:
    """The document's result, or its one-line error: a bug of ours is reported per document and
    the run goes on (-vv logs the traceback)."""
    from calendar_extract.pipeline import extract

    try:
        return extract(document, options)
    except CalendarExtractError as exc:
        return str(exc)
    except Exception as exc:
        log.debug("internal error", exc_info=True)
        return str(internal_error(document.source, exc))


def _documents(raw: RawInput, options: Options) -> Iterator[Document | InputError]:
    """The documents of one input's bytes; errors in their place, never raised."""
    from calendar_extract.readers.formats import Format

    forced = Format(options.input_format) if options.input_format else None
    try:
        yield from parse_documents(raw, reference=options.reference, timezone=options.timezone, input_format=forced)
    except InputError as exc:
        yield exc
    except Exception as exc:  # a bug of ours while parsing: one line, like one in the pipeline
        log.debug("internal error", exc_info=True)
        yield internal_error(raw.source, exc)


def slim(result: Result) -> Result:
    """The result without the document's text and the mentions: what the output needs, and all
    a worker sends back (the memory of a run does not grow with the texts it read)."""
    document = dataclasses.replace(result.document, text="", events=())
    return dataclasses.replace(result, document=document, mentions=())


def batches(jobs: Iterable[Job], *, max_bytes: int = BATCH_BYTES) -> Iterator[list[Job]]:
    """The jobs in batches for the workers (see BATCH_BYTES)."""
    from calendar_extract.parallel import batched

    return batched(jobs, lambda job: job.size, max_size=max_bytes, max_items=BATCH_INPUTS)


def worker_task(options: Options, log_level: int = logging.WARNING) -> Callable[[Sequence[Job]], list[Outcome]]:
    """`run_jobs` with the options bound: a picklable function of one batch."""
    return functools.partial(run_jobs, options=options, log_level=log_level)


def warm_up() -> None:
    """Load what every document needs once (the tagger's patterns, the word lists, the
    gazetteer), so that forked workers share it instead of each loading their own."""
    from calendar_extract import extract_text, places
    from calendar_extract.readers.dateline import find_dateline

    reference = dt.datetime(2025, 2, 25)
    extract_text(_WARM_UP_TEXT, reference_date=reference)
    find_dateline(_WARM_UP_TEXT, reference)
    places.find_place("Brussels")


def input_size(source: str | InputError) -> int:
    """The size of an input file before reading it (0 for standard input, a URL or an error)."""
    if isinstance(source, InputError) or source == "-":
        return 0
    try:
        return Path(source).stat().st_size
    except (OSError, ValueError):
        return 0
