"""Score predicted .ics files against events-dev gold (rules: tests/data/events-dev/README.md).

Importable and free of I/O except `load_gold`/`load_predictions`; `benchmarks/events.py` runs the
extractor and prints the table.

Matching: a prediction matches a gold event when its start day equals the gold start day (aware
times converted to the gold tzid; any occurrence of a gold RRULE counts) and one of the gold
`title_keywords` occurs, case-insensitive as a whole word/phrase, in SUMMARY or DESCRIPTION.
Matching is one-to-one and maximal (augmenting paths), required gold events first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

TITLE_MAX = 80


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold event of a document."""

    keywords: tuple[str, ...]
    start: dt.date | dt.datetime  # naive wall time in tzid for timed events
    end: dt.date | dt.datetime | None
    all_day: bool
    tzid: str | None
    location: str | None
    status: str  # lower case: confirmed | tentative | cancelled
    when: str  # future | past
    required: bool
    rrule: str | None = None

    def counts_as_required(self, past_too: bool) -> bool:
        """Required, and (unless past_too) not a past event."""
        return self.required and (past_too or self.when != "past")


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A document's gold annotation."""

    doc_id: str
    reference_date: str
    events: tuple[Gold, ...]
    distractors: tuple[str, ...] = ()
    false_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True)
class Prediction:
    """The scored fields of one predicted VEVENT."""

    summary: str
    description: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None  # DTEND (exclusive for dates) or DTSTART + DURATION
    location: str = ""
    status: str = "CONFIRMED"
    rrule: dict[str, list[object]] | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one document or a sum of documents; `notes` lists misses and false positives."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    gold_required: int = 0
    matched_required: int = 0
    fp_required: int = 0
    title_ok: int = 0
    date_ok: int = 0
    date_n: int = 0
    time_ok: int = 0
    time_n: int = 0
    end_ok: int = 0
    end_n: int = 0
    location_ok: int = 0
    location_n: int = 0
    status_ok: int = 0
    recurrence_ok: int = 0
    recurrence_n: int = 0
    distractor_hits: int = 0
    notes: tuple[str, ...] = field(default=())

    def __add__(self, other: Score) -> Score:
        values = {f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Score)}
        return Score(**values)


# ---------------------------------------------------------------- loading


def _parse_when(text: str) -> dt.date | dt.datetime:
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def gold_from_json(data: dict[str, object]) -> GoldDocument:
    """The gold document from the parsed DOC_ID.json."""
    events = []
    for raw in data["events"]:  # type: ignore[attr-defined]
        events.append(Gold(
            keywords=tuple(raw["title_keywords"]), start=_parse_when(raw["start"]),
            end=_parse_when(raw["end"]) if raw.get("end") else None, all_day=bool(raw["all_day"]),
            tzid=raw.get("tzid"), location=raw.get("location"),
            status=str(raw.get("status") or "confirmed").lower(), when=raw.get("when", "future"),
            required=bool(raw.get("required")), rrule=raw.get("rrule")))
    false_dates = data.get("distractor_false_dates") or {}
    days = sorted({dt.date.fromisoformat(d) for ds in false_dates.values() for d in ds})  # type: ignore[attr-defined]
    return GoldDocument(doc_id=str(data["id"]), reference_date=str(data["reference_date"]),
                        events=tuple(events), distractors=tuple(data.get("distractors") or ()),  # type: ignore[arg-type]
                        false_dates=tuple(days))


def load_gold(path: Path) -> GoldDocument:
    """Read DOC_ID.json."""
    return gold_from_json(json.loads(path.read_text(encoding="utf-8")))


def predictions_from_ics(data: bytes) -> tuple[Prediction, ...]:
    """The VEVENTs of an .ics file as Predictions (in file order)."""
    found = []
    for calendar in icalendar.Calendar.from_ical(data, multiple=True):
        for event in calendar.walk("VEVENT"):
            start = event.decoded("DTSTART", None)
            if start is None:
                continue
            end = event.decoded("DTEND", None)
            if end is None and "DURATION" in event:
                end = start + event.decoded("DURATION")
            rule = event.get("RRULE")
            found.append(Prediction(
                summary=str(event.get("SUMMARY", "")), description=str(event.get("DESCRIPTION", "")),
                start=start, end=end, location=str(event.get("LOCATION", "")),
                status=str(event.get("STATUS", "CONFIRMED")).upper(),
                rrule={k: list(v) for k, v in rule.items()} if rule else None))
    return tuple(found)


def load_predictions(path: Path) -> tuple[Prediction, ...]:
    """Read a predicted .ics file; a missing file means no predictions."""
    return predictions_from_ics(path.read_bytes()) if path.exists() else ()


# ---------------------------------------------------------------- comparing


def _local(value: dt.date | dt.datetime, tzid: str | None) -> dt.date | dt.datetime:
    """`value` as naive wall time in the gold zone (aware times converted; others as written)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        if tzid is not None:
            value = value.astimezone(ZoneInfo(tzid))
        return value.replace(tzinfo=None)
    return value


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def has_keyword(gold: Gold, text: str) -> bool:
    """A title keyword occurs in `text` as a whole word/phrase, ignoring case."""
    return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", text, re.IGNORECASE) for k in gold.keywords)


def start_day_ok(gold: Gold, prediction: Prediction) -> bool:
    """The prediction starts on the gold start day (or on any day of the gold recurrence)."""
    day = _day(_local(prediction.start, gold.tzid))
    if not gold.rrule:
        return day == _day(gold.start)
    first = gold.start if isinstance(gold.start, dt.datetime) else dt.datetime.combine(gold.start, dt.time())
    rule = rrulestr(gold.rrule, dtstart=first.replace(hour=0, minute=0, tzinfo=None), ignoretz=True)
    start = dt.datetime.combine(day, dt.time())
    return bool(rule.between(start, start + dt.timedelta(days=1), inc=True)) or day == _day(gold.start)


def matches(gold: Gold, prediction: Prediction) -> bool:
    """The scoring rule: same start day and a keyword in SUMMARY or DESCRIPTION."""
    text = f"{prediction.summary}\n{prediction.description}"
    return start_day_ok(gold, prediction) and has_keyword(gold, text)


def match(golds: Sequence[Gold], predictions: Sequence[Prediction],
          past_too: bool = False) -> dict[int, int]:
    """One-to-one maximum matching gold index → prediction index, required gold first."""
    edges = {g: [p for p, pred in enumerate(predictions) if matches(gold, pred)]
             for g, gold in enumerate(golds)}
    owner: dict[int, int] = {}  # prediction → gold

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    order = sorted(range(len(golds)), key=lambda g: not golds[g].counts_as_required(past_too))
    for g in order:
        augment(g, set())
    return {g: p for p, g in owner.items()}


def _time_ok(gold: Gold, prediction: Prediction) -> bool:
    start = _local(prediction.start, gold.tzid)
    return isinstance(start, dt.datetime) and isinstance(gold.start, dt.datetime) and \
        start.strftime("%H:%M") == gold.start.strftime("%H:%M")


def _end_ok(gold: Gold, prediction: Prediction) -> bool:
    """All-day gold end is inclusive: compare with DTEND - 1 day; timed: wall time to the minute."""
    assert gold.end is not None
    end = prediction.end
    if end is None:
        return False
    end = _local(end, gold.tzid)
    if not isinstance(gold.end, dt.datetime):
        last = end - dt.timedelta(days=1) if not isinstance(end, dt.datetime) else end.date()
        return last == gold.end
    return isinstance(end, dt.datetime) and end.replace(second=0, microsecond=0) == gold.end


def _recurrence_ok(gold: Gold, prediction: Prediction) -> bool:
    if prediction.rrule is None or gold.rrule is None:
        return False
    want = {k.upper(): v for k, v in (p.split("=", 1) for p in gold.rrule.split(";") if "=" in p)}
    freq = [str(f).upper() for f in prediction.rrule.get("FREQ", [])]
    byday = sorted(str(d).upper() for d in prediction.rrule.get("BYDAY", []))
    return freq == [want.get("FREQ", "").upper()] and \
        byday == sorted(d.upper() for d in want.get("BYDAY", "").split(",") if d)


def _distractor(document: GoldDocument, prediction: Prediction) -> bool:
    summary = prediction.summary.lower()
    return any(d.lower() in summary for d in document.distractors) or \
        _day(_local(prediction.start, None)) in document.false_dates


# ---------------------------------------------------------------- scoring


def score_document(document: GoldDocument, predictions: Sequence[Prediction],
                   past_too: bool = False) -> Score:
    """Count everything the README reports for one document."""
    golds = document.events
    pairs = match(golds, predictions, past_too)
    matched_preds = set(pairs.values())
    required = [g for g, gold in enumerate(golds) if gold.counts_as_required(past_too)]
    fps = [p for p in range(len(predictions)) if p not in matched_preds]
    notes = [f"{document.doc_id}: MISS {golds[g].keywords[0]!r} {golds[g].start}"
             f"{' (required)' if g in required else ''}" for g in range(len(golds)) if g not in pairs]
    notes += [f"{document.doc_id}: FP   {predictions[p].summary[:60]!r} {predictions[p].start}"
              for p in fps]
    counts: dict[str, int] = {
        "gold": len(golds), "predicted": len(predictions), "matched": len(pairs),
        "gold_required": len(required), "matched_required": sum(g in pairs for g in required),
        "fp_required": len([p for p in fps if not any(
            matches(golds[g], predictions[p]) for g in range(len(golds)) if g not in required)]),
    }
    counts["distractor_hits"] = sum(_distractor(document, predictions[p]) for p in fps)
    # date accuracy over keyword-detected gold: matched, or named by an unmatched prediction
    detected = [g for g, gold in enumerate(golds) if g in pairs or any(
        has_keyword(gold, f"{predictions[p].summary}\n{predictions[p].description}") for p in fps)]
    counts.update(date_ok=sum(g in pairs for g in detected), date_n=len(detected))
    for g, p in pairs.items():
        gold, pred = golds[g], predictions[p]
        checks = {
            "title": (True, has_keyword(gold, pred.summary) and len(pred.summary) <= TITLE_MAX),
            "time": (not gold.all_day, not gold.all_day and _time_ok(gold, pred)),
            "end": (gold.end is not None, gold.end is not None and _end_ok(gold, pred)),
            "location": (bool(gold.location),
                         bool(gold.location) and str(gold.location).lower() in pred.location.lower()),
            "status": (True, pred.status.lower() == gold.status),
            "recurrence": (bool(gold.rrule), _recurrence_ok(gold, pred)),
        }
        for name, (applies, ok) in checks.items():
            if name not in ("title", "status"):
                counts[f"{name}_n"] = counts.get(f"{name}_n", 0) + int(applies)
            counts[f"{name}_ok"] = counts.get(f"{name}_ok", 0) + int(applies and ok)
            if applies and not ok:
                notes.append(f"{document.doc_id}: {name} wrong for {gold.keywords[0]!r}: "
                             f"predicted {pred.summary[:50]!r} {pred.start}"
                             f"{f' .. {pred.end}' if pred.end else ''} {pred.location!r} {pred.status}"
                             f" (gold: {_expected(name, gold)})")
    return Score(**counts, notes=tuple(notes))


def _expected(name: str, gold: Gold) -> str:
    """What the gold says for the field `name` of a wrong prediction."""
    values = {
        "title": " | ".join(gold.keywords), "time": str(gold.start), "end": str(gold.end),
        "location": str(gold.location), "status": gold.status, "recurrence": str(gold.rrule),
    }
    return values[name]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def figures(score: Score) -> dict[str, tuple[float | None, int, int]]:
    """Metric name → (value or None when undefined, numerator, denominator)."""
    precision_all = _ratio(score.matched, score.predicted)
    recall_all = _ratio(score.matched, score.gold)
    tp_req = score.matched_required
    precision_req = _ratio(tp_req, tp_req + score.fp_required)
    recall_req = _ratio(tp_req, score.gold_required)

    def f1(p: float | None, r: float | None) -> float | None:
        if p is None or r is None:
            return 0.0 if 0 in (p, r) else None  # nothing predicted, something missed: 0
        return 2 * p * r / (p + r) if p + r else 0.0

    return {
        "precision (all)": (precision_all, score.matched, score.predicted),
        "recall (all)": (recall_all, score.matched, score.gold),
        "F1 (all)": (f1(precision_all, recall_all), 0, 0),
        "precision (required)": (precision_req, tp_req, tp_req + score.fp_required),
        "recall (required)": (recall_req, tp_req, score.gold_required),
        "F1 (required)": (f1(precision_req, recall_req), 0, 0),
        "title accuracy": (_ratio(score.title_ok, score.matched), score.title_ok, score.matched),
        "date accuracy": (_ratio(score.date_ok, score.date_n), score.date_ok, score.date_n),
        "time accuracy": (_ratio(score.time_ok, score.time_n), score.time_ok, score.time_n),
        "end accuracy": (_ratio(score.end_ok, score.end_n), score.end_ok, score.end_n),
        "location accuracy": (_ratio(score.location_ok, score.location_n), score.location_ok,
                              score.location_n),
        "status accuracy": (_ratio(score.status_ok, score.matched), score.status_ok, score.matched),
        "recurrence accuracy": (_ratio(score.recurrence_ok, score.recurrence_n),
                                score.recurrence_ok, score.recurrence_n),
        "distractor hits": (float(score.distractor_hits), score.distractor_hits, 0),
    }


# metric → (comparison, target); distractor hits must be at most 0
TARGETS: dict[str, tuple[str, float]] = {
    "F1 (required)": (">=", 0.90), "precision (all)": (">=", 0.90), "date accuracy": (">=", 0.98),
    "time accuracy": (">=", 0.95), "end accuracy": (">=", 0.90), "location accuracy": (">=", 0.85),
    "status accuracy": (">=", 0.90), "distractor hits": ("<=", 0.0),
}


def meets(metric: str, value: float | None) -> bool | None:
    """Whether `value` meets the metric's target (None: no target or undefined)."""
    if metric not in TARGETS or value is None:
        return None
    op, target = TARGETS[metric]
    return value >= target if op == ">=" else value <= target


def table(score: Score) -> str:
    """The figures with their targets as a fixed-width text table."""
    rows = ["metric                  value      n/d      target  ok"]
    for metric, (value, num, den) in figures(score).items():
        shown = "-" if value is None else (f"{value:.0f}" if metric == "distractor hits"
                                           else f"{value:.3f}")
        ratio = f"{num}/{den}" if den else ""
        op, target = TARGETS.get(metric, ("", 0.0))
        goal = f"{op} {target:g}" if op else ""
        ok = {True: "yes", False: "NO", None: ""}[meets(metric, value)]
        rows.append(f"{metric:<22}  {shown:>6}  {ratio:>8}  {goal:>9}  {ok}")
    return "\n".join(rows)


def total(scores: Iterable[Score]) -> Score:
    """Sum of document scores (micro-averaged figures)."""
    result = Score()
    for score in scores:
        result = result + score
    return result
