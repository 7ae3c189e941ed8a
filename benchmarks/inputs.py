"""Do real input formats give the same events as plain text? (issue 5, "How it will be checked")

    python benchmarks/inputs.py [--data DIR]

Every DOC_ID.txt of the corpus is wrapped as
- an HTML news page (navigation, an advert and reader comments around the article, the
  publication date only in `<meta property="article:published_time">`),
- an e-mail (the reference date only in the Date header, sent from the zone of the gold events),
- an RSS feed with one entry (the date only in `<pubDate>`),
and each is run through `calendar-extract extract` WITHOUT --reference-date. The figures are
printed next to those of the plain text run WITH the right --reference-date: equal figures mean
the readers lost nothing and found the right reference date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import subprocess
import sys
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # benchmarks/ is a folder of scripts, not a package

from eventscore import GoldDocument, figures, load_gold, load_predictions, score_document, total  # noqa: E402

_NOISE_NAV = '<nav><a href="/">Home</a> <a href="/events">What\'s on: Friday 13 June open evening</a></nav>'
_NOISE_AD = '<div class="advert">Subscribe today - offer ends Monday 2 June!</div>'
_NOISE_COMMENTS = ('<section class="comments"><h2>Comments</h2><p>See you all at the quiz on '
                   'Thursday 5 June at 8 pm!</p></section>')


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def as_html(text: str, day: dt.date) -> bytes:
    """The text as the article of a news page, between navigation, an advert and comments."""
    paras = _paragraphs(text)
    title = html.escape(paras[0].splitlines()[0]) if paras else "Article"
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00">'
            f"</head><body>{_NOISE_NAV}{_NOISE_AD}<main><article>{body}</article>{_NOISE_COMMENTS}</main>"
            "<footer>&copy; Example News</footer></body></html>").encode()


def as_email(text: str, day: dt.date, zone: str | None = None) -> bytes:
    """The text as an e-mail sent at 08:00 on `day` from `zone` (the sender's offset is the
    reader's default zone, so a sender writes from the place of the events: the gold's zone)."""
    message = EmailMessage()
    message["From"] = "News desk <desk@example.org>"
    message["To"] = "reader@example.org"
    message["Subject"] = "Fwd: article"
    sent = dt.datetime.combine(day, dt.time(8, 0), tzinfo=ZoneInfo(zone) if zone else dt.timezone.utc)
    message["Date"] = format_datetime(sent)
    message.set_content(text)
    return bytes(message)


def as_rss(text: str, day: dt.date) -> bytes:
    stamp = format_datetime(dt.datetime.combine(day, dt.time(8, 0), tzinfo=dt.timezone.utc))
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in _paragraphs(text))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example</title>'
            f"<item><title>Article</title><link>https://example.org/a</link><pubDate>{stamp}</pubDate>"
            f"<description>{html.escape(body)}</description></item></channel></rss>").encode()


WRAPPERS = {"html": (as_html, ".html"), "eml": (as_email, ".eml"), "rss": (as_rss, ".rss")}


def _run(source: Path, output: Path, reference: str | None) -> None:
    command = [sys.executable, "-m", "calendar_extract", "extract", str(source), "--all", "-q", "-o", str(output),
               "--no-cache"]
    command += ["--reference-date", reference] if reference else []
    subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


def score(data: Path, work: Path, kind: str | None) -> dict[str, tuple[float | None, int, int]]:
    """Figures of one input kind over the corpus (None: plain text with --reference-date)."""
    scores = []
    for gold_path in sorted(data.glob("*.json")):
        gold: GoldDocument = load_gold(gold_path)
        text = gold_path.with_suffix(".txt")
        if not text.exists():
            continue
        out = work / f"{gold.doc_id}.{kind or 'txt'}.ics"
        if kind is None:
            _run(text, out, gold.reference_date)
        else:
            wrap, suffix = WRAPPERS[kind]
            source = work / f"{gold.doc_id}{suffix}"
            day = dt.date.fromisoformat(gold.reference_date)
            zone = next((e.tzid for e in gold.events if e.tzid), None)
            body = text.read_text(encoding="utf-8")
            source.write_bytes(as_email(body, day, zone) if kind == "eml" else wrap(body, day))
            _run(source, out, None)
        scores.append(score_document(gold, load_predictions(out)))
    return figures(total(scores))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "events-dev")
    args = parser.parse_args(argv)
    rows = ["F1 (required)", "precision (all)", "date accuracy", "time accuracy", "location accuracy",
            "status accuracy", "distractor hits"]
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: score(args.data, Path(tmp), kind)
                   for name, kind in (("text + --reference-date", None), ("HTML page", "html"),
                                      ("e-mail", "eml"), ("RSS entry", "rss"))}
    print(f"documents: {args.data} (wrapped formats run without --reference-date)")
    print(f"{'metric':<20}" + "".join(f"{name:>26}" for name in results))
    for row in rows:
        cells = []
        for figs in results.values():
            value, num, den = figs[row]
            shown = "-" if value is None else f"{value:.3f}"
            cells.append(f"{shown} ({num}/{den})" if den else shown if row != "distractor hits" else f"{num}")
        print(f"{row:<20}" + "".join(f"{c:>26}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
