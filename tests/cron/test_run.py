"""cron.run: a calendar kept right across runs — stable bytes, UIDs and SEQUENCE, records kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from calendar_extract.cron.config import load_config
from calendar_extract.cron.run import run
from cronsite import Site

MEETING = "Ghent, 1 March 2026\n\nThe board meeting is on 12 March 2026 at 10:00 in Room 4.\n"
MOVED = "Ghent, 2 March 2026\n\nThe board meeting is on 12 March 2026 at 14:00 in Room 5.\n"
CONCERT = "Ghent, 2 March 2026\n\nThe spring concert will take place on 20 March 2026 at 20:00 in the town hall.\n"
BETTER = ("Ghent, 3 March 2026\n\nThe Ghent Spring Concert will take place on 20 March 2026 at 20:00 "
          "in the town hall.\n")
CANCELLED = "Ghent, 5 March 2026\n\nThe board meeting on 12 March 2026 has been cancelled.\n"
POSTPONED = ("Ghent, 6 March 2026\n\nThe board meeting, planned for 12 March 2026, has been postponed to "
             "19 March 2026 at 10:00.\n")


def only(site: Site, title: str) -> dict[str, str]:
    found = site.by_title()[title]
    assert len(found) == 1, found
    return found[0]


def test_a_run_with_no_new_input_leaves_the_calendar_byte_identical(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.write("b.txt", CONCERT)
    first = site.run()
    assert (first.new_documents, first.new_events, first.written) == (2, 2, True)
    data, stamp = site.output.read_bytes(), site.output.stat().st_mtime_ns
    again = site.run()
    assert (again.new_documents, again.new_events, again.updated, again.written) == (0, 0, 0, False)
    assert not again.eventful
    assert site.output.read_bytes() == data and site.output.stat().st_mtime_ns == stamp  # not even rewritten
    os.utime(site.root / "inbox" / "a.txt")  # touched, not changed: still nothing new
    assert site.run().new_documents == 0 and site.output.read_bytes() == data


def test_a_new_document_adds_its_events_and_keeps_the_old_ones(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    meeting = only(site, "Board meeting")
    site.write("b.txt", CONCERT)
    report = site.run()
    assert (report.new_documents, report.new_events, report.updated) == (1, 1, 0)
    assert only(site, "Board meeting") == meeting  # untouched, DTSTAMP included
    assert only(site, "Concert")["SEQUENCE"] == "0"


def test_a_changed_document_updates_its_event_in_place(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    before = only(site, "Board meeting")
    site.write("a.txt", MOVED)
    report = site.run()
    after = only(site, "Board meeting")
    assert (report.new_events, report.updated) == (0, 1)
    assert after["UID"] == before["UID"]
    assert (after["SEQUENCE"], after["LOCATION"], after["DTSTART"]) == ("1", "Room 5", "20260312T140000")
    assert after["LAST-MODIFIED"] == after["DTSTAMP"] == site.now.strftime("%Y%m%dT%H%M%SZ")
    assert before["DTSTAMP"] != after["DTSTAMP"]


def test_a_cancellation_keeps_the_event_as_cancelled_and_a_postponement_adds_the_new_date(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    uid = only(site, "Board meeting")["UID"]
    site.write("b.txt", CANCELLED)
    site.run()
    cancelled = only(site, "Board meeting")
    assert (cancelled["UID"], cancelled["STATUS"], cancelled["SEQUENCE"]) == (uid, "CANCELLED", "1")
    site.write("c.txt", POSTPONED)
    site.run()
    meetings = {e["DTSTART"][:8]: e for e in site.by_title()["Board meeting"]}
    assert meetings["20260312"]["UID"] == uid and meetings["20260312"]["STATUS"] == "CANCELLED"
    assert meetings["20260319"]["STATUS"] == "CONFIRMED" and meetings["20260319"]["SEQUENCE"] == "0"


def test_a_later_document_improves_the_title_but_not_the_uid(site: Site) -> None:
    site.write("a.txt", CONCERT)
    site.run()
    uid = only(site, "Concert")["UID"]
    site.write("b.txt", BETTER)
    report = site.run()
    better = only(site, "Ghent Spring Concert")
    assert better["UID"] == uid and "Concert" not in site.by_title()
    assert (report.new_events, report.updated, better["SEQUENCE"]) == (0, 1, "0")  # wording only


@pytest.mark.parametrize(("policy", "expected"), [("keep", "CONFIRMED"), ("cancel", "CANCELLED"), ("drop", None)])
def test_events_of_documents_that_leave_their_source(site: Site, policy: str, expected: str | None) -> None:
    site.extra = f'removed = "{policy}"'
    site.write("a.txt", MEETING)
    site.write("b.txt", CONCERT)
    site.run()
    (site.root / "inbox" / "a.txt").unlink()
    site.run()
    events = site.by_title()
    assert len(events["Concert"]) == 1
    if expected is None:
        assert "Board meeting" not in events
    else:
        assert only(site, "Board meeting")["STATUS"] == expected
    site.write("a.txt", MEETING)  # back again: the same event, published and confirmed
    site.run()
    assert only(site, "Board meeting")["STATUS"] == "CONFIRMED"


def test_a_cancellation_stays_when_its_notice_leaves_the_inbox(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.write("b.txt", CANCELLED)
    site.run()
    (site.root / "inbox" / "b.txt").unlink()
    assert not site.run().eventful
    assert only(site, "Board meeting")["STATUS"] == "CANCELLED"


def test_old_events_leave_the_window_but_not_the_state(site: Site) -> None:
    site.extra = "window_days_past = 30"
    site.write("a.txt", MEETING)
    site.write("b.txt", "Ghent, 1 March 2026\n\nThe open day is on 2 January 2026.\n")
    report = site.run()
    assert set(site.by_title()) == {"Board meeting"} and report.published == 1
    state = sqlite3.connect(site.root / "state" / "events.sqlite")
    assert state.execute("SELECT count(*) FROM events").fetchone()[0] == 2


def test_unchanged_documents_are_not_extracted_again(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    import calendar_extract.pipeline as pipeline

    calls: list[str] = []
    real = pipeline.extract

    def counting(document, options):  # type: ignore[no-untyped-def]
        calls.append(document.source)
        return real(document, options)

    monkeypatch.setattr(pipeline, "extract", counting)
    site.write("a.txt", MEETING)
    site.write("b.txt", CONCERT)
    site.run()
    assert sorted(calls) == ["inbox/a.txt", "inbox/b.txt"]
    site.run()
    site.write("b.txt", BETTER)
    site.write("c.txt", MEETING)  # the same content under another name: known already
    site.run()
    assert sorted(calls) == ["inbox/a.txt", "inbox/b.txt", "inbox/b.txt"]


def test_a_bad_document_is_reported_and_the_others_are_processed(site: Site) -> None:
    site.write("a.txt", MEETING)
    (site.root / "inbox" / "junk.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    report = site.run()
    assert report.new_events == 1 and len(report.errors) == 1
    assert report.errors[0].startswith("inbox/junk.txt: ")
    assert site.run().errors == report.errors  # tried again, still reported, nothing else changes


def test_a_source_that_cannot_be_read_keeps_what_it_held(site: Site) -> None:
    site.extra = 'removed = "drop"'
    site.write("a.txt", MEETING)
    site.run()
    inbox = site.root / "inbox"
    inbox.rename(site.root / "elsewhere")
    report = site.run()
    assert report.errors == ("inbox: no such file or folder",)
    assert only(site, "Board meeting")["SEQUENCE"] == "0"


def test_dry_run_writes_nothing(site: Site) -> None:
    site.write("a.txt", MEETING)
    report = site.run(dry_run=True)
    assert report.dry_run and report.new_events == 1 and report.written
    assert not site.output.exists() and not (site.root / "state" / "events.sqlite").exists() or \
        sqlite3.connect(site.root / "state" / "events.sqlite").execute("SELECT count(*) FROM events").fetchone()[0] == 0
    site.run()
    site.write("a.txt", MOVED)
    before = site.output.read_bytes()
    report = site.run(dry_run=True)
    assert [c.kind for c in report.changes] == ["changed"] and site.output.read_bytes() == before


def test_a_feed_file_source(site: Site) -> None:
    feed = site.root / "press.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Press</title>
<item><title>Open day</title><link>https://example.org/open-day</link>
<pubDate>Mon, 02 Mar 2026 09:00:00 +0000</pubDate>
<description>The open day is on 2 April 2026 from 10:00 to 16:00 at the main campus.</description></item>
</channel></rss>""", encoding="utf-8")
    config = site.root / "feed.toml"
    config.write_text('output = "public/events.ics"\n[[sources]]\nfeed = "press.rss"\n', encoding="utf-8")
    report = run(load_config(config), clock=lambda: dt.datetime(2026, 3, 3, tzinfo=dt.timezone.utc))
    assert report.new_events >= 1 and not report.errors
    assert b"URL:https://example.org/open-day" in site.output.read_bytes()
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in site.output.read_bytes()
    assert b"X-PUBLISHED-TTL:PT12H" in site.output.read_bytes()


def test_rebuild_state_keeps_uids_and_sequence_from_the_calendar(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.write("b.txt", CONCERT)
    site.run()
    site.write("a.txt", MOVED)
    site.run()
    before = site.events()
    state = site.root / "state" / "events.sqlite"
    state.write_bytes(b"garbage" * 1000)
    report = site.run(rebuild=True)
    after = site.events()
    assert set(after) == set(before)
    assert {u: e["SEQUENCE"] for u, e in after.items()} == {u: e["SEQUENCE"] for u, e in before.items()}
    assert [p.name for p in state.parent.glob("events.sqlite.broken-*")] != []  # kept aside, not deleted
    assert not report.errors and not site.run().eventful


def test_a_fresh_state_rebuilt_from_the_calendar_alone_keeps_its_events(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    (site.root / "inbox" / "a.txt").unlink()
    uid = only(site, "Board meeting")["UID"]
    site.run(rebuild=True)
    assert only(site, "Board meeting")["UID"] == uid  # the calendar is a record


def test_stale_temp_files_of_a_killed_run_are_cleared(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    stale = site.output.with_name(".events.ics.abc123.tmp")
    stale.write_bytes(b"BEGIN:VCAL")
    site.write("b.txt", CONCERT)
    site.run()
    assert not stale.exists()


def test_a_calendar_that_could_not_be_written_is_written_by_the_next_run(site: Site,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import calendar_extract.files as files
    from calendar_extract.errors import OutputError

    site.write("a.txt", MEETING)
    site.run()
    old = site.output.read_bytes()
    real = files.atomic_write

    def full_disk(path: Path, data: bytes) -> None:
        raise OutputError(f"{path}: cannot write (No space left on device)")

    site.write("b.txt", CONCERT)
    monkeypatch.setattr(files, "atomic_write", full_disk)
    with pytest.raises(OutputError):
        site.run()
    assert site.output.read_bytes() == old  # the state moved on, the old calendar is intact
    monkeypatch.setattr(files, "atomic_write", real)
    report = site.run()
    assert report.new_documents == 0 and report.written
    assert set(site.by_title()) == {"Board meeting", "Concert"}


def test_the_shipped_example_runs(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "cron"
    shutil.copytree(example, tmp_path / "cron", ignore=shutil.ignore_patterns("public", "state"))
    clock = dt.datetime(2026, 11, 4, 7, 0, tzinfo=dt.timezone.utc)
    report = run(load_config(tmp_path / "cron" / "cron.toml"), clock=lambda: clock)
    assert not report.errors and report.new_events >= 3
    text = (tmp_path / "cron" / "public" / "events.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Annual general meeting" in text and "X-WR-CALNAME:Extracted events" in text


def test_an_edited_file_without_a_date_keeps_the_reference_date_of_its_first_version(site: Site) -> None:
    path = site.write("a.txt", "The board meeting is on Friday at 10:00 in Room 4.\n")
    written = dt.datetime(2026, 3, 2, 9, 0).timestamp()  # a Monday
    os.utime(path, (written, written))
    site.run()
    meeting = only(site, "Board meeting")
    assert meeting["DTSTART"] == "20260306T100000"
    path.write_text("The board meeting is on Friday at 10:00 in Room 4.\nCoffee is served.\n", encoding="utf-8")
    os.utime(path, (written + 9 * 86400, written + 9 * 86400))  # edited the Wednesday after
    site.run()
    assert only(site, "Board meeting") == meeting


def test_a_new_time_zone_in_the_config_reads_everything_again_and_keeps_the_uids(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    before = only(site, "Board meeting")
    site.timezone = "Asia/Tokyo"
    report = site.run()
    after = only(site, "Board meeting")
    assert report.new_documents == 1 and report.updated == 1
    assert after["UID"] == before["UID"] and after["SEQUENCE"] == "1"
    assert "TZID=Asia/Tokyo" in site.output.read_text(encoding="utf-8")


def test_a_document_whose_extraction_fails_is_tried_again_next_run(site: Site,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import calendar_extract.pipeline as pipeline

    real = pipeline.extract

    def broken(document, options):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    site.write("a.txt", MEETING)
    monkeypatch.setattr(pipeline, "extract", broken)
    report = site.run()
    assert report.errors == ("inbox/a.txt: internal error (RuntimeError: a bug); please report it with this input",)
    monkeypatch.setattr(pipeline, "extract", real)
    assert site.run().new_events == 1


def test_dry_run_of_a_rebuild_touches_no_file(site: Site) -> None:
    site.write("a.txt", MEETING)
    site.run()
    state = site.root / "state" / "events.sqlite"
    state.write_bytes(b"garbage" * 100)
    report = site.run(dry_run=True, rebuild=True)
    assert report.dry_run and not report.errors
    assert state.read_bytes() == b"garbage" * 100 and not list(state.parent.glob("*.broken-*"))


def test_limits_of_a_run_config(site: Site) -> None:
    site.extra = "max_document_bytes = 100\nmax_run_bytes = 150\nmax_events_per_document = 1"
    site.write("a.txt", MEETING)  # 78 bytes
    site.write("b.txt", MEETING.replace("board meeting", "budget hearing").replace("Room 4", "Room 5"))
    site.write("c.txt", "Ghent, 1 March 2026\n\n" + "The fair is on 7 March 2026 and the market on 8 March 2026. " * 3)
    report = site.run()
    assert any("c.txt: file too large" in e and "max_document_bytes" in e for e in report.errors), report.errors
    assert any("b.txt: left for the next run" in e for e in report.errors), report.errors
    assert set(site.by_title()) == {"Board meeting"}
    site.extra = "max_events_per_document = 1"
    report = site.run()  # b.txt now; c.txt gives two events, of which one is kept
    assert not report.errors and len(site.events()) == 3
    assert {"Board meeting", "Budget hearing"} <= set(site.by_title())
