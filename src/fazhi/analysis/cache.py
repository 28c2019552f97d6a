"""Built graphs and their measures, kept per dataset version.

A corpus graph with its measures takes seconds (1,000 reports) to a minute or more (10,000),
far too long to build per request and too long to make a request wait for. The cache builds
each (dataset version, filter) once, in a background thread; a caller waits up to ``wait``
seconds and otherwise gets :class:`Computing` (503 with Retry-After), so no web worker hangs
and a second request for the same graph joins the build already running. When ingest changes
the data, the dataset version changes and the next request builds afresh.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from fazhi.analysis import saved
from fazhi.analysis.graph import GraphFilter, build_graph
from fazhi.analysis.measures import Measures, annotate, compute_measures
from fazhi.dataset import read_summary
from fazhi.errors import NotFound, Overloaded
from fazhi.store import Store


class Computing(Overloaded):
    """The graph is being built; ask again shortly."""

    title = "Being computed"


@dataclass
class Analysis:
    """A graph with its measures written on its nodes."""

    graph: nx.MultiDiGraph
    measures: Measures
    version: str
    filter: GraphFilter
    seconds: float


def analyse(store: Store, base_uri: str, f: GraphFilter, version: str = "") -> Analysis:
    """Build and measure, synchronously."""
    started = time.perf_counter()
    g = build_graph(store, base_uri, f)
    if g.number_of_nodes() == 0 and (f.report or f.issuer):
        raise NotFound(f"no report in the store matches {f.report or f.issuer}")
    m = compute_measures(g)
    annotate(g, m)
    g.graph["version"] = version
    return Analysis(g, m, version, f, time.perf_counter() - started)


class AnalysisCache:
    """A small LRU of analyses (futures) keyed by base URI, dataset version and filter; with a
    ``folder``, corpus-wide analyses are also saved there and read back after a restart."""

    def __init__(self, size: int = 8, folder: Path | str | None = None):
        self.size = size
        self.folder = Path(folder) if folder else None
        self._items: OrderedDict[tuple, Future] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, base_uri: str, f: GraphFilter | None = None,
            wait: float | None = None) -> Analysis:
        """The analysis for ``f``; waits ``wait`` seconds (None: for ever) for a build."""
        f = f or GraphFilter()
        version = read_summary(store, base_uri).version
        if not version:  # a store never summarised has no version to key a cache on
            return analyse(store, base_uri, f)
        future = self._future(store, base_uri, f, version)
        try:
            return future.result(timeout=wait)
        except FutureTimeout:
            raise Computing("the network is being computed from the whole dataset; "
                            "this page will be ready in a few seconds, please reload") from None

    def _future(self, store: Store, base_uri: str, f: GraphFilter, version: str) -> Future:
        key = (base_uri, version, f.key())
        with self._lock:
            future = self._items.get(key)
            if future is not None:
                self._items.move_to_end(key)
                return future
            future = self._items[key] = Future()
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        thread = threading.Thread(target=self._build, args=(future, key, store, base_uri, f, version),
                                  name="fazhi-network", daemon=True)
        thread.start()
        return future

    def _build(self, future: Future, key: tuple, store: Store, base_uri: str, f: GraphFilter,
               version: str) -> None:
        try:
            future.set_result(self._saved_or_built(store, base_uri, f, version))
        except BaseException as exc:  # handed to every waiting caller; a later call retries
            with self._lock:
                if self._items.get(key) is future:
                    del self._items[key]
            future.set_exception(exc)


    def _saved_or_built(self, store: Store, base_uri: str, f: GraphFilter, version: str) -> Analysis:
        """Only whole-corpus and per-year graphs are saved: they are the slow ones."""
        keep = self.folder is not None and not (f.issuer or f.report)
        found = saved.load(self.folder, base_uri, version, f) if keep else None
        if found is None:
            found = analyse(store, base_uri, f, version)
            if keep:
                saved.save(self.folder, base_uri, found)
        return found


#: The process-wide cache used by :func:`fazhi.analysis.ego.ego` and the web views.
CACHE = AnalysisCache()
