"""E-mail messages (readers/mail.py): body, Date header, sender's zone, attached invitations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.model import Options
from calendar_extract.pipeline import extract
from calendar_extract.readers import read_document

FIXTURES = Path(__file__).parent.parent / "fixtures" / "inputs"
NOW = dt.datetime(2030, 1, 1, 12, 0)


def _events(name: str, timezone: str | None = None) -> list:
    document = read_document(str(FIXTURES / name), reference=None, timezone=timezone, now=NOW)
    return list(extract(document, Options()).events)


def test_attached_invitation_is_passed_through_not_guessed() -> None:
    (event,) = _events("forwarded-invitation.eml")  # the prose restating it adds nothing
    assert event.uid == "kickoff-2019-q4@example.org"
    assert (event.start, event.end, event.tzid) == (
        dt.datetime(2019, 9, 26, 14, 0), dt.datetime(2019, 9, 26, 15, 30), "America/Chicago")
    assert event.location == "Room 14B, 330 N. Wabash Ave."


def test_date_header_is_the_reference_and_subject_leads_the_text() -> None:
    document = read_document(str(FIXTURES / "newsletter.eml"), reference=None, timezone=None, now=NOW)
    assert document.reference == dt.datetime(2022, 5, 27, 8, 30)
    assert document.reference_basis == "the e-mail's Date header"
    assert document.text.startswith("Kiezwerk Monthly - June\n\nHallo zusammen")
    assert document.text.count("summer party") == 1  # the plain part only, not its HTML twin


def test_sender_offset_is_the_default_zone_unless_one_is_given() -> None:
    party = [e for e in _events("newsletter.eml") if "party" in e.title.lower()]
    assert [(e.start, e.tzid) for e in party] == [(dt.datetime(2022, 6, 24, 18, 0), "Etc/GMT-2")]
    party = [e for e in _events("newsletter.eml", "Europe/Berlin") if "party" in e.title.lower()]
    assert [e.tzid for e in party] == ["Europe/Berlin"]


def test_html_only_message_in_windows_1252() -> None:
    (quiz,) = _events("html-only.eml")
    assert quiz.title.startswith("Caf\u00e9 quiz night") and quiz.start == dt.datetime(2025, 3, 13, 20, 0)


def test_truncated_message_reads_as_far_as_it_goes(tmp_path: Path) -> None:
    data = (FIXTURES / "forwarded-invitation.eml").read_bytes()
    cut = tmp_path / "cut.eml"
    cut.write_bytes(data[: data.index(b"invite.ics") + 60])  # the attachment breaks off
    result = CliRunner().invoke(cli, ["extract", str(cut), "-q", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    document = read_document(str(cut), reference=None, timezone=None, now=NOW)
    assert "Q4 roadmap kickoff is on Thursday, Sept. 26" in document.text and document.events == ()


def test_header_block_is_told_by_content_whatever_the_name(tmp_path: Path) -> None:
    renamed = tmp_path / "message.txt"
    renamed.write_bytes((FIXTURES / "newsletter.eml").read_bytes())
    document = read_document(str(renamed), reference=None, timezone=None, now=NOW)
    assert "Content-Type" not in document.text and document.reference == dt.datetime(2022, 5, 27, 8, 30)

