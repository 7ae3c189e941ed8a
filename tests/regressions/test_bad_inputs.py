"""Every kind of bad input in tests/data/bad/cases.toml through `extract`, `tag` and `run`: the
documented exit code and one-line message, never a traceback, a valid calendar or the old one."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from calendar_extract.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES: list[dict[str, Any]] = tomllib.loads((BAD / "cases.toml").read_text(encoding="utf-8"))["case"]
SENTINEL = b"an earlier calendar that a failed run must leave as it is\n"


def _generate(name: str, folder: Path) -> str:
    """Inputs too big for git, or no files at all."""
    path = folder / name
    if name == "huge-50mb.txt":
        path.write_bytes((b"The board meeting is on 6 March 2026 in Brussels. " * 20)[:1000] * 50_000)
    elif name == "one-line-5mb.txt":
        path.write_bytes(b"word " * 1_000_000)
    elif name == "html-nested-bomb.html":
        path.write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"The meeting is on 6 March 2026."
                         + b"</div>" * 100_000 + b"</body></html>")
    elif name == "jsonl-nested-deep.jsonl":
        path.write_bytes(b'{"text": ' + b"[" * 200_000 + b"]" * 200_000 + b'}\n'
                         b'{"text": "The board meeting is on 6 March 2026."}\n')
    elif name == "folder-without-text":
        path.mkdir(exist_ok=True)
        (path / "image.png").write_bytes(b"\x89PNG\r\n")
    elif name == "missing-file.txt":
        pass
    else:
        return name  # a URL
    return str(path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generated")


def _input(case: dict[str, Any], generated: Path) -> str:
    return str(BAD / case["file"]) if "file" in case else _generate(case["generated"], generated)


def _check_messages(output: str) -> None:
    """No traceback; every error or warning is one line of ours."""
    assert "Traceback" not in output
    for line in output.splitlines():
        if re.search(r"error|warning|exception", line, re.IGNORECASE):
            assert line.startswith("calendar-extract: "), line


@pytest.mark.parametrize("case", CASES, ids=[c.get("file") or c["generated"] for c in CASES])
def test_extract(case: dict[str, Any], generated: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.ics"
    output.write_bytes(SENTINEL)
    result = CliRunner().invoke(cli, ["extract", _input(case, generated), "-o", str(output),
                                      "--reference-date", "2026-03-01"])
    assert result.exit_code == case["exit"], result.output
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    _check_messages(result.stderr)
    assert case.get("message", "") in result.stderr
    if "no input could be read" in result.stderr:
        assert output.read_bytes() == SENTINEL  # nothing read: the old calendar stays
        return
    events = Calendar.from_ical(output.read_bytes()).walk("VEVENT")
    assert len(events) == case["events"] if "events" in case else len(events) >= case.get("min_events", 0)


@pytest.mark.parametrize("case", CASES, ids=[c.get("file") or c["generated"] for c in CASES])
def test_tag(case: dict[str, Any], generated: Path) -> None:
    source = _input(case, generated)  # a folder too: tag reads one file, and says so
    result = CliRunner().invoke(cli, ["tag", source, "--reference-date", "2026-03-01", "-q"])
    assert result.exit_code == case["exit"], result.output
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    _check_messages(result.stderr)


def test_run_over_all_of_them(generated: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for case in CASES:
        source = Path(_input(case, generated))
        if source.is_file():
            (inbox / source.name).write_bytes(source.read_bytes())
    config = tmp_path / "cron.toml"
    config.write_text('output = "public/events.ics"\n[[sources]]\npath = "inbox"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "-q", str(config)])
    assert result.exit_code == 1, result.output
    _check_messages(result.stderr)
    failing = {c.get("file") or c["generated"] for c in CASES if c["exit"] == 1}
    for name in failing & {p.name for p in inbox.iterdir()}:
        assert f"inbox/{name}" in result.stderr, name
    calendar = Calendar.from_ical((tmp_path / "public" / "events.ics").read_bytes())
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids and len(uids) == len(set(uids))
    again = CliRunner().invoke(cli, ["run", "-q", str(config)])
    assert again.exit_code == 1 and again.stderr == result.stderr  # the same errors, nothing new


def test_there_are_at_least_thirty_kinds() -> None:
    assert len(CASES) >= 30
    assert dt.date.today()  # the corpus is static: no clock in it
