"""``fazhi validate``: SHACL over the report graphs of a store, or over one file.

pySHACL takes seconds per report graph, so graphs are validated in worker processes; the main
process only streams each graph out of the store.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import RdfFormat, parse

from fazhi.config import Config
from fazhi.errors import InputError
from fazhi.rdf import Minter, Violation, validate_triples
from fazhi.store import Store

_RDF_SUFFIXES = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".rdf": RdfFormat.RDF_XML,
                 ".owl": RdfFormat.RDF_XML, ".jsonld": RdfFormat.JSON_LD}


def _validate_ntriples(job: tuple[bytes, str]) -> list[Violation]:
    data, base_uri = job
    return validate_triples(parse(data, format=RdfFormat.N_TRIPLES), base_uri)


def validate_store(store: Store, config: Config, graphs: list[str] | None = None,
                   workers: int | None = None) -> list[Violation]:
    """Every SHACL result for the chosen (default: all) report graphs."""
    names = graphs or [g for g in store.graphs() if "/graph/report/" in g]
    registry = Minter(config.base_uri).registry_graph().value
    jobs = ((report_with_registry(store, g, registry), config.base_uri) for g in names)
    workers = min(workers or os.cpu_count() or 1, max(1, len(names)))
    if workers == 1:
        return [v for job in jobs for v in _validate_ntriples(job)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [v for batch in pool.map(_validate_ntriples, jobs) for v in batch]


def report_with_registry(store: Store, graph: str, registry: str) -> bytes:
    """A report graph plus the registry's descriptions of what it links to (and what those
    link to: an organisation's area and that area's parent), as one N-Triples document."""
    own = b"".join(store.dump("application/n-triples", graph))
    reachable = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?x ?y ?start }} "
        f"GRAPH <{registry}> {{ ?start (!<urn:fazhi:none>)* ?s }} }} }} GRAPH <{registry}> {{ ?s ?p ?o }} }}")
    return own + reachable.serialize("application/n-triples")


def validate_file(path: str, config: Config) -> list[Violation]:
    """An RDF file (by its extension) is validated as it is; anything else is read as a report."""
    suffix = Path(path).suffix.lower()
    if suffix in _RDF_SUFFIXES:
        try:
            triples = list(parse(path=path, format=_RDF_SUFFIXES[suffix], base_iri=config.base_uri))
        except SyntaxError as exc:
            raise InputError(f"not valid RDF: {exc}", source=path) from None
        return validate_triples(triples, config.base_uri)
    return _validate_report(path, config)


def _validate_report(path: str, config: Config) -> list[Violation]:
    from fazhi.extract import read_report
    from fazhi.rdf import Minter, map_report

    report = read_report(path, max_bytes=config.max_report_bytes)
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    graph = map_report(report, Minter(config.base_uri), source_name=Path(path).name, extracted_at=stamp)
    return validate_triples(graph.triples, config.base_uri)
