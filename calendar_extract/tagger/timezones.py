"""Stated time zones → IANA names, and wall-clock times → (aware) datetimes."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calendar_extract import patterns

_OFFSET = re.compile(r"(?:GMT|UTC)?\s?([+\-\u2212])\s?(\d{1,2})(?::?(\d\d))?$", re.IGNORECASE)


def zone_name(text: str) -> str | None:
    """IANA zone of a stated zone: "CET" → Europe/Brussels, "GMT+1" → Etc/GMT-1.

    POSIX-style Etc zones invert the sign (Etc/GMT-1 is one hour *ahead* of UTC); offsets with
    minutes have no Etc zone and give None.
    """
    text = " ".join(text.split())
    offset = _OFFSET.match(text)
    if offset:
        sign, hours, minutes = offset.groups()
        if (minutes and minutes != "00") or int(hours) > 14:
            return None
        if int(hours) == 0:
            return "UTC"
        inverted = "-" if sign == "+" else "+"
        return f"Etc/GMT{inverted}{int(hours)}"
    abbrevs: dict[str, str] = dict(patterns.section("timezones"))
    if text in abbrevs:
        return abbrevs[text]
    cities = patterns.lookup("city_times")
    name: str | None = cities.get(patterns.normal_key(text))
    return name


def zone(name: str | None) -> dt.tzinfo | None:
    """The tzinfo of an IANA name, or None (floating) when absent or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def wall_time(day: dt.date, hour: int, minute: int, tzname: str | None) -> dt.datetime:
    """A datetime at the wall-clock time of `day`, aware in `tzname` when one is known."""
    if hour == 24:
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, minute), zone(tzname))
    return dt.datetime.combine(day, dt.time(hour, minute), zone(tzname))
