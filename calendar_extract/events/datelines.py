"""The place of a news dateline: "DOVER, Del. – …", "BRUSSELS, Jan 19 (Wire) –", "MUMBAI: …",
"Rimini, 20 January 2021 - …". Events with no place of their own happen there (link.with_dateline).
"""

from __future__ import annotations

import re

from calendar_extract import places

__all__ = ["DATELINE_REASON", "dateline"]

# The reason an event placed only by the dateline carries (link.with_dateline writes it).
DATELINE_REASON = "location from the dateline"

_DATELINE_MIN_WORDS = 6
_DATELINE_LINES = 3
# ", Jan 19" / ", 10 May" / ", March 9, 2021" after the place
_DAY_MONTH = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?"
_DATED = rf"(?:,\s+{_DAY_MONTH})?"
_DATELINE = re.compile(
    r"([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{2,40}?)"  # DOVER, NEW YORK, SÃO PAULO
    r"(?:,\s+(?![A-Z][a-z]{2,8}\.?\s+\d)([A-Z][A-Za-z.]{1,14}(?:\s+[A-Z][A-Za-z.]+)?))?"  # , Del.
    + _DATED
    + r"\s*(?:\([^)]{1,30}\)\s*)?(?:[–—-]{1,2}|:)\s"  # (AP) –   or   MUMBAI:
)


# "Rimini, 20 January 2021 - …": a town in mixed case needs its date (and the gazetteer).
_TOWN_DATELINE = re.compile(
    rf"([A-ZÀ-Þ][a-zß-ÿ'’.-]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ'’.-]+){{0,2}}),\s+{_DAY_MONTH}"
    r"\s*(?:\([^)]{1,30}\)\s*)?(?:[–—-]{1,2}|:)\s"
)


def dateline(text: str) -> str | None:
    """The place of a news dateline ("DOVER, Del. – …", "NEW YORK – …", "BRUSSELS, Jan 19 (Wire) –",
    "MUMBAI: …", "Rimini, 20 January 2021 - …"), title-cased; at the start of one of the first
    lines (a headline may come first).

    The place must be one the gazetteer knows, or carry a region ("WALLOPS ISLAND, Va. –"):
    "NOTICE OF PUBLIC HEARING - File No. …", "UPDATE - …" and "NOTE: …" are headings.
    """
    lines = [line for line in text.split("\n") if line.strip()][:_DATELINE_LINES]
    for line in lines:
        place = _dateline_place(line)
        if place is not None:
            return place
    return None


def _dateline_place(line: str) -> str | None:
    match = _DATELINE.match(line.lstrip())
    if match is None:
        return _town_dateline(line)
    # A dateline opens running prose; "ELMWOOD PARK NEIGHBORS - June Newsletter" or
    # "PUBLIC HEALTH NOTICE - Harlow County" is a header line naming the sender, not a place.
    if len(line.lstrip()[match.end() :].split()) < _DATELINE_MIN_WORDS:
        return None
    place = match.group(1).strip()
    if not place.replace(" ", "").replace(".", "").isupper():
        return None
    place = " ".join(w.capitalize() for w in place.split())
    known = places.find_place(place) is not None
    if not (known or match.group(2)):
        return None
    return f"{place}, {match.group(2)}" if match.group(2) else place


def _town_dateline(line: str) -> str | None:
    """The town of a mixed-case dateline ("Rimini, 20 January 2021 - Ceramitalia Expo … will not
    take place …" → "Rimini"), if the gazetteer knows it as a town; "Notice, 3 May - …" is none."""
    match = _TOWN_DATELINE.match(line.lstrip())
    if match is None or len(line.lstrip()[match.end() :].split()) < _DATELINE_MIN_WORDS:
        return None
    place = places.find_place(match.group(1))
    return match.group(1) if place is not None and place.kind == "city" and place.name == match.group(1) else None
