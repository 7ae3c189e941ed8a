"""`--jobs N`: the same bytes, the same lines on stderr and the same exit code whatever N is,
on good inputs and bad ones (tests/data/bad: binary, broken, empty, hostile)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """events-dev texts, the bad inputs and an examples folder, with fixed modification times."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(DATA / "events-dev", folder / "events-dev", ignore=shutil.ignore_patterns("*.json"))
    shutil.copytree(DATA / "bad", folder / "bad", ignore=shutil.ignore_patterns("cases.toml"))
    for number, path in enumerate(sorted(folder.rglob("*"))):
        os.utime(path, (1_700_000_000 + number * 86_400, 1_700_000_000 + number * 86_400))
    return folder


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("fmt", "verbosity"), [("ics", "-q"), ("json", "-q"), ("ics", "-v")])
def test_any_number_of_jobs_gives_the_same_output_and_messages(corpus: Path, fmt: str, verbosity: str) -> None:
    """The same bytes, and the same stderr: errors, and with -v the reference dates, the events
    explained and the log records of each input, in input order."""
    inputs = [str(corpus / "events-dev"), str(corpus / "bad"), str(corpus / "missing.txt"), verbosity]
    one = run(["extract", *inputs, "--format", fmt, "--jobs", "1"])
    assert one[0] == 1 and "missing.txt: no such file or folder" in one[2]
    assert one[1].count("BEGIN:VEVENT" if fmt == "ics" else '"title"') >= 40
    for jobs in ("2", "3", "auto"):
        assert run(["extract", *inputs, "--format", fmt, "--jobs", jobs]) == one, jobs


def test_log_records_of_a_worker_come_with_their_input(corpus: Path) -> None:
    """A worker's log record is printed by the command, next to the input it is about."""
    _, _, errors = run(["extract", str(corpus / "bad" / "latin1.txt"), str(corpus / "events-dev"), "-v",
                        "--jobs", "2"])
    lines = errors.splitlines()
    read = lines.index(f"calendar-extract: INFO: {corpus / 'bad' / 'latin1.txt'}: read as cp1252")
    assert lines[read + 1].startswith(f"{corpus / 'bad' / 'latin1.txt'}: reference date ")


def test_the_byte_budget_skips_the_same_inputs_with_any_number_of_jobs(corpus: Path) -> None:
    inputs = [str(corpus / "events-dev"), "--max-total-bytes", "10k"]
    one = run(["extract", *inputs, "--jobs", "1"])
    two = run(["extract", *inputs, "--jobs", "2"])
    assert one == two
    assert one[0] == 1 and "reach the limit of 10,000 bytes in all (--max-total-bytes)" in one[2]


def test_standard_input_with_jobs(corpus: Path) -> None:
    text = (DATA / "events-dev" / "dev-brexit-summit-may.txt").read_text(encoding="utf-8")
    args = ["extract", "-", "--reference-date", "2018-11-14", "-q"]
    one = CliRunner().invoke(cli, [*args, "--jobs", "1"], input=text)
    two = CliRunner().invoke(cli, [*args, "--jobs", "2"], input=text)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and "BEGIN:VEVENT" in one.stdout


@pytest.mark.parametrize("value", ["0", "-2", "many", "1.5"])
def test_a_bad_number_of_jobs_is_a_usage_error(value: str) -> None:
    code, _, errors = run(["extract", "-", "--jobs", value])
    assert code == 2 and "is not a number of workers (1, 2, …) or auto" in errors


def test_jobs_and_a_dask_scheduler_exclude_each_other() -> None:
    code, _, errors = run(["extract", "-", "--jobs", "2", "--dask-scheduler", "tcp://127.0.0.1:8786"])
    assert code == 2 and "--jobs and --dask-scheduler exclude each other" in errors


def test_an_unreachable_scheduler_is_one_line_and_leaves_the_output_alone(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    output = tmp_path / "out.ics"
    output.write_bytes(b"old")
    source = tmp_path / "a.txt"
    source.write_text("The summit is on 6 March 2025 in Brussels.\n", encoding="utf-8")
    code, _, errors = run(["extract", str(source), "-o", str(output), "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert code == 1 and errors.strip().startswith("calendar-extract: error: cannot reach the Dask scheduler")
    assert len(errors.strip().splitlines()) == 1 and output.read_bytes() == b"old"


def test_no_progress_bar_off_a_terminal(corpus: Path) -> None:
    _, _, errors = run(["extract", str(corpus / "events-dev"), "--jobs", "2"])
    assert "input/s" not in errors and "\r" not in errors


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_for_a_long_run(corpus: Path, tmp_path: Path) -> None:
    """tqdm draws on stderr when it is a terminal and the run lasts over a second."""
    import fcntl
    import pty
    import struct
    import termios

    many = tmp_path / "many"
    for copy in range(20):
        shutil.copytree(corpus / "events-dev", many / str(copy))
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # a terminal 100 wide
    process = subprocess.Popen([sys.executable, "-m", "calendar_extract", "extract", str(many), "-o",
                                str(tmp_path / "out.ics"), "--jobs", "2"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    assert b"input/s" in seen or b"s/input" in seen, seen[-500:]
    assert re.search(rb"\|\s*\d+/\d+ \[", seen) and b"reference date" in seen  # "| 340/680 [00:01<…"


def test_the_run_progress_learns_its_total_as_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from calendar_extract.cli import _Progress

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _Progress(None, True, unit="document") as progress:
        progress.to(16, 40)
        progress.to(32, 40)
        assert (progress._bar.n, progress._bar.total) == (32, 40)
    with _Progress(None, False) as hidden:
        hidden.to(1, 2)  # no bar: nothing to do
        hidden.say("a line")
    assert "a line" in sys.stderr.getvalue()
