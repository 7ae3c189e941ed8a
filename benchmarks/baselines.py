"""Off-the-shelf date finders as TempEval-3 taggers: (text, DCT) → TIMEX3-like spans.

Each system is loaded lazily (imports happen in `load()`, not at import of this module) so that
start-up can be timed on its own, in a fresh interpreter:

    python benchmarks/baselines.py --startup dateparser      # prints seconds: import + first call

What each library can and cannot do, so that the scores are read fairly:

* dateparser.search_dates: (substring, datetime) pairs, no offsets and no granularity. Offsets are
  recovered by searching each substring left to right; every hit is a DATE (midnight) or a TIME.
* datefinder.find_dates: datetimes with offsets, no granularity; valued as for dateparser.
  Durations are never reported (find_dates only yields datetimes). Run twice: datefinder 1.x's
  default "v2" engine, and engine="legacy" (the finder of datefinder 0.7).
* ctparse: resolves ONE expression per input string. It is run once per sentence and its best
  parse is kept, so it finds at most one timex per sentence; spans come from the resolution's
  mstart/mend (offsets into ctparse's own normalised string, mapped back here).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import importlib.util
import logging
import re
import signal
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeml import Timex  # noqa: E402

Tagger = Callable[[str, dt.datetime], list[Timex]]
WARM_UP = "The talks resumed on Tuesday, 6 March 2025 at 3 pm, two days after the vote."
WARM_UP_DCT = dt.datetime(2025, 3, 6)
CTPARSE_TIMEOUT = 1.0  # seconds per sentence, ctparse's own `timeout` argument


class TimeLimitError(Exception):
    """A system spent longer than the per-document limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitError in the main thread after `seconds` (0 = no limit).

    A SIGALRM is only handled between Python bytecodes, so a single runaway C-level regex match is
    not interrupted until it returns; pure-Python loops are.
    """
    if seconds <= 0:
        yield
        return

    def _expire(signum: int, frame: Any) -> None:
        raise TimeLimitError(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def datetime_timex(text: str, start: int, end: int, when: dt.datetime) -> Timex:
    """A datetime-only finding as a DATE (midnight → YYYY-MM-DD) or TIME (YYYY-MM-DDTHH:MM)."""
    if (when.hour, when.minute, when.second) == (0, 0, 0):
        return Timex(start, end, "DATE", f"{when:%Y-%m-%d}", text[start:end])
    return Timex(start, end, "TIME", f"{when:%Y-%m-%dT%H:%M}", text[start:end])


# --- calendar-extract -------------------------------------------------------------------------


def load_ours(notes: Counter[str]) -> Tagger:
    """Our tagger, imported here so that its start-up is timed like the others'."""
    from calendar_extract.model import Context
    from calendar_extract.tagger import tag

    def run(text: str, dct: dt.datetime) -> list[Timex]:
        return [
            Timex(m.start, m.end, m.type.value, m.value, m.surface)
            for m in tag(text, Context(reference=dct))
        ]

    return run


# --- dateparser ---------------------------------------------------------------------------------


def load_dateparser(notes: Counter[str]) -> Tagger:
    """dateparser.search_dates, English, RELATIVE_BASE = DCT; offsets recovered by search."""
    from dateparser.search import search_dates

    def run(text: str, dct: dt.datetime) -> list[Timex]:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dct}) or []
        out: list[Timex] = []
        pos = 0
        for substring, when in found:
            start = text.find(substring, pos)
            if start < 0:
                notes["substring not found in text (dropped)"] += 1
                continue
            pos = start + len(substring)
            out.append(datetime_timex(text, start, pos, when))
        return out

    return run


# --- datefinder ---------------------------------------------------------------------------------


def load_datefinder(notes: Counter[str], engine: str = "v2") -> Tagger:
    """datefinder.find_dates with source and index, base_date = DCT.

    datefinder 1.x defaults to its new "v2" engine; engine="legacy" is the regex + dateutil finder
    of datefinder 0.7 (the one most published comparisons used).
    """
    import datefinder
    from dateutil.parser import UnknownTimezoneWarning

    def run(text: str, dct: dt.datetime) -> list[Timex]:
        out: list[Timex] = []
        with warnings.catch_warnings():  # legacy: dateutil warns on every "EDT", "EST", ...
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            for when, source, (start, end) in datefinder.find_dates(
                text, source=True, index=True, base_date=dct, engine=engine
            ):
                if text[start:end] != source:
                    # legacy indices cover the raw match with its surrounding blanks and
                    # punctuation (" Friday, " for "Friday"): narrow them to the source string.
                    inner = text.find(source, start, end)
                    if inner < 0:
                        notes["index does not hold the source string (kept index)"] += 1
                    else:
                        start, end = inner, inner + len(source)
                out.append(datetime_timex(text, start, end, when))
        return out

    return run


# --- ctparse ------------------------------------------------------------------------------------

# One sentence per line of thought: blank lines, and . ! ? (plus closing quotes) before a space.
_SENTENCE_END = re.compile(r"\n\s*\n|(?<=[.!?])['\"`]*\s+")
_SEPARATORS = " \t\n\r,;"
_POD = (("forenoon", "MO"), ("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"), ("night", "NI"))
_DURATION = {"minutes": "PT{}M", "hours": "PT{}H", "days": "P{}D", "nights": "P{}D",
             "weeks": "P{}W", "months": "P{}M"}


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; sentences are non-blank and keep their original characters."""
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        if text[pos:match.start()].strip():
            yield pos, text[pos:match.start()]
        pos = match.end()
    if text[pos:].strip():
        yield pos, text[pos:]


def _squeeze(
    text: str, spans: list[tuple[int, int]], pattern: Any, repl: str
) -> tuple[str, list[tuple[int, int]]]:
    """`pattern.sub(repl, text)` that also carries each output character's source span."""
    parts: list[str] = []
    out: list[tuple[int, int]] = []
    pos = 0
    for m in pattern.finditer(text):
        parts += [text[pos:m.start()], repl]
        out += spans[pos:m.start()] + [(spans[m.start()][0], spans[m.end() - 1][1])]
        pos = m.end()
    parts.append(text[pos:])
    out += spans[pos:]
    return "".join(parts), out


def _strip(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    lead = len(text) - len(text.lstrip())
    kept = text.strip()
    return kept, spans[lead:lead + len(kept)]


@functools.cache
def _ctparse_separators() -> tuple[Any, Any]:
    """The two patterns of ctparse's `_preprocess_string` (ctparse/ctparse.py), compiled once."""
    import regex

    spaces = regex.compile(r"[,;\pZ\pC\p{Ps}\p{Pe}]+", regex.VERSION1)
    dashes = regex.compile(r"(\p{Pd}|[\u2010-\u2015]|\u2043)+", regex.VERSION1)
    return spaces, dashes


def ctparse_view(text: str) -> tuple[str, list[tuple[int, int]]]:
    """ctparse's `_preprocess_string(text)` and, per character, its span in `text`.

    ctparse collapses runs of commas, semicolons, spaces, controls and brackets into one space and
    runs of dashes into "-", then strips; its mstart/mend index that string, not ours.
    Example: "On  Monday, (March 4)" → "On Monday March 4"; "Monday" ↔ text[4:10].
    """
    spaces, dashes = _ctparse_separators()
    view, spans = _squeeze(text, [(i, i + 1) for i in range(len(text))], spaces, " ")
    view, spans = _strip(view, spans)
    view, spans = _squeeze(view, spans, dashes, "-")
    return _strip(view, spans)


def time_value(t: Any) -> tuple[str, str] | None:
    """A ctparse Time → (TIMEX3 type, value at the stated granularity), or None if empty.

    Example: Time(2013, 3, 22, 15, 0) → ("TIME", "2013-03-22T15:00"); Time(2013, 3) → ("DATE",
    "2013-03"); Time(2013, 3, 22, POD="lateafternoon") → ("TIME", "2013-03-22TAF").
    """
    if t.year is None and t.month is None and t.day is None:
        if t.DOW is None:
            date = "XXXX-XX-XX"
        else:
            date = f"XXXX-WXX-{t.DOW + 1}"
    else:
        date = "XXXX" if t.year is None else f"{t.year:04d}"
        if t.month is not None:
            date += f"-{t.month:02d}"
            if t.day is not None:
                date += f"-{t.day:02d}"
    if t.hour is not None:
        return "TIME", f"{date}T{t.hour:02d}:{t.minute or 0:02d}"
    pod = next((code for word, code in _POD if t.POD and word in t.POD), None)
    if t.POD and "noon" in t.POD and pod is None:
        return "TIME", f"{date}T12:00"
    if pod:
        return "TIME", f"{date}T{pod}"
    if date == "XXXX-XX-XX":
        return None
    return "DATE", date


def resolution_value(r: Any) -> tuple[str, str] | None:
    """A ctparse resolution (Time, Interval, Duration) → (TIMEX3 type, value), or None."""
    kind = type(r).__name__
    if kind == "Time":
        return time_value(r)
    if kind == "Interval":  # TIMEX3 would need two timexes; keep the start (or the end)
        bound = r.t_from if r.t_from is not None else r.t_to
        return None if bound is None else time_value(bound)
    if kind == "Duration":
        return "DURATION", _DURATION[r.unit.value].format(r.value)
    return None


def load_ctparse(notes: Counter[str]) -> Tagger:
    """ctparse, once per sentence, best-scored parse only; timeout CTPARSE_TIMEOUT per sentence."""
    from ctparse.ctparse import ctparse_gen
    from ctparse.time.postprocess_latent import apply_postprocessing_rules

    # ctparse logs a warning for every string without a parse; sentences mostly have none.
    logging.getLogger("ctparse").setLevel(logging.ERROR)

    def run(text: str, dct: dt.datetime) -> list[Timex]:
        out: list[Timex] = []
        for offset, sentence in sentences(text):
            started = time.perf_counter()
            # latent_time=False, then the same post-processing by hand: ctparse's own latent step
            # (postprocess_latent.py) builds a new Time and loses mstart/mend (all become 0).
            parses = [
                p for p in ctparse_gen(sentence, dct, timeout=CTPARSE_TIMEOUT, latent_time=False)
                if p
            ]
            if time.perf_counter() - started >= CTPARSE_TIMEOUT:
                notes["sentences that hit ctparse's timeout"] += 1
            if not parses:
                continue
            # as ctparse.ctparse(): stable sort by score, last wins
            r = sorted(parses, key=lambda p: p.score)[-1].resolution
            valued = resolution_value(apply_postprocessing_rules(dct, r))
            if valued is None:
                notes["parses without a date, time or duration (dropped)"] += 1
                continue
            view, spans = ctparse_view(sentence)
            if not 0 <= r.mstart < r.mend <= len(view):
                notes["empty or out-of-range span (dropped)"] += 1
                continue
            # ctparse's matches end with the separator after a word ("Friday, "): trim it, since
            # ctparse itself treats it as a space.
            left, right = spans[r.mstart][0], spans[r.mend - 1][1]
            right = left + len(sentence[left:right].rstrip(_SEPARATORS))
            left = right - len(sentence[left:right].lstrip(_SEPARATORS))
            if left >= right:
                notes["empty or out-of-range span (dropped)"] += 1
                continue
            start, end = offset + left, offset + right
            out.append(Timex(start, end, valued[0], valued[1], text[start:end]))
        return out

    return run


# --- registry -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class System:
    """A tagger to benchmark: short key, display label, the modules it needs, its loader."""

    key: str
    label: str
    modules: tuple[str, ...]
    load: Callable[[Counter[str]], Tagger]
    notes: Counter[str] = field(default_factory=Counter, compare=False)

    def missing(self) -> str | None:
        """Why the system cannot run here, or None."""
        for module in self.modules:
            if importlib.util.find_spec(module) is None:
                return f"{module} not installed; pip install -e .[bench]"
        return None


# Table order: ours first, then the baselines from the most to the least used.
SYSTEMS = (
    System("ours", "calendar-extract", ("calendar_extract",), load_ours),
    System("dateparser", "dateparser.search_dates", ("dateparser",), load_dateparser),
    System("datefinder", "datefinder", ("datefinder",), load_datefinder),
    System(
        "datefinder-legacy",
        "datefinder (legacy)",
        ("datefinder",),
        functools.partial(load_datefinder, engine="legacy"),
    ),
    System("ctparse", "ctparse", ("ctparse",), load_ctparse),
)


def startup(key: str) -> float:
    """Seconds for import + loading + one first call of system `key`, in this interpreter."""
    system = next(s for s in SYSTEMS if s.key == key)
    started = time.perf_counter()
    tagger = system.load(Counter())
    tagger(WARM_UP, WARM_UP_DCT)
    return time.perf_counter() - started


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--startup":
        keys = "|".join(s.key for s in SYSTEMS)
        sys.exit(f"usage: python benchmarks/baselines.py --startup {keys}")
    print(f"{startup(sys.argv[2]):.6f}")
