"""Hypothesis: any sequence of files added, changed and removed between runs keeps the calendar
whole — it parses, no UID twice, SEQUENCE never goes down, no event is lost (removed = "keep"),
and a run with nothing new writes the same bytes."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from cronsite import Site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DAYS = (12, 13, 19)
# Versions of each file: a mention of one event, told in a few ways (a changed file picks another).
VERSIONS = {
    "a.txt": ["The board meeting is on {d} March 2026 at 10:00 in Room 4.",
              "The board meeting is on {d} March 2026 at 14:00 in Room 5.",
              "The board meeting on {d} March 2026 has been cancelled."],
    "b.txt": ["The spring concert will take place on {d} March 2026 at 20:00 in the town hall.",
              "The Ghent Spring Concert is on {d} March 2026.",
              "The concert planned for {d} March 2026 is postponed to 27 March 2026."],
    "c.txt": ["Registration for the hackathon closes on {d} March 2026.",
              "The city council meets on {d} March 2026 at 19:00 and the hackathon runs on 28 March 2026."],
}
STEP = st.tuples(st.sampled_from(sorted(VERSIONS)), st.integers(0, 2), st.sampled_from(DAYS), st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.lists(STEP, min_size=1, max_size=3), min_size=1, max_size=5))
def test_any_sequence_of_changes_keeps_the_calendar_whole(steps: list[list[tuple[str, int, int, bool]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Site(Path(folder))
        (site.root / "inbox").mkdir()
        sequences: dict[str, int] = {}
        for changes in steps:
            for name, version, day, remove in changes:
                path = site.root / "inbox" / name
                if remove:
                    path.unlink(missing_ok=True)
                else:
                    text = VERSIONS[name][version % len(VERSIONS[name])].format(d=day)
                    path.write_text(f"Ghent, 1 March 2026\n\n{text}\n", encoding="utf-8")
            report = site.run()
            assert not report.errors or all("without any text" in e for e in report.errors)
            if not site.output.exists():
                continue
            events = site.events()  # parses; asserts no UID twice
            for uid, seq in sequences.items():
                assert uid in events, f"event {uid} lost"
                assert int(events[uid]["SEQUENCE"]) >= seq
            sequences = {uid: int(e["SEQUENCE"]) for uid, e in events.items()}
            data = site.output.read_bytes()
            site.now += dt.timedelta(minutes=5)
            assert not site.run().eventful and site.output.read_bytes() == data
