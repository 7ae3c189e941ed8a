"""Throughput on adversarial text, compared with normal news text, for `tag` and `extract`.

    python benchmarks/adversarial.py [--size CHARS] [--data DIR] [--kind NAME ...] [--repeat N]
                                     [--stage tag|extract|both]

Builds ~1 MB of each adversarial kind (digit runs, "May may may", month names, "1-1-1-1",
whitespace, punctuation, one unbroken token, "Tuesday Tuesday", "at 3 pm at 3 pm", ...) and ~1 MB
of normal news (TempEval-3 train texts from $CALENDAR_EXTRACT_SHARED or ../shared; else the
events-dev texts of tests/data), runs each through the tagger (`tag`) and through the whole
extraction (`extract`: tagger and event assembler), and prints chars/s and the ratio to normal
text. A kind is "ok" when its throughput is within 3x of normal ("required" marks the kinds the
hardening issue names; the others are ours and stricter). A last line per stage checks linearity:
the worst kind at 1/10 of the size against the full size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calendar_extract.model import Context, Document, Options  # noqa: E402
from calendar_extract.pipeline import extract  # noqa: E402
from calendar_extract.tagger import tag  # noqa: E402

CTX = Context(reference=dt.datetime(2025, 3, 6, 9, 0))
MB = 1_000_000
# Allowed slow-down against normal text (hardening requirement).
MAX_RATIO = 3.0

MONTHS = (
    "January February March April May June July August September October November December "
)
# Each adversarial kind: a unit repeated up to the wanted size (or a function of the size).
UNITS: dict[str, str] = {
    "digit run": "1",
    "digits spaced": "1 2 3 4 5 6 7 8 9 ",
    "may may": "May may ",
    "months": MONTHS,
    "1-1-1-1": "1-",
    "whitespace": " \n\t ",
    "punctuation": ".,;:!?-()'\"/ ",
    "tuesday": "Tuesday ",
    "at 3 pm": "at 3 pm ",
    "at 3 p.m.": "at 3 p.m. ",
    "tue 3 p.m.": "Tuesday at 3 p.m. ",
    "12:12:12": "12:",
    "a.m.": "a.m. ",
    "3 May 2025": "3 May 2025, ",
}


def soup(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


# The kinds the hardening issue names (each must stay within MAX_RATIO).
REQUIRED = frozenset({"digit run", "may may", "months", "1-1-1-1", "whitespace", "punctuation", "one token"})

BUILDERS: dict[str, Callable[[int], str]] = {
    **{name: functools.partial(soup, unit) for name, unit in UNITS.items()},
    "one token": functools.partial(soup, "x"),  # a single unbroken token
}


def news_texts(data: Path | None) -> list[str]:
    """Normal news texts: TempEval-3 train, else the events-dev texts."""
    shared = Path(os.environ.get("CALENDAR_EXTRACT_SHARED", ROOT.parent / "shared"))
    folder = data or shared / "data" / "tempeval3" / "train"
    if folder.is_dir():
        from timeml import read_corpus

        docs = read_corpus(folder)
        if docs:
            return [doc.text for doc in docs]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/events-dev").glob("*.txt"))]


def news(size: int, data: Path | None) -> str:
    """About `size` characters of news text, whole documents repeated as needed."""
    texts = news_texts(data)
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def _tag(text: str) -> None:
    tag(text, CTX)


def _extract(text: str) -> None:
    extract(Document(text=text, source="bench", reference=CTX.reference, reference_basis="bench"), Options())


STAGES: dict[str, Callable[[str], None]] = {"tag": _tag, "extract": _extract}


def seconds(run: Callable[[str], None], text: str, repeat: int = 1) -> float:
    """Wall time of one call (the fastest of `repeat`, to damp a noisy machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - started)
    return best


def stage_table(name: str, run: Callable[[str], None], normal_text: str, kinds: list[str], args: argparse.Namespace
                ) -> bool:
    """Print one stage's table; True when every required kind is within MAX_RATIO and growth is linear."""
    # Steady state: the first pass compiles the scanners that news text needs (one-time cost).
    first_secs = seconds(run, normal_text)
    normal_secs = seconds(run, normal_text, args.repeat)
    normal_rate = len(normal_text) / normal_secs
    print(f"\n== {name} (first pass over normal news, with lazy compilation: {first_secs:.3f} s)")
    print(f"{'kind':<14} {'chars':>10} {'seconds':>8} {'chars/s':>12} {'ratio':>6}  verdict")
    print(f"{'normal news':<14} {len(normal_text):>10,} {normal_secs:>8.3f} {normal_rate:>12,.0f} {1:>6.2f}")
    worst, worst_ratio, failed = "", 0.0, 0
    for kind in kinds:
        text = BUILDERS[kind](args.size)
        secs = seconds(run, text, args.repeat)
        rate = len(text) / secs
        ratio = normal_rate / rate
        verdict = "ok" if ratio <= MAX_RATIO else "SLOW"
        failed += verdict != "ok" and kind in REQUIRED
        if ratio > worst_ratio:
            worst, worst_ratio = kind, ratio
        tag_line = "required" if kind in REQUIRED else ""
        print(f"{kind:<14} {len(text):>10,} {secs:>8.3f} {rate:>12,.0f} {ratio:>6.2f}  {verdict:<4} {tag_line}")

    small_text = BUILDERS[worst](args.size // 10)
    large_secs = seconds(run, BUILDERS[worst](args.size), args.repeat)
    small_secs = seconds(run, small_text, args.repeat)
    growth = large_secs / small_secs
    # Linear code costs ~10x for 10x the text; allow noise up to 20x, quadratic would be ~100x.
    linear = "linear" if growth <= 20 else "SUPER-LINEAR"
    print(f"linearity ({worst}): {len(small_text):,} chars {small_secs:.3f} s, "
          f"{args.size:,} chars {large_secs:.3f} s, x{growth:.1f} -> {linear}")
    print(f"required kinds within {MAX_RATIO:g}x: {'yes' if not failed else f'NO ({failed} slow)'}")
    return not failed and linear == "linear"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=MB, help="characters per kind (default 1 MB)")
    parser.add_argument("--data", type=Path, default=None, help="TempEval-3 train folder")
    parser.add_argument("--kind", action="append", choices=sorted(BUILDERS), help="only these kinds")
    parser.add_argument("--repeat", type=int, default=1, help="time each text N times, keep the best")
    parser.add_argument("--stage", choices=["tag", "extract", "both"], default="both")
    args = parser.parse_args(argv)
    _extract("Warm-up on Tuesday, 6 March 2025 at 3 pm.")
    normal_text = news(args.size, args.data)
    kinds = args.kind or list(BUILDERS)
    stages = list(STAGES) if args.stage == "both" else [args.stage]
    ok = [stage_table(name, STAGES[name], normal_text, kinds, args) for name in stages]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
