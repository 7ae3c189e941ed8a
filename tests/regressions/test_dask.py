"""`extract --dask-scheduler`: a LocalCluster of two worker processes gives the bytes of a local run.

Skipped when the dask extra (dask.distributed) is not installed; `make test` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask-corpus")
    shutil.copytree(DATA / "events-dev", folder / "events-dev", ignore=shutil.ignore_patterns("*.json"))
    shutil.copytree(DATA / "bad", folder / "bad", ignore=shutil.ignore_patterns("cases.toml"))
    shutil.copytree(SEEDS, folder / "seeds")
    for number, path in enumerate(sorted(folder.rglob("*"))):
        os.utime(path, (1_700_000_000 + number * 86_400, 1_700_000_000 + number * 86_400))
    return folder


def extract(corpus: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calendar_extract", "extract", str(corpus), "-o", str(output),
                           *extra], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("fmt", "verbosity"), [("ics", "-v"), ("json", "")])
def test_a_cluster_run_gives_the_bytes_and_messages_of_a_local_run(scheduler: str, corpus: Path, tmp_path: Path,
                                                                   fmt: str, verbosity: str) -> None:
    """The same bytes, and the same stderr: with -v, the workers' log records come back too."""
    output = Path(f"out.{fmt}")  # the same name in both runs: the summary line names it
    (tmp_path / "local").mkdir()
    (tmp_path / "cluster").mkdir()
    extra = ["--format", fmt, *([verbosity] if verbosity else [])]
    local = extract(corpus, tmp_path / "local" / output, *extra)
    cluster = extract(corpus, tmp_path / "cluster" / output, *extra, "--dask-scheduler", scheduler)
    assert local.returncode == cluster.returncode == 1  # tests/data/bad holds unreadable inputs
    written = (tmp_path / "local" / output).read_bytes()
    assert (tmp_path / "cluster" / output).read_bytes() == written
    assert cluster.stderr.replace("/cluster/", "/local/") == local.stderr
    assert written.count(b"BEGIN:VEVENT" if fmt == "ics" else b'"uid"') >= 40


def test_the_pure_api_runs_on_the_cluster(scheduler: str) -> None:
    """extract_text is picklable and its events travel back: what the README's dask.bag recipe does."""
    import datetime as dt

    import calendar_extract

    text = (DATA / "events-dev" / "dev-brexit-summit-may.txt").read_text(encoding="utf-8")
    with distributed.Client(scheduler, set_as_default=False) as client:
        remote = client.submit(calendar_extract.extract_text, text, reference_date=dt.date(2018, 11, 14)).result()
    assert remote == calendar_extract.extract_text(text, reference_date=dt.date(2018, 11, 14)) and remote


def test_the_readme_dask_bag_recipe(scheduler: str, tmp_path: Path) -> None:
    """examples/dask_bag.py (the README's recipe) on the cluster gives the calendar of the same
    functions run here, one file after the other."""
    recipe = SEEDS.parent / "examples" / "dask_bag.py"
    sys.path.insert(0, str(recipe.parent))
    try:
        import dask_bag
    finally:
        sys.path.pop(0)
    with distributed.Client(scheduler, set_as_default=False) as client:
        client.upload_file(str(recipe))  # the workers import the recipe's functions, as they would a module of yours
    folder = tmp_path / "archive"
    shutil.copytree(DATA / "events-dev", folder, ignore=shutil.ignore_patterns("*.json", "*.md"))
    paths = sorted(str(p) for p in folder.rglob("*.txt"))
    dask_bag.main(str(folder), str(tmp_path / "cluster.ics"), scheduler)
    here = dask_bag.calendar_of(paths, [r for p in paths for r in dask_bag.events_of(p)])
    assert (tmp_path / "cluster.ics").read_bytes() == here and here.count(b"BEGIN:VEVENT") >= 20
