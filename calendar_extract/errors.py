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
