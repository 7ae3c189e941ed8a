"""Score the calendar-extract tagger and off-the-shelf baselines on TempEval-3 (TimeML TIMEX3) data.

    python benchmarks/tempeval3.py [--data DIR] [--test] [--systems ours,dateparser,...] [--verbose]

Default data: $CALENDAR_EXTRACT_SHARED or ../shared next to the project, then
data/tempeval3/train (TimeBank + AQUAINT); --test scores test/platinum (final evaluation only).
All systems tag the same texts in the same run (time.perf_counter). Start-up (imports, pattern
compilation, first call) is timed apart, in a fresh interpreter per system, so that one system's
imports (dateparser is shared) do not make another look faster. Baselines: benchmarks/baselines.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from baselines import (  # noqa: E402
    SYSTEMS,
    WARM_UP,
    WARM_UP_DCT,
    System,
    Tagger,
    TimeLimitError,
    time_limit,
)
from timeml import Counts, Timex, TmlDocument, only, read_corpus, score  # noqa: E402

ALL = frozenset({"DATE", "TIME", "DURATION", "SET"})
DATE_TIME = frozenset({"DATE", "TIME"})
LINEAR_FACTOR = 10  # the ×N text of the linearity check


@dataclass(slots=True)
class Run:
    """One system's output on the corpus, its timings, and what went wrong."""

    system: System
    output: dict[str, list[Timex]] = field(default_factory=dict)
    startup: float | None = None
    elapsed: float = 0.0
    unavailable: str | None = None
    tagger: Tagger | None = None


def default_data(test: bool) -> Path:
    """The TempEval-3 folder to score."""
    shared = Path(os.environ.get("CALENDAR_EXTRACT_SHARED", ROOT.parent / "shared"))
    return shared / "data" / "tempeval3" / ("test/platinum" if test else "train")


def fresh_startup(key: str) -> tuple[float | None, str]:
    """Import + first call of system `key` in a new interpreter: (seconds, error text)."""
    command = [sys.executable, str(HERE / "baselines.py"), "--startup", key]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return None, "start-up over 600 s"
    if done.returncode != 0:
        return None, (done.stderr.strip().splitlines() or ["failed"])[-1]
    return float(done.stdout.strip()), ""


def run_system(system: System, docs: list[TmlDocument], limit: float) -> Run:
    """Tag every document with `system`, timing the tagging calls only.

    A document that raises or runs over `limit` seconds counts as empty output, and is noted.
    """
    run = Run(system)
    run.unavailable = system.missing()
    if run.unavailable:
        return run
    run.startup, error = fresh_startup(system.key)
    try:
        run.tagger = system.load(system.notes)
        with time_limit(limit):
            run.tagger(WARM_UP, WARM_UP_DCT)  # in-process warm-up, not timed: start-up is above
    except Exception as exc:  # a broken system is a table row, not a crashed benchmark
        run.unavailable = f"{type(exc).__name__}: {exc}" if not error else error
        return run
    for doc in docs:
        t0 = time.perf_counter()
        try:
            with time_limit(limit):
                run.output[doc.name] = run.tagger(doc.text, doc.dct)
        except Exception as exc:  # counted and shown under the table; one bad text ≠ a crash
            reason = "ran over the time limit" if isinstance(exc, TimeLimitError) else (
                f"raised {type(exc).__name__}"
            )
            system.notes[f"documents that {reason} (scored as empty)"] += 1
            run.output[doc.name] = []
        run.elapsed += time.perf_counter() - t0
    return run


def score_run(run: Run, docs: list[TmlDocument], kinds: bool = False) -> dict[str, Counts]:
    """Score rows ALL and DATE+TIME (and each TIMEX3 type if `kinds`) for one system."""
    rows = {"ALL": Counts(), "DATE+TIME": Counts()}
    types = sorted(ALL) if kinds else []
    rows.update({kind: Counts() for kind in types})
    for doc in docs:
        system = run.output[doc.name]
        score(rows["ALL"], doc.name, doc.gold, system)
        score(rows["DATE+TIME"], doc.name, only(doc.gold, DATE_TIME), only(system, DATE_TIME))
        for kind in types:
            one = frozenset({kind})
            score(rows[kind], doc.name, only(doc.gold, one), only(system, one))
    return rows


def table(rows: dict[str, Counts]) -> str:
    """The score table as text."""
    head = (
        f"{'subset':<10} {'gold':>5} {'sys':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | "
        f"{'relax P':>8} {'R':>6} {'F1':>6} | {'type acc':>8} {'type F1':>7} | "
        f"{'value P':>7} {'R':>6} {'F1':>6}"
    )
    lines = [head, "-" * len(head)]
    for name, c in rows.items():
        sp, sr, sf = c.prf(c.strict)
        rp, rr, rf = c.prf(c.relaxed)
        acc = c.type_ok / c.relaxed if c.relaxed else 0.0
        tf = c.prf(c.type_ok)[2]
        vp, vr, vf = c.prf(c.value_ok)
        lines.append(
            f"{name:<10} {c.gold:>5} {c.system:>5} | {sp:>8.3f} {sr:>6.3f} {sf:>6.3f} | "
            f"{rp:>8.3f} {rr:>6.3f} {rf:>6.3f} | {acc:>8.3f} {tf:>7.3f} | "
            f"{vp:>7.3f} {vr:>6.3f} {vf:>6.3f}"
        )
    return "\n".join(lines)


def details(c: Counts) -> str:
    """Misses, false positives and wrong values, one per line."""
    lines = ["# missed (gold not found)"]
    lines += [f"MISS {n}\t{g.text!r}\t{g.type}\t{g.value}" for n, g in c.misses]
    lines.append("# false positives")
    lines += [f"FP   {n}\t{s.text!r}\t{s.type}\t{s.value}" for n, s in c.false]
    lines.append("# span differences (gold → system)")
    lines += [f"SPAN {n}\t{g.text!r}\t→ {s.text!r}" for n, g, s in c.spans]
    lines.append("# wrong values (gold → system)")
    lines += [
        f"VAL  {n}\t{g.text!r} {g.type} {g.value}\t→ {s.text!r} {s.type} {s.value}"
        for n, g, s in c.wrong
    ]
    return "\n".join(lines)


def comparison(runs: list[Run], docs: list[TmlDocument], chars: int) -> str:
    """The side-by-side table: one row per system."""
    head = (
        f"{'system':<24} | {'strict F1':>9} {'relax F1':>8} {'type acc':>8} | "
        f"{'value F1':>8} {'DATE+TIME':>9} | {'chars/s':>10} {'start-up s':>10}"
    )
    lines = [head, f"{'':<24} | {'(ALL)':>9} {'(ALL)':>8} {'(ALL)':>8} | {'(ALL)':>8} "
             f"{'value F1':>9} | {'(tagging)':>10} {'(fresh)':>10}", "-" * len(head)]
    for run in runs:
        if run.unavailable:
            lines.append(f"{run.system.label:<24} | n/a ({run.unavailable})")
            continue
        rows = score_run(run, docs)
        c = rows["ALL"]
        acc = c.type_ok / c.relaxed if c.relaxed else 0.0
        speed = f"{chars / run.elapsed:>10,.0f}" if run.elapsed else f"{'inf':>10}"
        start = f"{run.startup:>10.3f}" if run.startup is not None else f"{'n/a':>10}"
        lines.append(
            f"{run.system.label:<24} | {c.prf(c.strict)[2]:>9.3f} {c.prf(c.relaxed)[2]:>8.3f} "
            f"{acc:>8.3f} | {c.prf(c.value_ok)[2]:>8.3f} "
            f"{rows['DATE+TIME'].prf(rows['DATE+TIME'].value_ok)[2]:>9.3f} | {speed} {start}"
        )
    for run in runs:
        for note, n in sorted(run.system.notes.items()):
            lines.append(f"  {run.system.label}: {n:,} {note}")
    return "\n".join(lines)


def linearity(tagger: Tagger, docs: list[TmlDocument]) -> str:
    """Time our tagger on the concatenated texts ×1 and ×LINEAR_FACTOR (best of 2 each)."""
    once = "\n\n".join(d.text for d in docs)
    texts = {1: once, LINEAR_FACTOR: "\n\n".join([once] * LINEAR_FACTOR)}
    best: dict[int, float] = {}
    for factor, text in texts.items():
        for _ in range(2):
            t0 = time.perf_counter()
            tagger(text, docs[0].dct)
            took = time.perf_counter() - t0
            best[factor] = min(best.get(factor, took), took)
    ratio = best[LINEAR_FACTOR] / best[1]
    return (
        f"linearity (calendar-extract, one string): ×1 {len(once):,} chars {best[1]:.3f} s, "
        f"×{LINEAR_FACTOR} {len(texts[LINEAR_FACTOR]):,} chars {best[LINEAR_FACTOR]:.3f} s "
        f"→ time ratio {ratio:.2f} (linear = {LINEAR_FACTOR})"
    )


def pick_systems(spec: str | None) -> list[System]:
    """The systems named in --systems (comma-separated keys), in table order; all if None."""
    if spec is None:
        return list(SYSTEMS)
    wanted = {key.strip() for key in spec.split(",") if key.strip()}
    unknown = wanted - {s.key for s in SYSTEMS}
    if unknown:
        raise SystemExit(f"unknown system(s) {sorted(unknown)}; choose from "
                         f"{','.join(s.key for s in SYSTEMS)}")
    return [s for s in SYSTEMS if s.key in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of .tml files (searched recursively)")
    parser.add_argument("--test", action="store_true", help="score test/platinum (final runs only)")
    parser.add_argument("--systems", help="comma-separated: " + ",".join(s.key for s in SYSTEMS))
    parser.add_argument("--limit", type=float, default=120.0,
                        help="seconds per document and system before it counts as empty (0 = none)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list our tagger's errors")
    args = parser.parse_args(argv)
    systems = pick_systems(args.systems)
    folder = args.data or default_data(args.test)
    docs = read_corpus(folder)
    if not docs:
        print(f"no .tml files under {folder}", file=sys.stderr)
        return 1
    chars = sum(len(d.text) for d in docs)
    print(f"TempEval-3 {folder} — {len(docs)} documents, {chars:,} characters")
    runs = [run_system(system, docs, args.limit) for system in systems]
    ours = next((r for r in runs if r.system.key == "ours" and not r.unavailable), None)
    if ours is not None:
        rows = score_run(ours, docs, kinds=True)
        print(f"\n{ours.system.label}")
        print(table(rows))
        speed = chars / ours.elapsed if ours.elapsed else float("inf")
        print(f"tagging: {ours.elapsed:.3f} s, {speed:,.0f} chars/s; "
              f"start-up (fresh interpreter: imports + first call): {ours.startup or 0:.3f} s")
    print()
    print(comparison(runs, docs, chars))
    if ours is not None and ours.tagger is not None:
        print(linearity(ours.tagger, docs))
    base = next((r for r in runs if r.system.key == "dateparser" and not r.unavailable), None)
    if ours is not None and base is not None and ours.elapsed:
        print(f"{ours.system.label} / {base.system.label} throughput: "
              f"{base.elapsed / ours.elapsed:,.1f}×")
    print(f"calendar-extract --help: {help_seconds():.3f} s (target < 0.3 s; lazy imports)")
    if args.verbose and ours is not None:
        print(details(rows["ALL"]))
    return 0


def help_seconds(runs: int = 5) -> float:
    """Best wall time of `python -m calendar_extract --help` in a fresh interpreter."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "calendar_extract", "--help"], cwd=ROOT,
                       capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


if __name__ == "__main__":
    sys.exit(main())
