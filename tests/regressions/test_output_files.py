"""Output files (hardening issue, item 5): written atomically with the umask's permissions, never
through a symlink into a place the user did not name, never over an input."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.files import atomic_write

TEXT = "The board meeting is on 6 March 2026 at 10:00 in Room 4.\n"


def test_created_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.ics", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.ics").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.ics"]  # no temp file left


def test_an_output_that_is_a_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("someone else's file\n", encoding="utf-8")
    link = tmp_path / "events.ics"
    link.symlink_to(precious)
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(link), "--reference-date", "2026-03-01"])
    assert result.exit_code == 0, result.output
    assert precious.read_text(encoding="utf-8") == "someone else's file\n"
    assert not link.is_symlink() and b"BEGIN:VCALENDAR" in link.read_bytes()


def test_the_output_may_not_be_an_input_not_even_through_a_symlink(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    alias = tmp_path / "alias.txt"
    alias.symlink_to(source)
    for output in (source, alias):
        result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(output)])
        assert result.exit_code == 2 and "refusing to overwrite it" in result.output
    assert source.read_text(encoding="utf-8") == TEXT


def test_a_failed_write_leaves_the_old_output(tmp_path: Path) -> None:
    output = tmp_path / "events.ics"
    output.write_bytes(b"the old calendar")
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(output)])
    assert result.exit_code == 1 and output.read_bytes() == b"the old calendar"
