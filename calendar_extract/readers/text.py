"""One document: the bytes of a text, HTML page, e-mail or iCalendar file (from a path, a URL or
standard input) → a Document with its text, reference date and basis, and the events it states as
data. Sources holding several documents (mailboxes, feeds, JSON Lines) are split in
readers.containers and come here part by part."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

from calendar_extract.errors import InputError
from calendar_extract.model import MAX_DOCUMENT_BYTES, Document, Event
from calendar_extract.readers.calendar import calendar_events
from calendar_extract.readers.dateline import find_dateline
from calendar_extract.readers.encoding import decode_bytes, has_bom, utf16_without_bom
from calendar_extract.readers.fetch import FetchSettings, fetch, is_url
from calendar_extract.readers.formats import HEAD_CHARS, Format, sniff_format
from calendar_extract.readers.html import read_page
from calendar_extract.readers.sources import STDIN

MAX_BYTES = MAX_DOCUMENT_BYTES
# Document.reference_basis of the last two fallbacks (cron.gather and cron.run treat them apart).
TODAY_BASIS = "today"
MTIME_BASIS = "file modification time"
SNIFF_BYTES = 8192
# Share of control characters (other than tab, CR, LF, FF) above which bytes are not text.
MAX_CONTROL_SHARE = 0.05


def read_document(
    source: str,
    *,
    reference: dt.datetime | None,
    timezone: str | None,
    now: dt.datetime,
    max_bytes: int = MAX_BYTES,
    input_format: Format | None = None,
) -> Document:
    """Read one source (a path, a URL or `-`) into a Document: plain text, an HTML page's main
    text, an e-mail's body or an iCalendar file's events (the format is told by the content unless
    `input_format` forces one).

    The reference date is, in order: `reference` (the --reference-date option), the document's
    metadata (e-mail Date header, HTML publication date), a dateline or publication date near the
    top of the text, the file's modification time, `now` (stdin, URLs).

    Raises:
        InputError: missing, unreadable, too large, binary or empty input.
    """
    data = read_bytes(source, max_bytes)
    return document_from_bytes(data, source, reference=reference, timezone=timezone,
                               fallback=fallback_reference(source, now), input_format=input_format)


def read_bytes(source: str, max_bytes: int = MAX_BYTES, fetching: FetchSettings | None = None) -> bytes:
    """The bytes of a file, a URL or standard input (`-`), at most `max_bytes`."""
    if is_url(source):
        return fetch(source, dataclasses.replace(fetching or FetchSettings(), max_bytes=max_bytes))
    return _read_stdin(max_bytes) if source == STDIN else _read_file(Path(source), max_bytes)


def fallback_reference(source: str, now: dt.datetime) -> tuple[dt.datetime, str]:
    """The reference date when neither the option nor the document gives one."""
    if source == STDIN or is_url(source):
        return now, TODAY_BASIS
    return _mtime(Path(source)), MTIME_BASIS


def document_from_bytes(
    data: bytes, source: str, *, reference: dt.datetime | None, timezone: str | None,
    fallback: tuple[dt.datetime, str], input_format: Format | None = None,
    published: dt.date | dt.datetime | None = None, published_by: str = "document metadata",
    sniffed: Format | None = None,
) -> Document:
    """One Document from the bytes of a text, HTML page, e-mail or iCalendar file (`published`:
    a date the container gives, such as a feed entry's, and `published_by` where it is from;
    `sniffed`: the format the caller already told from these bytes)."""
    name = "" if source == STDIN else source
    head = data[:SNIFF_BYTES].decode("utf-8", errors="replace")
    kind = input_format or sniffed or sniff_format(head, name)
    given: tuple[Event, ...] = ()
    if kind is Format.EML:
        from calendar_extract.readers.mail import read_mail  # here: the email package is slow to load

        mail = read_mail(data, source)
        text, given, timezone = mail.text, mail.events, timezone or mail.zone
        published, published_by = (mail.sent, _METADATA[kind]) if mail.sent else (published, published_by)
    elif kind is Format.ICS:
        text, given = "", calendar_events(data, source)  # passed through, to merge and re-export
        if not given:
            raise InputError(f"{source}: iCalendar data without any readable event")
    else:
        text = decode_text(data, source)
        if input_format is None and text[:HEAD_CHARS] != head[:HEAD_CHARS]:
            kind = sniff_format(text, name)  # again on the decoded text (UTF-16), unless it starts the same
    html = text if kind is Format.HTML else None
    if html is not None:
        page = read_page(html, source)
        text = page.text
        if published is None and page.published is not None:
            published, published_by = page.published, _METADATA[kind]
    ref, basis = _choose_reference(text, reference, fallback, published, published_by)
    if html is not None:
        from calendar_extract.readers.structured import schema_events

        given = schema_events(html, source, ref.date())
    given = tuple(dataclasses.replace(e, upcoming=_day(e.start) >= ref.date()) for e in given)
    if not text.strip() and not given:
        raise InputError(f"{source}: {kind.value} input without any text")
    return Document(text=text, source=source, reference=ref, reference_basis=basis,
                    timezone=timezone, events=given)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


_METADATA = {Format.HTML: "publication date in the page's metadata", Format.EML: "the e-mail's Date header"}


def _choose_reference(
    text: str, option: dt.datetime | None, fallback: tuple[dt.datetime, str],
    published: dt.date | dt.datetime | None = None, published_by: str = "document metadata",
) -> tuple[dt.datetime, str]:
    """--reference-date > document metadata > a dateline in the text > file time > today."""
    if option is not None:
        return option, "--reference-date"
    if isinstance(published, dt.datetime):
        return published.replace(tzinfo=None), published_by  # the writer's wall clock
    if published is not None:
        return dt.datetime.combine(published, dt.time()), published_by
    dateline = find_dateline(text, fallback[0])
    if dateline is not None:
        return dateline, "date in the text"
    return fallback


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: file too large ({size:,} bytes; the limit is {max_bytes:,}, "
                             f"set by --max-bytes)")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"-: standard input too large (over {max_bytes:,} bytes, the limit set by --max-bytes)")
    return data


def decode_text(data: bytes, source: str) -> str:
    """Decode text in any common encoding (see readers.encoding), refusing empty and binary input.

    Raises:
        InputError: with a one-line explanation naming `source`.
    """
    if not data.strip():
        raise InputError(f"{source}: empty input, nothing to read")
    if not has_bom(data) and utf16_without_bom(data) is None and _looks_binary(data[:SNIFF_BYTES]):
        raise InputError(f"{source}: binary data, not text")
    text = decode_bytes(data, source).text
    if not text.strip():
        raise InputError(f"{source}: empty input, nothing to read")
    return text


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls > MAX_CONTROL_SHARE * len(head)


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # not tab, line feed, form feed, CR


__all__ = ["MAX_BYTES", "decode_text", "document_from_bytes", "fallback_reference", "read_bytes", "read_document"]
