"""The store interface every backend implements, and the query result type.

RDF values are pyoxigraph terms (``NamedNode``, ``BlankNode``, ``Literal``, ``Triple``): they
are small, immutable, hashable and already what the embedded backend speaks, so no backend
converts terms twice. Only this package talks to a store engine; everything else in fazhi uses
:class:`Store` and :class:`QueryResult`.

The default graph of every query is the UNION of all named graphs: one named graph holds one
report, and users query the corpus as a whole without ``GRAPH`` clauses.
"""

from __future__ import annotations

import abc
from typing import Any, Iterable, Iterator, Literal as Kind

from pyoxigraph import QueryBoolean, QueryResultsFormat, Triple, parse_query_results, serialize

from fazhi.errors import ReadOnlyStore
from fazhi.store.formats import GRAPH_FORMATS, RESULT_FORMATS, pick
from fazhi.store.terms import graph_node, ntriples_lines

__all__ = ["QueryResult", "Store"]

#: How many quads go into one serialised chunk of a dump (bounded memory, few calls).
DUMP_CHUNK = 20_000


class QueryResult:
    """The answer to one query: rows (``bindings``), a yes/no (``boolean``) or triples (``graph``).

    A result streams from the engine and can be consumed once: iterate it *or* serialise it.
    Rows are dicts from variable name to term; unbound variables are left out of the dict.
    """

    def __init__(self, kind: Kind["bindings", "boolean", "graph"], source: Any,
                 variables: list[str] | None = None):
        self.kind = kind
        self.variables = variables or []
        self._source = source

    def __bool__(self) -> bool:
        """The answer of an ASK query; for other kinds, always true (a result exists)."""
        return bool(self._source) if self.kind == "boolean" else True

    def __iter__(self) -> Iterator[Any]:
        if self.kind == "boolean":
            return iter(())
        if self.kind == "graph":
            return iter(self._source)
        return (self._row(solution) for solution in self._source)

    def _row(self, solution: Any) -> dict[str, Any]:
        values = ((name, solution[name]) for name in self.variables)
        return {name: value for name, value in values if value is not None}

    def serialize(self, media_type: str) -> bytes:
        """The result as bytes in ``media_type`` (SPARQL results formats or RDF formats).

        :raises NotAcceptable: the media type does not fit this kind of result.
        """
        if self.kind == "graph":
            return serialize(self._source, format=pick(media_type, GRAPH_FORMATS, "A graph"))
        fmt = pick(media_type, RESULT_FORMATS, "A SELECT/ASK result")
        return self._source.serialize(format=fmt)


def boolean_result(value: bool | QueryBoolean) -> QueryResult:
    """A boolean result; a plain bool becomes a pyoxigraph QueryBoolean so it can serialise."""
    if not isinstance(value, QueryBoolean):
        answer = b'{"head":{},"boolean":%s}' % (b"true" if value else b"false")
        value = parse_query_results(answer, QueryResultsFormat.JSON)
    return QueryResult("boolean", value)


class Store(abc.ABC):
    """A quad store reached through SPARQL, holding one named graph per report.

    ``writable`` is a capability flag: writes on a store opened read-only raise
    :class:`~fazhi.errors.ReadOnlyStore` before anything reaches the engine.
    """

    writable: bool = False

    @abc.abstractmethod
    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        """Run a SPARQL query with the union of all named graphs as default graph.

        :raises BadQuery: the query does not parse (the parser's message is kept).
        :raises StoreUnavailable: the store cannot be reached.
        :raises QueryTimeout: ``timeout`` seconds passed (remote stores only: an embedded
            query cannot be cancelled, run it in a worker process to bound it).
        """

    def with_timeout(self, seconds: float) -> "Store":
        """The same store, waiting at most ``seconds`` for each answer where waiting is
        possible (a remote server); an embedded store answers in-process and is returned as is.

        The web site reads with a short wait so that a frozen server costs a reader a 503, and
        builds corpus-wide tables (search index, network) with the long one.
        """
        return self

    def update(self, sparql: str) -> None:
        """Run a SPARQL update.  :raises ReadOnlyStore: the store is not writable."""
        self._check_writable()
        self._update(sparql)

    def replace_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``; see each backend for its atomicity."""
        self.replace_graph_lines(graph, ntriples_lines(triples))

    def replace_graph_lines(self, graph: str, lines: Iterable[str]) -> None:
        """:meth:`replace_graph` with the triples already written as N-Triples lines (each
        ending in a newline), the form the mapping produces and every backend sends on."""
        self._check_writable()
        self._replace_graph(graph, lines)

    def add_lines(self, graph: str, lines: Iterable[str]) -> None:
        """Add N-Triples ``lines`` to ``graph`` (a set: adding a triple it holds changes nothing).
        Used for the registry graph, which every report adds its shared entities to."""
        self._check_writable()
        self._add_lines(graph, lines)

    def drop_graph(self, graph: str) -> None:
        """Remove ``graph`` and its triples; dropping a missing graph is not an error."""
        self._check_writable()
        self._update(f"DROP SILENT GRAPH {iri(graph)}")

    @abc.abstractmethod
    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""

    def count(self, graph: str | None = None) -> int:
        """Number of triples in ``graph``, or of quads in all named graphs when None."""
        where = f"GRAPH {iri(graph)} {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
        return int(rows[0]["n"].value) if rows else 0

    @abc.abstractmethod
    def dump(self, media_type: str, graph: str | None = None) -> Iterator[bytes]:
        """Stream the dataset (N-Quads/TriG) or one graph (N-Triples/Turtle) in chunks.

        Concatenating the chunks gives one valid document; memory stays bounded.
        """

    def close(self) -> None:
        """Release the engine or connections; the store is unusable afterwards."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @abc.abstractmethod
    def _update(self, sparql: str) -> None: ...

    @abc.abstractmethod
    def _replace_graph(self, graph: str, lines: Iterable[str]) -> None: ...

    @abc.abstractmethod
    def _add_lines(self, graph: str, lines: Iterable[str]) -> None: ...

    def _check_writable(self) -> None:
        if not self.writable:
            raise ReadOnlyStore(f"{self!r} is read-only: it refuses updates")


def iri(graph: str) -> str:
    """``graph`` as a SPARQL IRI reference, refusing strings that would break out of it."""
    return str(graph_node(graph))


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Split an iterable into lists of at most ``size`` items, lazily."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
