"""Tables worked out from data at first use, kept in the cache folder for the next process.

The gazetteer's lookup tables and the tagger's prefix table take a few tenths of a second to
build and a few hundredths to read back: a process that extracts one short text would otherwise
spend most of its time building them. A table is saved under its name and a key made of all it
is built from (code, word lists, library releases, the Python that pickled it); a table of
another key is built anew, and a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from calendar_extract.errors import CalendarExtractError
from calendar_extract.files import atomic_write, cache_home

T = TypeVar("T")


def key_of(parts: Iterable[bytes | str]) -> str:
    """A short hash of everything a table is built from (and of this Python)."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def cached_table(name: str, key: str, build: Callable[[], T], kind: type) -> T:
    """The table `name` of `key` from the cache folder, else `build()` (then saved there, and the
    tables of other keys removed).

    `kind` is the type the table must have: a file that unpickles to anything else is rebuilt.
    """
    path = cache_home() / f"{name}-{key}.pickle"
    table = _read(path, kind)
    if table is None:
        table = build()
        _save(path, table, name)
    return table


def _read(path: Path, kind: type) -> T | None:
    try:
        table = pickle.loads(path.read_bytes())  # our own cache folder, written by _save
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: build anew
        return None
    return table if isinstance(table, kind) else None  # type: ignore[return-value]


def _save(path: Path, table: object, name: str) -> None:
    with contextlib.suppress(CalendarExtractError, OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in path.parent.glob(f"{name}-*.pickle"):  # of other releases or word lists
            if stale != path:
                stale.unlink(missing_ok=True)
