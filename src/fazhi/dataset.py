"""The dataset summary: counts and partitions computed when the data changes, never per request.

Corpus-wide aggregations take seconds on a national corpus, so ingest computes them once and
stores them, as VoID, in their own named graph (``graph/dataset``). Pages, VoID, DCAT and HTTP
caching (ETag/Last-Modified from ``version``/``modified``) read that graph: one small query.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode

from fazhi.rdf.namespaces import Vocab
from fazhi.store import Store

VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUMMARY_GRAPH = "graph/dataset"
DATASET = "data/corpus"


@dataclass
class DatasetSummary:
    """What the store holds, as of ``modified``; ``version`` changes whenever the data does."""

    version: str = ""
    modified: str = ""
    triples: int = 0
    graphs: int = 0
    entities: int = 0
    classes: dict[str, int] = field(default_factory=dict)  # class IRI → distinct instances
    properties: dict[str, int] = field(default_factory=dict)  # property IRI → triples

    def count(self, class_iri: str) -> int:
        return self.classes.get(class_iri, 0)


def summary_graph(base_uri: str) -> str:
    return base_uri + SUMMARY_GRAPH


def dataset_iri(base_uri: str) -> str:
    return base_uri + DATASET


def compute_summary(store: Store, base_uri: str) -> DatasetSummary:
    """Count the report graphs (everything but the summary graph itself)."""
    skip = summary_graph(base_uri)
    outside = f"FILTER(?g != <{skip}>)"
    reports = base_uri + "graph/report/"
    summary = DatasetSummary(graphs=len([g for g in store.graphs() if g.startswith(reports)]))
    summary.triples = _number(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {outside} }}")
    summary.classes = _pairs(store, f"SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?k }} {outside} }} GROUP BY ?k")
    summary.properties = _pairs(store, f"SELECT ?k (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?k ?o }} {outside} }} GROUP BY ?k")
    summary.entities = _number(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?k }} {outside} FILTER(isIRI(?s)) }}")
    summary.modified = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    summary.version = _version(store, skip, Vocab(base_uri).fz.iri)
    return summary


def _number(store: Store, query: str) -> int:
    rows = list(store.query(query))
    return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0


def _pairs(store: Store, query: str) -> dict[str, int]:
    return {row["k"].value: int(row["n"].value) for row in store.query(query) if "k" in row}


def current_version(store: Store, base_uri: str) -> str:
    """The version the summary should carry for the graphs stored now (one cheap query):
    differs from the stored summary's after a run that was killed before refreshing it."""
    return _version(store, summary_graph(base_uri), Vocab(base_uri).fz.iri)


def _version(store: Store, skip: str, fz: str) -> str:
    """A digest of the graphs' names and their source digests: equal data, equal version."""
    query = (f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ OPTIONAL {{ ?g <{fz}sourceDigest> ?d }} }} "
             f"FILTER(?g != <{skip}>) }} ORDER BY ?g ?d")
    digest = hashlib.sha256()
    for row in store.query(query):
        digest.update(row["g"].value.encode() + b"\x00" + (row["d"].value.encode() if "d" in row else b"") + b"\n")
    return digest.hexdigest()[:16]


def summary_lines(summary: DatasetSummary, base_uri: str) -> list[str]:
    """The summary as VoID N-Triples lines for the summary graph."""
    ds = NamedNode(dataset_iri(base_uri))
    out = [_line(ds, RDF_TYPE, NamedNode(VOID + "Dataset")),
           _line(ds, VOID + "triples", _int(summary.triples)),
           _line(ds, VOID + "entities", _int(summary.entities)),
           _line(ds, VOID + "classes", _int(len(summary.classes))),
           _line(ds, VOID + "properties", _int(len(summary.properties))),
           _line(ds, VOID + "documents", _int(summary.graphs)),
           _line(ds, DCT + "modified", Literal(summary.modified, datatype=NamedNode(XSD + "dateTime"))),
           _line(ds, OWL + "versionInfo", Literal(summary.version))]
    out += _partitions(ds, "classPartition", "class", "entities", summary.classes)
    out += _partitions(ds, "propertyPartition", "property", "triples", summary.properties)
    return out


def _partitions(ds: NamedNode, link: str, key: str, measure: str, counts: dict[str, int]) -> list[str]:
    lines = []
    for iri, n in sorted(counts.items()):
        part = NamedNode(f"{ds.value}/{link}/{hashlib.sha1(iri.encode()).hexdigest()[:12]}")
        lines += [_line(ds, VOID + link, part), _line(part, VOID + key, NamedNode(iri)),
                  _line(part, VOID + measure, _int(n))]
    return lines


def _line(s: NamedNode, p: str, o) -> str:
    return f"{s} <{p}> {o} .\n"


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))


def refresh_summary(store: Store, base_uri: str) -> DatasetSummary:
    """Recompute the summary and store it (one atomic graph replacement)."""
    summary = compute_summary(store, base_uri)
    store.replace_graph_lines(summary_graph(base_uri), summary_lines(summary, base_uri))
    return summary


def read_summary(store: Store, base_uri: str) -> DatasetSummary:
    """The stored summary (empty when the store has never been summarised)."""
    ds, g = dataset_iri(base_uri), summary_graph(base_uri)
    summary = DatasetSummary()
    query = f"SELECT ?p ?o WHERE {{ GRAPH <{g}> {{ <{ds}> ?p ?o }} }}"
    for row in store.query(query):
        _read_field(summary, row["p"].value, row["o"].value)
    summary.classes = _read_partitions(store, g, ds, "classPartition", "class", "entities")
    summary.properties = _read_partitions(store, g, ds, "propertyPartition", "property", "triples")
    return summary


_FIELDS = {VOID + "triples": "triples", VOID + "entities": "entities", VOID + "documents": "graphs",
           DCT + "modified": "modified", OWL + "versionInfo": "version"}


def _read_field(summary: DatasetSummary, predicate: str, value: str) -> None:
    name = _FIELDS.get(predicate)
    if name is not None:
        setattr(summary, name, int(value) if isinstance(getattr(summary, name), int) else value)


def _read_partitions(store: Store, g: str, ds: str, link: str, key: str, measure: str) -> dict[str, int]:
    query = (f"SELECT ?k ?n WHERE {{ GRAPH <{g}> {{ <{ds}> <{VOID}{link}> ?part . "
             f"?part <{VOID}{key}> ?k ; <{VOID}{measure}> ?n }} }}")
    return {row["k"].value: int(row["n"].value) for row in store.query(query)}
