"""A cron site in a temp folder: a config, an inbox, and helpers to run and read the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icalendar import Calendar

from calendar_extract.cron.config import load_config
from calendar_extract.cron.run import RunReport, run

START = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


@dataclass
class Site:
    """A folder with cron.toml, inbox/ and (after a run) public/events.ics; a clock an hour apart per run."""

    root: Path
    extra: str = ""
    timezone: str = "Europe/Brussels"
    now: dt.datetime = START
    runs: list[RunReport] = field(default_factory=list)

    @property
    def config_path(self) -> Path:
        path = self.root / "cron.toml"
        path.write_text(f'output = "public/events.ics"\nname = "Test"\ntimezone = "{self.timezone}"\n'
                        f'state = "state/events.sqlite"\n{self.extra}\n[[sources]]\npath = "inbox"\n',
                        encoding="utf-8")
        return path

    @property
    def output(self) -> Path:
        return self.root / "public" / "events.ics"

    def write(self, name: str, text: str) -> Path:
        path = self.root / "inbox" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, **kw: Any) -> RunReport:
        self.now += dt.timedelta(hours=1)
        report = run(load_config(self.config_path), clock=lambda: self.now, **kw)
        self.runs.append(report)
        return report

    def events(self) -> dict[str, dict[str, str]]:
        """UID → the VEVENT's SUMMARY, DTSTART, LOCATION, STATUS, SEQUENCE, DTSTAMP, LAST-MODIFIED."""
        calendar = Calendar.from_ical(self.output.read_bytes())
        out: dict[str, dict[str, str]] = {}
        for event in calendar.walk("VEVENT"):
            uid = str(event["UID"])
            assert uid not in out, f"two VEVENTs with UID {uid}"
            out[uid] = {name: event[name].to_ical().decode() if hasattr(event[name], "to_ical") else str(event[name])
                        for name in ("SUMMARY", "DTSTART", "LOCATION", "STATUS", "SEQUENCE", "DTSTAMP",
                                     "LAST-MODIFIED") if name in event}
        return out

    def by_title(self) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {}
        for uid, event in self.events().items():
            out.setdefault(event["SUMMARY"], []).append({**event, "UID": uid})
        return out
