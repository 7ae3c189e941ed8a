"""Extract the events of a folder of texts with dask.bag and write one calendar.

    pip install 'calendar-extract[dask]'
    python examples/dask_bag.py ARCHIVE/ archive.ics                      # a local cluster
    python examples/dask_bag.py ARCHIVE/ archive.ics tcp://scheduler:8786  # an existing one

The workers read the files themselves, so they must see ARCHIVE/ at the same path (a shared file
system). `calendar-extract extract ARCHIVE/ --dask-scheduler tcp://scheduler:8786` needs no such
thing (it sends the bytes) and reads datelines, e-mails, HTML and feeds as well; this recipe is
the starting point for a pipeline of your own (a database of articles, other metadata).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import calendar_extract


def events_of(path: str) -> list[dict[str, Any]]:
    """The events of one file as JSON-ready dicts; the file's modification time is the reference date."""
    file = Path(path)
    text = file.read_text(encoding="utf-8", errors="replace")
    written = dt.datetime.fromtimestamp(file.stat().st_mtime)
    found = calendar_extract.extract_text(text, reference_date=written, source=path)
    return [calendar_extract.event_to_dict(event) for event in found]


def calendar_of(paths: list[str], records: list[dict[str, Any]]) -> bytes:
    """One calendar of the events of all files, merged as `calendar-extract extract` merges them;
    stamped with the time of the newest file, so the same files give the same bytes."""
    events = calendar_extract.merge_events(calendar_extract.event_from_dict(r) for r in records)
    newest = max(Path(p).stat().st_mtime for p in paths)
    stamp = dt.datetime.fromtimestamp(newest, dt.timezone.utc).replace(microsecond=0)
    return calendar_extract.calendar_bytes(events, calendar_name="Archive", stamp=stamp)


def main(folder: str, output: str, scheduler: str | None = None) -> None:
    import dask.bag as db
    from distributed import Client

    paths = sorted(str(p) for p in Path(folder).rglob("*.txt"))
    with Client(scheduler) if scheduler else Client(n_workers=2, threads_per_worker=1) as client:
        bag = db.from_sequence(paths, partition_size=64).map(events_of).flatten()
        records = client.compute(bag).result()
    Path(output).write_bytes(calendar_of(paths, records))


if __name__ == "__main__":
    main(*sys.argv[1:4])
