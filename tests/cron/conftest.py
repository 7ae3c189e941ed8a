"""The `site` fixture: a cron site in a temp folder (tests/cron/cronsite.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cronsite import Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)
