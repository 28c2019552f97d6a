"""The SPARQL 1.1 Service Description of the endpoint, as RDF triples."""

from __future__ import annotations

import pyoxigraph as ox

from fazhi.config import Config
from fazhi.dataset import DatasetSummary, dataset_iri

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def description(endpoint: str, config: Config, summary: DatasetSummary) -> list[ox.Triple]:
    """What the endpoint speaks, what it holds and its limits."""
    service, dataset, graph = _n(endpoint), ox.BlankNode(), ox.BlankNode()
    triples = [
        (service, RDF_TYPE, _n(SD + "Service")),
        (service, _n(SD + "endpoint"), service),
        (service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        (service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        (service, _n(SD + "defaultDataset"), dataset),
        (service, _n(DCT + "description"), ox.Literal(_limits(config), language="en")),
        (dataset, RDF_TYPE, _n(SD + "Dataset")),
        (dataset, _n(DCT + "source"), _n(dataset_iri(config.base_uri))),
        (dataset, _n(SD + "defaultGraph"), graph),
        (graph, RDF_TYPE, _n(SD + "Graph")),
        (graph, _n(VOID + "triples"), ox.Literal(str(summary.triples), datatype=_n(
            "http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    triples += [(service, _n(SD + "resultFormat"), _n(FORMATS + f)) for f in RESULT_FORMATS]
    return [ox.Triple(*t) for t in triples]


def _limits(config: Config) -> str:
    return (f"Read-only SPARQL 1.1 endpoint. The default graph is the union of every report's "
            f"named graph. Limits: {config.query_timeout:g} s per query (lower it with the "
            f"timeout parameter), {config.max_rows} rows or triples per answer (a cut answer "
            f"carries the header X-Fazhi-Truncated: true), {config.max_concurrent_queries} "
            f"queries at once, {config.max_request_bytes} bytes per request. SERVICE, LOAD "
            "and FROM of IRIs that are not graphs of this dataset are refused.")
