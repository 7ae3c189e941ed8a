"""Score the calendar-extract tagger on TempEval-3 (TimeML TIMEX3) data.

    python benchmarks/tempeval3.py [--data DIR] [--test] [--verbose]

Default data: $CALENDAR_EXTRACT_SHARED or ../shared next to the project, then
data/tempeval3/train (TimeBank + AQUAINT); --test scores test/platinum (final evaluation only).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeml import Counts, Timex, TmlDocument, only, read_corpus, score  # noqa: E402

from calendar_extract.model import Context  # noqa: E402
from calendar_extract.tagger import tag  # noqa: E402

ALL = frozenset({"DATE", "TIME", "DURATION", "SET"})
DATE_TIME = frozenset({"DATE", "TIME"})


def default_data(test: bool) -> Path:
    """The TempEval-3 folder to score."""
    shared = Path(os.environ.get("CALENDAR_EXTRACT_SHARED", ROOT.parent / "shared"))
    return shared / "data" / "tempeval3" / ("test/platinum" if test else "train")


def run_tagger(docs: list[TmlDocument]) -> tuple[dict[str, list[Timex]], float, float]:
    """System timexes per document, start-up seconds and tagging seconds."""
    started = time.perf_counter()
    tag("Warm-up on Tuesday, 6 March 2025 at 3 pm.", Context(docs[0].dct))
    startup = time.perf_counter() - started
    output: dict[str, list[Timex]] = {}
    elapsed = 0.0
    for doc in docs:
        ctx = Context(reference=doc.dct)
        t0 = time.perf_counter()
        mentions = tag(doc.text, ctx)
        elapsed += time.perf_counter() - t0
        output[doc.name] = [
            Timex(m.start, m.end, m.type.value, m.value, m.surface) for m in mentions
        ]
    return output, startup, elapsed


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of .tml files (searched recursively)")
    parser.add_argument("--test", action="store_true", help="score test/platinum (final runs only)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list errors")
    args = parser.parse_args(argv)
    folder = args.data or default_data(args.test)
    docs = read_corpus(folder)
    if not docs:
        print(f"no .tml files under {folder}", file=sys.stderr)
        return 1
    output, startup, elapsed = run_tagger(docs)
    rows = {"ALL": Counts(), "DATE+TIME": Counts()}
    for doc in docs:
        system = output[doc.name]
        score(rows["ALL"], doc.name, doc.gold, system)
        score(rows["DATE+TIME"], doc.name, only(doc.gold, DATE_TIME), only(system, DATE_TIME))
    for kind in sorted(ALL):
        rows[kind] = Counts()
        for doc in docs:
            kinds = frozenset({kind})
            score(rows[kind], doc.name, only(doc.gold, kinds), only(output[doc.name], kinds))
    chars = sum(len(d.text) for d in docs)
    print(f"TempEval-3 {folder} — {len(docs)} documents, {chars:,} characters")
    print(table(rows))
    speed = chars / elapsed if elapsed else float("inf")
    print(f"tagging: {elapsed:.3f} s, {speed:,.0f} chars/s; start-up (first call): {startup:.3f} s")
    if args.verbose:
        print(details(rows["ALL"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
