"""calendar_extract.parallel: ordered results, bounded work in flight, batches, dead workers."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_extract.errors import WorkerError
from calendar_extract.parallel import (
    IN_FLIGHT_PER_WORKER, InProcess, batched, cores, open_runner, ordered_map, worker_release,
)


def slow_for_small(n: int) -> int:
    """Small numbers finish last: results arrive out of order."""
    time.sleep(0.02 * (5 - n % 5))
    return n * n


def die(_: int) -> int:
    os._exit(3)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_the_order_of_the_items(jobs: int) -> None:
    with open_runner(jobs) as runner:
        assert list(ordered_map(runner, slow_for_small, range(12))) == [n * n for n in range(12)]


def test_one_job_runs_in_this_process() -> None:
    with open_runner(1) as runner:
        assert isinstance(runner, InProcess)
        assert list(ordered_map(runner, str, [])) == []
        assert list(ordered_map(runner, lambda _: os.getpid(), [0])) == [os.getpid()]


def test_items_are_read_as_the_work_goes_not_all_at_once() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for n in range(100):
            taken.append(n)
            yield n

    runner = InProcess(workers=2)
    results = ordered_map(runner, lambda n: n, items())
    assert next(results) == 0
    assert len(taken) == 2 * IN_FLIGHT_PER_WORKER  # the window, not the 100 items
    assert list(results) == list(range(1, 100))


def test_a_worker_that_dies_is_a_worker_error_not_a_traceback() -> None:
    with pytest.raises(WorkerError, match="a worker process died"):
        with open_runner(2) as runner:
            list(ordered_map(runner, die, range(4)))


def test_warm_up_runs_before_the_work() -> None:
    calls: list[str] = []
    with open_runner(1, warm_up=lambda: calls.append("warm")) as runner:
        assert list(ordered_map(runner, str, [1])) == ["1"]
    # one job: nothing to share, the work loads what it needs itself
    assert calls == []


def test_dask_needs_its_extra_or_a_scheduler_that_answers() -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    with pytest.raises(WorkerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with open_runner(scheduler="tcp://127.0.0.1:9", connect_timeout="1s"):
            pass


def test_workers_of_another_release_are_refused() -> None:
    from calendar_extract.parallel import _same_release

    class Client:
        def run(self, func: object) -> dict[str, str]:
            return {"tcp://a": worker_release(), "tcp://b": "0.0.1"}

    with pytest.raises(WorkerError, match="the Dask workers run calendar-extract 0.0.1"):
        _same_release(Client())


def test_workers_without_calendar_extract_are_refused() -> None:
    from calendar_extract.parallel import _same_release

    class Client:
        def run(self, func: object) -> dict[str, str]:
            raise ModuleNotFoundError("No module named 'calendar_extract'")

    with pytest.raises(WorkerError, match="the Dask workers cannot run calendar-extract .ModuleNotFoundError"):
        _same_release(Client())


def test_a_failed_dask_future_is_a_worker_error() -> None:
    from calendar_extract.parallel import OnDask

    class Future:
        def result(self) -> int:
            raise OSError("connection closed")

    class Client:
        def submit(self, func: object, arg: object, pure: bool) -> Future:
            return Future()

    with pytest.raises(WorkerError, match=r"the Dask cluster failed \(OSError: connection closed\)"):
        OnDask(Client(), 1).submit(str, 1).result()


def test_cores_is_at_least_one() -> None:
    assert cores() >= 1


@given(st.lists(st.integers(min_value=0, max_value=50)), st.integers(min_value=1, max_value=60),
       st.integers(min_value=1, max_value=5))
def test_batches_keep_every_item_in_order_within_their_limits(items: list[int], max_size: int, max_items: int) -> None:
    parts = list(batched(items, lambda n: n, max_size=max_size, max_items=max_items))
    assert [n for part in parts for n in part] == items
    for part in parts:
        assert part and len(part) <= max_items
        assert sum(part) <= max_size or len(part) == 1
