"""Runners: how a query is run with a time limit and a bound on how many run at once.

- :class:`ProcessRunner` (embedded store on disk): a fixed pool of worker processes, each
  with the store open read-only. A query past its limit gets its worker killed (the core is
  free at once) and a fresh worker started in its place.
- :class:`InProcessRunner` (embedded store in memory, as tests build it): the query runs on a
  thread of this process. pyoxigraph cannot cancel it, so past the limit the client is told
  so at once, but the query keeps its slot until it ends by itself. An in-memory store is
  for tests and small demos; deployments use a folder and get :class:`ProcessRunner`.
- :class:`RemoteRunner`: the remote server runs the query; the limit travels with the
  request as the HTTP read timeout.

Every runner waits at most ``queue_wait`` seconds for a free slot, then refuses with
:class:`Overloaded` (503 + Retry-After), so that web server threads are never all stuck
waiting behind expensive queries.
"""

from __future__ import annotations

import atexit
import os
import queue
import socket
import subprocess
import sys
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from multiprocessing.connection import Connection
from pathlib import Path

from fazhi import errors
from fazhi.errors import Overloaded, QueryTimeout, StoreUnavailable
from fazhi.sparql.results import write_rows, write_triples
from fazhi.sparql.worker import Answer, Job, execute
from fazhi.store import EmbeddedStore, Store

#: Seconds a request waits for a free query slot before it is refused.
QUEUE_WAIT = 2.0


class Runner:
    """Runs :class:`Job` objects within ``timeout`` seconds, ``size`` at a time."""

    size: int = 1

    def run(self, job: Job, timeout: float) -> Answer:
        raise NotImplementedError

    def close(self) -> None:
        """Stop every worker."""


def raise_for(answer: Answer) -> Answer:
    """Turn an error answer back into the project's exception."""
    if answer.error:
        cls = getattr(errors, answer.error, None)
        if not (isinstance(cls, type) and issubclass(cls, errors.FazhiError)):
            cls = errors.BadQuery
        raise cls(answer.message)
    return answer


def _busy(size: int) -> Overloaded:
    return Overloaded(f"all {size} query slots are busy; try again in a few seconds")


def _expired(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"the query ran past its time limit of {timeout:g} s and was stopped; "
                        "narrow it (LIMIT, more specific patterns) or ask for a longer limit "
                        "with the timeout parameter, up to the server's maximum")


# ------------------------------------------------------------------ worker processes
class WorkerProcess:
    """One ``python -m fazhi.sparql.worker`` child and the socket to it."""

    def __init__(self, path: str):
        parent, child = socket.socketpair()
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fazhi.sparql.worker", str(child.fileno()), path],
            pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, env=env)
        child.close()
        self.conn = Connection(parent.detach())

    @property
    def pid(self) -> int:
        return self.process.pid

    def ask(self, job: Job, timeout: float) -> Answer | None:
        """The worker's answer, or None when ``timeout`` passed first."""
        self.conn.send(job)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()


class ProcessRunner(Runner):
    """A pool of ``size`` worker processes over the store folder ``path``; started lazily."""

    def __init__(self, path: str, size: int, queue_wait: float = QUEUE_WAIT):
        self.path, self.size, self.queue_wait = str(path), max(1, size), queue_wait
        self._idle: queue.LifoQueue[WorkerProcess] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._started = False
        self._all: set[WorkerProcess] = set()
        _live_runners.add(self)

    def run(self, job: Job, timeout: float) -> Answer:
        worker = self._acquire()
        try:
            answer = worker.ask(job, timeout)
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise StoreUnavailable(f"the query worker failed ({exc}); try again") from exc
        if answer is None:
            self._replace(worker)
            raise _expired(timeout)
        self._idle.put(worker)
        return answer

    def worker_pids(self) -> list[int]:
        return [w.pid for w in list(self._all)]

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()

    def _acquire(self) -> WorkerProcess:
        self._start_once()
        try:
            return self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise _busy(self.size) from None

    def _start_once(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._spawn()

    def _spawn(self) -> None:
        worker = WorkerProcess(self.path)
        self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: WorkerProcess) -> None:
        """Kill ``worker`` (freeing its core now) and put a fresh one in the pool."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            self._spawn()


_live_runners: "weakref.WeakSet[ProcessRunner]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for runner in list(_live_runners):
        runner.close()


# ------------------------------------------------------------------ in this process
class InProcessRunner(Runner):
    """Runs on threads of this process (in-memory stores): the limit answers, never kills."""

    def __init__(self, store, size: int, queue_wait: float = QUEUE_WAIT):
        self.store, self.size, self.queue_wait = store, max(1, size), queue_wait
        self._slots = threading.BoundedSemaphore(self.size)
        self._pool = ThreadPoolExecutor(self.size, thread_name_prefix="fazhi-query")

    def run(self, job: Job, timeout: float) -> Answer:
        if not self._slots.acquire(timeout=self.queue_wait):
            raise _busy(self.size)
        future = self._pool.submit(execute, self.store, job)
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return future.result(timeout)
        except FutureTimeout:
            raise _expired(timeout) from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------ remote server
class RemoteRunner(Runner):
    """The remote store runs the query; its answer is re-written here with the row cap."""

    def __init__(self, store: Store, size: int, queue_wait: float = QUEUE_WAIT):
        self.store, self.size, self.queue_wait = store, max(1, size), queue_wait
        self._slots = threading.BoundedSemaphore(self.size)

    def run(self, job: Job, timeout: float) -> Answer:
        if job.default_graphs is not None or job.named_graphs is not None:
            raise errors.BadRequest("default-graph-uri and named-graph-uri are not supported "
                                    "when fazhi fronts a remote store; use FROM in the query")
        if not self._slots.acquire(timeout=self.queue_wait):
            raise _busy(self.size)
        try:
            result = self.store.query(job.query, timeout=timeout)
            return _answer(result, job)
        finally:
            self._slots.release()


def _answer(result, job: Job) -> Answer:
    if result.kind == "boolean":
        return Answer(result.serialize(job.media_type), 1)
    if result.kind == "graph":
        written = write_triples(iter(result), job.media_type, job.max_rows)
    else:
        rows = ([row.get(n) for n in result.variables] for row in result)
        written = write_rows(result.variables, rows, job.media_type, job.max_rows)
    return Answer(written.body, written.rows, written.truncated)


def make_runner(store: Store, size: int, queue_wait: float = QUEUE_WAIT) -> Runner:
    """The runner that fits ``store``."""
    if isinstance(store, EmbeddedStore):
        if store.path is not None:
            return ProcessRunner(str(store.path), size, queue_wait)
        return InProcessRunner(_engine(store), size, queue_wait)
    return RemoteRunner(store, size, queue_wait)


def _engine(store: EmbeddedStore):
    """The pyoxigraph store inside an in-memory EmbeddedStore: the runner needs its dataset
    arguments (default_graph, named_graphs), which the Store interface does not expose."""
    return store._store
