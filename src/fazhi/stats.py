"""Counts over the store: what ``fazhi stats`` prints and what the home page shows."""

from __future__ import annotations

from fazhi.rdf.namespaces import Vocab
from fazhi.store import Store

_CLASSES = {
    "reports": "{fz}Report",
    "observations": "http://purl.org/linked-data/cube#Observation",
    "organizations": "http://www.w3.org/ns/org#Organization",
    "documents": "{fz}GovernmentDocument",
    "measures": "{fz}Measure",
}


def compute_stats(store: Store, base_uri: str) -> dict[str, int]:
    """Triples, graphs and instances per class (distinct across report graphs)."""
    fz = Vocab(base_uri).fz.iri
    counts = {"triples": store.count(), "graphs": len(store.graphs())}
    for name, cls in _CLASSES.items():
        counts[name] = _count_instances(store, cls.format(fz=fz))
    counts["indicators"] = _count_indicators(store, fz)
    return counts


def _count_instances(store: Store, cls: str) -> int:
    rows = list(store.query(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{cls}> }}"))
    return int(rows[0]["n"].value) if rows else 0


def _count_indicators(store: Store, fz: str) -> int:
    rows = list(store.query(f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ ?o <{fz}indicator> ?i }}"))
    return int(rows[0]["n"].value) if rows else 0
