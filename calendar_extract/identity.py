"""What makes two events the same event: a title key and the stable UID derived from it.

One recipe for the assembler (which gives every event its UID) and the writers (which derive one
for events built by hand without a UID), so the same event always gets the same UID
(ICS-COMPAT.md rule 10).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from calendar_extract.model import Event

UID_DOMAIN = "@calendar-extract"
_STOP = frozenset(
    "the a an of for to in on at and with between by from its his her their our new upcoming "
    "planned next first last this that own".split()
)


def title_key(title: str) -> str:
    """Lower-case content words of a title, in order: "The European Council meeting" →
    "european council meeting"."""
    words = re.findall(r"[\w]+", title.lower())
    return " ".join(w for w in words if w not in _STOP)


def make_uid(event: Event) -> str:
    """sha1(title key | start day | location)[:16] + "@calendar-extract": stable across runs."""
    day = event.start.date() if isinstance(event.start, dt.datetime) else event.start
    basis = "|".join((title_key(event.title), day.isoformat(), (event.location or "").lower()))
    # surrogatepass: a title with a lone surrogate (broken input) still gets a UID
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16] + UID_DOMAIN
