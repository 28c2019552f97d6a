"""Counts over the store, for ``fazhi stats`` (computed live, from the dataset summary code)."""

from __future__ import annotations

from fazhi.dataset import compute_summary
from fazhi.rdf.namespaces import Vocab
from fazhi.store import Store

_CLASSES = {
    "reports": "{fz}Report",
    "observations": "http://purl.org/linked-data/cube#Observation",
    "organizations": "http://www.w3.org/ns/org#Organization",
    "documents": "{fz}GovernmentDocument",
    "measures": "{fz}Measure",
    "problems": "{fz}Problem",
    "plans": "{fz}PlannedMeasure",
    "indicators": "http://www.w3.org/2004/02/skos/core#Concept",
}


def compute_stats(store: Store, base_uri: str) -> dict[str, int | str]:
    """Triples, graphs and distinct instances per class, as of now."""
    fz = Vocab(base_uri).fz.iri
    summary = compute_summary(store, base_uri)
    counts: dict[str, int | str] = {"triples": summary.triples, "graphs": summary.graphs}
    for name, cls in _CLASSES.items():
        counts[name] = summary.count(cls.format(fz=fz))
    counts["version"] = summary.version
    return counts
