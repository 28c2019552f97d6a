"""The data document of an entity: its triples, links into it (capped), and its neighbours' names.

A client that dereferences an IRI gets enough to show it without a second request: the labels
of everything it links to come along (as Prez's "annotated" profile and Trifid's label loader
do). The document says which dataset it belongs to and, when incoming links were cut, how.
"""

from __future__ import annotations

import pyoxigraph as ox

from fazhi.dataset import dataset_iri
from fazhi.web.describe import INCOMING_SAMPLE, Description
from fazhi.web.links import MEDIA_EXTENSION

VOID_IN_DATASET = ox.NamedNode("http://rdfs.org/ns/void#inDataset")
FOAF_PRIMARY_TOPIC = ox.NamedNode("http://xmlns.com/foaf/0.1/primaryTopic")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "org": "http://www.w3.org/ns/org#",
    "qb": "http://purl.org/linked-data/cube#", "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#", "void": "http://rdfs.org/ns/void#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def document_triples(d: Description, base_uri: str) -> list[ox.Triple]:
    """Every triple of the data document about ``d.iri``."""
    subject = ox.NamedNode(d.iri)
    triples = [ox.Triple(subject, ox.NamedNode(p), o) for p, o in d.out]
    for frag, pairs in d.fragments.items():
        triples += [ox.Triple(ox.NamedNode(frag), ox.NamedNode(p), o) for p, o in pairs]
    for inc in d.incoming:
        triples += [ox.Triple(ox.NamedNode(s), ox.NamedNode(inc.prop), subject) for s in inc.subjects]
    triples += label_triples(d)
    doc = ox.NamedNode(base_uri + "data/" + d.iri[len(base_uri):] if d.iri.startswith(base_uri) else d.iri)
    triples += [ox.Triple(doc, FOAF_PRIMARY_TOPIC, subject),
                ox.Triple(doc, VOID_IN_DATASET, ox.NamedNode(dataset_iri(base_uri)))]
    if d.incoming_capped:
        note = (f"Only the first {INCOMING_SAMPLE} links into this resource are listed; "
                "query /sparql for all of them.")
        triples.append(ox.Triple(doc, RDFS_COMMENT, ox.Literal(note, language="en")))
    return list(dict.fromkeys(triples))


def _neighbours(d: Description) -> list[str]:
    iris = {o.value for _, o in d.out if isinstance(o, ox.NamedNode)}
    iris.update(s for inc in d.incoming for s in inc.subjects)
    iris.discard(d.iri)
    return sorted(iris)


def label_triples(d: Description) -> list[ox.Triple]:
    """The label triples (rdfs:label, skos:prefLabel, dct:title) of the neighbours, as stored."""
    return [ox.Triple(ox.NamedNode(iri), ox.NamedNode(prop), literal)
            for iri in _neighbours(d) if iri in d.names for prop, literal in d.names[iri].stated]


def serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    fmt = FORMATS[media_type]
    if fmt in (ox.RdfFormat.TURTLE,):
        return ox.serialize(triples, format=fmt, prefixes=PREFIXES)
    return ox.serialize(triples, format=fmt)


def extension(media_type: str) -> str:
    return MEDIA_EXTENSION[media_type]
