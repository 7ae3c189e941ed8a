"""Command line: help, options, bad input, exit codes, output safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli

SUMMIT = "The European Council summit will take place on 6 March 2025 in Brussels.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", [[], ["extract"], ["tag"], ["run"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "Example" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reference-date", "yesterday"], "is not a date like 2025-02-25"),
        (["--timezone", "Mars/Olympus"], "is not an IANA time zone"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["extract", "-", *args], input=SUMMIT)
    assert result.exit_code == 2
    assert message in result.stderr


def _bad_inputs(folder: Path) -> dict[str, Path]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "no-text").mkdir()
    return {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "missing": folder / "missing.txt",
        "no-text": folder / "no-text",
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "empty input"),
        ("binary", "binary data, not text"),
        ("missing", "no such file or folder"),
        ("no-text", "folder holds no text files"),
    ],
)
def test_bad_input_one_line_exit_1_and_others_still_processed(
    runner: CliRunner, tmp_path: Path, name: str, message: str
) -> None:
    bad = _bad_inputs(tmp_path)[name]
    good = tmp_path / "good.txt"
    good.write_text(SUMMIT)
    out = tmp_path / "out.ics"
    result = runner.invoke(cli, ["extract", str(bad), str(good), "-o", str(out), "-q",
                                 "--reference-date", "2025-02-25"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("calendar-extract: error")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.stderr
    assert b"DTSTART;VALUE=DATE:20250306" in out.read_bytes()


def test_existing_output_untouched_when_every_input_fails(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "calendar.ics"
    out.write_bytes(b"previous calendar")
    bad = _bad_inputs(tmp_path)["binary"]
    result = runner.invoke(cli, ["extract", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"previous calendar"
    assert "left unchanged" in result.stderr


def test_output_may_not_be_an_input(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SUMMIT)
    result = runner.invoke(cli, ["extract", str(path), "-o", str(path)])
    assert result.exit_code == 2
    assert path.read_text() == SUMMIT


def test_extract_stdin_to_stdout_ics(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--reference-date", "2025-02-25"], input=SUMMIT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:European Council summit" in result.stdout
    assert "-: reference date 2025-02-25 (--reference-date)" in result.stderr


def test_extract_stdin_without_date_says_today(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "-", "--format", "json"], input=SUMMIT)
    assert result.exit_code == 0
    assert "(today)" in result.stderr
    assert json.loads(result.stdout)["documents"][0]["reference_basis"] == "today"


def test_extract_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "-", "--format", "json", "--reference-date",
                                 "2025-02-25"], input=SUMMIT)
    assert result.exit_code == 0
    events = json.loads(result.stdout)["documents"][0]["events"]
    assert [(e["start"], e["location"]) for e in events] == [("2025-03-06", "Brussels")]


def test_upcoming_drops_past_events(runner: CliRunner) -> None:
    text = "The summit took place on 3 February 2025 in Brussels.\n" + SUMMIT
    args = ["extract", "-", "--format", "json", "--reference-date", "2025-02-25"]
    every = json.loads(runner.invoke(cli, [*args, "--all"], input=text).stdout)
    upcoming = json.loads(runner.invoke(cli, [*args, "--upcoming"], input=text).stdout)
    starts = sorted(e["start"] for e in every["documents"][0]["events"])
    assert starts == ["2025-02-03", "2025-03-06"]
    assert [e["start"] for e in upcoming["documents"][0]["events"]] == ["2025-03-06"]


def test_tag_json_lines_offsets(runner: CliRunner) -> None:
    text = "We spoke on Tuesday. The summit is on 6 March at 2 pm CET."
    result = runner.invoke(cli, ["tag", "--reference-date", "2025-02-25"], input=text)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, result.stdout
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    by_text = {r["text"]: r for r in rows}
    assert by_text["Tuesday"]["value"] == "2025-02-25"
    timed = [r for r in rows if r["type"] == "TIME"]
    assert timed and timed[0]["value"] == "2025-03-06T14:00" and timed[0]["tzid"]


def test_tag_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)["binary"]
    result = runner.invoke(cli, ["tag", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("binary data, not text")


def test_timezone_option_applies_to_timed_and_recurring_events(runner: CliRunner) -> None:
    text = ("The reading club meets every Tuesday at 6 pm in the Garden Room.\n"
            "The board will meet on 9 September 2025 at 10:00.\n")
    result = runner.invoke(cli, ["extract", "-", "--reference-date", "2025-09-01",
                                 "--timezone", "America/New_York"], input=text)
    assert result.exit_code == 0, result.stderr
    ics = result.stdout_bytes.decode()
    assert "DTSTART;TZID=America/New_York:20250902T180000" in ics
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in ics
    assert "DTSTART;TZID=America/New_York:20250909T100000" in ics
    assert "BEGIN:VTIMEZONE\r\nTZID:America/New_York" in ics


def test_tag_prints_nothing_for_a_text_without_time_expressions(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["tag", "-q", "--reference-date", "2025-02-25"],
                           input="Prices rose 3% to $2025 in version 2.0.1; the score was 3-1.")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_windows_1252_file_is_read(runner: CliRunner, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("The \u201cEU\u2013Ukraine\u201d summit, Caf\u00e9 R\u00e9publique, is on 6 March.".encode("cp1252"))
    result = runner.invoke(cli, ["extract", str(legacy), "--format", "json", "-q", "--reference-date", "2025-02-25"])
    assert result.exit_code == 0, result.stderr
    written = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    assert "2025-03-06" in written and "Caf\u00e9 R\u00e9publique" in written


@pytest.mark.parametrize("target", ["calendar_extract.pipeline.extract", "calendar_extract.batch.parse_documents",
                                    "calendar_extract.batch.read_raw"])
def test_a_bug_of_ours_is_one_line_per_input(runner: CliRunner, tmp_path: Path, target: str) -> None:
    from unittest import mock

    source = tmp_path / "a.txt"
    source.write_text(SUMMIT)
    with mock.patch(target, side_effect=RuntimeError("boom")):
        result = runner.invoke(cli, ["extract", str(source), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{source}: internal error (RuntimeError: boom); please report it with this input" in result.stderr


def test_input_format_choices_are_the_reader_formats() -> None:
    from calendar_extract.cli import INPUT_FORMATS
    from calendar_extract.readers.formats import Format

    assert INPUT_FORMATS == ("auto", *(f.value for f in Format))
