"""The VoID description of the corpus (served at ``/.well-known/void``).

Counts and partitions are the dataset summary computed at ingest (``graph/dataset``), reused as
they are stored, so the VoID document costs one small query and never a corpus-wide count.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT, RDF, XSD

from fazhi.config import Config
from fazhi.dataset import DatasetSummary, dataset_iri, summary_lines
from fazhi.publish.manifest import Manifest

VOID = Namespace("http://rdfs.org/ns/void#")

#: Vocabularies the data uses, by namespace (void:vocabulary takes the namespace IRI).
_KNOWN_VOCABULARIES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
    "http://purl.org/dc/terms/", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/org#",
    "http://data.europa.eu/m8g/", "http://purl.org/spar/fabio/", "http://purl.org/linked-data/cube#",
    "http://purl.org/linked-data/sdmx/2009/dimension#", "http://purl.org/linked-data/sdmx/2009/measure#",
    "http://purl.org/linked-data/sdmx/2009/attribute#", "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/oa#", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://www.w3.org/2006/time#", "http://www.w3.org/2002/07/owl#",
)


def void_graph(config: Config, summary: DatasetSummary, manifest: Manifest | None,
               examples: list[str]) -> Graph:
    """VoID for the corpus: counts and partitions, endpoint, dumps, URI space, vocabularies."""
    base = config.base_uri
    g = Graph()
    g.bind("void", VOID)
    g.bind("dct", DCT)
    if summary.version:
        g.parse(data="".join(summary_lines(summary, base)), format="nt")
    ds = URIRef(dataset_iri(base))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCT.title, Literal(config.dataset_title, lang="zh")))
    g.add((ds, DCT.license, URIRef(config.license)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")))
    for entry in manifest.full_dumps if manifest else []:
        g.add((ds, VOID.dataDump, URIRef(base + "dumps/" + entry.path)))
    for iri in examples:
        g.add((ds, VOID.exampleResource, URIRef(iri)))
    for vocabulary in vocabularies(summary, base):
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    g.add((ds, VOID.rootResource, URIRef(base + "catalog")))
    return g


def vocabularies(summary: DatasetSummary, base_uri: str) -> list[str]:
    """Namespaces of the classes and properties the summary counts, ours included."""
    terms = list(summary.classes) + list(summary.properties)
    found = {ns for ns in _KNOWN_VOCABULARIES if any(t.startswith(ns) for t in terms)}
    if any(t.startswith(base_uri + "def/fz#") for t in terms):
        found.add(base_uri + "def/fz#")
    return sorted(found)


def example_resources(store, base_uri: str) -> list[str]:
    """A few reports to start browsing from (one short query; cache it per dataset version)."""
    query = f"SELECT ?r WHERE {{ ?r a <{base_uri}def/fz#Report> }} LIMIT 3"
    return [row["r"].value for row in store.query(query)]
