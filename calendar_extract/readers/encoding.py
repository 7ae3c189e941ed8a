"""Bytes → text: a byte-order mark, else UTF-8, else a declared charset, else a detected one.

Legacy files are mostly Windows-1252 (Western European); a short text fits several code pages
equally well, so Windows-1252 wins whenever it reads the bytes about as cleanly as the detector's
first choice (charset-normalizer). Cyrillic or Greek files, which Windows-1252 turns into noise,
keep the detected code page.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from calendar_extract.errors import InputError

__all__ = ["Decoded", "decode_bytes", "has_bom", "utf16_without_bom"]

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="…">, <meta http-equiv="Content-Type" content="text/html; charset=…">, <?xml encoding="…"?>
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9._:-]{2,40})""", re.IGNORECASE)
_DECLARATION_BYTES = 4096
_WESTERN = "cp1252"
# How much messier than the detector's choice Windows-1252 may read and still be preferred.
_WESTERN_TOLERANCE = 0.1


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding it was read as, and how many bytes could not be decoded."""

    text: str
    encoding: str
    replaced: int = 0


def has_bom(data: bytes) -> bool:
    """True when the bytes open with a Unicode byte-order mark (UTF-16 text holds NUL bytes)."""
    return any(data.startswith(bom) for bom, _ in _BOMS)


# UTF-16 without a byte-order mark: of the first bytes, nearly every other one is NUL (ASCII-range
# text), on one side only.
_UTF16_SAMPLE = 4096
_UTF16_NUL_SHARE = 0.9


def utf16_without_bom(data: bytes) -> str | None:
    """The name of the UTF-16 flavour ("utf-16-le"/"utf-16-be") of bytes written without a
    byte-order mark, when they read as one; else None. Example: "Hi".encode("utf-16-le") → "utf-16-le"."""
    head = data[:_UTF16_SAMPLE]
    pairs = len(head) // 2
    if pairs < 2 or has_bom(data):
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    name = "utf-16-le" if odd >= _UTF16_NUL_SHARE * pairs and even == 0 else \
        "utf-16-be" if even >= _UTF16_NUL_SHARE * pairs and odd == 0 else None
    if name is None:
        return None
    try:
        data[: len(data) // 2 * 2].decode(name)
    except UnicodeDecodeError:
        return None
    return name


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode the bytes of a text or HTML document.

    Raises:
        InputError: when no encoding reads the bytes (the detector finds none).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], name, source)
    flavour = utf16_without_bom(data)
    if flavour is not None:
        return _decode(data, flavour, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared is not None:
        return _decode(data, declared, source)
    detected = _detected(data)
    if detected is None:
        raise InputError(f"{source}: cannot tell the text encoding (not UTF-8, and no code page fits)")
    return _decode(data, detected, source)


def _declared(data: bytes) -> str | None:
    """The charset an HTML or XML head declares, if Python knows it."""
    found = _DECLARED.search(data[:_DECLARATION_BYTES])
    if found is None:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def _detected(data: bytes) -> str | None:
    """The detector's code page, or Windows-1252 when it reads the bytes about as well."""
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=[_WESTERN]).best()
    if western is not None and (best is None or western.chaos <= best.chaos + _WESTERN_TOLERANCE):
        return _WESTERN
    return best.encoding if best is not None else None


def _decode(data: bytes, encoding: str, source: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if replaced:
        log.warning("%s: %d undecodable byte(s) in %s replaced with U+FFFD", source, replaced, encoding)
    if encoding != "utf-8":
        log.info("%s: read as %s", source, encoding)
    return Decoded(text, encoding, replaced)
