"""TimeML (.tml) reading and TempEval-3 timex scoring, shared by the tagger benchmark and baselines.

Scoring follows TempEval-3 (UzZaman et al. 2013): strict span match (same offsets), relaxed span
match (any overlap, one-to-one), and attribute scores over relaxed matches (a true positive needs
the relaxed match AND an equal attribute).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression span with its TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class TmlDocument:
    """A TimeML document: plain <TEXT> content, its gold timexes, and the creation time."""

    name: str
    text: str
    dct: dt.datetime
    gold: tuple[Timex, ...]


def _walk(element: ET.Element, parts: list[str], found: list[Timex], offset: int) -> int:
    """Append the character content of `element` to `parts`, recording TIMEX3 offsets."""
    for child in element:
        start = offset
        inner = "".join(child.itertext())
        if child.tag == "TIMEX3":
            parts.append(inner)
            offset += len(inner)
            found.append(
                Timex(start, offset, child.get("type", ""), child.get("value", ""), inner)
            )
        else:
            if child.text:
                parts.append(child.text)
                offset += len(child.text)
            offset = _walk(child, parts, found, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def parse_dct(value: str) -> dt.datetime:
    """A DCT value ("1998-01-08", "1998-01-08T18:30") → datetime."""
    match = re.match(r"(\d{4})-?(\d\d)-?(\d\d)(?:T(\d\d):?(\d\d))?", value)
    if match is None:
        raise ValueError(f"bad DCT value {value!r}")
    year, month, day, hour, minute = match.groups()
    return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))


def read_tml(path: Path) -> TmlDocument:
    """Parse one .tml file."""
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT>")
    parts: list[str] = [body.text or ""]
    found: list[Timex] = []
    _walk(body, parts, found, len(parts[0]))
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        raise ValueError(f"{path}: no DCT")
    return TmlDocument(path.name, "".join(parts), parse_dct(dct_timex.get("value", "")), tuple(found))


def read_corpus(folder: Path) -> list[TmlDocument]:
    """Every .tml file under `folder`, sorted by path."""
    return [read_tml(p) for p in sorted(folder.rglob("*.tml")) if not p.name.startswith("._")]


@dataclass(slots=True)
class Counts:
    """Running counts of one score table row."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    misses: list[tuple[str, Timex]] = field(default_factory=list)
    false: list[tuple[str, Timex]] = field(default_factory=list)
    wrong: list[tuple[str, Timex, Timex]] = field(default_factory=list)
    spans: list[tuple[str, Timex, Timex]] = field(default_factory=list)

    def prf(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for `hits` true positives."""
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def normal_value(value: str) -> str:
    """Compare values modulo week zero-padding ("2000-W08" == "2000-W8")."""
    return re.sub(r"W0(\d)", r"W\1", value.strip())


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matching: exact spans first, then the largest overlaps."""
    pairs: list[tuple[Timex, Timex]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    candidates = [
        (-(g.start == s.start and g.end == s.end), -_overlap(g, s), gi, si)
        for gi, g in enumerate(gold)
        for si, s in enumerate(system)
        if _overlap(g, s) > 0
    ]
    for _, _, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def score(counts: Counts, name: str, gold: Sequence[Timex], system: Sequence[Timex]) -> None:
    """Add one document's comparison to `counts`."""
    counts.gold += len(gold)
    counts.system += len(system)
    pairs = align(gold, system)
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    for g, s in pairs:
        counts.relaxed += 1
        counts.strict += (g.start, g.end) == (s.start, s.end)
        if (g.start, g.end) != (s.start, s.end):
            counts.spans.append((name, g, s))
        counts.type_ok += g.type == s.type
        if normal_value(g.value) == normal_value(s.value):
            counts.value_ok += 1
        else:
            counts.wrong.append((name, g, s))
    counts.misses += [(name, g) for g in gold if id(g) not in matched_g]
    counts.false += [(name, s) for s in system if id(s) not in matched_s]


def only(timexes: Iterable[Timex], types: frozenset[str]) -> list[Timex]:
    """The timexes of the given types."""
    return [t for t in timexes if t.type in types]
