"""Audit every regular expression of the package for catastrophic backtracking.

    python benchmarks/regex_audit.py [--size CHARS] [--max-growth FACTOR]

Collects the compiled patterns of every module (module constants, the tagger's rules and its
combined scanner, the lexicon-built patterns of the event assembler, listings and venues), then
runs each (`search` and `finditer`) over adversarial strings made of a short unit repeated and
ending in a character no pattern expects ("a a a … !", "1-1-1-…", "May May …", runs of spaces,
dots, digits), at --size characters and at four times that. A pattern whose work grows faster than
the text (catastrophic backtracking: quadratic x16, cubic x64, exponential worse) is reported;
the run exits 1 when one grows faster than --max-growth. Small sizes keep a cubic pattern from
hanging the audit.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calendar_extract  # noqa: E402

UNITS = ("a", " ", "1", "a ", "a.", "1-", "May ", "1 ", ". ", "a,", "A", "\n", "-", "'", "1:", "Aa ", "at ", "on 6 ",
         "the ", "(", "a-")


def collect() -> dict[tuple[Any, int], str]:
    """(pattern, flags) → where it lives, for every compiled pattern the package builds."""
    found: dict[tuple[Any, int], str] = {}

    def add(name: str, obj: Any, depth: int = 0) -> None:
        if isinstance(obj, re.Pattern):
            found.setdefault((obj.pattern, obj.flags), name)
        elif depth < 2 and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for item in dataclasses.fields(obj):
                add(f"{name}.{item.name}", getattr(obj, item.name), depth + 1)
        elif depth < 2 and isinstance(obj, (tuple, list)):
            for index, item in enumerate(obj[:1000]):
                add(f"{name}[{index}]", item, depth + 1)

    for info in pkgutil.walk_packages(calendar_extract.__path__, "calendar_extract."):
        module = importlib.import_module(info.name)
        for key, value in vars(module).items():
            add(f"{info.name}.{key}", value)
    from calendar_extract import patterns
    from calendar_extract.events import lexicon
    from calendar_extract.events.venues import venue_words
    from calendar_extract.tagger.rules import RULES

    for rule in RULES:
        add(f"tagger rule {rule.name}", rule.pattern)
    add("tagger scanner", patterns.compile_scanner(tuple(rule.template for rule in RULES)))
    add("events.lexicon.load()", lexicon.load())
    add("events.lexicon.listing_words()", lexicon.listing_words())
    add("events.venues.venue_words()", venue_words())
    return found


def _seconds(pattern: re.Pattern[Any], text: str) -> float:
    subject: Any = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
    started = time.perf_counter()
    pattern.search(subject)
    for _ in pattern.finditer(subject):
        pass
    return time.perf_counter() - started


def growth(pattern: re.Pattern[Any], unit: str, size: int) -> tuple[float, float]:
    """(seconds at `size`, how much longer 4x the text takes): linear ~4, quadratic ~16."""
    def text(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n] + "!\x00"

    small = min(_seconds(pattern, text(size)) for _ in range(3))
    large = min(_seconds(pattern, text(4 * size)) for _ in range(2))
    return large, large / max(small, 1e-5)


def audit(found: dict[tuple[Any, int], str], size: int, max_growth: float, floor: float
          ) -> list[tuple[float, float, str, str, str]]:
    """(growth, seconds, unit, where, pattern) of each pattern's worst unit, worst first; the
    growth counts only when the larger text takes over `floor` seconds (below, timer noise)."""
    rows = []
    for (source, flags), name in found.items():
        began = time.perf_counter()
        pattern = re.compile(source, flags)
        worst = (0.0, 0.0, "")
        for unit in UNITS:
            seconds, ratio = growth(pattern, unit, size)
            ratio = ratio if seconds > floor else 0.0
            worst = max(worst, (ratio, seconds, unit))
        rows.append((*worst, name, source))
        print(f"  {time.perf_counter() - began:6.2f} s  {name}", file=sys.stderr, flush=True)
    return sorted(rows, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200, help="characters of the smaller string (the larger is 4x)")
    parser.add_argument("--max-growth", type=float, default=8.0, help="4x the text may cost at most this factor")
    args = parser.parse_args(argv)
    found = collect()
    started = time.perf_counter()
    rows = audit(found, args.size, args.max_growth, floor=0.002)
    print(f"{len(found)} patterns x {len(UNITS)} adversarial units, {args.size:,} and {4 * args.size:,} "
          f"characters, in {time.perf_counter() - started:.0f} s; the steepest:")
    for ratio, seconds, unit, name, source in rows[:8]:
        print(f"  x{ratio:5.1f} ({seconds * 1000:6.1f} ms on {unit!r})  {name}: {source[:80]!r}")
    steep = [r for r in rows if r[0] > args.max_growth]
    print(f"patterns growing faster than x{args.max_growth:g} for 4x the text (super-linear): {len(steep)}")
    return 1 if steep else 0


if __name__ == "__main__":
    sys.exit(main())
