"""Shared fixtures: reference dates, data folders, the CLI runner, ics-check, --update-golden."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# The default run is deterministic (the same examples every time), so CI never turns red by
# chance; HYPOTHESIS_PROFILE=explore draws new examples (use it to hunt for bugs).
settings.register_profile("deterministic", derandomize=True, deadline=None, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
SEED = ROOT / "seeds" / "000_1d0514e2765e5b9e.txt"
SEED_REFERENCE = dt.datetime(2025, 2, 25)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ outputs")
    parser.addoption(
        "--shared",
        default=os.environ.get("CALENDAR_EXTRACT_SHARED", str(ROOT.parent / "shared")),
        help="path of the shared/ folder with ics-check and TempEval-3 (env CALENDAR_EXTRACT_SHARED)",
    )


@pytest.fixture(autouse=True)
def _logging_as_it_was():
    """The CLI sets log levels and a handler for its run; put them back after each test."""
    root, package = logging.getLogger(), logging.getLogger("calendar_extract")
    levels, handlers = (root.level, package.level), list(root.handlers)
    yield
    root.setLevel(levels[0])
    package.setLevel(levels[1])
    root.handlers[:] = handlers


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_dir(request: pytest.FixtureRequest) -> Path:
    """The shared/ folder; skips the test when it is absent (a user's clone has none)."""
    path = Path(request.config.getoption("--shared"))
    if not path.is_dir():
        pytest.skip(f"shared folder {path} not found (set --shared or CALENDAR_EXTRACT_SHARED)")
    return path


@pytest.fixture(scope="session")
def ics_check(shared_dir: Path):
    """A function that runs shared/tools/ics-check on files and returns (exit code, output)."""
    tool = shared_dir / "tools" / "ics-check" / "ics-check"
    if not os.access(tool, os.X_OK):
        pytest.skip(f"ics-check not found at {tool}")

    def run(*files: Path) -> tuple[int, str]:
        proc = subprocess.run(
            [str(tool), *map(str, files)], capture_output=True, text=True, timeout=600
        )
        return proc.returncode, proc.stdout + proc.stderr

    return run


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
