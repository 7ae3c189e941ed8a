"""`calendar-extract run` as real processes: killed with SIGKILL part-way, and started twice at once.

Each test runs the command in subprocesses over the events-extra texts (67 documents, ~370 events),
so the calendar is big enough for kills to land while it is being computed, saved and written.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from icalendar import Calendar

DATA = Path(__file__).resolve().parents[1] / "data" / "events-extra"
CONFIG = 'output = "public/events.ics"\nstate = "state/s.sqlite"\non_busy = "{busy}"\n[[sources]]\npath = "inbox"\n'
# Of a run's duration (measured on a twin site): the last ones land while it saves and writes.
FRACTIONS = (0.4, 0.75, 0.86, 0.9, 0.93, 0.96)


def make_site(root: Path, busy: str = "exit") -> Path:
    (root / "inbox").mkdir(parents=True)
    for text in sorted(DATA.glob("*.txt")):
        shutil.copy2(text, root / "inbox" / text.name)  # same modification times: same reference dates
    (root / "cron.toml").write_text(CONFIG.format(busy=busy), encoding="utf-8")
    return root / "cron.toml"


def start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "calendar_extract", "run", "-q", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(config: Path) -> float:
    began = time.monotonic()
    proc = start(config)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return time.monotonic() - began


def uids(path: Path) -> list[str]:
    """The UIDs of a calendar file, which must parse."""
    calendar = Calendar.from_ical(path.read_bytes())
    return [str(e["UID"]) for e in calendar.walk("VEVENT")]


def change_documents(root: Path) -> None:
    for text in sorted((root / "inbox").glob("*.txt"))[:20]:
        with open(text, "a", encoding="utf-8") as handle:
            handle.write("\nThe follow-up meeting is on 3 December 2026 at 10:00.\n")


def kill_at(config: Path, delay: float) -> None:
    proc = start(config)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)


def test_a_run_killed_at_any_moment_leaves_the_old_or_the_new_calendar(tmp_path: Path) -> None:
    reference = make_site(tmp_path / "reference")
    first_run = finish(reference)
    expected_first = sorted(uids(reference.parent / "public" / "events.ics"))
    change_documents(reference.parent)
    update_run = finish(reference)
    expected_second = sorted(uids(reference.parent / "public" / "events.ics"))
    assert expected_first != expected_second and len(set(expected_second)) == len(expected_second)

    config = make_site(tmp_path / "killed")
    output = config.parent / "public" / "events.ics"
    for fraction in FRACTIONS:  # the first run, killed again and again: no calendar or a whole one
        kill_at(config, first_run * fraction)
        assert not output.exists() or sorted(uids(output)) == expected_first
    finish(config)  # the lock died with the killed runs (on_busy = "exit" would fail otherwise)
    assert sorted(uids(output)) == expected_first
    old = output.read_bytes()

    change_documents(config.parent)
    for fraction in FRACTIONS:  # an update, killed: the old bytes, or the whole new calendar
        kill_at(config, update_run * fraction)
        assert output.read_bytes() == old or sorted(uids(output)) == expected_second
    finish(config)
    assert sorted(uids(output)) == expected_second
    assert not list(output.parent.glob(".*.tmp"))  # a killed run's temp file is cleared
    finish(config)
    before = output.read_bytes()
    finish(config)
    assert output.read_bytes() == before


def test_two_runs_started_at_once_take_turns(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site", busy="wait")
    first, second = start(config), start(config)
    results = [p.communicate(timeout=300) for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    output = config.parent / "public" / "events.ics"
    found = uids(output)
    assert len(found) == len(set(found)) > 300
    proc = subprocess.run([sys.executable, "-m", "calendar_extract", "run", str(config)],
                          capture_output=True, text=True, timeout=300)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")  # nothing left to do, nothing said
    assert sorted(uids(output)) == sorted(found)


@pytest.mark.icscheck
def test_every_calendar_of_a_sequence_of_runs_passes_ics_check(tmp_path: Path, ics_check) -> None:  # type: ignore[no-untyped-def]
    config = make_site(tmp_path / "site")
    output = config.parent / "public" / "events.ics"
    snapshots = []
    finish(config)
    snapshots.append(output.read_bytes())
    change_documents(config.parent)
    for text in sorted((config.parent / "inbox").glob("*.txt"))[20:30]:
        text.unlink()
    finish(config)
    snapshots.append(output.read_bytes())
    paths = []
    for number, data in enumerate(snapshots):
        path = tmp_path / f"run{number}.ics"
        path.write_bytes(data)
        paths.append(path)
    code, report = ics_check(*paths)
    assert code == 0, report
