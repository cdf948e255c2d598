"""Where the per-story analyses run: here, on a local process pool, or on an executor
the caller gives (a Dask cluster's: `scheduler_executor`).

Each story's work is independent (`tui.pipeline.per_story`), so it can run anywhere and
come back to be joined in story order: the result does not depend on where it ran. With
`jobs` = N, this process and a pool of N - 1 processes share the work; the pool's
processes are started by a fork server (or spawned where there is none), never forked
from this process, which may hold other threads (the reader's workers).

A pool costs its start (fresh interpreters importing the analysis) and the shipping of
each story's reports; it is used only when the measured costs below say it pays: not
for one story, nor for a few small reports.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tui.perf import paused_gc
from tui.textsafe import first_line

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

R = TypeVar("R")

# Measured on a 2-core machine (ECB+ texts, `bench/analysis_scale.py`'s 1,000 reports:
# 16,800 sentences in 113 stories), in seconds: the per-story analyses (facts, sources
# and topics) per sentence they read, about 250 us; pickling a story's share of reports
# to a worker and its results back, about 50 us a sentence; starting a worker that has
# imported the analysis, about 0.5 s.
_SECONDS_PER_SENTENCE = 250e-6
_SHIPPING_PER_SENTENCE = 50e-6
_POOL_START = 0.5
# A pool is used when it is estimated to save at least this share of the time.
_WORTH = 0.1
# Work is sent in batches of about this share of all of it per worker (stories are
# largest first, so a big story is a batch of its own and small ones share one): small
# enough that this process, having done its share, seldom waits long for the last
# batches the workers hold.
_BATCHES_PER_WORKER = 16
# A batch holds at least this many sentences' work (so that the sending is a small part
# of it).
_MIN_BATCH = 300


class Sized(Protocol):
    """A piece of per-story work, measured in the sentences it reads."""

    @property
    def sentences(self) -> int: ...


S = TypeVar("S", bound=Sized)


class SchedulerError(Exception):
    """A Dask scheduler that cannot be used; the message is one line."""


def default_jobs() -> int:
    """The cores this process may run on."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return max(1, count() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _pool_context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports the analysis once; each worker is forked from it, ready.
        context.set_forkserver_preload(["tui.pipeline.per_report", "tui.pipeline.per_story"])
        return context
    return multiprocessing.get_context("spawn")


@contextmanager
def _stderr_with_descriptor() -> Iterator[None]:
    """A `sys.stderr` with a file descriptor while the pool starts: multiprocessing hands
    it to the helper process it starts (its resource tracker), and the reader's stderr is
    Textual's capture of prints, whose descriptor is -1 (the start fails). The real
    stderr stands in meanwhile."""
    try:
        usable = sys.stderr is None or sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):  # none at all: multiprocessing skips it
        usable = True
    if usable or sys.__stderr__ is None:
        yield
        return
    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = captured


@contextmanager
def _main_not_rerun() -> Iterator[None]:
    """While the pool's processes start: the main module as if it had no file, so that
    multiprocessing does not run it again in each of them (the fork server and its
    workers need only newsprism's modules). A script calling `tui.analyze` with no
    `if __name__ == "__main__":` guard would otherwise start the analysis again in every
    worker, and the pool would break."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {
        name: main.__dict__[name] for name in ("__file__", "__spec__") if name in main.__dict__
    }
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        for name, value in saved.items():
            main.__dict__[name] = value


def _call_pickled(call: bytes) -> bytes:
    """Run a pickled `(function, batch, args)` (`_pickled_call`) and return its result
    pickled: (un)pickled here, and run, with the cyclic garbage collector paused, as the
    analysis runs in the main process (the executor's own pickling would walk every new
    object again and again)."""
    with paused_gc():
        function, batch, args = pickle.loads(call)
        return pickle.dumps(function(batch, *args), pickle.HIGHEST_PROTOCOL)


def batches(work: Sequence[S], workers: int) -> list[list[S]]:
    """`work` in consecutive batches of at least 1 / (`_BATCHES_PER_WORKER` x workers) of
    its sentences each (stories come largest first: the big ones go alone)."""
    total = sum(item.sentences for item in work)
    size = max(total / (workers * _BATCHES_PER_WORKER), _MIN_BATCH)
    found: list[list[S]] = []
    current: list[S] = []
    held = 0
    for item in work:
        current.append(item)
        held += item.sentences
        if held >= size:
            found.append(current)
            current, held = [], 0
    if current:
        found.append(current)
    return found


@dataclass(frozen=True, slots=True)
class Costs:
    """What a kind of work costs, in seconds per sentence it reads: doing it, and shipping
    it to a worker and its results back (counted as this process's time)."""

    work: float = _SECONDS_PER_SENTENCE
    shipping: float = _SHIPPING_PER_SENTENCE


STORY_COSTS = Costs()


def pool_pays(
    work: Sequence[Sized], jobs: int, costs: Costs = STORY_COSTS, start: float = _POOL_START
) -> bool:
    """Whether this process and `jobs` - 1 pool workers would finish `work` sooner than
    this process alone. This process works while the workers start (`start` seconds; 0
    when they are running already), so their start delays only their share; shipping is
    counted as this process's time."""
    if jobs < 2 or len(work) < 2:
        return False
    sizes = [item.sentences for item in work]
    total = sum(sizes)
    alone = total * costs.work
    shared = (
        max((alone + (jobs - 1) * start) / jobs, max(sizes) * costs.work)
        + total * (jobs - 1) / jobs * costs.shipping
    )
    return shared < alone * (1 - _WORTH)


def _pickled_call(
    function: Callable[..., Any], batch: Sequence[Any], args: tuple[Any, ...]
) -> bytes:
    with paused_gc():
        return pickle.dumps((function, batch, args), pickle.HIGHEST_PROTOCOL)


def _unpickled(result: bytes) -> Any:
    with paused_gc():
        return pickle.loads(result)


class StoryWork:
    """Runs batch functions over per-story work: on the executor given, else, when it
    pays (`pool_pays`), shared between this process and a local pool of `jobs` - 1
    processes, else here alone. Results always come back in the order of the work.
    Close it (or use it in `with`) to stop the pool."""

    def __init__(self, jobs: int | None = None, executor: Executor | None = None) -> None:
        self.jobs = jobs if jobs is not None else default_jobs()
        self.executor = executor
        self._pool: ProcessPoolExecutor | None = None
        # Set once the pool's workers are running (`_start_pool`).
        self._ready = threading.Event()
        self._starting: threading.Thread | None = None
        # Set when the local pool broke (a worker died): this process does the rest.
        self._broken = False

    def __enter__(self) -> StoryWork:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start_pool(self) -> ProcessPoolExecutor:
        """The pool, made here; its workers start in a helper thread (`_ready` is set when
        they run), so that this process goes on working meanwhile: the first worker
        waits for the fork server, which imports the analysis first."""
        from concurrent.futures import ProcessPoolExecutor

        workers = max(1, self.jobs - 1)  # and this process
        with _stderr_with_descriptor():
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
        self._pool = pool
        ready = self._ready

        def start() -> None:
            try:
                with _main_not_rerun():
                    wait([pool.submit(os.getpid) for _ in range(workers)])
            finally:
                ready.set()

        self._starting = threading.Thread(target=start, name="pool start", daemon=True)
        self._starting.start()
        return pool

    def start(self) -> bool:
        """Start the local pool now (its workers start in the background), if there is
        to be one: more than one job and no executor given. Whether it runs."""
        if self.executor is not None or self.jobs < 2:
            return False
        if self._pool is None:
            self._start_pool()
        return True

    def distributes(self, work: Sequence[Sized], costs: Costs = STORY_COSTS) -> bool:
        """Whether `work` is shared out: to the executor given, or with the local pool
        when it pays for this work (`pool_pays`; a pool started for earlier work costs no
        start)."""
        if self.executor is not None:
            return bool(work)
        return pool_pays(work, self.jobs, costs, 0.0 if self._pool is not None else _POOL_START)

    def submit(
        self,
        function: Callable[..., list[R]],
        work: Sequence[S],
        *args: Any,
        all_ahead: bool = False,
    ) -> Callable[[], list[R]]:
        """Start `function(batch, *args)` over batches of `work` on the executor given, or
        on the local pool (started if need be); returns what waits for the results (one
        per item of `work`, in its order; waited for once). With the local pool, this
        process takes its share when waiting: the batches the pool has not got to, from
        the last (the smallest stories) back; the pool gets batches only once its workers
        run (`_start_pool`), so while they start this process works alone. The pool is
        given a few batches at a time, and more as this process waits; `all_ahead`: all
        of them at once (once its workers run), for work it is to do alone while this
        process does something else before waiting (it takes back what is left then)."""
        parts = batches(work, self.jobs)
        if self.executor is not None:
            futures = [self.executor.submit(_call_pickled, _pickled_call(function, part, args))
                       for part in parts]  # fmt: skip
            return _once(lambda: self._results(futures))
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pool or self._start_pool()
        ready = self._ready
        # Enough for the workers to keep busy; the rest is handed out as they finish.
        ahead = len(parts) if all_ahead else 2 * max(1, self.jobs - 1)
        sent: dict[int, Future[bytes]] = {}
        waiting: deque[int] = deque(range(len(parts)))

        def feed() -> None:
            """The next batches from the front for the pool, once it runs (none once it
            broke: this process does the rest)."""
            while waiting and len(sent) < ahead and ready.is_set() and not self._broken:
                front = waiting.popleft()
                call = _pickled_call(function, parts[front], args)
                try:
                    sent[front] = pool.submit(_call_pickled, call)
                except BrokenProcessPool:
                    self._broken = True
                    waiting.appendleft(front)

        feed()

        def shared() -> list[R]:
            done: dict[int, list[R]] = {}
            while waiting or sent:
                for k, future in list(sent.items()):
                    if future.done():
                        try:
                            done[k] = self._result(sent.pop(k))
                        except BrokenProcessPool:
                            # A worker died (killed, out of memory): its batch and the
                            # rest are done here; the result is the same.
                            self._broken = True
                            waiting.append(k)
                feed()
                if not waiting and sent:
                    # The last batch sent, if no worker has taken it yet, is done here
                    # rather than waited for.
                    last = max(sent)
                    if sent[last].cancel():
                        del sent[last]
                        waiting.append(last)
                if waiting:  # this process's own share, from the back
                    back = waiting.pop()
                    with paused_gc():
                        done[back] = function(parts[back], *args)
                elif sent:
                    wait(list(sent.values()), return_when=FIRST_COMPLETED)
            return [item for k in range(len(parts)) for item in done[k]]

        return _once(shared)

    def _results(self, futures: Sequence[Future[bytes]]) -> list[R]:
        found: list[R] = []
        for future in futures:
            found.extend(self._result(future))
        return found

    def _result(self, future: Future[bytes]) -> list[R]:
        try:
            return list(_unpickled(future.result()))
        except Exception as exc:
            if self.executor is None:
                raise
            # A cluster's failures (a worker without newsprism, a lost worker) are the
            # cluster's: said in one line.
            raise SchedulerError(f"the Dask cluster failed: {first_line(exc)}") from exc

    def close(self) -> None:
        """Stop the local pool: queued work is dropped, running work ends unwaited."""
        if self._pool is not None:
            if self._starting is not None:
                self._starting.join()
                self._starting = None
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self._ready = threading.Event()
            self._broken = False


def _once(compute: Callable[[], list[R]]) -> Callable[[], list[R]]:
    """`compute`, run at the first call only (later calls give the same list)."""
    found: list[list[R]] = []

    def result() -> list[R]:
        if not found:
            found.append(compute())
        return found[0]

    return result


def _check_address(address: str) -> None:
    """Raise ValueError for an address Dask cannot use, before a client is made for it (a
    client that fails to start hangs for seconds when it is collected)."""
    from distributed.comm import get_address_host_port
    from distributed.comm.addressing import parse_address

    if parse_address(address)[0] != "inproc":  # inproc: a cluster in this process
        get_address_host_port(address)


# Connecting to a scheduler gives up after this many seconds.
CONNECT_TIMEOUT = 10.0


@contextmanager
def scheduler_executor(
    address: str, timeout: float = CONNECT_TIMEOUT
) -> Iterator[tuple[Executor, int]]:
    """An executor on the Dask cluster whose scheduler is at `address` (tcp://host:8786)
    and the cluster's worker threads, closed afterwards. Raises SchedulerError (one line)
    when Dask is not installed or the scheduler cannot be reached. Its workers need
    newsprism installed (the same version)."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs Dask: pip install 'newsprism[cluster]'") from None
    try:
        _check_address(address)
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = first_line(exc) or type(exc).__name__
        raise SchedulerError(f"cannot use the Dask scheduler at {address}: {reason}") from None
    try:
        workers = client.scheduler_info().get("workers", {}).values()
        threads = sum(int(worker.get("nthreads", 1)) for worker in workers)
        # pure=False: Dask need not hash the reports to name the tasks.
        yield client.get_executor(pure=False), max(1, threads)
    finally:
        client.close()
