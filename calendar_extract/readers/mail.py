"""E-mail messages (.eml) → text, reference date, default time zone and attached invitations.

The standard library's `email` package with the modern policy reads the message:

- the body: the text/plain part, else the text/html part through the HTML reader;
- the Subject as the first line of the text (a title hint for the events below it);
- the Date header as the reference date, and its UTC offset as the default zone of times the
  text gives without one ("-0500" → Etc/GMT+5; half-hour offsets give none);
- text/calendar parts (an invitation forwarded to the tool) as events, not re-guessed from prose.
"""

from __future__ import annotations

import datetime as dt
import email
import logging
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message

from calendar_extract.model import Event
from calendar_extract.readers.calendar import calendar_events
from calendar_extract.readers.encoding import decode_bytes
from calendar_extract.readers.html import read_page
from calendar_extract.tagger.timezones import zone_name

__all__ = ["Mail", "read_mail"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Mail:
    """What a message gives: its text, sent time, default zone and attached events."""

    text: str
    sent: dt.datetime | None
    zone: str | None
    events: tuple[Event, ...]


def read_mail(data: bytes, source: str) -> Mail:
    """Read one RFC 5322 message; a truncated or malformed one is read as far as it goes."""
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    sent = _sent(message)
    body = _body(message, source)
    subject = str(message.get("Subject", "") or "").strip()
    text = f"{subject}\n\n{body}" if subject and subject not in body[:200] else body
    events: list[Event] = []
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            events += calendar_events(_part_bytes(part), source)
    return Mail(text=text, sent=sent, zone=_offset_zone(sent), events=tuple(events))


def _sent(message: EmailMessage) -> dt.datetime | None:
    header = message.get("Date")
    try:
        return header.datetime if header is not None and header.datetime is not None else None
    except (AttributeError, ValueError, TypeError):
        return None


def _body(message: EmailMessage, source: str) -> str:
    """The text/plain body, else the HTML body's main text."""
    for kind in ("plain", "html"):
        try:
            part = message.get_body(preferencelist=(kind,))
        except (KeyError, LookupError):
            part = None
        if part is None:
            continue
        content = _part_text(part, source)
        if kind == "html":
            content = read_page(content, source).text
        if content.strip():
            return content
    return ""


def _part_bytes(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _part_text(part: Message, source: str) -> str:
    """A part's text in its declared charset, else as detected (never a crash on bad bytes)."""
    data = _part_bytes(part)
    charset = part.get_content_charset()
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except (LookupError, ValueError):  # unknown, or not even a name ("utf\x00-8")
            log.info("%s: unknown charset %r, detecting", source, charset)
    return decode_bytes(data, source).text if data else ""


def _offset_zone(sent: dt.datetime | None) -> str | None:
    """The IANA zone of a whole-hour UTC offset ("-0500" → "Etc/GMT+5"), as the tagger names a
    stated "UTC-5"; half-hour offsets give none."""
    offset = sent.utcoffset() if sent is not None else None
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return zone_name(f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}")
