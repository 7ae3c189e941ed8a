"""Score calendar-extract on the events-dev corpus (scoring rules: the corpus README).

    python benchmarks/events.py [--data DIR] [--verbose] [--past-too] [--keep DIR]

For every DOC_ID.txt + DOC_ID.json it runs
`calendar-extract extract DOC_ID.txt --reference-date <reference_date> --all -o OUT/DOC_ID.ics`
(as `sys.executable -m calendar_extract`, so any venv works), parses the .ics and prints one table
of figures with their targets. `--verbose` lists misses, false positives and wrong fields per
document; `--keep DIR` keeps the .ics files (default: a temporary folder).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # benchmarks/ is a folder of scripts, not a package

from eventscore import Score, load_gold, load_predictions, score_document, table, total  # noqa: E402


def extract(text: Path, reference_date: str, output: Path) -> str:
    """Run the extractor on one document; returns its stderr (empty when it succeeded quietly)."""
    command = [sys.executable, "-m", "calendar_extract", "extract", str(text),
               "--reference-date", reference_date, "--all", "-o", str(output)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    if proc.returncode != 0:
        return f"exit {proc.returncode}: {proc.stderr.strip()}"
    return proc.stderr.strip()


def run(data: Path, out: Path, *, past_too: bool, verbose: bool) -> Score:
    """Extract and score every document of `data`, writing .ics files into `out`."""
    scores = []
    for gold_path in sorted(data.glob("*.json")):
        text = gold_path.with_suffix(".txt")
        if not text.exists():
            continue
        gold = load_gold(gold_path)
        ics = out / f"{gold.doc_id}.ics"
        ics.unlink(missing_ok=True)
        problem = extract(text, gold.reference_date, ics)
        score = score_document(gold, load_predictions(ics), past_too=past_too)
        if problem.startswith("exit") or (problem and verbose):
            print(f"{gold.doc_id}: extractor said: {problem}", file=sys.stderr)
        if verbose:
            for note in score.notes:
                print(note)
        scores.append(score)
    return total(scores)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "events-dev")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses per document")
    parser.add_argument("--past-too", action="store_true",
                        help="required past gold events count as required")
    parser.add_argument("--keep", type=Path, help="write the .ics files here and keep them")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no such folder: {args.data}")
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        score = run(args.data, args.keep, past_too=args.past_too, verbose=args.verbose)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            score = run(args.data, Path(tmp), past_too=args.past_too, verbose=args.verbose)
    print(f"documents: {args.data}  gold events: {score.gold}  predicted: {score.predicted}")
    print(table(score))
    return 0


if __name__ == "__main__":
    sys.exit(main())
