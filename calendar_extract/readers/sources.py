"""Expand the INPUT arguments (files, folders, globs, `-`) into an ordered list of sources."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from calendar_extract.errors import InputError
from calendar_extract.readers.fetch import file_path, other_scheme, url_of

STDIN = "-"
# Files a folder contributes; other files in it are ignored (not errors).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ".html", ".htm", ".eml", ".ics", ".mbox",
                           ".rss", ".atom", ".jsonl"})
GLOB_CHARS = frozenset("*?[")


def expand_inputs(inputs: Sequence[str]) -> Iterator[str | InputError]:
    """Yield each source path (or `-`) once, in a stable order, and an InputError for each bad one.

    No inputs at all means stdin, as in every Unix filter.
    """
    seen: set[str] = set()
    for item in inputs or [STDIN]:
        for source in _expand_one(item):
            key = source if isinstance(source, InputError) or url_of(source) else os.path.realpath(source)
            if isinstance(source, InputError) or source == STDIN or key not in seen:
                seen.add(key if isinstance(key, str) else "")
                yield source


def _expand_one(item: str) -> Iterator[str | InputError]:
    if item == STDIN or url_of(item) is not None:
        yield item  # standard input, or a URL fetched when it is read (readers.fetch)
        return
    scheme = other_scheme(item)
    if scheme is not None and not Path(item).exists():  # "notes:today.txt" may be a file's name
        yield InputError(f"{item}: {scheme}: URLs are not read; give an http(s) URL or a file")
        return
    item = file_path(item) or item  # "file:///srv/news/a.txt"
    item = item[len("feed:") :] if item.startswith("feed:") else item  # "feed:press.rss": a local feed
    path = Path(item)
    if path.is_dir():
        yield from _folder(path)
    elif path.exists():
        yield item
    elif GLOB_CHARS & set(item):
        matches = sorted(glob.glob(item, recursive=True))
        files = [m for m in matches if Path(m).is_file()]
        if not files:
            yield InputError(f"{item}: no file matches this pattern")
        yield from files
    else:
        yield InputError(f"{item}: no such file or folder")


def _folder(folder: Path) -> Iterator[str | InputError]:
    files = sorted(
        str(p) for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
    )
    if not files:
        suffixes = ", ".join(sorted(TEXT_SUFFIXES))
        yield InputError(f"{folder}: folder holds no text files ({suffixes})")
    yield from files
