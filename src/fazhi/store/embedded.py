"""The default backend: pyoxigraph, on disk (a folder) or in memory (tests).

Atomicity: ``replace_graph`` sends ONE SPARQL update, ``DROP SILENT GRAPH <g>; INSERT DATA
{ GRAPH <g> { … } }``. pyoxigraph applies an update as one RocksDB transaction, so after a
crash or ``kill -9`` at any moment the graph holds the old triples or the new ones, never a
mix (tests/store/test_atomicity.py kills a writer to check it). ``Store.extend`` is also
transactional but cannot drop in the same transaction, and ``bulk_extend``/``bulk_load`` are
not transactional at all, so neither is used for replacement.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from fazhi.errors import BadQuery, StoreUnavailable
from fazhi.store.base import DUMP_CHUNK, QueryResult, Store, boolean_result, chunks
from fazhi.store.formats import DATASET_FORMATS, GRAPH_FORMATS, pick
from fazhi.store.terms import graph_node, insert_data

__all__ = ["EmbeddedStore"]


class EmbeddedStore(Store):
    """pyoxigraph ``Store``: ``path=None`` is in memory; ``read_only`` suits reader processes.

    Several processes may open the same folder read-only while one process writes it.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        self.path = None if path is None else Path(path)
        self.writable = not read_only
        self._store = _open(self.path, read_only)

    def __repr__(self) -> str:
        where = self.path or "memory"
        return f"EmbeddedStore({str(where)!r}{'' if self.writable else ', read_only=True'})"

    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """See :meth:`Store.query`; ``timeout`` is ignored (pyoxigraph cannot cancel)."""
        with _translated(self):
            answer = self._store.query(sparql, use_default_graph_as_union=True)
        return _result(answer)

    def graphs(self) -> list[str]:
        with _translated(self):
            return sorted(g.value for g in self._store.named_graphs())

    def dump(self, media_type: str, graph: str | None = None) -> Iterator[bytes]:
        fmt, quads = self._dump_source(media_type, graph)
        for batch in chunks(quads, DUMP_CHUNK):
            yield ox.serialize(batch, format=fmt)

    @property
    def is_empty(self) -> bool:
        with _translated(self):
            return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    def load_fresh(self, nquads_chunks: Iterable[bytes]) -> None:
        """Fill an EMPTY on-disk store fast and all-or-nothing.

        pyoxigraph's bulk loader is several times faster than transactions but not atomic, so
        it writes a staging folder beside the store, which is renamed into place only once
        complete: a crash leaves the store empty (every graph absent), never partial.
        """
        if self.path is None or not self.writable or not self.is_empty:
            raise StoreUnavailable(f"{self!r}: a fresh load needs an empty, writable on-disk store")
        staging = self.path.with_name(self.path.name + ".loading")
        shutil.rmtree(staging, ignore_errors=True)
        builder = ox.Store(str(staging))
        for chunk in nquads_chunks:
            builder.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
        builder.flush()
        del builder
        self._swap_in(staging)

    def _swap_in(self, staging: Path) -> None:
        self.close()
        retired = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(retired, ignore_errors=True)
        os.rename(self.path, retired)
        os.rename(staging, self.path)
        shutil.rmtree(retired, ignore_errors=True)
        self._store = _open(self.path, False)

    def close(self) -> None:
        """Flush writes to disk; pyoxigraph releases the folder when the object goes away."""
        if self._store is not None and self.writable and self.path is not None:
            with _translated(self):
                self._store.flush()
        self._store = None

    def _dump_source(self, media_type: str, graph: str | None):
        if graph is None:
            quads = self._store.quads_for_pattern(None, None, None, None)
            return pick(media_type, DATASET_FORMATS, "The whole dataset"), quads
        quads = self._store.quads_for_pattern(None, None, None, graph_node(graph))
        return pick(media_type, GRAPH_FORMATS, "One graph"), (q.triple for q in quads)

    def _update(self, sparql: str) -> None:
        with _translated(self):
            self._store.update(sparql)

    def _replace_graph(self, graph: str, lines: Iterable[str]) -> None:
        node = graph_node(graph)
        body = insert_data(node, lines)
        self._update(f"DROP SILENT GRAPH {node};\n{body}")


def _open(path: Path | None, read_only: bool) -> ox.Store:
    """Open or create the store, turning pyoxigraph's OSError into advice the user can act on."""
    if path is None:
        return ox.Store()
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreUnavailable(_open_advice(path, exc, read_only)) from exc


def _open_advice(path: Path, exc: OSError, read_only: bool) -> str:
    reason = str(exc)
    if "lock" in reason.lower():
        return (f"store folder {path} is locked by another process that has it open for "
                "writing; stop that process (e.g. another `fazhi ingest`/`fazhi serve`) or "
                "open the store read-only")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or "ermission" in reason:
        return (f"store folder {path} is not writable ({reason}); fix its permissions or "
                "point FAZHI_STORE at a writable folder")
    verb = "read" if read_only else "open or create"
    return f"cannot {verb} store folder {path}: {reason}"


class _translated:
    """Context manager mapping pyoxigraph errors to ours: SyntaxError→BadQuery, OSError→503."""

    def __init__(self, store: EmbeddedStore):
        self.store = store

    def __enter__(self) -> None:
        if self.store._store is None:
            raise StoreUnavailable(f"{self.store!r} has been closed")

    def __exit__(self, kind, exc, tb) -> bool:
        if isinstance(exc, SyntaxError):
            raise BadQuery(str(exc)) from exc
        if isinstance(exc, OSError):
            raise StoreUnavailable(f"{self.store!r}: {exc}") from exc
        return False


def _result(answer) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return boolean_result(answer)
    if isinstance(answer, ox.QuerySolutions):
        return QueryResult("bindings", answer, [v.value for v in answer.variables])
    return QueryResult("graph", answer)
