"""Stated time zones → IANA names, and wall-clock times → (aware) datetimes."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import zoneinfo
from collections.abc import Mapping
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
    if name is None and text[-5:].lower() == " time":
        name = city_zone(text[:-5])
    return name


def _folded(city: str) -> str:
    """Lower case, single spaces, no accents or hyphens: "São  Paulo" → "sao paulo"."""
    bare = unicodedata.normalize("NFKD", city.replace("_", " ").replace("-", " "))
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).lower().split())


# Zone-key regions that name cities ("Etc/GMT+1", "US/Eastern", "Antarctica/Troll" do not).
_CITY_REGIONS = frozenset({"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian",
                           "Pacific"})


@functools.cache
def city_zones() -> Mapping[str, str]:
    """City (folded) → IANA zone: the last part of every zone key, then the lexicon's cities.

    Built on first use (reading the zone list takes a few milliseconds), e.g. "lisbon" →
    Europe/Lisbon, "new york" → America/New_York, "washington" → America/New_York (lexicon).
    Where two keys end in the same city (America/Indianapolis, America/Indiana/Indianapolis),
    the shorter key wins.
    """
    table: dict[str, str] = {}
    for key in sorted(zoneinfo.available_timezones(), key=lambda k: (k.count("/"), k)):
        parts = key.split("/")
        if len(parts) > 1 and parts[0] in _CITY_REGIONS:
            table.setdefault(_folded(parts[-1]), key)
    table.update({_folded(city): key for city, key in patterns.section("city_zones").items()})
    return table


def city_zone(city: str) -> str | None:
    """IANA zone of a city: "Lisbon" → Europe/Lisbon, "Geneva" → Europe/Zurich, else None."""
    return city_zones().get(_folded(city))


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
