"""Mutation fuzzing of every input format through `tag` and `extract`, for a fixed budget.

    python benchmarks/fuzz.py [--budget N] [--seed S] [--out DIR] [--slow SECONDS]

Seeds are the project's own inputs (tests/fixtures/inputs, tests/data/bad, the events-dev texts, the
seed article). Each try takes a seed, mutates it (bit flips, byte runs deleted, duplicated or
inserted, splices of two seeds, tokens that readers treat specially: "<!ENTITY", "BEGIN:VEVENT",
"From ", "--boundary", "&#99999999;", NUL bytes, long runs of digits or month names ...) and reads the
result as every input format (auto and each forced one), then tags and extracts each document and
writes the events as iCalendar and JSON. Any exception but our documented ones (CalendarExtractError
and its InputError) is a crash: the input is saved in --out and the run exits 1. Inputs slower than
--slow seconds are reported. Deterministic for a seed and budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calendar_extract.errors import CalendarExtractError  # noqa: E402
from calendar_extract.model import Document, Options  # noqa: E402
from calendar_extract.pipeline import extract  # noqa: E402
from calendar_extract.readers import read_documents  # noqa: E402
from calendar_extract.readers.formats import Format  # noqa: E402
from calendar_extract.writers.ics import write_ics  # noqa: E402
from calendar_extract.writers.json import write_json  # noqa: E402

NOW = dt.datetime(2026, 3, 1, 9, 0)
STAMP = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
TOKENS = (
    b"<!ENTITY a \"aaaaaaaa\">", b"<!DOCTYPE rss [", b"]>", b"&a;", b"&#99999999;", b"&#x0;", b"<![CDATA[",
    b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n", b"DTSTART:99991231T235959Z\r\n", b"RRULE:FREQ=DAILY;COUNT=999999\r\n",
    b"\r\n ", b"From a@b.c Mon Mar  2 10:00:00 2026\n", b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n",
    b"--b\r\n", b"Content-Transfer-Encoding: base64\r\n\r\n", b"=?utf-8?b?", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    b"\xed\xa0\x80", b"{\"text\": ", b"[" * 50, b"}\n", b"<time datetime=\"99999-01-01T25:61\">", b"</time>",
    b"<script type=\"application/ld+json\">{\"@type\":\"Event\",\"startDate\":\"2026-02-30\"}</script>",
    b"6 March 2026 at 10:00", b"31 February", b"May may may ", b"1-1-1-1-1-1", b"9" * 40, b"Tuesday " * 20,
    b"\u202e".decode("unicode_escape").encode(), b"\xf0\x9f\x8e\x89", b" " * 200, b"\n" * 50, b"." * 100,
)
FORMATS: tuple[Format | None, ...] = (None, *Format)


def seeds() -> list[bytes]:
    """The project's own inputs, good and bad."""
    paths = [*sorted((ROOT / "tests/fixtures/inputs").iterdir()), *sorted((ROOT / "tests/data/bad").glob("*.*")),
             *sorted((ROOT / "tests/data/events-dev").glob("*.txt")), *sorted((ROOT / "seeds").glob("*.txt"))]
    return [p.read_bytes()[:200_000] for p in paths if p.is_file() and p.suffix != ".toml"]


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """One to four random edits of `data`."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        at = rng.randint(0, len(out))
        if kind == 0 and out:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif kind == 1:  # delete a run
            del out[at : at + rng.randint(1, 200)]
        elif kind == 2:  # duplicate a run
            run = out[at : at + rng.randint(1, 500)]
            out[at:at] = run * rng.randint(1, 20)
        elif kind == 3:  # a special token
            out[at:at] = rng.choice(TOKENS) * rng.randint(1, 3)
        elif kind == 4:  # splice another seed
            other = rng.choice(pool)
            start = rng.randint(0, len(other))
            out[at:at] = other[start : start + rng.randint(1, 2000)]
        elif kind == 5:  # truncate
            del out[at:]
        else:  # random bytes
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(out)


def run_one(data: bytes, folder: Path, suffix: str) -> None:
    """Read `data` as every format; tag, extract and write what is read. Raises on a crash."""
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    for forced in FORMATS:
        try:
            documents = [d for d in read_documents(str(path), reference=None, timezone=None, now=NOW,
                                                   input_format=forced) if isinstance(d, Document)]
        except CalendarExtractError:
            continue
        results = []
        for document in documents:
            try:
                results.append(extract(document, Options()))
            except CalendarExtractError:
                continue
        events = [e for r in results for e in r.events]
        write_ics(events, calendar_name="fuzz", stamp=STAMP)
        write_json(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=2000, help="inputs to try (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "fuzz", help="where crashes go")
    parser.add_argument("--slow", type=float, default=5.0, help="report inputs slower than this (seconds)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the readers warn about what they repair; only crashes count here
    rng = random.Random(args.seed)
    pool = seeds()
    suffixes = ("", ".txt", ".html", ".eml", ".mbox", ".rss", ".ics", ".jsonl")
    crashes: dict[str, str] = {}
    slow: list[tuple[float, str]] = []
    started = time.perf_counter()
    total_bytes = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number in range(args.budget):
            data = mutate(rng.choice(pool), pool, rng)
            total_bytes += len(data)
            began = time.perf_counter()
            try:
                run_one(data, folder, rng.choice(suffixes))
            except Exception as exc:  # noqa: BLE001 - every other exception is a finding
                key = f"{type(exc).__name__}: {str(exc)[:120]}"
                if key not in crashes:
                    args.out.mkdir(parents=True, exist_ok=True)
                    name = hashlib.sha1(data).hexdigest()[:12]
                    (args.out / f"crash-{name}.bin").write_bytes(data)
                    (args.out / f"crash-{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
                    crashes[key] = name
                    print(f"CRASH #{len(crashes)} at try {number}: {key} (saved as crash-{name}.bin)", flush=True)
            spent = time.perf_counter() - began
            if spent > args.slow:
                slow.append((spent, hashlib.sha1(data).hexdigest()[:12]))
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"slow-{slow[-1][1]}.bin").write_bytes(data)
            if (number + 1) % 500 == 0:
                print(f"  {number + 1:,} inputs, {len(crashes)} crash kinds, {len(slow)} slow", flush=True)
    seconds = time.perf_counter() - started
    print(f"inputs tried: {args.budget:,} ({total_bytes / 1e6:.1f} MB, each read as {len(FORMATS)} formats) "
          f"in {seconds:.0f} s; seed {args.seed}")
    print(f"crash kinds: {len(crashes)}; inputs slower than {args.slow:g} s: {len(slow)}"
          + (f" (slowest {max(slow)[0]:.1f} s)" if slow else ""))
    for key, name in crashes.items():
        print(f"  {name}: {key}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
