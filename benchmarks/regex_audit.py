"""Audit every regular expression of the package for catastrophic backtracking.

    python benchmarks/regex_audit.py [--size CHARS] [--limit SECONDS]

Collects the compiled patterns of every module (module constants, the tagger's rules and its
combined scanner, the lexicon-built patterns of the event assembler, listings and venues), then
runs each over adversarial strings made of a short unit repeated to --size characters and ending in
a character no pattern expects ("a a a … !", "1-1-1-…", "May May …", runs of spaces, dots, digits):
`search` over the whole string and `finditer` over a quarter of it. Backtracking that grows faster
than the text shows up as seconds where linear patterns take milliseconds. Prints the slowest
patterns and exits 1 when one takes longer than --limit.
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


def collect() -> dict[tuple[str, int], str]:
    """(pattern, flags) → where it lives, for every compiled pattern the package builds."""
    found: dict[tuple[str, int], str] = {}

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


def worst_seconds(pattern: re.Pattern[str], size: int, units: tuple[str, ...] = UNITS, limit: float = 1.0) -> float:
    """The longest time of one search (and a finditer over a quarter) over any adversarial string."""
    worst = 0.0
    for unit in units:
        text = (unit * (size // len(unit) + 1))[:size] + "!\x00"
        started = time.perf_counter()
        pattern.search(text)
        for _ in pattern.finditer(text[: size // 4]):
            pass
        worst = max(worst, time.perf_counter() - started)
        if worst > limit:
            break
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="characters per adversarial string")
    parser.add_argument("--limit", type=float, default=0.5, help="seconds a pattern may take at most")
    args = parser.parse_args(argv)
    found = collect()
    started = time.perf_counter()
    timings = sorted(((worst_seconds(re.compile(src, flags), args.size, limit=args.limit), name, src)
                      for (src, flags), name in found.items()), reverse=True)
    print(f"{len(found)} patterns x {len(UNITS)} adversarial strings of {args.size:,} characters "
          f"in {time.perf_counter() - started:.0f} s; slowest:")
    for seconds, name, src in timings[:8]:
        print(f"  {seconds:7.3f} s  {name}: {src[:90]!r}")
    slow = [t for t in timings if t[0] > args.limit]
    print(f"patterns over {args.limit:g} s: {len(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
