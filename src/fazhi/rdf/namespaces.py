"""Vocabulary IRIs used by the mapping, in one place so a typo is fixed once.

Reused vocabularies are absolute. The project's own vocabulary (``fz:``), its concept schemes
and its shapes are *relative paths*: they are resolved against the configured base URI, so a
deployment that moves to another host moves its ontology with it (see :class:`Vocab`).
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    """A namespace IRI; ``ns.term`` or ``ns["term"]`` gives a :class:`NamedNode`.

    Not a ``str`` subclass on purpose: ``DCT.title`` must be the term, not ``str.title``.
    """

    def __init__(self, iri: str):
        self.iri = iri
        self._terms: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        self.__dict__[name] = term  # later look-ups skip __getattr__ entirely
        return term

    def __getitem__(self, name: str) -> NamedNode:
        """Terms are made once per namespace: the mapping asks for the same few thousands of times."""
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = NamedNode(self.iri + name)
        return term

    def __str__(self) -> str:
        return self.iri


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
DCT = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
FABIO = Namespace("http://purl.org/spar/fabio/")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Paths (relative to the base URI) of the project's own vocabularies.
FZ_PATH = "def/fz#"
SHAPES_PATH = "def/shapes#"
ONTOLOGY_PATH = "def/fz"

#: Concept schemes: scheme IRI is ``def/{name}``, a concept ``def/{name}/{notation}``.
INDICATOR_SCHEME = "indicator"
PHRASE_SCHEME = "indicator-phrase"
QUALIFIER_SCHEME = "value-qualifier"
SECTION_TYPE_SCHEME = "section-type"
ORG_TYPE_SCHEME = "org-type"
DOC_TYPE_SCHEME = "doc-type"

#: The metrics cube, published once in the ontology.
DATASET_PATH = "data/metrics"
DSD_PATH = "def/dsd/metrics"


class Vocab:
    """The project's own terms, resolved against one deployment base URI."""

    def __init__(self, base_uri: str):
        if not base_uri.endswith("/"):
            base_uri += "/"
        self.base = base_uri
        self.fz = Namespace(base_uri + FZ_PATH)
        self.shapes = Namespace(base_uri + SHAPES_PATH)
        self.ontology = NamedNode(base_uri + ONTOLOGY_PATH)
        self.dataset = NamedNode(base_uri + DATASET_PATH)
        self.dsd = NamedNode(base_uri + DSD_PATH)

    def scheme(self, name: str) -> NamedNode:
        """The IRI of concept scheme ``name``."""
        return NamedNode(f"{self.base}def/{name}")

    def concept(self, scheme: str, notation: str) -> NamedNode:
        """The IRI of the concept with ASCII ``notation`` in ``scheme``."""
        return NamedNode(f"{self.base}def/{scheme}/{notation}")
