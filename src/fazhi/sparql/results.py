"""Write a query's answer in the format asked for, stopping at the row cap and saying so.

Rows are cut at ``max_rows`` while they stream from the engine, then written through
pyoxigraph's own serialisers so every format is exact: the kept rows travel as SPARQL TSV
(a term's ``str()`` is already its TSV form), which pyoxigraph reads back and writes in the
format asked for. A cut answer carries a marker inside the document where the format has a
place for one (a ``link`` in the head of SPARQL JSON and XML results, a comment in Turtle and
N-Triples); the HTTP layer adds ``X-Fazhi-Truncated: true`` for every format.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Iterable

import pyoxigraph as ox

from fazhi.errors import NotAcceptable

#: SELECT/ASK answers, by media type.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: CONSTRUCT/DESCRIBE answers, by media type.
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: ``?format=`` names.
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
    "turtle": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml",
}
#: Marker IRI placed in the head of a cut SPARQL JSON/XML answer.
TRUNCATED_LINK = "urn:fazhi:result:truncated"


@dataclass
class Written:
    """A serialised answer: ``rows`` rows or triples were kept; ``truncated`` if more existed."""

    body: bytes
    media_type: str
    rows: int
    truncated: bool = False


def write(answer: Any, media_type: str, max_rows: int) -> Written:
    """Serialise a pyoxigraph answer (QuerySolutions, QueryBoolean or triples)."""
    if isinstance(answer, ox.QueryBoolean):
        return Written(answer.serialize(format=_result_format(media_type)), media_type, 1)
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        return write_rows(names, ([s[n] for n in names] for s in answer), media_type, max_rows)
    return write_triples(answer, media_type, max_rows)


def write_rows(names: list[str], rows: Iterable[list[Any]], media_type: str,
               max_rows: int) -> Written:
    """Serialise rows (lists of terms or None, in ``names`` order), at most ``max_rows``."""
    fmt = _result_format(media_type)
    lines = ["\t".join("?" + n for n in names)]
    for row in itertools.islice(rows, max_rows + 1):
        lines.append("\t".join("" if t is None else str(t) for t in row))
    kept = len(lines) - 1
    truncated = kept > max_rows
    if truncated:
        lines.pop()
        kept -= 1
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=fmt)
    if truncated:
        body = _mark_results(body, fmt)
    return Written(body, media_type, kept, truncated)


def write_triples(triples: Iterable[Any], media_type: str, max_rows: int) -> Written:
    """Serialise triples, at most ``max_rows`` of them."""
    fmt = _graph_format(media_type)
    kept = list(itertools.islice(triples, max_rows + 1))
    truncated = len(kept) > max_rows
    if truncated:
        kept.pop()
    body = ox.serialize(kept, format=fmt)
    if truncated and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        body = (f"# truncated: only the first {max_rows} triples of the answer are "
                "given (row cap)\n").encode("utf-8") + body
    return Written(body, media_type, len(kept), truncated)


def _mark_results(body: bytes, fmt: ox.QueryResultsFormat) -> bytes:
    if fmt == ox.QueryResultsFormat.JSON:
        return body.replace(b'{"head":{', b'{"head":{"link":["%s"],' % TRUNCATED_LINK.encode(), 1)
    if fmt == ox.QueryResultsFormat.XML:
        return body.replace(b"</head>", b'<link href="%s"/></head>' % TRUNCATED_LINK.encode(), 1)
    return body


def _result_format(media_type: str) -> ox.QueryResultsFormat:
    try:
        return RESULT_TYPES[media_type]
    except KeyError:
        raise NotAcceptable(f"a SELECT or ASK answer cannot be written as {media_type}; "
                            f"use one of: {', '.join(RESULT_TYPES)}") from None


def _graph_format(media_type: str) -> ox.RdfFormat:
    try:
        return GRAPH_TYPES[media_type]
    except KeyError:
        raise NotAcceptable(f"a CONSTRUCT or DESCRIBE answer cannot be written as {media_type}; "
                            f"use one of: {', '.join(GRAPH_TYPES)}") from None
