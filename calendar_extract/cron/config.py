"""The TOML configuration of `calendar-extract run` → a frozen RunConfig.

Every key, its type and its default (paths are relative to the config file's folder)::

    output = "public/events.ics"      # required: the calendar to maintain
    name = "Extracted events"         # X-WR-CALNAME and NAME of the calendar
    timezone = "Europe/Brussels"      # IANA zone for times that state none (default: floating)
    state = "events.sqlite"           # the SQLite state (default: ".<output name>.sqlite" beside
                                      # the output; keep it out of a published folder)
    window_days_past = 90             # events that ended more days ago leave the calendar
                                      # (they stay in the state); default: none leave
    window_days_future = 730          # events starting later than this stay out; default: none
    refresh = "PT12H"                 # REFRESH-INTERVAL and X-PUBLISHED-TTL (ISO 8601 duration)
    removed = "keep"                  # events whose every document has left its source:
                                      # "keep" (the calendar is a record), "cancel" or "drop"
    cancelled = "keep"                # cancelled events: "keep" (STATUS:CANCELLED) or "drop"
    min_confidence = 0.0              # leave out events less certain than this
    day_first = false                 # read 6/3/2025 as 6 March
    on_busy = "wait"                  # another run holds the lock: "wait" or "exit"
    wait_seconds = 600                # how long "wait" waits before giving up
    log_file = "events.log"           # append the summary and errors here (default: none)
    cache_dir = "cache"               # fetched URLs' ETag/Last-Modified (default: beside the state)
    max_document_bytes = 20000000     # a file or URL larger than this is an error (default 20 MB)
    max_run_bytes = 1000000000        # new input read in one run at most; the rest waits (1 GB)
    max_events_per_document = 1000    # beyond, the most confident are kept, with a warning

    [[sources]]                       # one table per source; give exactly one of path, feed, url
    path = "inbox/*.txt"              # a file, a folder or a glob; any format `extract` reads
    format = "auto"                   # optional: text, html, eml, mbox, feed, ics, jsonl
    timezone = "Europe/Brussels"      # optional: this source's default zone
    [[sources]]
    feed = "https://example.org/press.rss"   # an RSS/Atom feed (a URL or a local file)
    [[sources]]
    url = "https://example.org/events.html"  # one web page (or any other format) by URL

An unknown key or a value of the wrong type is a ConfigError naming the file, the key and what is
expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calendar_extract.errors import ConfigError
from calendar_extract.model import INPUT_FORMATS, MAX_DOCUMENT_BYTES, MAX_EVENTS, MAX_RUN_BYTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["RunConfig", "SourceConfig", "load_config"]

REMOVED_POLICIES = ("keep", "cancel", "drop")
CANCELLED_POLICIES = ("keep", "drop")
BUSY_POLICIES = ("wait", "exit")
SOURCE_KINDS = ("path", "feed", "url")


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One [[sources]] table: where to read (an absolute path, a glob or a URL) and how."""

    kind: str  # "path", "feed" or "url"
    location: str
    input_format: str | None = None  # None: told by the content
    timezone: str | None = None
    label: str = ""  # as written in the config: the documents' names in the calendar


@dataclass(frozen=True, slots=True)
class RunConfig:
    """A validated config, with every path made absolute."""

    file: Path
    output: Path
    state: Path
    sources: tuple[SourceConfig, ...]
    name: str = "Extracted events"
    timezone: str | None = None
    window_days_past: int | None = None
    window_days_future: int | None = None
    refresh: str = "PT12H"
    removed: str = "keep"
    cancelled: str = "keep"
    min_confidence: float = 0.0
    day_first: bool = False
    on_busy: str = "wait"
    wait_seconds: float = 600.0
    log_file: Path | None = None
    cache_dir: Path | None = None
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    max_run_bytes: int = MAX_RUN_BYTES
    max_events_per_document: int = MAX_EVENTS

    @property
    def folder(self) -> Path:
        """The config file's folder: relative paths start here."""
        return self.file.parent


def load_config(path: Path) -> RunConfig:
    """Read and check a run config.

    Raises:
        ConfigError: the file is missing or not TOML, a key is unknown, a value has the wrong type.
    """
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return _build(path.resolve(), raw)


_Check = Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _one_of(*choices: str) -> _Check:
    return lambda value: value in choices


# key → (check, what is expected); `output` and `sources` are required.
_TOP_KEYS: Mapping[str, tuple[_Check, str]] = {
    "output": (_is_text, "a file path"),
    "name": (_is_text, "a non-empty string"),
    "timezone": (_is_text, "an IANA time zone such as \"Europe/Brussels\""),
    "state": (_is_text, "a file path"),
    "window_days_past": (_is_int, "a whole number of days ≥ 0"),
    "window_days_future": (_is_int, "a whole number of days ≥ 0"),
    "refresh": (_is_text, "an ISO 8601 duration such as \"PT12H\""),
    "removed": (_one_of(*REMOVED_POLICIES), " or ".join(f'"{p}"' for p in REMOVED_POLICIES)),
    "cancelled": (_one_of(*CANCELLED_POLICIES), " or ".join(f'"{p}"' for p in CANCELLED_POLICIES)),
    "min_confidence": (lambda v: _is_number(v) and v <= 1, "a number from 0 to 1"),
    "day_first": (lambda v: isinstance(v, bool), "true or false"),
    "on_busy": (_one_of(*BUSY_POLICIES), " or ".join(f'"{p}"' for p in BUSY_POLICIES)),
    "wait_seconds": (_is_number, "a number of seconds ≥ 0"),
    "log_file": (_is_text, "a file path"),
    "cache_dir": (_is_text, "a folder path"),
    "max_document_bytes": (lambda v: _is_int(v) and v > 0, "a whole number of bytes > 0"),
    "max_run_bytes": (lambda v: _is_int(v) and v > 0, "a whole number of bytes > 0"),
    "max_events_per_document": (lambda v: _is_int(v) and v > 0, "a whole number > 0"),
    "sources": (lambda v: isinstance(v, list) and bool(v), "one or more [[sources]] tables"),
}
_SOURCE_KEYS: Mapping[str, tuple[_Check, str]] = {
    "path": (_is_text, "a file, folder or glob"),
    "feed": (_is_text, "a feed URL or file"),
    "url": (_is_text, "an http(s) URL"),
    "format": (_one_of(*INPUT_FORMATS), " or ".join(f'"{f}"' for f in INPUT_FORMATS)),
    "timezone": (_is_text, "an IANA time zone such as \"Europe/Brussels\""),
}


def _build(path: Path, raw: Mapping[str, Any]) -> RunConfig:
    _check_table(path, raw, _TOP_KEYS, where="")
    for key in ("output", "sources"):
        if key not in raw:
            raise ConfigError(f"{path}: '{key}' is missing; expected {_TOP_KEYS[key][1]}")
    folder = path.parent
    output = folder / raw["output"]
    state = folder / raw["state"] if "state" in raw else output.with_name(f".{output.stem}.sqlite")
    zone = raw.get("timezone")
    if zone is not None:
        _check_zone(path, "timezone", zone)
    _check_duration(path, raw.get("refresh", "PT12H"))
    return RunConfig(
        file=path, output=output, state=state,
        sources=tuple(_source(path, i, table) for i, table in enumerate(raw["sources"], 1)),
        name=raw.get("name", "Extracted events"), timezone=zone,
        window_days_past=raw.get("window_days_past"), window_days_future=raw.get("window_days_future"),
        refresh=raw.get("refresh", "PT12H"), removed=raw.get("removed", "keep"),
        cancelled=raw.get("cancelled", "keep"), min_confidence=float(raw.get("min_confidence", 0.0)),
        day_first=raw.get("day_first", False), on_busy=raw.get("on_busy", "wait"),
        wait_seconds=float(raw.get("wait_seconds", 600.0)),
        log_file=folder / raw["log_file"] if "log_file" in raw else None,
        cache_dir=folder / raw["cache_dir"] if "cache_dir" in raw else state.with_suffix(".cache"),
        max_document_bytes=raw.get("max_document_bytes", MAX_DOCUMENT_BYTES),
        max_run_bytes=raw.get("max_run_bytes", MAX_RUN_BYTES),
        max_events_per_document=raw.get("max_events_per_document", MAX_EVENTS),
    )


def _source(path: Path, index: int, table: Any) -> SourceConfig:
    where = f"sources[{index}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where}: expected a table with one of path, feed or url")
    _check_table(path, table, _SOURCE_KEYS, where=f"{where}.")
    kinds = [k for k in SOURCE_KINDS if k in table]
    if len(kinds) != 1:
        raise ConfigError(f"{path}: {where}: give exactly one of path, feed or url"
                          f"{' (found ' + ', '.join(kinds) + ')' if kinds else ''}")
    kind = kinds[0]
    value = str(table[kind]).strip()
    if kind == "url" and not value.startswith(("http://", "https://")):
        raise ConfigError(f"{path}: {where}.url: expected an http(s) URL, not {value!r}")
    if "timezone" in table:
        _check_zone(path, f"{where}.timezone", table["timezone"])
    fmt = table.get("format", "auto")
    return SourceConfig(kind=kind, location=_location(path.parent, kind, value),
                        input_format=None if fmt == "auto" else fmt, timezone=table.get("timezone"),
                        label=value)


def _location(folder: Path, kind: str, value: str) -> str:
    """A URL as it is; a path (or a feed file) made absolute against the config's folder."""
    if value.startswith(("http://", "https://", "feed:http://", "feed:https://")):
        return value
    value = value.removeprefix("feed:")
    return str(folder / value)


def _check_table(path: Path, table: Mapping[str, Any], keys: Mapping[str, tuple[_Check, str]], where: str) -> None:
    for key, value in table.items():
        if key not in keys:
            close = difflib.get_close_matches(key, list(keys), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(keys)}"
            raise ConfigError(f"{path}: unknown key '{where}{key}'{hint}")
        check, expected = keys[key]
        if not check(value):
            raise ConfigError(f"{path}: '{where}{key}' must be {expected}, not {_show(value)}")


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    if isinstance(value, (dt.date, dt.time)):
        return f"the date/time {value.isoformat()}"
    return repr(value)


def _check_zone(path: Path, key: str, value: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{path}: '{key}' must be an IANA time zone such as \"Europe/Brussels\", "
                          f"not {value!r}") from None


def _check_duration(path: Path, value: str) -> None:
    from icalendar import vDuration

    try:
        duration = vDuration.from_ical(value.strip())  # type: ignore[no-untyped-call, unused-ignore]
    except ValueError:
        duration = None
    if not isinstance(duration, dt.timedelta) or duration <= dt.timedelta(0):
        raise ConfigError(f"{path}: 'refresh' must be an ISO 8601 duration such as \"PT12H\", not {value!r}")
