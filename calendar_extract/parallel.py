"""Run a function over many items in this process, in worker processes or on a Dask cluster.

Results come back in the order of the items, whatever finishes first, so the output of a run
is the same bytes on one core, on many, and on a cluster. At most a few batches per worker are
in flight: the items are read as the work goes, never all at once.

    with open_runner(jobs=4) as runner:
        for result in ordered_map(runner, work, items):
            ...
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from calendar_extract.errors import WorkerError

A = TypeVar("A")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
# Batches in flight per worker: enough to keep every worker busy while the results of the
# first are consumed, few enough that memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 3


class Pending(Protocol[R_co]):
    """A result on its way: a concurrent.futures or a Dask future, or one already computed."""

    def result(self) -> R_co: ...


class Runner(Protocol):
    """Where the work runs: `submit(func, arg)` starts `func(arg)` and returns its Pending result."""

    @property
    def workers(self) -> int: ...

    def submit(self, func: Callable[[A], R], arg: A) -> Pending[R]: ...


@dataclass(frozen=True, slots=True)
class _Done(Generic[R]):
    value: R

    def result(self) -> R:
        return self.value


@dataclass(frozen=True, slots=True)
class InProcess:
    """Runs each item here, when it is submitted."""

    workers: int = 1

    def submit(self, func: Callable[[A], R], arg: A) -> Pending[R]:
        return _Done(func(arg))


@dataclass(frozen=True, slots=True)
class Processes:
    """Worker processes of this machine (concurrent.futures)."""

    pool: ProcessPoolExecutor
    workers: int

    def submit(self, func: Callable[[A], R], arg: A) -> Pending[R]:
        return _Checked(self.pool.submit(func, arg))


@dataclass(frozen=True, slots=True)
class _Checked(Generic[R]):
    """A worker process that dies (killed, out of memory) is a WorkerError, not a traceback."""

    future: Future[R]

    def result(self) -> R:
        try:
            return self.future.result()
        except BrokenProcessPool:
            raise WorkerError("a worker process died (killed, or out of memory?); try fewer --jobs") from None


@dataclass(frozen=True, slots=True)
class OnDask:
    """The workers of a Dask cluster (dask.distributed)."""

    client: Any
    workers: int

    def submit(self, func: Callable[[A], R], arg: A) -> Pending[R]:
        return _Remote(self.client.submit(func, arg, pure=False))


@dataclass(frozen=True, slots=True)
class _Remote(Generic[R]):
    """A Dask future whose failure (a lost worker, a closed connection) is a WorkerError: the work
    itself never raises (each input's errors come back as lines)."""

    future: Any

    def result(self) -> R:
        try:
            value: R = self.future.result()
        except Exception as exc:
            raise WorkerError(f"the Dask cluster failed ({type(exc).__name__}: {exc})") from None
        return value


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def open_runner(jobs: int = 1, *, scheduler: str | None = None, warm_up: Callable[[], None] | None = None,
                connect_timeout: str = "10s") -> Iterator[Runner]:
    """A runner for `jobs` local workers, or for the Dask cluster at `scheduler` ("tcp://host:8786").

    `warm_up` loads what every item needs (tables, patterns) once: here, before the workers are
    forked from this process (they share it), or in each worker where they are not.

    Raises:
        WorkerError: the Dask scheduler cannot be reached, or dask.distributed is not installed.
    """
    if scheduler:
        with _dask_client(scheduler, connect_timeout) as client:
            yield OnDask(client, max(1, len(client.scheduler_info().get("workers", {}))))
        return
    if jobs <= 1:
        yield InProcess()
        return
    context = _start_method()
    if warm_up is not None and context.get_start_method() == "fork":
        warm_up()
        warm_up = None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=warm_up)
    try:
        _Checked(pool.submit(int)).result()  # start the workers now, before a progress bar starts a thread to fork with
        yield Processes(pool, jobs)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _start_method() -> multiprocessing.context.BaseContext:
    """fork where it is safe (Linux and other Unixes but macOS): workers share what the parent
    loaded, and start at once; spawn elsewhere."""
    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _dask_client(scheduler: str, timeout: str) -> Iterator[Any]:
    try:
        from distributed import Client  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise WorkerError("--dask-scheduler needs dask.distributed: pip install 'calendar-extract[dask]'") from None
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise WorkerError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        _same_release(client)
        yield client
    finally:
        client.close()


def _same_release(client: Any) -> None:
    """Refuse workers with another calendar-extract: their events could differ from a local run's."""
    from calendar_extract import __version__

    try:
        theirs = set(client.run(worker_release).values())
    except Exception as exc:  # e.g. ModuleNotFoundError: not installed there
        raise WorkerError(f"the Dask workers cannot run calendar-extract ({type(exc).__name__}: {exc}); "
                          f"install calendar-extract on every worker") from None
    if theirs - {__version__}:
        raise WorkerError(f"the Dask workers run calendar-extract {', '.join(sorted(theirs))}, this is "
                          f"{__version__}: install the same release on every worker")


def worker_release() -> str:
    """The calendar-extract release of the process it runs in (asked of every Dask worker)."""
    from calendar_extract import __version__

    return __version__


def ordered_map(runner: Runner, func: Callable[[A], R], items: Iterable[A]) -> Iterator[R]:
    """`func(item)` for every item, in the order of the items, with a bounded number in flight."""
    window = max(1, runner.workers * IN_FLIGHT_PER_WORKER)
    pending: deque[Pending[R]] = deque()
    for item in items:
        pending.append(runner.submit(func, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def batched(items: Iterable[A], size: Callable[[A], int], *, max_size: int, max_items: int) -> Iterator[list[A]]:
    """The items in consecutive batches of at most `max_items` and, unless one item alone is
    larger, at most `max_size` (as measured by `size`)."""
    batch: list[A] = []
    total = 0
    for item in items:
        weight = size(item)
        if batch and (total + weight > max_size or len(batch) >= max_items):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += weight
    if batch:
        yield batch
