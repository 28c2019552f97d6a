"""Several server processes on one listening socket.

A server process renders pages and encodes results in Python, one core at a time (the GIL),
so on a machine with N cores, N processes serve about N times as many uncached requests.

The parent only opens the socket and looks after the workers. Each worker is forked *before*
anything is opened and builds its own app (read-only store, caches, SPARQL worker pool), so
no engine state or thread crosses a fork. The first worker starts alone, since it may create
an empty store folder and must report a store that cannot be opened; the others start once it
is ready. A worker that dies is replaced; one that keeps dying at start-up stops the server.
SIGTERM and SIGINT stop every worker; SIGUSR1 is passed on, and makes each worker print the
stack of every thread to stderr (:func:`enable_stack_dumps`), for a server that seems stuck.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import socket
import sys
import threading
import time
from typing import Callable

from fazhi.errors import ConfigError

#: A worker that exits within this many seconds of starting counts as failing to start.
EARLY_EXIT = 10.0
#: Consecutive early exits after which the server gives up.
MAX_EARLY_EXITS = 3


def enable_stack_dumps() -> None:
    """``kill -USR1 <pid>`` prints every thread's stack to stderr (the server log)."""
    faulthandler.register(signal.SIGUSR1, all_threads=True)


def listening_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """The socket every worker accepts on (IPv4 or IPv6, as ``host`` resolves).

    :raises ConfigError: the address cannot be listened on (in use, not this machine's).
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise cannot_listen(host, port, exc) from None
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def cannot_listen(host: str, port: int, exc: OSError) -> ConfigError:
    reason = exc.strerror or str(exc)
    return ConfigError(f"cannot listen on {host}:{port}: {reason}; choose another --host/--port")


def _exit_with(parent: int) -> None:
    """A worker whose supervisor is gone (killed with -9) stops too, freeing the port and store."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="fazhi-parent-watch", daemon=True).start()


class Supervisor:
    """Forks ``processes`` workers that each run ``work(listener, ready, first)`` and keeps
    them up.

    ``work`` builds the app, calls ``ready()`` once it can answer, then serves until killed;
    it returns an exit code. ``first`` is true for the worker that starts alone.
    """

    def __init__(self, work: Callable[[socket.socket, Callable[[], None], bool], int],
                 listener: socket.socket, processes: int, on_ready: Callable[[], None] = lambda: None):
        self.work, self.listener, self.processes = work, listener, processes
        self.on_ready = on_ready
        self.workers: dict[int, float] = {}  # pid → start time
        self.stopping = False
        self.early_exits = 0

    def run(self) -> int:
        """Serve until a signal stops the server; the exit code of the whole server."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._stop)
        signal.signal(signal.SIGUSR1, self._pass_on)
        code = self._start_first()
        if code is not None:
            return code
        self.on_ready()
        for _ in range(self.processes - 1):
            self._fork()
        return self._watch()

    def _start_first(self) -> int | None:
        """The first worker, waited for: its exit code if it dies before it is ready."""
        read_end, write_end = os.pipe()
        pid = self._fork(write_end)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as ready:
            if ready.read(1):
                return None
        _, status = os.waitpid(pid, 0)
        self.workers.pop(pid, None)
        return os.waitstatus_to_exitcode(status) or 1

    def _fork(self, ready_fd: int | None = None) -> int:
        pid = os.fork()
        if pid == 0:  # the worker
            os._exit(self._worker(ready_fd))
        self.workers[pid] = time.monotonic()
        return pid

    def _worker(self, ready_fd: int | None) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        enable_stack_dumps()
        _exit_with(os.getppid())

        def ready() -> None:
            if ready_fd is not None:
                os.write(ready_fd, b"1")
                os.close(ready_fd)

        try:
            return self.work(self.listener, ready, ready_fd is not None)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:  # noqa: BLE001 - a worker must never return into the parent's code
            print(f"fazhi: worker {os.getpid()} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()

    def _watch(self) -> int:
        while self.workers:
            try:
                pid, status = os.waitpid(-1, 0)
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            started = self.workers.pop(pid, None)
            if started is None or self.stopping:
                continue
            if not self._replace(pid, status, started):
                self._stop()
                return 1
        return 0

    def _replace(self, pid: int, status: int, started: float) -> bool:
        """Start a worker in place of one that died; False when they keep dying at once."""
        early = time.monotonic() - started < EARLY_EXIT
        self.early_exits = self.early_exits + 1 if early else 0
        print(f"fazhi: worker {pid} exited ({os.waitstatus_to_exitcode(status)}); starting another",
              file=sys.stderr)
        if self.early_exits >= MAX_EARLY_EXITS:
            print("fazhi: workers keep exiting at start-up; stopping", file=sys.stderr)
            return False
        self._fork()
        return True

    def _stop(self, *_args) -> None:
        self.stopping = True
        for pid in list(self.workers):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def _pass_on(self, signum, _frame) -> None:
        for pid in list(self.workers):
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass
