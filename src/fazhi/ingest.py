"""Reports into the store: extract and map in worker processes, load each report atomically.

Each report is one atomic replacement of its named graph, so a failure (a file that cannot be
read, a graph that breaks the shapes, a process killed mid-run) leaves every graph either as it
was or complete. A file whose digest (its bytes plus the settings it is read with) is already
recorded in the store is not loaded again: ingesting the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import os
from queue import Queue
from threading import Thread
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from fazhi import __version__
from fazhi.dataset import current_version, read_summary, refresh_summary
from fazhi.errors import FazhiError, InputError
from fazhi.store import EmbeddedStore, Store

REPORT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml"}
_CHUNK = 8


@dataclass(frozen=True)
class Job:
    """What a worker needs to turn one file into triples (picklable, no store)."""

    path: str
    base_uri: str
    issuer: str | None
    validate: bool
    max_bytes: int
    extracted_at: str


@dataclass
class Prepared:
    """A report ready to load, or the reason it is not."""

    path: str
    digest: str = ""
    graph: str = ""
    report: str = ""
    lines: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # registry-graph lines (shared entities)
    registry: str = ""
    metrics: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class Summary:
    reports: int = 0
    unchanged: int = 0
    triples: int = 0
    metrics: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


def collect_files(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Report files under ``paths`` (folders searched recursively), and paths that are none."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append((str(path), "not a regular file (a device, pipe or socket)"))
        else:
            problems.append((str(path), "no such file or folder"))
    return files, problems


def source_digest(data: bytes, job: Job) -> str:
    """The file's bytes and every setting that changes what is made of them."""
    digest = hashlib.sha256(data)
    for part in (__version__, job.base_uri, job.issuer or ""):
        digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()


def prepare(job: Job) -> Prepared:
    """Read, extract, map and (optionally) validate one report. Runs in a worker process."""
    from fazhi.extract import read_report
    from fazhi.rdf import Minter, check_report_graph, map_report
    from fazhi.sidecar import apply_sidecar, read_sidecar

    result = Prepared(job.path)
    try:
        data = _read(job)
        sidecar = read_sidecar(job.path)
        result.digest = source_digest(data + repr(sidecar).encode("utf-8"), job)
        report = read_report(job.path, issuer=job.issuer or sidecar.issuer, max_bytes=job.max_bytes)
        apply_sidecar(report, sidecar, job.issuer)
        graph = map_report(report, Minter(job.base_uri), source_name=sidecar.source_url or Path(job.path).name,
                           extracted_at=job.extracted_at, source_digest=result.digest)
        if job.validate:
            result.warnings += [str(w) for w in check_report_graph(graph.triples, job.base_uri)]
    except FazhiError as exc:
        result.error = str(exc)
        return result
    except Exception as exc:  # a bug met on one file must not stop the other thousands
        result.error = f"internal error: {type(exc).__name__}: {exc}"
        return result
    result.graph, result.report, result.lines = graph.graph.value, graph.report.value, graph.lines
    result.shared, result.registry = graph.shared_lines, Minter(job.base_uri).registry_graph().value
    result.metrics = len(report.metrics)
    result.warnings += report.warnings + graph.warnings
    return result


def _read(job: Job) -> bytes:
    from fazhi.extract import read_limited

    try:
        return read_limited(job.path, job.max_bytes)
    except InputError as exc:
        raise InputError(exc.reason, source=job.path) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), source=job.path) from None


def prepared_reports(jobs: list[Job], workers: int) -> Iterator[Prepared]:
    """Results in input order; several processes when there is more than a handful of files.

    Jobs go to the pool a window at a time, so prepared graphs waiting for the (slower) store
    never pile up: memory stays flat however many files there are.
    """
    if workers <= 1 or len(jobs) <= 2:
        yield from map(prepare, jobs)
        return
    window = workers * _CHUNK * 2
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for start in range(0, len(jobs), window):
            yield from pool.map(prepare, jobs[start:start + window], chunksize=_CHUNK)


def known_digests(store: Store, fz_namespace: str) -> set[str]:
    """Digests of the files the store's report graphs were made from."""
    query = f"SELECT ?d WHERE {{ GRAPH ?g {{ ?g <{fz_namespace}sourceDigest> ?d }} }}"
    return {row["d"].value for row in store.query(query)}


def ingest(paths: Iterable[str | os.PathLike], store: Store, *, base_uri: str, issuer: str | None = None,
           validate: bool = True, workers: int | None = None, max_bytes: int = 20 * 1024 * 1024,
           progress: Callable[[Prepared], None] | None = None) -> Summary:
    """Load every report under ``paths`` into ``store``; failures are collected, not raised."""
    from fazhi.rdf.namespaces import Vocab

    files, problems = collect_files(paths)
    summary = Summary(failures=list(problems))
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    jobs = [Job(str(f), base_uri, issuer, validate, max_bytes, stamp) for f in files]
    results = prepared_reports(jobs, workers or os.cpu_count() or 1)
    if _can_load_fresh(store, len(jobs)):
        _load_fresh(store, results, summary, progress)
    else:
        seen = known_digests(store, Vocab(base_uri).fz.iri)
        loaded_from: dict[str, str] = {}
        for result in results:
            _load(store, result, seen, loaded_from, summary)
            if progress:
                progress(result)
    if summary.reports or read_summary(store, base_uri).version != current_version(store, base_uri):
        refresh_summary(store, base_uri)  # also heals a summary left stale by a killed run
    return summary


FRESH_LOAD_MIN_REPORTS = 20
_FRESH_CHUNK_LINES = 200_000


def _can_load_fresh(store: Store, reports: int) -> bool:
    """An empty on-disk embedded store and a corpus worth it: bulk-load instead of one
    transaction per report (several times faster; see EmbeddedStore.load_fresh)."""
    return (isinstance(store, EmbeddedStore) and store.path is not None and store.writable
            and reports >= FRESH_LOAD_MIN_REPORTS and store.is_empty)


def _load_fresh(store: "EmbeddedStore", results: Iterator[Prepared], summary: Summary, progress) -> None:
    """Stream every report into a staging store; reports met twice are put right afterwards."""
    repeats: list[Prepared] = []
    store.load_fresh(_in_background(_nquads_chunks(results, summary, repeats, progress)))
    for result in repeats:  # the later file of the same report replaces the earlier one
        _store_report(store, result)
        summary.warnings.append(f"{result.path}: same report as an earlier file; it replaces it")


def _in_background(chunks: Iterator[bytes], depth: int = 2) -> Iterator[bytes]:
    """Produce chunks in a thread while the caller loads the previous one: pyoxigraph's bulk
    loader releases the GIL, so preparing and loading overlap instead of taking turns."""
    queue: Queue = Queue(maxsize=depth)
    done = object()

    def produce() -> None:
        try:
            for chunk in chunks:
                queue.put(chunk)
            queue.put(done)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            queue.put(exc)

    Thread(target=produce, name="fazhi-ingest-chunks", daemon=True).start()
    while (item := queue.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item


def _nquads_chunks(results: Iterator[Prepared], summary: Summary, repeats: list[Prepared], progress) -> Iterator[bytes]:
    batch: list[str] = []
    seen: set[str] = set()
    for result in results:
        if progress:
            progress(result)
        if result.error:
            summary.failures.append((result.path, result.error))
            continue
        if result.graph in seen:
            repeats.append(result)
            continue
        seen.add(result.graph)
        _count(summary, result)
        suffix, shared_suffix = f" <{result.graph}> .\n", f" <{result.registry}> .\n"
        batch.extend(line[:-3] + suffix for line in result.lines)
        batch.extend(line[:-3] + shared_suffix for line in result.shared)
        if len(batch) >= _FRESH_CHUNK_LINES:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")


def _count(summary: Summary, result: Prepared) -> None:
    summary.reports += 1
    summary.triples += len(result.lines)
    summary.metrics += result.metrics
    summary.graphs.append(result.graph)
    summary.warnings += [f"{Path(result.path).name}: {w}" for w in result.warnings]


def _store_report(store: Store, result: Prepared) -> None:
    """Shared entities first, then the report's graph in one transaction: a crash in between
    leaves the report graph old or absent and at most a few registry triples early."""
    if result.shared:
        store.add_lines(result.registry, result.shared)
    store.replace_graph_lines(result.graph, result.lines)


def _load(store: Store, result: Prepared, seen: set[str], loaded_from: dict[str, str], summary: Summary) -> None:
    if result.error:
        summary.failures.append((result.path, result.error))
        return
    if result.digest in seen:
        summary.unchanged += 1
        return
    if result.graph in loaded_from:
        summary.warnings.append(f"{result.path}: same report as {loaded_from[result.graph]}; it replaces it")
    _store_report(store, result)
    loaded_from[result.graph] = result.path
    seen.add(result.digest)
    _count(summary, result)
