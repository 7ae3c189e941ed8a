"""Plain-text reader: decoding, bad input, input expansion, reference-date choice."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from calendar_extract.errors import InputError
from calendar_extract.readers import decode_text, expand_inputs, read_document

NOW = dt.datetime(2030, 1, 1, 12, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"  \n\t \r\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (bytes(range(1, 32)) * 20, "binary data"),
    ],
    ids=["empty", "whitespace", "png", "control-chars"],
)
def test_decode_refuses_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match="^doc.txt: ") as info:
        decode_text(data, "doc.txt")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfHello", "Hello"),
        ("Zelenskyy\u2019s visit \u2013 6 March".encode(), "Zelenskyy\u2019s visit \u2013 6 March"),
        (b"line one\r\nline two\r\n", "line one\r\nline two\r\n"),
    ],
    ids=["bom-dropped", "typographic-utf8", "crlf-kept-for-offsets"],
)
def test_decode_keeps_text(data: bytes, text: str) -> None:
    assert decode_text(data, "doc.txt") == text


def test_expand_inputs_orders_and_reports(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    empty = tmp_path / "empty"
    empty.mkdir()
    items = list(expand_inputs([str(tmp_path), str(tmp_path / "a.txt"), str(empty),
                                str(tmp_path / "missing.txt"), str(tmp_path / "*.nothing")]))
    paths = [i for i in items if isinstance(i, str)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert [e.split(": ", 1)[1] for e in errors] == [
        "folder holds no text files (.atom, .eml, .htm, .html, .ics, .jsonl, .markdown, .mbox, .md, .rss, .rst, .text, .txt)",
        "no such file or folder",
        "no file matches this pattern",
    ]


def test_expand_inputs_glob_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "x1.txt").write_text("x")
    (tmp_path / "x2.txt").write_text("x")
    assert list(expand_inputs([str(tmp_path / "x*.txt")])) == [
        str(tmp_path / "x1.txt"), str(tmp_path / "x2.txt")]
    assert list(expand_inputs([])) == ["-"]


def test_reference_from_option_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Brussels, 25 February 2025 - The summit is on 6 March.")
    ref = dt.datetime(2024, 1, 2)
    doc = read_document(str(path), reference=ref, timezone=None, now=NOW)
    assert (doc.reference, doc.reference_basis) == (ref, "--reference-date")


def test_reference_from_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Brussels, 25 February 2025 - The summit is on 6 March 2025.")
    doc = read_document(str(path), reference=None, timezone=None, now=NOW)
    assert (doc.reference, doc.reference_basis) == (dt.datetime(2025, 2, 25), "date in the text")


def test_reference_from_mtime_when_text_has_no_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The summit is on 6 March.\n" + "Filler text. " * 40 + "It ended on 1 May 2020.")
    stamp = dt.datetime(2025, 2, 25, 9, 30).timestamp()
    os.utime(path, (stamp, stamp))
    doc = read_document(str(path), reference=None, timezone=None, now=NOW)
    assert (doc.reference, doc.reference_basis) == (dt.datetime(2025, 2, 25, 9, 30),
                                                    "file modification time")


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 101)
    with pytest.raises(InputError, match="file too large"):
        read_document(str(path), reference=None, timezone=None, now=NOW, max_bytes=100)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Brussels, 25 February 2025 – The summit opens on 6 March.", dt.datetime(2025, 2, 25)),
        ("BRUSSELS (Reuters) - 3 March 2025 - Ministers met.", dt.datetime(2025, 3, 3)),
        ("Library newsletter — 2 September 2026\n\nHello", dt.datetime(2026, 9, 2)),
        ("Title\nBy Jane Doe\nPublished: March 3, 2025\nText", dt.datetime(2025, 3, 3)),
        ("Posted on 4 May 2021 at 10:00 by admin", dt.datetime(2021, 5, 4)),
        ("The summit will take place on 6 March 2025 in Brussels.", None),
        ("On 6 March 2025, the leaders met.", None),
        ("Filler line\n" * 5 + "Brussels, 25 February 2025 – late dateline", None),
    ],
    ids=["place-dash", "agency", "newsletter", "published-cue", "posted-at", "event-date",
         "sentence-start", "too-far-down"],
)
def test_dateline(head: str, expected: dt.datetime | None) -> None:
    from calendar_extract.readers.dateline import find_dateline

    assert find_dateline(head, NOW) == expected
