"""The baseline of benchmarks/throughput.py: dateparser.search_dates and icalendar glued by hand.

What a user without calendar-extract writes in an afternoon: read each file, find its dates with
dateparser's search_dates (given the language, its fastest setting, and the file's modification
time as the base of relative dates), make one VEVENT per date with the sentence around it as
SUMMARY, write one calendar. No de-duplication, no titles, places or time zones.

    python benchmarks/glue_baseline.py CORPUS_FOLDER OUTPUT.ics [--jobs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
from multiprocessing import Pool
from pathlib import Path

_SENTENCE_END = re.compile(r"[.!?]\s")
_STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
Found = tuple[str, dt.datetime, str]  # (summary, when, uid)


def dates_of(path: Path) -> list[Found]:
    """The dates search_dates finds in one file, with the sentence each stands in."""
    from dateparser.search import search_dates

    text = path.read_text(encoding="utf-8", errors="replace")
    base = dt.datetime.fromtimestamp(path.stat().st_mtime)
    hits = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    found: list[Found] = []
    position = 0
    for surface, when in hits:
        at = text.find(surface, position)
        at = at if at >= 0 else position
        position = at + len(surface)
        starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
        sentence = text[starts[-1] if starts else 0 : position + 80].split("\n")[0].strip()
        uid = hashlib.sha1(f"{path}:{at}".encode()).hexdigest() + "@glue"
        found.append((sentence[:120] or surface, when, uid))
    return found


def write_calendar(found: list[Found], output: Path) -> int:
    """One VEVENT per date: all-day at midnight, timed otherwise."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//glue baseline//EN")
    calendar.add("version", "2.0")
    for summary, when, uid in found:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", _STAMP)
        event.add("summary", summary)
        event.add("dtstart", when.date() if when.time() == dt.time() else when.replace(tzinfo=None))
        calendar.add_component(event)
    output.write_bytes(calendar.to_ical())
    return len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    paths = sorted(p for p in args.corpus.rglob("*") if p.is_file()) if args.corpus.is_dir() else [args.corpus]
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            per_file = pool.map(dates_of, paths, chunksize=8)
    else:
        per_file = [dates_of(p) for p in paths]
    write_calendar([f for found in per_file for f in found], args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
