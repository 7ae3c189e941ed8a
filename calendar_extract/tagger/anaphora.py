"""Periods that point back at the period in focus: "the quarter", "the year-ago period", "a year
earlier" after "the third quarter". A rule gives a provisional value from the reference; the
`anchor_periods` refiner replaces it with one derived from the last stated quarter."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from calendar_extract.model import Context, Granularity, MentionType, TimeMention
from calendar_extract.tagger import values
from calendar_extract.tagger.dates import mod_of
from calendar_extract.tagger.words import group, make

ANCHOR_QUARTER = "anchor-quarter"  # in TimeMention.implied: quarter number from the focus
ANCHOR_YEAR = "anchor-year"  # ... year from the focus
YEAR_BACK = "anchor-year-back"  # ... then one year back
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_FOCUS_DISTANCE = 1500
_FISCAL_SPAN = re.compile(r"\s+(?:ended|ending|that\s+ended|to\s+date)\b", re.IGNORECASE)


def _quarter(match: re.Match[str], rule: str, year: int, number: int, *marks: str) -> TimeMention:
    first, last = values.quarter_bounds(year, number)
    return make(
        match,
        rule,
        MentionType.DATE,
        f"{year}-Q{number}",
        Granularity.QUARTER,
        begin=first,
        until=last,
        implied=marks,
    )


def _year(match: re.Match[str], rule: str, year: int) -> TimeMention:
    first, last = values.year_bounds(year)
    return make(
        match, rule, MentionType.DATE, str(year), Granularity.YEAR, begin=first, until=last
    )


def extract_the_unit(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"the quarter" → last completed quarter (then anchored); "the year" → 2025; "the
    year-ago quarter", "the quarter a year ago", "the same period last year" → the focus quarter a
    year back; "the end of the year" → 2025 mod END."""
    mention = _the_unit(match, ctx)
    if mention is None or not group(match, "mod"):
        return mention
    return dataclasses.replace(mention, mod=mod_of(match.group("mod")))


def _the_unit(match: re.Match[str], ctx: Context) -> TimeMention | None:
    unit = " ".join(match.group("unit").lower().split())
    if group(match, "ord") and unit not in ("quarter", "period"):
        return None  # "the second year" of something is no calendar year
    ago = group(match, "ago") is not None or group(match, "ago2") is not None
    adjective = (group(match, "adj") or "").lower()
    ref = ctx.reference.date()
    if unit in ("year", "fiscal year"):
        if group(match, "y"):
            return _year(match, "the_unit", int(match.group("y")))
        if _FISCAL_SPAN.match(match.string, match.end()):
            # "for the year ended Sept. 30": a twelve-month period, not the calendar year.
            return make(match, "the_unit", MentionType.DURATION, "P1Y", Granularity.YEAR)
        return _year(match, "the_unit", ref.year - ago)
    if unit == "month":
        first, last = values.month_bounds(ref.year - ago, ref.month)
        value = values.month_value(ref.year - ago, ref.month)
        return make(
            match, "the_unit", MentionType.DATE, value, Granularity.MONTH, begin=first, until=last
        )
    if unit == "period" and not (adjective or ago or group(match, "y")):
        return None
    ordinal = group(match, "ord")
    index = ref.year * 4 + (ref.month - 1) // 3 - (adjective != "current")
    year, number = divmod(index, 4)
    marks = [ANCHOR_YEAR] + [YEAR_BACK] * ago
    stated = group(match, "y")
    if stated:
        year, marks = int(stated) + ago, []  # "the 1988 period": only the quarter is anaphoric
    if ordinal:
        number = _ORDINALS[ordinal.lower()] - 1
    elif adjective != "current":
        marks.append(ANCHOR_QUARTER)
    return _quarter(match, "the_unit", year - ago, number + 1, *marks)


def extract_year_ago(match: re.Match[str], ctx: Context) -> TimeMention | None:
    """"year-earlier", "year-ago" (adjectives) → last year, or the focus quarter a year back."""
    return _year(match, "year_ago", ctx.reference.year - 1)


def _focus(mentions: list[TimeMention], start: int, ref: dt.date) -> tuple[int, int] | None:
    """(year, quarter) of the last quarter before `start` that is no comparison and had ended by
    `ref`, if close. A quarter still running ("a fourth-quarter charge" in a Nov. 2 report) is a
    forecast, not the period the results are for (TimeBank wsj_0144, wsj_0558)."""
    for mention in reversed(mentions):
        if start - mention.end > _FOCUS_DISTANCE:
            return None
        found = _QUARTER.match(mention.value)
        comparison = YEAR_BACK in mention.implied or (
            ANCHOR_QUARTER in mention.implied and ANCHOR_YEAR not in mention.implied
        )  # "a year earlier", "the 1988 period": compared with the focus, not a new one
        if found and not comparison:
            year, quarter = int(found.group(1)), int(found.group(2))
            if values.quarter_bounds(year, quarter)[1] < ref:
                return year, quarter
    return None


def _marks(mention: TimeMention) -> frozenset[str]:
    """Anchoring marks of a mention; "a year ago/earlier" and "year-ago" anchor fully."""
    if mention.rule == "year_ago" or (
        mention.rule == "ago"
        and re.match(r"(?i)(?:a|one)\s+year\s+(?:ago|earlier)", mention.surface)
    ):
        return frozenset({ANCHOR_QUARTER, ANCHOR_YEAR, YEAR_BACK})
    return frozenset(mention.implied) & {ANCHOR_QUARTER, ANCHOR_YEAR, YEAR_BACK}


def anchor_periods(
    mentions: tuple[TimeMention, ...], text: str, ctx: Context
) -> tuple[TimeMention, ...]:
    """Resolve anaphoric quarters against the quarter in focus.

    Example: "profit rose in the third quarter (1989-Q3) ... from $2 a year earlier" → the second
    mention becomes 1988-Q3.
    """
    out: list[TimeMention] = []
    for mention in mentions:
        marks = _marks(mention)
        focus = _focus(out, mention.start, ctx.reference.date()) if marks else None
        if focus:
            own = _QUARTER.match(mention.value)
            quarter = focus[1] if ANCHOR_QUARTER in marks or not own else int(own.group(2))
            year = focus[0] - (YEAR_BACK in marks)
            if own and ANCHOR_YEAR not in marks:
                year = int(own.group(1))  # "the 1988 period": the year is stated
            first, last = values.quarter_bounds(year, quarter)
            mention = dataclasses.replace(
                mention,
                value=f"{year}-Q{quarter}",
                granularity=Granularity.QUARTER,
                begin=first,
                until=last,
                implied=tuple(sorted(marks)),
            )
        out.append(mention)
    return tuple(out)
