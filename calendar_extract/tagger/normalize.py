"""The only dateparser caller: normalizes a span the rules found but cannot read themselves.

A `DateDataParser` is built on first use for each settings combination (English only, absolute
formats only, reference as RELATIVE_BASE) and reused; `search_dates` is never called.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from typing import Any

from calendar_extract.model import Context

_PARSERS = ("custom-formats", "absolute-time")


@functools.lru_cache(maxsize=16)
def _parser(date_order: str, relative_base: dt.datetime, timezone: str | None) -> Any:
    """A DateDataParser for one reference/order/zone, built once."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "DATE_ORDER": date_order,
        "RELATIVE_BASE": relative_base,
        "PARSERS": list(_PARSERS),
        "PREFER_DATES_FROM": "current_period",
        "STRICT_PARSING": False,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if timezone:
        settings["TIMEZONE"] = timezone
    return DateDataParser(languages=["en"], settings=settings)


def parse_date(surface: str, ctx: Context) -> dt.date | None:
    """A calendar day for `surface` ("6-Mar-2025" → 2025-03-06), or None when dateparser fails.

    Only day-precision results are returned; coarser ones would invent a day.
    """
    base = ctx.reference.replace(tzinfo=None)
    parser = _parser("DMY" if ctx.day_first else "MDY", base, ctx.timezone)
    with warnings.catch_warnings():
        # dateparser 1.x warns about its own use of deprecated datetime APIs on newer Pythons.
        warnings.simplefilter("ignore", DeprecationWarning)
        data = parser.get_date_data(surface)
    if data is None or data.date_obj is None or data.period != "day":
        return None
    result: dt.date = data.date_obj.date()
    return result
