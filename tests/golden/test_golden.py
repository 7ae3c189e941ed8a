"""Golden files: known inputs give byte-identical calendars, and every shipped .ics passes ics-check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from calendar_extract.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
CASES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "cases.toml").read_text())["case"]


def _run(case: dict[str, Any], fmt: str) -> bytes:
    """Run from the project root with a relative input path, as `make demo` does, so that the
    source named in the output does not depend on where the project is checked out."""
    args = ["extract", case["input"], "-q", "--format", fmt, *case["args"]]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def _compare(path: Path, produced: bytes, update: bool) -> None:
    if update:
        path.write_bytes(produced)
    assert path.exists(), f"{path} missing: run pytest --update-golden"
    assert produced == path.read_bytes(), f"{path} differs: review, then pytest --update-golden"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_ics(case: dict[str, Any], update_golden: bool) -> None:
    produced = _run(case, "ics")
    assert produced == _run(case, "ics"), "two runs differ"
    _compare(ROOT / case["ics"], produced, update_golden)


@pytest.mark.parametrize("case", [c for c in CASES if "json" in c], ids=lambda c: c["name"])
def test_golden_json(case: dict[str, Any], update_golden: bool) -> None:
    _compare(ROOT / case["json"], _run(case, "json"), update_golden)


def test_every_shipped_calendar_passes_ics_check(ics_check: Any) -> None:
    files = sorted({*ROOT.glob("examples/**/*.ics"), *ROOT.glob("tests/golden/*.ics")})
    assert files
    code, output = ics_check(*files)
    assert code == 0, output
