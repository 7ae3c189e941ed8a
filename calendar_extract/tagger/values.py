"""TIMEX3 value strings and the calendar intervals they denote; pure date arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def day_value(day: dt.date) -> str:
    """`2025-03-06`."""
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    """`2025-03`."""
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    """ISO week of `day`: `2025-W10`."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def time_value(day: dt.date, hour: int, minute: int) -> str:
    """`2025-03-06T14:00`."""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week of `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter (1-4)."""
    first = dt.date(year, 3 * quarter - 2, 1)
    return first, month_bounds(year, 3 * quarter)[1]


def half_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    """First and last day of a half year (1-2)."""
    return dt.date(year, 6 * half - 5, 1), month_bounds(year, 6 * half)[1]


def season_bounds(year: int, code: str) -> tuple[dt.date, dt.date]:
    """Meteorological season of `year` (winter runs into the next year)."""
    first, last = SEASON_MONTHS[code]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), month_bounds(end_year, last)[1]


def decade_bounds(decade: int) -> tuple[dt.date, dt.date]:
    """First and last day of the decade starting in year `decade`."""
    return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` shifted by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 April)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ISO `weekday` of a month (n = -1: the last one)."""
    if n < 0:
        last = month_bounds(year, month)[1]
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, 'D') → P3D, (2, 'H') → PT2H, (None, 'W') → PXW, (1, 'DE') → P10Y,
    (None, 'CE') → PXC.

    Unit codes: S, TM (minute), H, D, W, M, Q, Y, DE (decade), CE (century).
    """
    if unit in ("DE", "CE"):
        factor = 10 if unit == "DE" else 100
        if amount is None:
            return "PXC" if unit == "CE" else "PXY"  # TimeML's century unit: "for [centuries]"
        return duration_value(amount * factor, "Y")
    prefix = "PT" if unit in ("H", "TM", "S") else "P"
    letter = "M" if unit == "TM" else unit
    if amount is None:
        return f"{prefix}X{letter}"
    if amount != int(amount):
        return _fractional(amount, unit)
    return f"{prefix}{int(amount)}{letter}"


_SMALLER = {
    "Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "TM"), "TM": (60, "S")
}


def _fractional(amount: float, unit: str) -> str:
    """`2.5 years` → P2Y6M; falls back to the smaller unit only."""
    whole = int(amount)
    if unit not in _SMALLER:
        return duration_value(round(amount), unit)
    factor, smaller = _SMALLER[unit]
    rest = round((amount - whole) * factor)
    low = duration_value(rest, smaller)
    if whole == 0:
        return low
    head = duration_value(whole, unit)
    if not low.startswith("PT"):
        return head + low[1:]
    return head + ("" if "T" in head else "T") + low[2:]
