"""Command line: `calendar-extract extract|tag|run`. The only module that prints, exits or reads the clock.

Exit codes: 0 done (zero events included), 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from calendar_extract import __version__
from calendar_extract.errors import CalendarExtractError, InputError
from calendar_extract.model import INPUT_FORMATS, MAX_DOCUMENT_BYTES, MAX_EVENTS, MAX_RUN_BYTES

if TYPE_CHECKING:
    from calendar_extract import batch
    from calendar_extract.cron.run import RunReport
    from calendar_extract.model import Document, Event, Options, Result, TimeMention

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


class ReferenceDate(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    """`2025-02-25` or `2025-02-25T14:00` → a naive datetime."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            parsed = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date like 2025-02-25 or 2025-02-25T14:00", param, ctx)
        return parsed.replace(tzinfo=None)


class TimeZoneName(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    """An IANA time-zone name such as Europe/Brussels."""

    name = "TZ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(f"{value!r} is not an IANA time zone such as Europe/Brussels or UTC", param, ctx)
        return str(value)


class ByteSize(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    """A size in bytes: `20000000`, `20MB`, `500k`, `1.5G` (powers of 1000)."""

    name = "SIZE"
    _UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", str(value))
        unit = match.group(2).lower() if match else ""
        if match is None or unit not in self._UNITS or float(match.group(1)) * self._UNITS[unit] < 1:
            self.fail(f"{value!r} is not a size such as 20000000, 20MB or 500k", param, ctx)
        return int(float(match.group(1)) * self._UNITS[unit])


class Jobs(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    """A number of worker processes, or `auto` for one per core."""

    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and value >= 1:
            return value
        text = str(value).strip().lower()
        if text == "auto":
            from calendar_extract.parallel import cores

            return cores()
        if not text.isdigit() or int(text) < 1:
            self.fail(f"{value!r} is not a number of workers (1, 2, …) or auto", param, ctx)
        return int(text)


def jobs_option(func: F) -> F:
    """-j/--jobs: worker processes."""
    return click.option("-j", "--jobs", type=Jobs(), default="1", show_default=True,
                        help="Worker processes: a number, or auto for one per core. The output is the "
                             "same bytes whatever the number.")(func)


def limit_options(func: F) -> F:
    """--max-bytes, --max-total-bytes and --max-events: what one run reads at most."""
    func = click.option("--max-events", type=click.IntRange(1), default=MAX_EVENTS, show_default=True,
                        help="Events per document at most; beyond, the most confident are kept.")(func)
    func = click.option("--max-total-bytes", type=ByteSize(), default=MAX_RUN_BYTES, show_default="1GB",
                        help="Bytes read in all at most; later inputs are skipped with an error.")(func)
    return click.option("--max-bytes", type=ByteSize(), default=MAX_DOCUMENT_BYTES, show_default="20MB",
                        help="Bytes per input (file, URL, standard input) at most.")(func)


def time_options(func: F) -> F:
    """--reference-date and --timezone, shared by every command that reads text."""
    func = click.option(
        "--timezone", "timezone", type=TimeZoneName(), default=None,
        help="IANA zone for times that state none (default: floating local time).",
    )(func)
    func = click.option(
        "--reference-date", "reference", type=ReferenceDate(), default=None,
        help="Date the text was written; relative dates resolve against it "
             "(default: a date in the text, else the file's modification time, else today).",
    )(func)
    return click.option(
        "--day-first/--month-first", default=False,
        help="Read 6/3/2025 as 6 March (--day-first) or June 3 (default).",
    )(func)


def log_options(func: F) -> F:
    """-v/--verbose (repeatable) and -q/--quiet."""
    func = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(func)
    return click.option("-v", "--verbose", count=True, help="Explain each event; -vv for debug logs.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="calendar-extract")
def cli() -> None:
    """Find scheduled events in text and write iCalendar files.

    \b
    Examples:
      calendar-extract extract article.txt -o events.ics
      calendar-extract extract news/ --format json
      cat mail.txt | calendar-extract tag --reference-date 2025-02-25
    """


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True, dir_okay=False),
              help="Output file; `-` (default) is standard output.")
@click.option("--format", "fmt", type=click.Choice(["ics", "json"]), default="ics", show_default=True)
@time_options
@click.option("--upcoming/--all", "upcoming", default=False,
              help="Only events on or after the reference date, or all (default).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out events less certain than this.")
@click.option("--calendar-name", default="Extracted events", show_default=True,
              help="Calendar name (X-WR-CALNAME / NAME).")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Read every input as this format; auto tells it by the content.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where fetched URLs keep their ETag/Last-Modified (default: ~/.cache/calendar-extract).")
@click.option("--no-cache", is_flag=True, help="Fetch URLs without the cache (no conditional GET).")
@limit_options
@jobs_option
@click.option("--dask-scheduler", metavar="ADDRESS", default=None,
              help="Extract on the Dask cluster at ADDRESS (tcp://host:8786) instead of here; the output "
                   "is the same bytes. Needs calendar-extract[dask] here and on the workers.")
@log_options
def extract(inputs: tuple[str, ...], output: str, fmt: str, reference: dt.datetime | None,
            timezone: str | None, day_first: bool, upcoming: bool, min_confidence: float,
            calendar_name: str, input_format: str, cache_dir: str | None, no_cache: bool,
            max_bytes: int, max_total_bytes: int, max_events: int, jobs: int, dask_scheduler: str | None,
            verbose: int, quiet: bool) -> None:
    """Find events in INPUTS (files, folders, globs or - for stdin) and write a calendar.

    \b
    Examples:
      calendar-extract extract article.txt -o events.ics
      calendar-extract extract 'inbox/*.txt' --upcoming --timezone Europe/Brussels -o inbox.ics
      curl -s https://example.org/news.txt | calendar-extract extract - --format json
      calendar-extract extract archive/ --jobs auto -o archive.ics
    """
    from calendar_extract.model import Options

    _configure_logging(verbose, quiet)
    if dask_scheduler and jobs != 1:
        raise click.UsageError("--jobs and --dask-scheduler exclude each other: the cluster's workers do the work")
    options = Options(reference=reference, timezone=timezone, upcoming_only=upcoming,
                      min_confidence=min_confidence, day_first=day_first,
                      calendar_name=calendar_name, input_format=None if input_format == "auto" else input_format,
                      cache_dir=None if no_cache else cache_dir or str(_default_cache_dir()),
                      max_bytes=max_bytes, max_events=max_events)
    _refuse_input_as_output(inputs, output)
    try:
        collected = _process(inputs, options, quiet=quiet, verbose=verbose, budget=max_total_bytes,
                             workers=_Workers(jobs, dask_scheduler), keep_results=fmt == "json")
    except CalendarExtractError as exc:  # the workers cannot run: nothing is written
        _fail(str(exc))
        return
    if collected.latest is None:
        _fail(f"no input could be read; {'nothing written' if output == '-' else output + ' left unchanged'}")
        return
    data = _render(collected, fmt, options)
    _emit(data, output)
    if not quiet and (output != "-" or verbose):
        _print_summary(collected.events, collected.documents, output)
    sys.exit(EXIT_INPUT_FAILED if collected.failed else 0)


@cli.command()
@click.argument("input", required=False, default="-", type=click.Path(allow_dash=True))
@time_options
@click.option("--max-bytes", type=ByteSize(), default=MAX_DOCUMENT_BYTES, show_default="20MB",
              help="Bytes of input at most.")
@log_options
def tag(input: str, reference: dt.datetime | None, timezone: str | None, day_first: bool, max_bytes: int,
        verbose: int, quiet: bool) -> None:
    """Print the time expressions of INPUT (a file, or - for stdin) as JSON lines.

    \b
    One line per mention, in text order:
      {"start": 24, "end": 31, "text": "6 March", "type": "DATE", "value": "2025-03-06",
       "resolved": {"start": "2025-03-06", "end": "2025-03-06"}, ...}
    start/end are character offsets into the decoded text.
    \b
    Example:
      echo "The summit is on 6 March at 2 pm CET." | calendar-extract tag --reference-date 2025-02-25
    """
    from calendar_extract.model import Options
    from calendar_extract.pipeline import context_for
    from calendar_extract.tagger import tag as run_tagger

    _configure_logging(verbose, quiet)
    options = Options(reference=reference, timezone=timezone, day_first=day_first, max_bytes=max_bytes)
    for document in _documents(input, options, quiet=quiet):
        if isinstance(document, InputError):
            _fail(str(document))
            return
        for mention in run_tagger(document.text, context_for(document, options)):
            click.echo(json.dumps(_mention_json(mention), ensure_ascii=False))


@cli.command("run")
@click.argument("config", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; write neither calendar nor state.")
@click.option("--rebuild-state", is_flag=True,
              help="Start a new state (the old file is moved aside); events keep the calendar's UIDs.")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None,
              help="Append the summary and errors to this file (default: log_file of the config).")
@jobs_option
@log_options
def run(config: str, dry_run: bool, rebuild_state: bool, log_file: str | None, jobs: int, verbose: int,
        quiet: bool) -> None:
    """Keep one calendar up to date from the sources of CONFIG (TOML), for cron.

    \b
    Documents seen before are not read again; an event keeps its UID for good and gets
    SEQUENCE + 1 when its date, time, place or status changes. Prints nothing when nothing
    happened, one summary line otherwise (-q: errors only). Exit 0, 1 (some input failed, or
    another run holds the lock) or 2 (bad config).
    \b
    Example (crontab, every 30 minutes):
      */30 * * * *  calendar-extract run -q /srv/events/cron.toml
    """
    from calendar_extract.cron.config import load_config
    from calendar_extract.cron.run import run as run_config
    from calendar_extract.errors import ConfigError

    _configure_logging(verbose, quiet)
    try:
        settings = load_config(Path(config))
    except ConfigError as exc:
        click.echo(f"calendar-extract: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    log_path = Path(log_file) if log_file else settings.log_file
    try:
        with _Progress(None, _progress_wanted(quiet), unit="document") as progress:
            report = run_config(settings, clock=lambda: dt.datetime.now(dt.timezone.utc), dry_run=dry_run,
                                rebuild=rebuild_state, jobs=jobs, progress=progress.to)
    except CalendarExtractError as exc:
        _log_line(log_path, f"error: {exc}")
        _fail(str(exc))
        return
    for error in report.errors:
        click.echo(f"calendar-extract: error: {error}", err=True)
        _log_line(log_path, f"error: {error}")
    if report.eventful and not dry_run:
        _log_line(log_path, report.summary)
    if dry_run or verbose or (report.eventful and not quiet):
        _print_run(report, settings.output)
    sys.exit(EXIT_INPUT_FAILED if report.errors else 0)


def _print_run(report: RunReport, output: Path) -> None:
    """The changes (with --dry-run or -v) and the summary line."""
    for change in report.changes:
        revision = f" (SEQUENCE {change.sequence})" if change.kind == "changed" else ""
        click.echo(f"  {change.kind}{revision}: {_event_line(change.event)}")
    calendar = ("would change" if report.written else "would stay as it is") if report.dry_run else \
        ("written" if report.written else "unchanged")
    prefix = "dry run: " if report.dry_run else ""
    click.echo(f"{prefix}{report.summary}; {output} {calendar} ({report.published} events)")


def _log_line(path: Path | None, line: str) -> None:
    """Append a time-stamped line to the log file, if there is one; a log that cannot be written
    is a warning, never a failed run."""
    if path is None:
        return
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{stamp} {line}\n")
    except OSError as exc:
        click.echo(f"calendar-extract: warning: {path}: cannot write the log ({exc.strerror or exc})", err=True)


@dataclass(frozen=True, slots=True)
class _Workers:
    """Where `extract` runs: `jobs` local processes, or the Dask cluster at `scheduler`."""

    jobs: int = 1
    scheduler: str | None = None


@dataclass(frozen=True, slots=True)
class _Collected:
    """What a run of `extract` keeps of its inputs: the events, not the texts."""

    events: tuple[Event, ...]
    results: tuple[Result, ...]  # for --format json only (text-free; see batch.slim)
    latest: Document | None  # the document written last: its reference date stamps the calendar
    documents: int
    failed: int


def _process(inputs: Sequence[str], options: Options, *, quiet: bool, verbose: int, budget: int = MAX_RUN_BYTES,
             workers: _Workers = _Workers(), keep_results: bool = True) -> _Collected:
    """Read and extract every input, here or in workers; report each bad one on stderr and go on.
    Inputs past `budget` bytes in all are reported and skipped.

    Raises:
        WorkerError: the worker processes or the cluster cannot run the work.
    """
    from calendar_extract import batch
    from calendar_extract.parallel import open_runner, ordered_map
    from calendar_extract.pipeline import Combined
    from calendar_extract.readers import expand_inputs

    combined = Combined()
    kept: list[Result] = []
    latest: Document | None = None
    documents = failed = 0
    sources: Iterable[str | InputError] = expand_inputs(inputs)
    bar = _progress_wanted(quiet)
    if bar:
        sources = list(sources)  # their number, for the bar
    with open_runner(workers.jobs, scheduler=workers.scheduler, warm_up=batch.warm_up) as runner, \
            _Progress(len(sources) if isinstance(sources, list) else None, bar) as progress:
        jobs = batch.batches(_jobs(sources, options, budget, files_here=workers.scheduler is not None))
        for outcomes in ordered_map(runner, batch.worker_task(options, _log_level(verbose, quiet)), jobs):
            for outcome in outcomes:
                progress.advance()
                for line in outcome.lines:
                    if line.kind != "note" or not quiet:
                        progress.say(_LINE_PREFIX[line.kind] + line.text)
                failed += outcome.errors
                for result in outcome.results:
                    documents += 1
                    combined.add(result.events)
                    if latest is None or result.document.reference > latest.reference:
                        latest = result.document
                    if keep_results:
                        kept.append(result)
                    if verbose:
                        _explain(result)
    return _Collected(combined.events(), tuple(kept), latest, documents, failed)


_LINE_PREFIX = {"error": "calendar-extract: error: ", "log": "calendar-extract: ", "note": ""}


def _jobs(sources: Iterable[str | InputError], options: Options, budget: int, *, files_here: bool
          ) -> Iterator[batch.Job]:
    """Each input, in order, within the byte budget: standard input and URLs read here (the
    fetch cache is here), files read here too for a cluster (its nodes may not see them)."""
    from calendar_extract import batch
    from calendar_extract.readers.fetch import FetchSettings

    fetching = FetchSettings(cache_dir=Path(options.cache_dir) if options.cache_dir else None)
    spent = 0
    for source in sources:
        size = batch.input_size(source)
        if isinstance(source, str) and spent + size > budget:
            source = InputError(f"{source}: skipped: the inputs so far reach the limit of {budget:,} bytes in "
                                f"all (--max-total-bytes)")
        spent += size
        job = batch.read_job(source, options, now=dt.datetime.now().replace(microsecond=0), fetching=fetching,
                             files_here=files_here)
        if size == 0:
            spent += job.size  # standard input and URLs: what they gave
        yield job


def _progress_wanted(quiet: bool) -> bool:
    """A progress bar only for a person watching: on a terminal, not with -q."""
    return not quiet and sys.stderr.isatty()


class _Progress:
    """A progress bar on stderr (tqdm; shown after a second, so short runs show none), with the
    command's lines printed above it; without a bar, the lines alone."""

    def __init__(self, total: int | None, shown: bool, *, unit: str = "input") -> None:
        self._bar: Any = None
        if shown:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=unit, file=sys.stderr, delay=1.0, leave=False,
                             dynamic_ncols=True)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def to(self, done: int, total: int) -> None:
        """`done` of `total` (a total that was not known at the start)."""
        if self._bar is not None:
            self._bar.total = total
            self._bar.update(done - self._bar.n)

    def say(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)


def _documents(source: str | InputError, options: Options, *, quiet: bool) -> Iterator[Document | InputError]:
    """The documents of one source (several for a mailbox, feed or JSON Lines file), each
    announced with its reference date; errors in their place, never raised."""
    from calendar_extract import batch
    from calendar_extract.model import Document
    from calendar_extract.readers.fetch import FetchSettings

    if isinstance(source, InputError):
        yield source
        return
    fetching = FetchSettings(cache_dir=Path(options.cache_dir) if options.cache_dir else None)
    for item in batch.documents_of(source, options, now=dt.datetime.now().replace(microsecond=0), fetching=fetching):
        if isinstance(item, Document) and not quiet:
            click.echo(batch.reference_note(item), err=True)
        yield item


def _render(collected: _Collected, fmt: str, options: Options) -> bytes:
    """The output file: JSON per document, or one calendar of the combined events."""
    if fmt == "json":
        from calendar_extract.writers.json import write_json

        return write_json(collected.results)
    from calendar_extract.writers.ics import write_ics

    assert collected.latest is not None
    stamp = collected.latest.reference.replace(tzinfo=dt.timezone.utc)
    return write_ics(collected.events, calendar_name=options.calendar_name, stamp=stamp)


def _emit(data: bytes, output: str) -> None:
    from calendar_extract.errors import OutputError
    from calendar_extract.files import atomic_write

    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        atomic_write(Path(output), data)
    except OutputError as exc:
        _fail(str(exc))


def _refuse_input_as_output(inputs: Sequence[str], output: str) -> None:
    if output == "-":
        return
    target = Path(output).resolve()
    if any(i != "-" and Path(i).exists() and Path(i).resolve() == target for i in inputs):
        raise click.UsageError(f"-o {output} is also an input; refusing to overwrite it")


def _print_summary(events: Sequence[Event], documents: int, output: str) -> None:
    where = "standard output" if output == "-" else output
    click.echo(f"{len(events)} event(s) from {documents} document(s) written to {where}", err=True)
    for event in events:
        click.echo(f"  {_event_line(event)}", err=True)


def _event_line(event: Event) -> str:
    when = event.start.isoformat(sep=" ", timespec="minutes") if isinstance(event.start, dt.datetime) \
        else event.start.isoformat()
    if event.end is not None and event.end != event.start:
        end = event.end.isoformat() if not isinstance(event.end, dt.datetime) else event.end.strftime("%H:%M")
        when += f" – {end}"
    if event.tzid:
        when += f" {event.tzid}"
    place = f" @ {event.location}" if event.location else ""
    tense = "upcoming" if event.upcoming else "past"
    return f"{when}  {event.title}{place}  [{event.status.value.lower()}, {tense}]"


def _explain(result: Result) -> None:
    """-v: why each event got its date, and what could not be placed."""
    source = result.document.source
    for event in result.events:
        click.echo(f"{source}: event {_event_line(event)}", err=True)
        click.echo(f"    evidence: {event.evidence}", err=True)
        for reason in event.reasons:
            click.echo(f"    why: {reason}", err=True)
    for problem in result.problems:
        click.echo(f"{source}: not written: {problem.message}", err=True)


def _mention_json(mention: TimeMention) -> dict[str, Any]:
    record: dict[str, Any] = {
        "start": mention.start, "end": mention.end, "text": mention.surface,
        "type": mention.type.value, "value": mention.value,
    }
    if mention.begin is not None:
        until = mention.until if mention.until is not None else mention.begin
        record["resolved"] = {"start": mention.begin.isoformat(), "end": until.isoformat()}
    record["granularity"] = mention.granularity.value
    for name in ("tzid", "rrule", "mod"):
        value = getattr(mention, name)
        if value:
            record[name] = value
    if mention.vague:
        record["vague"] = True
    return record


def _default_cache_dir() -> Path:
    from calendar_extract.readers.fetch import default_cache_dir

    return default_cache_dir()


_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "charset_normalizer")


class _StderrHandler(logging.Handler):
    """Log records as one line each on the standard error of the moment (click.echo), so that
    messages land where the command's own errors do, also under a test runner."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # noqa: BLE001 - logging must never break a run
            self.handleError(record)


def _log_level(verbose: int, quiet: bool) -> int:
    """-q: errors only; default: warnings; -v: information; -vv: debug."""
    return logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = _log_level(verbose, quiet)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(handler)
    handler = _StderrHandler(level)
    handler.setFormatter(logging.Formatter("calendar-extract: %(levelname)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(level, logging.WARNING))
    logging.getLogger("calendar_extract").setLevel(level)
    for noisy in _LIBRARY_LOGGERS:  # trafilatura and htmldate log ERROR for pages we read fine
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)


def _fail(message: str) -> None:
    click.echo(f"calendar-extract: error: {message}", err=True)
    sys.exit(EXIT_INPUT_FAILED)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="calendar-extract")
