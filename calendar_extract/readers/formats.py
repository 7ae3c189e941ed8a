"""What kind of document some bytes are, told by their content (the file name only breaks ties).

    BEGIN:VCALENDAR …                   → ics
    From alice@example.org Mon Jan …    → mbox (the "From " line that separates messages)
    From: … / Date: … / Subject: …      → eml (a block of RFC 5322 header lines)
    <rss …> / <feed …> / <rdf:RDF …>    → feed
    <!DOCTYPE html> / <html> / <body>   → html
    {"text": …} on every line           → jsonl
    anything else                       → text
"""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import PurePath

__all__ = ["HEAD_CHARS", "Format", "sniff_format"]

HEAD_CHARS = 4096  # what sniff_format reads of a text


class Format(str, Enum):
    """An input format (`--input-format` takes these values)."""

    TEXT = "text"
    HTML = "html"
    EML = "eml"
    MBOX = "mbox"
    FEED = "feed"
    ICS = "ics"
    JSONL = "jsonl"


_ICS = re.compile(r"\A\s*BEGIN:VCALENDAR\b", re.IGNORECASE)
_MBOX = re.compile(r"\AFrom \S+\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ")
_HEADER_LINE = re.compile(r"^(?:from|to|cc|date|subject|message-id|received|mime-version|return-path|"
                          r"content-type|reply-to|sender|delivered-to)\s*:", re.IGNORECASE)
_MIN_HEADERS = 2
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
# Before a feed's root: white space, the XML declaration, comments and a DOCTYPE other than HTML's
# (with its internal subset: `<!DOCTYPE rss [<!ENTITY …>]>` is a feed, to be refused by containers, not a page).
_XML_OR_SPACE = re.compile(
    r"\A(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE\s+(?!html\b)[\w:.-]+[^\[>]*(?:\[.*?\])?\s*>)*",
    re.DOTALL | re.IGNORECASE)
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p>",
                   re.IGNORECASE)
_SUFFIXES = {".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML, ".eml": Format.EML,
             ".mbox": Format.MBOX, ".rss": Format.FEED, ".atom": Format.FEED, ".ics": Format.ICS,
             ".jsonl": Format.JSONL, ".ndjson": Format.JSONL}


def sniff_format(head: str, name: str = "") -> Format:
    """The format of a document from its first characters (`head`) and, for ties, its name."""
    head = head[:HEAD_CHARS].lstrip("\ufeff")
    if _ICS.match(head):
        return Format.ICS
    if _MBOX.match(head):
        return Format.MBOX
    if _headers(head):
        return Format.EML
    start = _XML_OR_SPACE.match(head)
    opening = head[start.end() if start else 0 :][:300]
    if _FEED.match(opening) or (opening.startswith("<") and _FEED.search(head[:1000])
                                and not _HTML.search(head[:1000])):
        return Format.FEED
    if _HTML.search(head):
        return Format.HTML
    if _json_lines(head):
        return Format.JSONL
    return _SUFFIXES.get(PurePath(name).suffix.lower(), Format.TEXT) if name else Format.TEXT


def _headers(head: str) -> bool:
    """A block of e-mail header lines at the very top, up to the first blank line."""
    block = re.split(r"\r?\n\r?\n", head, maxsplit=1)[0].splitlines()
    if not block or not _HEADER_LINE.match(block[0]):
        return False
    named = [line for line in block if _HEADER_LINE.match(line)]
    folded = [line for line in block if line[:1] in (" ", "\t")]
    return len(named) >= _MIN_HEADERS and len(named) + len(folded) >= len(block) - 1


def _json_lines(head: str) -> bool:
    """Every complete line of the head is a JSON object with a "text" field."""
    lines = [line for line in head.splitlines()[:-1] or head.splitlines() if line.strip()]
    if not lines:
        return False
    try:
        return all(isinstance(obj := json.loads(line), dict) and "text" in obj for line in lines)
    except (ValueError, RecursionError):
        return False
