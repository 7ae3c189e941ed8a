"""Sources that hold several documents: a mailbox (each message), a feed (each entry), JSON Lines
(each line). Every other source is one document (readers.text.document_from_bytes).

    mbox        "From " lines separate the messages; each is read as an e-mail
    RSS / Atom  feedparser; each entry's title and content, its published (else updated) date
                as reference date, its link as the document's URL
    JSON Lines  {"id", "text", "reference_date", "url"} per line; "reference_date" may be absent
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from calendar_extract.errors import InputError
from calendar_extract.model import Document
from calendar_extract.readers.fetch import FetchSettings
from calendar_extract.readers.formats import Format, sniff_format
from calendar_extract.readers.html import fragment_text
from calendar_extract.readers.sources import STDIN
from calendar_extract.readers.text import (
    MAX_BYTES, SNIFF_BYTES, document_from_bytes, fallback_reference, read_bytes,
)

__all__ = ["RawInput", "parse_documents", "read_documents", "read_raw"]

# "From alice@example.org Mon Jan  6 10:00:00 2025": the sender and an asctime date; a body line
# "From the committee: …" that a writer forgot to quote as ">From" does not match.
_MBOX_SEPARATOR = re.compile(
    rb"^From \S+\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d\d[^\n]*\n", re.MULTILINE)


@dataclasses.dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one source, read but not parsed, and its reference date should neither the
    option nor the text give one: what a worker process or a cluster node needs to make the
    documents of a source it cannot open itself (standard input, a fetched URL, a file elsewhere)."""

    source: str
    data: bytes
    fallback: tuple[dt.datetime, str]


def read_raw(source: str, *, now: dt.datetime, max_bytes: int = MAX_BYTES,
             fetching: FetchSettings | None = None) -> RawInput:
    """Read the bytes of a file, URL or standard input (`-`); parse nothing.

    Raises:
        InputError: the source cannot be read (missing, unreadable, too large, an HTTP error).
    """
    return RawInput(source, read_bytes(source, max_bytes, fetching), fallback_reference(source, now))


def read_documents(
    source: str, *, reference: dt.datetime | None, timezone: str | None, now: dt.datetime,
    max_bytes: int = MAX_BYTES, input_format: Format | None = None, fetching: FetchSettings | None = None,
) -> Iterator[Document | InputError]:
    """The documents of one source, in order; a part that cannot be read is an InputError in
    their place, so the others are still read.

    Raises:
        InputError: when the source itself cannot be read.
    """
    raw = read_raw(source, now=now, max_bytes=max_bytes, fetching=fetching)
    yield from parse_documents(raw, reference=reference, timezone=timezone, input_format=input_format)


def parse_documents(raw: RawInput, *, reference: dt.datetime | None, timezone: str | None,
                    input_format: Format | None = None) -> Iterator[Document | InputError]:
    """The documents in the bytes of one source (see `read_documents`); no I/O."""
    source, data, fallback = raw.source, raw.data, raw.fallback
    name = "" if source == STDIN else source
    kind = input_format or sniff_format(data[:SNIFF_BYTES].decode("utf-8", errors="replace"), name)
    parts = {Format.MBOX: _messages, Format.JSONL: _lines, Format.FEED: _entries}.get(kind)
    if parts is None:
        yield document_from_bytes(data, source, reference=reference, timezone=timezone, fallback=fallback,
                                  input_format=input_format, sniffed=kind)
        return
    found = False
    for part in parts(data, source):
        found = True
        if isinstance(part, InputError):
            yield part
            continue
        try:
            document = document_from_bytes(part.body, part.source, reference=reference, timezone=timezone,
                                           fallback=fallback, input_format=part.format,
                                           published=part.published, published_by=part.published_by)
        except InputError as exc:
            yield exc
            continue
        yield document if part.url is None else dataclasses.replace(document, url=part.url)
    if not found:
        raise InputError(f"{source}: {kind.value} input without any {_UNIT[kind]}")


_UNIT = {Format.MBOX: "message", Format.JSONL: "line", Format.FEED: "entry"}


def refuse_xml_entities(data: bytes, source: str) -> None:
    """Refuse XML that declares entities or reaches out to external ones: the "billion laughs"
    expansion and XXE file or network reads (defusedxml). Broken XML passes: feedparser's lenient
    parser reads what it can of it, and never expands entities.

    Raises:
        InputError: the XML declares an entity, names an external one or uses a DTD to do so.
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"{source}: XML that declares entities ({type(exc).__name__}), refused: entity "
                         f"expansion and external entities are attacks, not feeds") from None
    except (ParseError, ValueError, LookupError):  # LookupError: <?xml encoding="utf-x"?>
        return


@dataclasses.dataclass(frozen=True, slots=True)
class _Part:
    """One document of a container: its bytes and name, and what the container says of it."""

    body: bytes
    source: str
    format: Format
    published: dt.date | dt.datetime | None = None
    published_by: str = ""
    url: str | None = None


def _messages(data: bytes, source: str) -> Iterator[_Part | InputError]:
    """Each message of a mailbox, as `source#1`, `source#2`, …"""
    bodies = [b for b in _MBOX_SEPARATOR.split(data) if b.strip()]
    for number, body in enumerate(bodies, 1):
        body = re.sub(rb"^>(>*From )", rb"\1", body, flags=re.MULTILINE)  # mboxrd quoting
        yield _Part(body, f"{source}#{number}", Format.EML)


def _lines(data: bytes, source: str) -> Iterator[_Part | InputError]:
    """Each JSON object of a JSON Lines source, named by its "id" (else `source:LINE`)."""
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}:{number}: not a JSON object ({exc.msg})")
            continue
        except RecursionError:  # "[[[[…" a hundred thousand deep
            yield InputError(f"{source}:{number}: JSON nested too deeply to read")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield InputError(f"{source}:{number}: a JSON Lines item needs a \"text\" string")
            continue
        published = _date(item.get("reference_date"))
        if item.get("reference_date") is not None and published is None:
            yield InputError(f"{source}:{number}: reference_date {item['reference_date']!r} is no ISO date")
            continue
        name = str(item.get("id") or f"{source}:{number}")
        url = item.get("url") if isinstance(item.get("url"), str) else None
        yield _Part(item["text"].encode("utf-8"), name, Format.TEXT, published, "the line's reference_date", url)


def _date(value: Any) -> dt.date | dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return None


def _entries(data: bytes, source: str) -> Iterator[_Part | InputError]:
    """Each entry of an RSS or Atom feed: its title and content (HTML read as a page)."""
    import feedparser

    refuse_xml_entities(data, source)
    try:
        feed = feedparser.parse(data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        # feedparser's lenient parser raises on some hostile markup ("&#99999999;")
        raise InputError(f"{source}: the feed cannot be read ({type(exc).__name__}: {exc})") from None
    for number, entry in enumerate(feed.entries, 1):
        title = str(entry.get("title", "") or "")
        content = entry.get("content") or []
        body = str(content[0].get("value", "")) if content else str(entry.get("summary", "") or "")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.datetime(*parsed[:6]) if parsed else None
        link = str(entry.get("link", "") or "") or None
        text = f"{title}\n\n{fragment_text(body)}".strip()  # an entry is all content: no page to pick it from
        yield _Part(text.encode("utf-8"), link or f"{source}#{number}", Format.TEXT, published,
                    "the feed entry's date", link)


