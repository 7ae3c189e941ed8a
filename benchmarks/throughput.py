"""End-to-end speed and memory of `calendar-extract extract`, against a hand-glued baseline.

    python benchmarks/throughput.py                  # 3 MB corpus, 1 and `auto` workers, baseline
    python benchmarks/throughput.py --scale 10       # ten times the corpus (memory must not grow)

The corpus: the TempEval-3 train texts ($CALENDAR_EXTRACT_SHARED or ../shared) and the events-dev
texts (tests/data/events-dev), copied until it reaches --mb million characters. Copy k of a text is dated
k weeks after the original (file modification time: the reference date the reader falls back
to), so its relative dates name other days, as in an archive. Each run is a fresh process over
the corpus folder, timed by the wall clock, its memory sampled (every process of the run) every
0.1 s:

    documents/s, characters/s     whole run, start-up included
    steady chars/s                the same, start-up left out (the rate on a long corpus)
    peak RSS                      the largest process, and all processes of the run together
    start-up                      the same command on a one-sentence file (median of 3)

Each corpus run is made --repeat times (default 2) and the fastest counts, for ours and the
baseline alike: a busy machine only ever slows a run down. Then the same for
benchmarks/glue_baseline.py (dateparser.search_dates + icalendar, by hand), and two linearity
checks: the rate on half and all of the corpus (1 worker), and the rate of
the extraction alone on documents 1, 4, 16 and 64 times the usual length.

Targets (issue 8): ≥ 500,000 characters/s per core end to end; ≥ 1.8× that (900,000) with 2
workers on 2 cores; peak memory under 200 MB for 1 worker whatever the corpus size; linear cost. The exit
code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from timeml import read_corpus  # noqa: E402

CLI = [sys.executable, "-m", "calendar_extract"]
GLUE = [sys.executable, str(ROOT / "benchmarks" / "glue_baseline.py")]
TARGET_PER_CORE = 500_000
TARGET_SPEED_UP = 1.8
TARGET_RSS_MB = 200
SAMPLE_SECONDS = 0.1
# As an installed package runs: with its compiled bytecode (PYTHONDONTWRITEBYTECODE, set on some
# machines, would make every process compile every module again, ours and the baseline's).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Text:
    name: str
    text: str
    reference: dt.datetime


@dataclass(frozen=True)
class Corpus:
    folder: Path
    documents: int
    chars: int
    copies: list[Path]  # one folder per copy of the texts


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest process
    total_mb: float  # all processes of the run together
    returncode: int


def shared_folder(option: str | None) -> Path:
    return Path(option or os.environ.get("CALENDAR_EXTRACT_SHARED") or ROOT.parent / "shared")


def texts(shared: Path) -> tuple[list[Text], str]:
    """The TempEval-3 train texts (if shared/ is there) and the events-dev texts."""
    found: list[Text] = []
    train = shared / "data" / "tempeval3" / "train"
    note = f"TempEval-3 train ({train})"
    if train.is_dir():
        found += [Text(d.name, d.text, d.dct) for d in read_corpus(train)]
    else:
        note = f"no TempEval-3 texts ({train} is absent): events-dev texts only"
    for meta in sorted((ROOT / "tests" / "data" / "events-dev").glob("*.json")):
        record = json.loads(meta.read_text(encoding="utf-8"))
        found.append(Text(meta.stem, meta.with_suffix(".txt").read_text(encoding="utf-8"),
                          dt.datetime.fromisoformat(record["reference_date"])))
    return found, note


def build_corpus(folder: Path, items: Sequence[Text], chars: int) -> Corpus:
    """Copies of the texts, k weeks later each, in folder/copy-kkk/, until `chars` characters."""
    total = documents = 0
    copies: list[Path] = []
    while total < chars:
        copy = folder / f"copy-{len(copies):04d}"
        copy.mkdir(parents=True)
        copies.append(copy)
        for item in items:
            path = copy / f"{Path(item.name).stem}.txt"
            path.write_text(item.text, encoding="utf-8")
            stamp = (item.reference + dt.timedelta(weeks=len(copies) - 1)).timestamp()
            os.utime(path, (stamp, stamp))
            total += len(item.text)
            documents += 1
    return Corpus(folder, documents, total, copies)


def measure(command: Sequence[str]) -> Run:
    """Run `command`, sampling the memory of it and its children; wall time and peaks."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENVIRONMENT)
    peaks = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        watched = psutil.Process(process.pid)
        while not done.is_set():
            try:
                family = [watched, *watched.children(recursive=True)]
                sizes = [p.memory_info().rss for p in family]
            except psutil.Error:
                sizes = []
            if sizes:
                peaks[0] = max(peaks[0], max(sizes) / 1e6)
                peaks[1] = max(peaks[1], sum(sizes) / 1e6)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.stderr.write(errors.decode("utf-8", "replace")[-2000:])
    return Run(seconds, peaks[0], peaks[1], process.returncode)


def best(command: Sequence[str], repeat: int) -> Run:
    """The fastest of `repeat` runs (the machine's noise only ever slows a run down), with the
    largest memory any of them used."""
    runs = [measure(command) for _ in range(max(1, repeat))]
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(fastest.seconds, max(r.peak_mb for r in runs), max(r.total_mb for r in runs), fastest.returncode)


def startup(command: Sequence[str], repeat: int = 3) -> float:
    """The median wall time of `command` (a one-sentence input)."""
    return statistics.median(measure(command).seconds for _ in range(repeat))


def row(label: str, run: Run, corpus: Corpus, start: float, workers: int) -> dict[str, float]:
    rate = corpus.chars / run.seconds
    steady = corpus.chars / max(run.seconds - start, 1e-9)
    print(f"  {label:<34} {run.seconds:7.2f} s {corpus.documents / run.seconds:8.0f} {rate:11,.0f} "
          f"{steady:11,.0f} {rate / workers:11,.0f} {run.peak_mb:7.0f} {run.total_mb:7.0f}")
    return {"seconds": run.seconds, "rate": rate, "steady": steady, "peak": run.peak_mb}


HEADER = (f"  {'':<34} {'wall':>9} {'docs/s':>8} {'chars/s':>11} {'steady c/s':>11} {'c/s/core':>11} "
          f"{'RSS MB':>7} {'all MB':>7}")


def ours(corpus: Corpus, output: Path, jobs: int, inputs: Sequence[Path] | None = None, repeat: int = 1) -> Run:
    paths = [str(p) for p in (inputs or [corpus.folder])]
    return best([*CLI, "extract", *paths, "-q", "-o", str(output), "--jobs", str(jobs)], repeat)


def linear_in_length(items: Sequence[Text]) -> list[tuple[int, float]]:
    """Characters/s of extract_text (in this process) on texts 1, 4, 16 and 64 texts long."""
    import calendar_extract

    calendar_extract.extract_text("Warm-up: the summit is in Paris on 6 March 2025.",
                                  reference_date=dt.date(2025, 1, 1))
    budget = 1_200_000
    rates = []
    for factor in (1, 4, 16, 64):
        chunks = [items[i : i + factor] for i in range(0, len(items), factor)]
        chunks = [c for c in chunks if len(c) == factor]
        done = seconds = 0.0
        for chunk in chunks:
            text = "\n\n".join(t.text for t in chunk)
            started = time.perf_counter()
            calendar_extract.extract_text(text, reference_date=chunk[0].reference)
            seconds += time.perf_counter() - started
            done += len(text)
            if done >= budget:
                break
        rates.append((factor, done / seconds))
    return rates


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=None, help="the shared folder (default $CALENDAR_EXTRACT_SHARED or ../shared)")
    parser.add_argument("--mb", type=float, default=3.0, help="corpus size in millions of characters (default 3)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the corpus size (10: the memory check)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="the parallel run's workers (default: cores)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the dateparser + icalendar baseline")
    parser.add_argument("--no-linearity", action="store_true", help="skip the linearity checks")
    parser.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each command; the fastest counts (default 2)")
    args = parser.parse_args(argv)
    items, note = texts(shared_folder(args.shared))
    with _workspace(args.keep) as work:
        corpus = build_corpus(work / "corpus", items, int(args.mb * args.scale * 1e6))
        print(f"corpus: {corpus.documents:,} documents, {corpus.chars:,} characters, {len(corpus.copies)} copies "
              f"of {len(items)} texts; {note}")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        tiny = work / "tiny.txt"
        tiny.write_text("The summit will take place in Brussels on Thursday 6 March 2025 at 3 pm.\n", encoding="utf-8")
        ok = _ours_table(corpus, work, tiny, args)
        if not args.no_baseline:
            _baseline_table(corpus, work, tiny, args)
        if not args.no_linearity:
            ok &= _linearity(corpus, work, items)
    return 0 if ok else 1


def _ours_table(corpus: Corpus, work: Path, tiny: Path, args: argparse.Namespace) -> bool:
    start = startup([*CLI, "extract", str(tiny), "-q", "-o", str(work / "tiny.ics")])
    bare = startup([*CLI, "--version"])
    print(f"\ncalendar-extract start-up: {start:.2f} s (one sentence, end to end), {bare:.2f} s (--version)")
    print(HEADER)
    one = row("calendar-extract, 1 worker", ours(corpus, work / "one.ics", 1, repeat=args.repeat), corpus, start, 1)
    many_run = ours(corpus, work / "many.ics", args.jobs, repeat=args.repeat)
    many = row(f"calendar-extract, --jobs {args.jobs}", many_run, corpus, start, args.jobs)
    same = (work / "one.ics").read_bytes() == (work / "many.ics").read_bytes()
    events = (work / "one.ics").read_bytes().count(b"BEGIN:VEVENT")
    print(f"  output: {events:,} events; --jobs 1 and --jobs {args.jobs}: "
          f"{'the same bytes' if same else 'DIFFERENT BYTES'}")
    speed_up, steady_up = many["rate"] / one["rate"], many["steady"] / one["steady"]
    per_core = one["rate"] >= TARGET_PER_CORE
    wanted = TARGET_SPEED_UP * TARGET_PER_CORE
    scaled = many["rate"] >= wanted or args.jobs < 2
    memory = one["peak"] < TARGET_RSS_MB
    print(f"\n  target ≥ {TARGET_PER_CORE:,} chars/s on 1 core: {one['rate']:,.0f} (steady {one['steady']:,.0f}): "
          f"{verdict(per_core)}")
    print(f"  target ≥ {TARGET_SPEED_UP} × {TARGET_PER_CORE:,} = {wanted:,.0f} chars/s with {args.jobs} workers: "
          f"{many['rate']:,.0f}: {verdict(scaled)}; {speed_up:.2f}× our 1 worker (steady {steady_up:.2f}×)")
    print(f"  target < {TARGET_RSS_MB} MB for 1 worker: {one['peak']:.0f} MB on {corpus.chars / 1e6:.1f} M characters: "
          f"{verdict(memory)}")
    return per_core and scaled and memory and same


def _baseline_table(corpus: Corpus, work: Path, tiny: Path, args: argparse.Namespace) -> None:
    start = startup([*GLUE, str(tiny), str(work / "tiny-glue.ics")])
    print(f"\nbaseline (dateparser.search_dates + icalendar) start-up: {start:.2f} s")
    print(HEADER)
    one = best([*GLUE, str(corpus.folder), str(work / "glue-one.ics")], args.repeat)
    row("baseline, 1 worker", one, corpus, start, 1)
    many = best([*GLUE, str(corpus.folder), str(work / "glue-many.ics"), "--jobs", str(args.jobs)], args.repeat)
    row(f"baseline, {args.jobs} workers", many, corpus, start, args.jobs)
    events = (work / "glue-one.ics").read_bytes().count(b"BEGIN:VEVENT")
    print(f"  output: {events:,} events (one per date found, no de-duplication)")


def _linearity(corpus: Corpus, work: Path, items: Sequence[Text]) -> bool:
    print("\nlinearity, corpus size (1 worker, end to end):")
    half = corpus.copies[: max(1, len(corpus.copies) // 2)]
    half_chars = sum(p.stat().st_size for copy in half for p in copy.iterdir())  # ASCII-dominated: bytes ≈ chars
    rates = []
    for label, inputs, chars in (("half", half, half_chars), ("all", corpus.copies, corpus.chars)):
        run = ours(corpus, work / "size.ics", 1, inputs)
        rates.append(chars / run.seconds)
        print(f"  {label:<5} {chars:>12,} characters {run.seconds:7.2f} s {rates[-1]:11,.0f} chars/s "
              f"{run.peak_mb:5.0f} MB")
    print("linearity, document length (extraction alone, in this process):")
    lengths = linear_in_length(items)
    for factor, rate in lengths:
        print(f"  {factor:>3}× the usual length {rate:11,.0f} chars/s")
    flat = min(r for _, r in lengths) >= 0.6 * max(r for _, r in lengths) and min(rates) >= 0.6 * max(rates)
    print(f"  target linear (no rate below 60% of the best): {verdict(flat)}")
    return flat


class _workspace:
    """A temporary folder, or --keep's (emptied first)."""

    def __init__(self, keep: Path | None) -> None:
        self.keep = keep
        self.tmp: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        if self.keep is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="throughput-")
            return Path(self.tmp.name)
        shutil.rmtree(self.keep, ignore_errors=True)
        self.keep.mkdir(parents=True)
        return self.keep

    def __exit__(self, *exc: object) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
