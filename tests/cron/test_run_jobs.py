"""`calendar-extract run --jobs N`: the same calendar, state and report whatever N is."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from cronsite import Site

from calendar_extract.cli import cli

DEV = Path(__file__).resolve().parent.parent / "data" / "events-dev"


def fill(site: Site) -> None:
    for text in sorted(DEV.glob("*.txt")):
        site.write(text.name, text.read_text(encoding="utf-8"))
    (site.root / "inbox" / "junk.txt").write_bytes(b"\x00\x01\x02\xff" * 200)


def test_any_number_of_jobs_gives_the_same_calendar_and_report(tmp_path: Path) -> None:
    one, two = Site(tmp_path / "one"), Site(tmp_path / "two")
    fill(one)
    fill(two)
    first = one.run(jobs=1)
    second = two.run(jobs=2)
    assert first == second and first.new_documents > 10 and first.new_events > 30 and len(first.errors) == 1
    assert one.output.read_bytes() == two.output.read_bytes()
    for site in (one, two):
        site.write("new.txt", "Ghent, 2 March 2026\n\nThe spring concert is on 20 March 2026 at 20:00 in the town hall.\n")
        (site.root / "inbox" / "dev-brexit-summit-may.txt").unlink()
    assert one.run(jobs=2) == two.run(jobs=3)
    assert one.output.read_bytes() == two.output.read_bytes()


def test_the_run_command_takes_jobs(tmp_path: Path) -> None:
    site = Site(tmp_path)
    fill(site)
    result = CliRunner().invoke(cli, ["run", str(site.config_path), "--jobs", "auto"])
    assert result.exit_code == 1, result.stderr  # the junk file
    assert " new documents, " in result.stdout and "inbox/junk.txt: binary data" in result.stderr
    assert site.output.exists()
