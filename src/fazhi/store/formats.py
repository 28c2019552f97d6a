"""Media types the store can produce, as data: one table per result kind.

Query results and dumps are serialised by pyoxigraph whatever the backend, so every backend
answers with the same bytes for the same rows.
"""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

from fazhi.errors import NotAcceptable

#: SELECT and ASK results.
RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

#: CONSTRUCT and DESCRIBE results, and single-graph dumps.
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}

#: Whole-dataset dumps (every graph, graph names kept).
DATASET_FORMATS: dict[str, RdfFormat] = {
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}

#: Short names accepted wherever a media type is, for the CLI's convenience.
ALIASES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
    "turtle": "text/turtle", "nt": "application/n-triples", "rdf": "application/rdf+xml",
    "nq": "application/n-quads", "trig": "application/trig",
}


def pick(media_type: str, table: dict, what: str):
    """Return the format for ``media_type`` from ``table``, or raise NotAcceptable."""
    key = media_type.split(";")[0].strip().lower()
    key = ALIASES.get(key, key)
    try:
        return table[key]
    except KeyError:
        offered = ", ".join(k for k in table if k not in ("application/json", "application/xml"))
        raise NotAcceptable(f"{what} cannot be written as {media_type!r}; use one of: {offered}")
