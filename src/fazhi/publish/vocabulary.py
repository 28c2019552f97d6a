"""The ontology and concept schemes as documents: the graphs, and the view models pages show.

The files in ``ontology/`` are the source; their relative IRIs are resolved against the
deployment's base URI, so ``/def/fz`` describes ``{base}def/fz#…`` wherever fazhi runs.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT, OWL, RDF, RDFS, SKOS

from fazhi.paths import resource_dir

ONTOLOGY_FILES = ("fazhi.ttl", "indicators.ttl")
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@lru_cache(maxsize=8)
def load(name: str, base_uri: str) -> Graph:
    """One ontology file parsed with ``base_uri`` as base (cached: the files do not change)."""
    graph = Graph()
    graph.parse(resource_dir("ontology") / name, format="turtle", publicID=base_uri)
    return graph


@lru_cache(maxsize=8)
def vocabulary(base_uri: str) -> Graph:
    """Every vocabulary file in one graph: the ontology, its concept schemes, the indicators."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph += load(name, base_uri)
    for prefix, ns in load("fazhi.ttl", base_uri).namespaces():
        graph.bind(prefix, ns, override=True)
    return graph


def describe(graph: Graph, node: URIRef) -> Graph:
    """The statements about ``node``, with the blank nodes they lead to (a bounded description)."""
    out = Graph(namespace_manager=graph.namespace_manager)
    todo, seen = [node], set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for p, o in graph.predicate_objects(subject):
            out.add((subject, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def scheme_document(graph: Graph, scheme: URIRef) -> Graph:
    """A concept scheme and all its concepts."""
    out = describe(graph, scheme)
    for concept in graph.subjects(SKOS.inScheme, scheme):
        out += describe(graph, concept)
    return out


class Views:
    """Builds the dictionaries templates render; labels in zh and en, links kept local."""

    def __init__(self, graph: Graph, base_uri: str):
        self.g, self.base = graph, base_uri

    def text(self, node, prop, lang: str) -> str:
        for value in self.g.objects(node, prop):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
        return ""

    def term(self, node) -> dict:
        iri = str(node)
        label = (self.text(node, RDFS.label, "zh") or self.text(node, SKOS.prefLabel, "zh")
                 or self.text(node, RDFS.label, "en") or self.text(node, SKOS.prefLabel, "en"))
        local = iri[len(self.base) - 1:] if iri.startswith(self.base) else iri
        curie = self.g.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else iri
        return {"iri": iri, "href": local, "label": label, "curie": curie,
                "anchor": iri.rsplit("#", 1)[-1] if "#" in iri else ""}

    def terms(self, nodes) -> list[dict]:
        return [self.term(n) for n in sorted(set(nodes)) if isinstance(n, URIRef)]

    def entry(self, node) -> dict:
        return {**self.term(node),
                "label_zh": self.text(node, RDFS.label, "zh") or self.text(node, SKOS.prefLabel, "zh"),
                "label_en": self.text(node, RDFS.label, "en") or self.text(node, SKOS.prefLabel, "en"),
                "definition_zh": self.text(node, SKOS.definition, "zh"),
                "definition_en": self.text(node, SKOS.definition, "en"),
                "notation": str(self.g.value(node, SKOS.notation) or "")}

    def ontology(self, ontology: URIRef) -> dict:
        classes = sorted(set(self.g.subjects(RDF.type, OWL.Class)) & set(self.g.subjects(RDFS.isDefinedBy, ontology)))
        properties = sorted({p for t in PROPERTY_TYPES for p in self.g.subjects(RDF.type, t)}
                            & set(self.g.subjects(RDFS.isDefinedBy, ontology)))
        return {**self.entry(ontology),
                "title_zh": self.text(ontology, DCT.title, "zh"), "title_en": self.text(ontology, DCT.title, "en"),
                "description_zh": self.text(ontology, DCT.description, "zh"),
                "description_en": self.text(ontology, DCT.description, "en"),
                "version": str(self.g.value(ontology, OWL.versionInfo) or ""),
                "license": str(self.g.value(ontology, DCT.license) or ""),
                "classes": [self.class_entry(c) for c in classes],
                "properties": [self.property_entry(p) for p in properties],
                "schemes": self.terms(self.g.subjects(RDF.type, SKOS.ConceptScheme))}

    def class_entry(self, node) -> dict:
        return {**self.entry(node), "superclasses": self.terms(self.g.objects(node, RDFS.subClassOf)),
                "subclasses": self.terms(self.g.subjects(RDFS.subClassOf, node)),
                "in_domain_of": self.terms(self.g.subjects(RDFS.domain, node)),
                "in_range_of": self.terms(self.g.subjects(RDFS.range, node))}

    def property_entry(self, node) -> dict:
        return {**self.entry(node), "types": self.terms(self.g.objects(node, RDF.type)),
                "domain": self.terms(self.g.objects(node, RDFS.domain)),
                "range": self.terms(self.g.objects(node, RDFS.range)),
                "superproperties": self.terms(self.g.objects(node, RDFS.subPropertyOf)),
                "inverse": self.terms(self.g.objects(node, OWL.inverseOf))}

    def scheme(self, scheme: URIRef, concepts=None) -> dict:
        members = sorted(concepts if concepts is not None else self.g.subjects(SKOS.inScheme, scheme))
        tops = set(self.g.objects(scheme, SKOS.hasTopConcept))
        return {**self.entry(scheme), "concepts": [self.concept(c) for c in members],
                "top": [self.concept(c) for c in sorted(tops)], "has_hierarchy": any(
                    (c, SKOS.broader, None) in self.g for c in members)}

    def concept(self, node) -> dict:
        return {**self.entry(node), "broader": self.terms(self.g.objects(node, SKOS.broader)),
                "narrower": self.terms(self.g.subjects(SKOS.broader, node)),
                "alt": sorted(str(o) for o in self.g.objects(node, SKOS.altLabel)),
                "schemes": self.terms(self.g.objects(node, SKOS.inScheme)),
                "matches": self.terms(o for p in (SKOS.exactMatch, SKOS.closeMatch) for o in self.g.objects(node, p))}

    def statements(self, node) -> list[dict]:
        """Every statement about ``node``, for the generic resource page."""
        rows = []
        for p, o in sorted(self.g.predicate_objects(node)):
            value = self.term(o) if isinstance(o, URIRef) else {"text": str(o), "lang": getattr(o, "language", None)}
            rows.append({"predicate": self.term(p), "value": value})
        return rows
