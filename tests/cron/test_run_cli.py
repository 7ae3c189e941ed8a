"""`calendar-extract run` on the command line: quiet for cron, one summary line, exit codes, lock."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from cronsite import Site
from filelock import FileLock

from calendar_extract.cli import cli

MEETING = "Ghent, 1 March 2026\n\nThe board meeting is on 12 March 2026 at 10:00 in Room 4.\n"
CONCERT = "Ghent, 2 March 2026\n\nThe spring concert will take place on 20 March 2026 at 20:00 in the town hall.\n"


def invoke(site: Site, *args: str) -> Result:
    return CliRunner().invoke(cli, ["run", *args, str(site.config_path)])


def test_quiet_prints_nothing_on_success(site: Site) -> None:
    site.write("a.txt", MEETING)
    result = invoke(site, "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert site.output.exists()


def test_one_summary_line_when_something_happened_and_none_otherwise(site: Site) -> None:
    site.write("a.txt", MEETING)
    result = invoke(site)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines()[-1].startswith("1 new document, 1 new event, 0 updated, 0 errors; ")
    again = invoke(site)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_a_bad_document_is_one_line_on_stderr_and_exit_1(site: Site) -> None:
    site.write("a.txt", MEETING)
    (site.root / "inbox" / "empty.txt").write_bytes(b"")
    result = invoke(site, "-q")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("calendar-extract: error: inbox/empty.txt: ")
    assert "Board meeting" in site.output.read_text(encoding="utf-8")


def test_a_bad_config_is_one_line_and_exit_2(site: Site) -> None:
    site.extra = 'window_days_past = "ninety"'
    result = invoke(site)
    assert result.exit_code == 2
    assert result.stderr.startswith("calendar-extract: error: ") and "'window_days_past' must be" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_held_lock_makes_the_run_exit_or_wait(site: Site) -> None:
    site.write("a.txt", MEETING)
    invoke(site, "-q")
    before = site.output.read_bytes()
    site.write("b.txt", CONCERT)
    lock = FileLock(str(site.root / "state" / "events.sqlite.lock"))
    with lock:
        site.extra = 'on_busy = "exit"'
        result = invoke(site, "-q")
        assert result.exit_code == 1 and "another run is using this state; not run this time" in result.stderr
        site.extra = 'on_busy = "wait"\nwait_seconds = 0.2'
        result = invoke(site, "-q")
        assert result.exit_code == 1 and "after waiting 0.2 s" in result.stderr
    assert site.output.read_bytes() == before
    assert invoke(site, "-q").exit_code == 0 and "Concert" in site.output.read_text(encoding="utf-8")


def test_a_corrupt_state_names_the_way_out_and_leaves_the_calendar(site: Site) -> None:
    site.write("a.txt", MEETING)
    invoke(site, "-q")
    before = site.output.read_bytes()
    (site.root / "state" / "events.sqlite").write_bytes(b"\x00garbage" * 500)
    site.write("b.txt", CONCERT)
    result = invoke(site, "-q")
    assert result.exit_code == 1 and "--rebuild-state" in result.stderr and len(result.stderr.splitlines()) == 1
    assert site.output.read_bytes() == before
    rebuilt = invoke(site, "--rebuild-state")
    assert rebuilt.exit_code == 0 and "Concert" in site.output.read_text(encoding="utf-8")


def test_dry_run_lists_the_changes_and_writes_nothing(site: Site) -> None:
    site.write("a.txt", MEETING)
    result = invoke(site, "--dry-run")
    assert result.exit_code == 0
    assert "  new: 2026-03-12 10:00 Europe/Brussels  Board meeting @ Room 4" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("dry run: 1 new document, 1 new event")
    assert "would change" in result.stdout and not site.output.exists()


def test_the_log_file_gets_the_summary_and_the_errors(site: Site, tmp_path: Path) -> None:
    site.write("a.txt", MEETING)
    (site.root / "inbox" / "empty.txt").write_bytes(b"")
    log = tmp_path / "run.log"
    invoke(site, "-q", "--log-file", str(log))
    invoke(site, "-q", "--log-file", str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 1)[1].split(":")[0] for line in lines] == ["error", "1 new document, 1 new event, 0 updated, 1 error",
                                                                       "error", "0 new documents, 0 new events, 0 updated, 1 error"]
