"""The ontology's classes and properties, and the prefixes researchers type, for the editor.

Terms come from ``ontology/fazhi.ttl`` (parsed against the deployment's base URI) and from the
dataset summary's class and property partitions, so autocompletion offers the reused
vocabularies' terms (dct:title, qb:Observation, …) that the data actually uses.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from fazhi.paths import resource_dir
from fazhi.rdf import namespaces as ns

RDF_TYPE = ns.RDF.type
CLASS_TYPES = {ns.OWL.Class, ns.RDFS.Class}
PROPERTY_TYPES = {ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty, ns.RDF.Property,
                  ns.OWL.AnnotationProperty}


def prefixes(base_uri: str) -> dict[str, str]:
    """The prefixes the editor starts with (and the examples use)."""
    reused = {"rdf": ns.RDF, "rdfs": ns.RDFS, "xsd": ns.XSD, "owl": ns.OWL, "dct": ns.DCT,
              "skos": ns.SKOS, "org": ns.ORG, "cv": ns.CV, "qb": ns.QB, "prov": ns.PROV,
              "oa": ns.OA, "nif": ns.NIF, "time": ns.TIME, "unit": ns.UNIT,
              "sdmx-dimension": ns.SDMX_DIMENSION, "sdmx-measure": ns.SDMX_MEASURE,
              "sdmx-attribute": ns.SDMX_ATTRIBUTE}
    own = {"fz": base_uri + ns.FZ_PATH, "ind": f"{base_uri}def/{ns.INDICATOR_SCHEME}/"}
    return {**{k: v.iri for k, v in reused.items()}, **own}


@lru_cache(maxsize=4)
def ontology_terms(base_uri: str) -> dict[str, list[dict]]:
    """Classes and properties declared in the packaged ontology, with labels."""
    path = resource_dir("ontology") / "fazhi.ttl"
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base_uri))
    types: dict[str, set] = {}
    labels: dict[str, list[str]] = {}
    for q in quads:
        if q.predicate == RDF_TYPE:
            types.setdefault(q.subject.value, set()).add(q.object)
        elif q.predicate in (ns.RDFS.label, ns.SKOS.prefLabel) and isinstance(q.object, ox.Literal):
            labels.setdefault(q.subject.value, []).append(q.object.value)
    classes = [_term(iri, labels) for iri, t in types.items() if t & CLASS_TYPES]
    props = [_term(iri, labels) for iri, t in types.items() if t & PROPERTY_TYPES]
    return {"classes": sorted(classes, key=_key), "properties": sorted(props, key=_key)}


def _term(iri: str, labels: dict[str, list[str]]) -> dict:
    return {"iri": iri, "label": " / ".join(labels.get(iri, []))}


def _key(term: dict) -> str:
    return term["iri"]


def all_terms(base_uri: str, used_classes: dict[str, int], used_properties: dict[str, int]) -> dict:
    """Ontology terms plus the terms the data uses (with how often), prefixes included."""
    declared = ontology_terms(base_uri)
    return {"prefixes": prefixes(base_uri),
            "classes": _merge(declared["classes"], used_classes),
            "properties": _merge(declared["properties"], used_properties)}


def _merge(declared: list[dict], used: dict[str, int]) -> list[dict]:
    merged = {t["iri"]: dict(t, count=used.get(t["iri"], 0)) for t in declared}
    for iri, count in used.items():
        merged.setdefault(iri, {"iri": iri, "label": "", "count": count})
    return sorted(merged.values(), key=lambda t: (-t["count"], t["iri"]))
