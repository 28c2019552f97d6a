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
        complete: a crash leaves the store empty (every graph absent), never partial, and the
        next writable open finishes or clears what the crash left (see ``_recover``). A failed
        load (a full disk) removes its staging folder, so that the space it took comes back.
        """
        if self.path is None or not self.writable or not self.is_empty:
            raise StoreUnavailable(f"{self!r}: a fresh load needs an empty, writable on-disk store")
        staging, retired = _sibling(self.path, _STAGING), _sibling(self.path, _RETIRED)
        if retired.exists() and not (retired / _RETIRED_MARK).exists():
            raise StoreUnavailable(f"{retired} is in the way of a fresh load into {self.path}; "
                                   "move or rename it")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            _bulk_load(staging, nquads_chunks)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreUnavailable(_io_advice(self.path, exc) or f"{self!r}: {exc}") from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._swap_in(staging)

    def _swap_in(self, staging: Path) -> None:
        """Retire the empty store and rename the complete staging folder into its place."""
        self.close()
        retired = _sibling(self.path, _RETIRED)
        _remove_retired(retired)
        (self.path / _RETIRED_MARK).touch()  # so that only a folder retired here is ever removed
        os.rename(self.path, retired)
        os.rename(staging, self.path)
        _remove_retired(retired)
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

    def _add_lines(self, graph: str, lines: Iterable[str]) -> None:
        self._update(insert_data(graph_node(graph), lines))

    def _replace_graph(self, graph: str, lines: Iterable[str]) -> None:
        node = graph_node(graph)
        body = insert_data(node, lines)
        self._update(f"DROP SILENT GRAPH {node};\n{body}")


_STAGING, _RETIRED = ".loading", ".old"
_RETIRED_MARK = "RETIRED-BY-FAZHI"


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _bulk_load(staging: Path, nquads_chunks: Iterable[bytes]) -> None:
    builder = ox.Store(str(staging))
    try:
        for chunk in nquads_chunks:
            builder.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
        builder.flush()
    finally:
        del builder  # release the folder now, not when a traceback holding this frame goes


def _remove_retired(retired: Path) -> None:
    """Remove a store folder retired by a fresh load, never a folder someone named so."""
    if (retired / _RETIRED_MARK).exists():
        shutil.rmtree(retired, ignore_errors=True)


def _open(path: Path | None, read_only: bool) -> ox.Store:
    """Open or create the store, turning pyoxigraph's OSError into advice the user can act on."""
    if path is None:
        return ox.Store()
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        _recover(path)
        path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
    except OSError as exc:
        raise StoreUnavailable(_open_advice(path, exc, read_only)) from exc
    _clear_leftovers(path)
    return store


def _recover(path: Path) -> None:
    """Finish a fresh load killed between its two renames: the store folder is gone, the
    retired (empty) one and the complete staging folder are both there."""
    staging, retired = _sibling(path, _STAGING), _sibling(path, _RETIRED)
    if not path.exists() and (retired / _RETIRED_MARK).exists() and staging.is_dir():
        os.rename(staging, path)


def _clear_leftovers(path: Path) -> None:
    """Remove what a killed fresh load left beside the store (a partial staging folder, the
    retired empty store): each can be as large as the store. Runs once the store folder is
    locked by this process, so no other writer can be using them."""
    shutil.rmtree(_sibling(path, _STAGING), ignore_errors=True)
    _remove_retired(_sibling(path, _RETIRED))


def _open_advice(path: Path, exc: OSError, read_only: bool) -> str:
    reason = str(exc)
    if "lock" in reason.lower():
        return (f"store folder {path} is locked by another process that has it open for "
                "writing; stop that process (e.g. another `fazhi ingest`/`fazhi serve`) or "
                "open the store read-only")
    advice = _io_advice(path, exc)
    if advice:
        return advice
    blocker = _file_in_the_way(path)
    if blocker is not None:
        return (f"store folder {path} cannot be created: {blocker} is a file, not a folder; "
                "move that file or point --store/FAZHI_STORE at another folder")
    verb = "read" if read_only else "open or create"
    return f"cannot {verb} store folder {path}: {reason}"


def _io_advice(path: Path, exc: OSError) -> str | None:
    """What to do about a full disk, a read-only file system or missing permissions.
    pyoxigraph's errors carry no errno, only RocksDB's message, so both are looked at."""
    reason = str(exc)
    if exc.errno == errno.ENOSPC or "No space left" in reason:
        return (f"the disk holding store folder {path} is full ({reason}); free some space "
                "there or point --store/FAZHI_STORE at a disk with room")
    if exc.errno == errno.EROFS or "Read-only file system" in reason:
        return (f"store folder {path} is on a read-only file system ({reason}); remount it "
                "read-write or point --store/FAZHI_STORE at a writable folder")
    if exc.errno in (errno.EACCES, errno.EPERM) or "ermission" in reason:
        return (f"store folder {path} is not writable ({reason}); fix its permissions or "
                "point --store/FAZHI_STORE at a writable folder")
    return None


def _file_in_the_way(path: Path) -> Path | None:
    for folder in (path, *path.parents):
        if folder.exists():
            return folder if not folder.is_dir() else None
    return None


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
            where = self.store.path or "memory"
            raise StoreUnavailable(_io_advice(where, exc) or f"{self.store!r}: {exc}") from exc
        return False


def _result(answer) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return boolean_result(answer)
    if isinstance(answer, ox.QuerySolutions):
        return QueryResult("bindings", answer, [v.value for v in answer.variables])
    return QueryResult("graph", answer)
