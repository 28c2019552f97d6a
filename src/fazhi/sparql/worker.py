"""A query worker process: opens the store read-only and answers jobs until its pipe closes.

Run as ``python -m fazhi.sparql.worker FD STORE_DIR`` by :mod:`fazhi.sparql.runner`, which
kills it when a query runs past its time limit: pyoxigraph cannot cancel a running query, so
killing the process is the only way to get the core back.

A read-only pyoxigraph store sees the data as it was when it was opened, so the worker
reopens it when the store folder's files change (checked at most once a second).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from fazhi.errors import FazhiError
from fazhi.sparql.results import write

#: Seconds between two looks at the store folder for new data.
RECHECK = 1.0


@dataclass
class Job:
    """One query to run; graphs are IRIs; ``None`` means "as the query says"."""

    query: str
    media_type: str
    max_rows: int
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    union_default: bool = True
    #: Relative IRIs in the query resolve against it (the endpoint's URL).
    base_iri: str | None = None


@dataclass
class Answer:
    """What a job produced: a serialised body or an error (class name and message)."""

    body: bytes = b""
    rows: int = 0
    truncated: bool = False
    error: str = ""
    message: str = ""
    pid: int = field(default_factory=os.getpid)


def execute(store: ox.Store, job: Job) -> Answer:
    """Run ``job`` on a pyoxigraph store; errors become answers, never exceptions."""
    try:
        result = store.query(job.query, base_iri=job.base_iri, **dataset_arguments(job))
        written = write(result, job.media_type, job.max_rows)
    except SyntaxError as exc:
        return Answer(error="BadQuery", message=str(exc))
    except FazhiError as exc:
        return Answer(error=type(exc).__name__, message=exc.message)
    except OSError as exc:
        return Answer(error="StoreUnavailable", message=f"the store cannot be read: {exc}")
    except (ValueError, TypeError, RuntimeError) as exc:  # evaluation errors from the engine
        return Answer(error="BadQuery", message=f"the query cannot be evaluated: {exc}")
    return Answer(written.body, written.rows, written.truncated)


def dataset_arguments(job: Job) -> dict:
    """pyoxigraph's keyword arguments for the job's dataset.

    Graphs given by the protocol replace the query's own FROM clauses (SPARQL 1.1 Protocol
    §2.1.4); a query with its own FROM clauses is run without the union default graph,
    which would otherwise hide them.
    """
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": job.union_default}
    kwargs: dict = {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or []]}
    if job.named_graphs is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    return kwargs


class _ReadOnlyStore:
    """The store folder opened read-only, reopened when its files change."""

    def __init__(self, path: str):
        self.path = path
        self.stamp = _stamp(path)
        self.store = ox.Store.read_only(path)
        self.checked = time.monotonic()

    def current(self) -> ox.Store:
        now = time.monotonic()
        if now - self.checked >= RECHECK:
            self.checked = now
            stamp = _stamp(self.path)
            if stamp != self.stamp:
                self.store, self.stamp = ox.Store.read_only(self.path), stamp
        return self.store


def _stamp(path: str) -> tuple:
    """Names, sizes and times of the folder's files: any write changes one of them."""
    entries = []
    for entry in os.scandir(path):
        info = entry.stat()
        entries.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(entries))


def serve(conn: Connection, path: str) -> None:
    """Answer jobs from ``conn`` until the parent closes it."""
    try:
        store = _ReadOnlyStore(path)
    except OSError as exc:
        store = None
        failure = Answer(error="StoreUnavailable", message=f"cannot open the store {path}: {exc}")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store.current(), job) if store else failure)


def main(argv: list[str]) -> None:
    fd, path = int(argv[0]), argv[1]
    serve(Connection(fd), path)


if __name__ == "__main__":
    # Through the package module, so answers pickle as fazhi.sparql.worker.Answer.
    from fazhi.sparql.worker import main as _main

    _main(sys.argv[1:])
