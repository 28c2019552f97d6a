"""A remote SPARQL 1.1 Query + Update server (+ optional Graph Store Protocol), over HTTP.

The server must treat the default graph as the union of all named graphs: Virtuoso does so
when a query names no ``FROM``; ``oxigraph serve`` needs ``--union-default-graph``.

Atomicity of ``replace_graph`` (measured in bytes of the form-encoded request):
- fits in ``remote_update_bytes`` → ONE update request ``DROP SILENT GRAPH <g>; INSERT DATA
  {…}``. Oxigraph runs one request as one transaction (old or new, never partial); Virtuoso
  runs one request as one statement, atomic unless the server is set to autocommit per row.
- larger, with a Graph Store URL → ``PUT ?graph=<g>`` streaming N-Triples. Oxigraph clears the
  graph and loads the body in two transactions: never partial, but readers can see the graph
  empty for the duration of the load, and a crash in between leaves it empty.
- larger, no Graph Store URL → chunks go into a staging graph, then one ``MOVE`` request
  swaps it in: the graph is old or new, never partial, but while loading the staging triples
  are visible in the union default graph, and a crash leaves the staging graph behind (the
  next replacement of the same graph drops it).
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import re
import urllib.parse
from typing import IO, Iterable, Iterator

import pyoxigraph as ox

from fazhi.config import Config
from fazhi.errors import ConfigError, StoreUnavailable
from fazhi.store import http
from fazhi.store.base import DUMP_CHUNK, QueryResult, Store, boolean_result, chunks
from fazhi.store.formats import DATASET_FORMATS, GRAPH_FORMATS, pick
from fazhi.store.terms import graph_node

__all__ = ["RemoteStore"]

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
#: Skips IRIs, strings and comments so that only bare words are seen as keywords.
_TOKENS = re.compile(r"""<[^<>\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|#[^\n]*|([A-Za-z]+)\b(?!:)""")
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class RemoteStore(Store):
    """SPARQL endpoints given by URL; without ``update_url`` the store is read-only."""

    def __init__(self, query_url: str, update_url: str = "", gsp_url: str = "", *,
                 timeout: float = 30.0, update_bytes: int = 1_000_000,
                 update_triples: int = 4_000, read_only: bool = False):
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url
        self.timeout = timeout
        self.update_bytes, self.update_triples = update_bytes, update_triples
        self.writable = bool(update_url) and not read_only

    @classmethod
    def from_config(cls, config: Config, *, read_only: bool = False) -> "RemoteStore":
        if not config.endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"endpoint {config.endpoint!r} is not an http(s) URL")
        return cls(config.endpoint, config.update_endpoint, config.gsp_endpoint,
                   timeout=config.remote_timeout, update_bytes=config.remote_update_bytes,
                   update_triples=config.remote_update_triples, read_only=read_only)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    def with_timeout(self, seconds: float) -> "RemoteStore":
        patient = copy.copy(self)
        patient.timeout = seconds
        return patient

    def query(self, sparql: str, *, timeout: float | None = None) -> QueryResult:
        limit = self.timeout if timeout is None else timeout
        form = query_form(sparql)
        accept = NTRIPLES if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
        response = self._post(self.query_url, _form("query", sparql), accept, limit,
                              timeout is not None)
        kind = response.headers.get_content_type()
        data = http.read_all(response, self.query_url, limit, timeout is not None)
        return _answer(kind, data, form == "ASK")

    def graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows if isinstance(row.get("g"), ox.NamedNode))

    def dump(self, media_type: str, graph: str | None = None) -> Iterator[bytes]:
        if graph is not None:
            fmt = pick(media_type, GRAPH_FORMATS, "One graph")
            yield from _serialized(self._graph_triples(graph), fmt)
            return
        fmt = pick(media_type, DATASET_FORMATS, "The whole dataset")
        for name in self.graphs():
            node = graph_node(name)
            quads = (ox.Quad(t.subject, t.predicate, t.object, node)
                     for t in self._graph_triples(name))
            yield from _serialized(quads, fmt)

    def _graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        """Stream one graph's triples, parsed as they arrive."""
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph_node(graph)} {{ ?s ?p ?o }} }}"
        response = self._post(self.query_url, _form("query", sparql), NTRIPLES, self.timeout)
        with response:
            for quad in ox.parse(response, ox.RdfFormat.N_TRIPLES):
                yield quad.triple

    def _update(self, sparql: str) -> None:
        self._send_update(_form("update", sparql))

    def _send_update(self, body: bytes) -> None:
        response = self._post(self.update_url, body, "*/*", self.timeout)
        http.read_all(response, self.update_url, self.timeout, False)

    def _post(self, url: str, body: bytes, accept: str, timeout: float,
              timeout_is_query: bool = False) -> IO[bytes]:
        return http.send("POST", url, body, content_type=http.FORM, accept=accept,
                         timeout=timeout, timeout_is_query=timeout_is_query)

    def _add_lines(self, graph: str, lines: Iterable[str]) -> None:
        """INSERT DATA in as many requests as the server's limits need (re-adding is harmless)."""
        head = f"INSERT DATA {{ GRAPH {graph_node(graph)} {{\n"
        rest: Iterator[str] | None = (_quote(line) for line in lines)
        while rest is not None:
            batch, rest = self._fill(rest, len(_quote(head)))
            if batch:
                self._send_update(_update_body(head, batch))

    def _replace_graph(self, graph: str, lines: Iterable[str]) -> None:
        node = graph_node(graph)
        encoded = (_quote(line) for line in lines)
        head = f"DROP SILENT GRAPH {node};\nINSERT DATA {{ GRAPH {node} {{\n"
        first, rest = self._fill(encoded, len(_quote(head)))
        if rest is None:
            self._send_update(_update_body(head, first))
        elif self.gsp_url:
            self._put_graph(node, _decoded(first, rest))
        else:
            self._replace_staged(node, first, rest)

    def _fill(self, encoded: Iterator[str], head_bytes: int):
        """One request's worth of lines; the 64 spare bytes cover the closing braces."""
        budget = self.update_bytes - head_bytes - 64
        return _fill_request(encoded, budget, self.update_triples)

    def _put_graph(self, node: ox.NamedNode, lines: Iterator[str]) -> None:
        url = f"{self.gsp_url}?{urllib.parse.urlencode({'graph': node.value})}"
        body = (line.encode("utf-8") for line in lines)
        response = http.send("PUT", url, body, content_type=NTRIPLES, accept="*/*",
                             timeout=self.timeout)
        http.read_all(response, url, self.timeout, False)

    def _replace_staged(self, node: ox.NamedNode, first: list[str], rest) -> None:
        staging = _staging_graph(node)
        self._update(f"DROP SILENT GRAPH {staging}")
        head = f"INSERT DATA {{ GRAPH {staging} {{\n"
        batch: list[str] | None = first
        while batch:
            self._send_update(_update_body(head, batch))
            batch, rest = self._fill(rest, len(_quote(head))) if rest else (None, None)
        self._update(f"DROP SILENT GRAPH {node};\nMOVE SILENT {staging} TO {node}")


def _form(name: str, text: str) -> bytes:
    return urllib.parse.urlencode({name: text}).encode("ascii")


def _quote(text: str) -> str:
    return urllib.parse.quote_plus(text, safe="")


def _update_body(head: str, encoded_lines: list[str]) -> bytes:
    """Form body ``update=<head><lines>}}}`` from lines already percent-encoded."""
    return f"update={_quote(head)}{''.join(encoded_lines)}{_quote('} }')}".encode("ascii")


def _fill_request(encoded: Iterator[str], budget: int,
                  most: int) -> tuple[list[str], Iterator[str] | None]:
    """Take encoded lines up to ``budget`` bytes or ``most`` lines; rest None = input ended."""
    taken: list[str] = []
    size = 0
    for line in encoded:
        if taken and (size + len(line) > budget or len(taken) >= most):
            return taken, itertools.chain([line], encoded)
        taken.append(line)
        size += len(line)
    return taken, None


def _decoded(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    for line in first:
        yield urllib.parse.unquote_plus(line)
    for line in rest:
        yield urllib.parse.unquote_plus(line)


def _staging_graph(node: ox.NamedNode) -> ox.NamedNode:
    digest = hashlib.sha1(node.value.encode("utf-8")).hexdigest()
    return ox.NamedNode(f"urn:fazhi:staging:{digest}")


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such bare word, past the prologue.

    The form picks the Accept header: Virtuoso answers a CONSTRUCT in a results format when
    results formats are acceptable.
    """
    for match in _TOKENS.finditer(sparql):
        word = (match.group(1) or "").upper()
        if word in _FORMS:
            return word
    return None


def _answer(content_type: str, data: bytes, is_ask: bool) -> QueryResult:
    """Parse the server's answer into the same result objects the embedded store gives."""
    if content_type in ("application/sparql-results+json", "application/json"):
        parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return boolean_result(parsed)
        if is_ask:
            return _ask_from_row(parsed)
        return QueryResult("bindings", parsed, [v.value for v in parsed.variables])
    fmt = GRAPH_FORMATS.get(content_type) or ox.RdfFormat.from_media_type(content_type)
    if fmt is None:
        raise StoreUnavailable(f"the SPARQL store answered in {content_type!r}, "
                                    "which fazhi cannot read")
    return QueryResult("graph", [q.triple for q in ox.parse(data, fmt)])


def _ask_from_row(solutions: ox.QuerySolutions) -> QueryResult:
    """Virtuoso 7 answers ASK with one row ``__ASK_RETVAL`` = 1 or 0 instead of a boolean."""
    rows = [solution[0] for solution in solutions]
    value = rows[0].value if rows and rows[0] is not None else "0"
    return boolean_result(value in ("1", "true"))


def _serialized(items: Iterable, fmt: ox.RdfFormat) -> Iterator[bytes]:
    for batch in chunks(items, DUMP_CHUNK):
        yield ox.serialize(batch, format=fmt)
