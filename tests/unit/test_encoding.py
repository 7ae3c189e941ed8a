"""Encodings of text input (readers/encoding.py): BOMs, UTF-8, declared and detected code pages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_extract.readers import decode_text
from calendar_extract.readers.encoding import decode_bytes

WESTERN = "The \u201cEU\u2013Ukraine\u201d summit at Caf\u00e9 R\u00e9publique costs \u20ac5 and is on 6 March."


@pytest.mark.parametrize(("text", "encoding"), [
    (WESTERN, "cp1252"),
    ("R\u00e9union le 6 mars \u00e0 Bruxelles, caf\u00e9 cr\u00e8me.", "latin-1"),
    ("Z\u00fcrich: Die Sitzung findet am 6. M\u00e4rz statt.", "latin-1"),
    ("\u0412\u0441\u0442\u0440\u0435\u0447\u0430 6 \u043c\u0430\u0440\u0442\u0430 \u0432 \u041c\u043e\u0441\u043a\u0432\u0435, \u0432 \u0437\u0430\u043b\u0435.", "cp1251"),
])
def test_legacy_code_pages_read_correctly(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding), "doc.txt") == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_marks(encoding: str) -> None:
    assert decode_text(WESTERN.encode(encoding), "doc.txt") == WESTERN


def test_declared_charset_wins_over_detection() -> None:
    page = '<html><head><meta charset="iso-8859-15"></head><body>Caf\u00e9 \u20ac5</body></html>'
    decoded = decode_bytes(page.encode("iso-8859-15"), "page.html")
    assert decoded.encoding == "iso8859-15" and decoded.text == page


def test_undecodable_bytes_are_replaced_and_counted() -> None:
    page = b'<meta charset="utf-8"><p>Caf\xe9 on 6 March</p>'  # declared UTF-8, but one Latin-1 byte
    decoded = decode_bytes(page, "page.html")
    assert decoded.replaced == 1 and "\ufffd" in decoded.text and "6 March" in decoded.text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1).filter(str.strip))
def test_utf8_and_utf16_round_trip(text: str) -> None:
    for encoding in ("utf-8", "utf-16"):
        assert decode_bytes(text.encode(encoding), "doc.txt").text == text
