"""Input formats told by content (readers/formats.py), each with a near miss."""

from __future__ import annotations

import pytest

from calendar_extract.readers.formats import Format, sniff_format

CASES = [
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "", Format.ICS),
    ("From alice@example.org Mon Jan  6 10:00:00 2025\nFrom: Alice <alice@example.org>\n", "", Format.MBOX),
    ("From: Alice <alice@example.org>\nTo: Bob <bob@example.org>\nSubject: Lunch\n\nSee you Tuesday.\n", "", Format.EML),
    ("Received: from mx.example.org\n\tby mail.example.org\nFrom: a@example.org\nDate: Mon, 6 Jan 2025\n\nHi\n",
     "", Format.EML),
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title></channel></rss>', "", Format.FEED),
    ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
     "", Format.FEED),
    ("<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Hi</p></body></html>", "", Format.HTML),
    ("<p>The summit is on <b>6 March</b>.</p>", "", Format.HTML),
    ('{"id": "a", "text": "Summit on 6 March", "reference_date": "2025-02-25"}\n{"id": "b", "text": "x"}\n',
     "", Format.JSONL),
    ("The summit is on 6 March.\nFrom: the press office\n", "", Format.TEXT),  # a From: line inside prose
    ("From: the press office, in prose that follows.\n\nThe summit is on 6 March.\n", "", Format.TEXT),
    ('{"note": "no text field"}\n', "", Format.TEXT),
    ("The summit is on 6 March.", "notes.html", Format.HTML),  # only the name says HTML
    ("The summit is on 6 March.", "notes.txt", Format.TEXT),
]


@pytest.mark.parametrize(("head", "name", "expected"), CASES, ids=[f"{c[2].value}-{i}" for i, c in enumerate(CASES)])
def test_sniff_format(head: str, name: str, expected: Format) -> None:
    assert sniff_format(head, name) is expected
