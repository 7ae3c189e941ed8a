"""Exception classes of calendar-extract; cli.py turns them into one-line messages and exit codes."""

from __future__ import annotations


class CalendarExtractError(Exception):
    """Base of every error the package raises on purpose."""


class InputError(CalendarExtractError):
    """An input cannot be read: missing, binary, empty, undecodable, too large."""


class ConfigError(CalendarExtractError):
    """A configuration file or option value is wrong."""


class OutputError(CalendarExtractError):
    """An output file cannot be written."""


class StateError(CalendarExtractError):
    """The state database of `calendar-extract run` is unreadable, corrupt or from a newer version."""


class BusyError(CalendarExtractError):
    """Another `calendar-extract run` holds the lock on the same state."""


class WorkerError(CalendarExtractError):
    """Worker processes or a Dask cluster cannot run the work: a worker died, no scheduler answers."""


def internal_error(source: str, exc: Exception) -> InputError:
    """A bug of ours met on one input, as that input's one-line error (the caller logs the traceback)."""
    return InputError(f"{source}: internal error ({type(exc).__name__}: {exc}); please report it with this input")
