"""Sources with several documents (readers/containers.py): mailboxes, JSON Lines, RSS and Atom."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.errors import InputError
from calendar_extract.model import Document
from calendar_extract.readers import read_documents

FIXTURES = Path(__file__).parent.parent / "fixtures" / "inputs"
NOW = dt.datetime(2030, 1, 1, 12, 0)


def _read(name: str) -> list[Document | InputError]:
    return list(read_documents(str(FIXTURES / name), reference=None, timezone=None, now=NOW))


def test_mbox_messages_are_documents_with_their_own_dates() -> None:
    first, second, third = _read("club.mbox")
    assert isinstance(first, Document) and isinstance(second, Document) and isinstance(third, Document)
    assert first.source.endswith("club.mbox#1") and first.reference == dt.datetime(2022, 5, 27, 8, 30)
    assert second.reference == dt.datetime(2025, 3, 4, 10, 0) and "annual general meeting" in second.text
    assert "From the committee" in second.text  # a "From" inside a body does not split the message


def test_json_lines_items_and_bad_lines_in_their_place() -> None:
    items = _read("items.jsonl")
    documents = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [d.source for d in documents] == ["wire-1", "wire-2"]
    assert documents[0].reference == dt.datetime(2025, 2, 25) and documents[0].url == "https://example.org/wire-1"
    assert documents[0].reference_basis == "the line's reference_date"
    assert [e.split(": ", 1)[0].rsplit(":", 1)[1] for e in errors] == ["3", "4"]


def test_rss_entries_take_their_dates_and_links() -> None:
    festival, council = _read("press.rss")
    assert isinstance(festival, Document) and isinstance(council, Document)
    assert festival.source == "https://example.org/press/festival" and festival.url == festival.source
    assert festival.reference == dt.datetime(2025, 7, 1, 9, 0) and festival.text.startswith("Riverside festival returns")
    assert "Waterfront Park" in festival.text and "<p>" not in festival.text


def test_atom_entry() -> None:
    (launch,) = _read("events.atom")
    assert isinstance(launch, Document) and launch.reference == dt.datetime(2025, 7, 2, 10, 0)
    assert "Friday, 11 July at 4 pm" in launch.text


def test_cli_reports_bad_items_and_writes_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "all.ics"
    result = CliRunner().invoke(cli, ["extract", *(str(FIXTURES / f) for f in (
        "club.mbox", "items.jsonl", "press.rss", "events.atom")), "-o", str(out), "-q"])
    assert result.exit_code == 1  # two bad JSON lines
    assert result.stderr.count("calendar-extract: error:") == 2 and "Traceback" not in result.stderr
    ics = out.read_text()
    for day in ("20250306", "20250320T190000", "20250712", "20250711T160000"):
        assert day in ics


def test_feed_without_entries_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    result = CliRunner().invoke(cli, ["extract", str(empty), "-q"])
    assert result.exit_code == 1 and "feed input without any entry" in result.stderr


def test_feed_entry_link_is_the_url_of_its_events(tmp_path: Path) -> None:
    out = tmp_path / "press.ics"
    result = CliRunner().invoke(cli, ["extract", str(FIXTURES / "press.rss"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert "URL:https://example.org/press/festival" in out.read_text()
