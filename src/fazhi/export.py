"""Dumps: the whole dataset or one report's graph, in any RDF format, streamed.

Memory stays flat whatever the size of the store: statements are read from the store's own
streamed dump (:meth:`Store.dump`) and written in batches of :data:`BATCH` statements.

* N-Quads is the store's N-Quads stream passed through unchanged: the fastest format.
* N-Triples is each graph's N-Triples stream passed through, one graph after the other.
* Turtle, TriG, RDF/XML and JSON-LD are written batch by batch; each batch is serialised by
  pyoxigraph and *spliced* into one document: Turtle/TriG prefixes are written once at the top,
  RDF/XML keeps one ``<rdf:RDF>`` root, JSON-LD one top-level array.

Named graphs are kept by N-Quads, TriG and JSON-LD; Turtle, N-Triples and RDF/XML hold the
union of the graphs. One report's graph alone is named in N-Quads and TriG, and a plain graph
in the other formats. A triple that several graphs hold (an organisation's label described in
each report that names it) is written once per graph there: RDF graphs are sets, so a parser
reads the union, and de-duplicating across 10⁵ graphs would cost memory that grows with them.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from fazhi.errors import BadRequest, NotFound
from fazhi.paths import resource_dir
from fazhi.store import Store

__all__ = ["BATCH", "FORMATS", "Format", "export", "ontology_prefixes", "resolve_graph", "get_format"]

#: Statements per serialised batch: big enough that per-call overhead vanishes, small enough
#: that a batch is a few megabytes.
BATCH = 20_000

#: The EU Publications Office file-type authority table (used by DCAT ``dct:format``).
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class Format:
    """One dump format: its short name, media type, file extension and whether it keeps graphs."""

    key: str
    label: str
    media_type: str
    extension: str
    rdf_format: ox.RdfFormat
    keeps_graphs: bool
    file_type: str  # code in the EU file-type authority table

    @property
    def file_type_iri(self) -> str:
        return FILE_TYPE + self.file_type


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("nq", "N-Quads", "application/n-quads", "nq", ox.RdfFormat.N_QUADS, True, "RDF_N_QUADS"),
    Format("trig", "TriG", "application/trig", "trig", ox.RdfFormat.TRIG, True, "RDF_TRIG"),
    Format("jsonld", "JSON-LD", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD, True, "JSON_LD"),
    Format("ttl", "Turtle", "text/turtle", "ttl", ox.RdfFormat.TURTLE, False, "RDF_TURTLE"),
    Format("nt", "N-Triples", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, False, "RDF_N_TRIPLES"),
    Format("rdf", "RDF/XML", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML, False, "RDF_XML"),
)}

_ALIASES = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "json-ld": "jsonld", "xml": "rdf",
            "rdfxml": "rdf", "owl": "rdf"}


def get_format(name: str) -> Format:
    """The format for a short name (``ttl``), an extension or a media type.

    :raises BadRequest: no such format.
    """
    key = name.split(";")[0].strip().lower()
    key = _ALIASES.get(key, key)
    for fmt in FORMATS.values():
        if key in (fmt.key, fmt.media_type):
            return fmt
    raise BadRequest(f"unknown dump format {name!r}; use one of: {', '.join(FORMATS)}")


@lru_cache(maxsize=8)
def ontology_prefixes(base_uri: str) -> dict[str, str]:
    """The ``@prefix`` declarations of the ontology files, relative ones resolved on ``base_uri``.

    Read with a pattern rather than a parser: only the prefix lines matter, and the files are
    the project's own.
    """
    found: dict[str, str] = {}
    pattern = re.compile(r"^@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>\s*\.", re.M)
    for name in ("fazhi.ttl", "indicators.ttl"):
        text = (resource_dir("ontology") / name).read_text(encoding="utf-8")
        for prefix, iri in pattern.findall(text):
            if prefix and prefix not in found:
                found[prefix] = iri if "://" in iri else base_uri + iri
    found.setdefault("ip", base_uri + "def/indicator-phrase/")
    found.setdefault("void", "http://rdfs.org/ns/void#")
    return found


def resolve_graph(store: Store, base_uri: str, spec: str) -> str:
    """The graph IRI for a graph IRI, a report IRI or a short form ``511083/government/2021``.

    :raises NotFound: no such graph in the store.
    """
    spec = spec.strip().strip("/")
    candidates = [spec]
    if spec.startswith(base_uri + "id/report/"):
        candidates = [base_uri + "graph/report/" + spec[len(base_uri + "id/report/"):]]
    elif "://" not in spec:
        candidates = [base_uri + "graph/report/" + spec, base_uri + spec]
    graphs = set(store.graphs())
    for candidate in candidates:
        if candidate in graphs:
            return candidate
    raise NotFound(f"no report graph {spec!r} in the store (give a graph IRI, a report IRI "
                   "or a short form such as 511083/government/2021)")


def export(store: Store, fmt: Format, out: BinaryIO, *, base_uri: str, graph: str | None = None) -> int:
    """Write the dataset (or ``graph``) to ``out`` in ``fmt``; return the statements written."""
    graphs = [graph] if graph else store.graphs()
    if fmt.key == "nq" and graph is None:
        return _copy_lines(store.dump(fmt.media_type), out)
    if fmt.key == "nt":
        return sum(_copy_lines(store.dump(fmt.media_type, g), out) for g in graphs)
    splicer = _SPLICERS[fmt.key](fmt, ontology_prefixes(base_uri))
    out.write(splicer.header())
    count = 0
    # One graph alone in JSON-LD is a plain graph: JSON-LD readers load it as such.
    keep_graphs = fmt.keeps_graphs and not (graph and fmt.key == "jsonld")
    for batch in _batches(store, graphs, keep_graphs):
        count += len(batch)
        out.write(splicer.body(ox.serialize(batch, format=fmt.rdf_format, prefixes=splicer.prefixes)))
    out.write(splicer.footer())
    return count


def _copy_lines(chunks: Iterable[bytes], out: BinaryIO) -> int:
    """Copy a line-based stream (N-Triples, N-Quads: one statement per line) and count it."""
    count = 0
    for chunk in chunks:
        count += chunk.count(b"\n")
        out.write(chunk)
    return count


def _batches(store: Store, graphs: list[str], keep_graphs: bool) -> Iterator[list]:
    """Statements of ``graphs`` in batches: quads when graph names are kept, else triples."""
    for graph in graphs:
        statements = ox.parse(ChunkReader(store.dump("application/n-triples", graph)),
                              format=ox.RdfFormat.N_TRIPLES)
        name = ox.NamedNode(graph)
        while True:
            batch = [ox.Quad(q.subject, q.predicate, q.object, name) if keep_graphs else q.triple
                     for q in itertools.islice(statements, BATCH)]
            if not batch:
                break
            yield batch


class ChunkReader(io.RawIOBase):
    """A read-only binary file over an iterator of byte chunks, for streaming parsers."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            self._pending = next(self._chunks, None)
            if self._pending is None:
                self._pending = b""
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _Splicer:
    """Turns separately serialised batches into one document (the default: plain concatenation)."""

    def __init__(self, fmt: Format, prefixes: dict[str, str]):
        self.fmt = fmt
        self.prefixes = prefixes

    def header(self) -> bytes:
        return b""

    def body(self, chunk: bytes) -> bytes:
        return chunk

    def footer(self) -> bytes:
        return b""


class _PrefixedSplicer(_Splicer):
    """Turtle and TriG: the prefixes once at the top; each batch's own copy is cut off."""

    def header(self) -> bytes:
        lines = (f"@prefix {p}: <{iri}> .\n" for p, iri in self.prefixes.items())
        return ("".join(lines) + "\n").encode()

    def body(self, chunk: bytes) -> bytes:
        start = 0
        while chunk.startswith(b"@prefix ", start):
            start = chunk.index(b"\n", start) + 1
        return chunk[start:]


class _XmlSplicer(_Splicer):
    """RDF/XML: one ``<?xml?>``/``<rdf:RDF …>`` root around every batch's descriptions.

    pyoxigraph declares the given prefixes on the root and any other namespace on the element
    that needs it, so every batch has the same root and its inside can be lifted out.
    """

    def __init__(self, fmt: Format, prefixes: dict[str, str]):
        super().__init__(fmt, _xml_prefixes(prefixes))
        empty = ox.serialize([], format=fmt.rdf_format, prefixes=self.prefixes)
        self._open, _, self._close = empty.rpartition(b"</rdf:RDF>")
        self._close = b"</rdf:RDF>" + self._close

    def header(self) -> bytes:
        return self._open

    def body(self, chunk: bytes) -> bytes:
        if not chunk.startswith(self._open):  # pragma: no cover - a pyoxigraph change
            raise RuntimeError("RDF/XML batch does not start with the expected root element")
        return chunk[len(self._open):chunk.rindex(b"</rdf:RDF>")]

    def footer(self) -> bytes:
        return self._close + b"\n"


def _xml_prefixes(prefixes: dict[str, str]) -> dict[str, str]:
    """Prefixes usable as XML namespaces: the ones whose names are valid XML names."""
    return {p: iri for p, iri in prefixes.items() if re.fullmatch(r"[A-Za-z_][\w.-]*", p)}


class _JsonSplicer(_Splicer):
    """JSON-LD: each batch is an expanded array; their items go into one top-level array."""

    def __init__(self, fmt: Format, prefixes: dict[str, str]):
        super().__init__(fmt, prefixes)
        self._first = True

    def header(self) -> bytes:
        return b"[\n"

    def body(self, chunk: bytes) -> bytes:
        inner = chunk.strip()[1:-1].strip()
        if not inner:
            return b""
        separator = b"" if self._first else b",\n"
        self._first = False
        return separator + inner

    def footer(self) -> bytes:
        return b"\n]\n"


_SPLICERS = {"ttl": _PrefixedSplicer, "trig": _PrefixedSplicer, "rdf": _XmlSplicer,
             "jsonld": _JsonSplicer, "nq": _Splicer, "nt": _Splicer}
