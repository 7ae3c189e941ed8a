"""A representative calendar from write_ics, and the calendars of the input fixtures (pages, e-mails,
mailboxes, feeds, JSON Lines), pass shared/tools/ics-check (five parsers + lint)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli
from calendar_extract.model import Event, Status
from calendar_extract.writers.ics import write_ics

D = dt.date
T = dt.datetime

EVENTS = (
    Event("European Council meeting", D(2025, 3, 6), location="Brussels",
          participants=("Zelenskyy", "De Wever"), source="seed.txt", confidence=0.9,
          evidence="The upcoming European Council meeting on 6 March in Brussels"),
    Event("Firefly Festival", D(2022, 6, 16), D(2022, 6, 19), location="Dover, Delaware"),
    Event("Bilateral; talks, \"De Wever\" \\ Zelenskyy 🇺🇦", T(2025, 9, 15, 9, 0),
          T(2025, 9, 15, 10, 30), all_day=False, tzid="Europe/Brussels",
          status=Status.TENTATIVE, evidence="line one\r\nline two\u2028three"),
    Event("WWDC keynote", T(2015, 6, 8, 10, 0), all_day=False, tzid="America/Los_Angeles",
          location="Moscone West, San Francisco"),
    Event("iTDi webinar", T(2012, 4, 28, 12, 0), T(2012, 4, 28, 13, 0), all_day=False,
          tzid="UTC"),
    Event("Wednesday Evening Market", D(2020, 9, 9), rrule="FREQ=WEEKLY;BYDAY=WE;UNTIL=20201007"),
    Event("Weekly call", T(2020, 9, 9, 18, 0), T(2020, 9, 9, 19, 0), all_day=False,
          tzid="America/Los_Angeles", rrule="FREQ=WEEKLY;BYDAY=WE;UNTIL=20201231"),
    Event("Hannover Messe", D(2020, 4, 20), D(2020, 4, 24), status=Status.CANCELLED),
    Event("Very long title " + "é😀中" * 400, D(2025, 1, 1)),
)


@pytest.mark.icscheck
def test_representative_calendar_passes_ics_check(
    tmp_path: Path, ics_check: Callable[..., tuple[int, str]]
) -> None:
    stamp = dt.datetime(2025, 2, 25, tzinfo=dt.timezone.utc)
    calendar = tmp_path / "representative.ics"
    calendar.write_bytes(write_ics(EVENTS, calendar_name="Representative", stamp=stamp))
    feed = tmp_path / "feed.ics"
    feed.write_bytes(write_ics(EVENTS, calendar_name="Feed", stamp=stamp, refresh="PT12H"))
    code, output = ics_check(calendar, feed)
    assert code == 0, output
    assert " 0 WARN, 0 FAIL," in output, output  # SKIP (a checker not installable) is fine


FIXTURES = Path(__file__).parent.parent / "fixtures" / "inputs"
# Each group of input fixtures → one calendar; (files, exit code of `extract`).
FIXTURE_GROUPS = {
    "pages": (("event-page.html", "news-page.html"), 0),
    "mail": (("forwarded-invitation.eml", "newsletter.eml", "html-only.eml"), 0),
    "containers": (("club.mbox", "items.jsonl", "press.rss", "events.atom"), 1),  # two bad JSON lines
}


@pytest.mark.icscheck
def test_calendars_of_the_input_fixtures_pass_ics_check(
    tmp_path: Path, ics_check: Callable[..., tuple[int, str]]
) -> None:
    calendars = []
    for name, (files, exit_code) in FIXTURE_GROUPS.items():
        out = tmp_path / f"{name}.ics"
        result = CliRunner().invoke(cli, ["extract", *(str(FIXTURES / f) for f in files), "-o", str(out), "-q"])
        assert result.exit_code == exit_code, (name, result.stderr)
        calendars.append(out)
    code, output = ics_check(*calendars)
    assert code == 0, output
