import re

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from fazhi.paths import resource_dir
from fazhi.rdf.documents import DOC_TYPES
from fazhi.rdf.orgs import ORG_TYPES

BASE = "https://fazhi.example.org/"
FZ = BASE + "def/fz#"
ONT = rdflib.URIRef(BASE + "def/fz")


def parse(name, base=BASE):
    return rdflib.Graph().parse(resource_dir("ontology") / name, format="turtle", publicID=base)


def test_files_parse_and_move_with_the_base():
    for name in ("fazhi.ttl", "shapes.ttl", "indicators.ttl"):
        g = parse(name, "https://other.example.net/lod/")
        assert not any(str(s).startswith(BASE) for s in g.subjects())


def test_every_minted_term_has_labels_definition_and_is_defined_by():
    g = parse("fazhi.ttl")
    terms = {s for s in g.subjects() if str(s).startswith(FZ)}
    assert len(terms) >= 25
    for term in terms:
        langs = {o.language for o in g.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        defs = {o.language for o in g.objects(term, SKOS.definition)}
        assert {"zh", "en"} <= defs, term
        assert (term, RDFS.isDefinedBy, ONT) in g, term


def test_ontology_metadata():
    g = parse("fazhi.ttl")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    assert (ONT, RDF.type, OWL.Ontology) in g
    for prop in (DCT.title, DCT.license, DCT.creator, OWL.versionInfo, OWL.versionIRI):
        assert g.value(ONT, prop) is not None, prop


def test_org_and_doc_type_schemes_match_the_code_tables():
    g = parse("fazhi.ttl")
    for scheme, slugs in (("org-type", [t.slug for t in ORG_TYPES] + ["other"]),
                          ("doc-type", [t.slug for t in DOC_TYPES])):
        for slug in slugs:
            concept = rdflib.URIRef(f"{BASE}def/{scheme}/{slug}")
            assert (concept, SKOS.inScheme, rdflib.URIRef(f"{BASE}def/{scheme}")) in g, concept


def test_indicator_scheme_is_well_formed():
    g = parse("indicators.ttl")
    scheme = rdflib.URIRef(BASE + "def/indicator")
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    themes = set(g.objects(scheme, SKOS.hasTopConcept))
    leaves = concepts - themes
    assert len(leaves) >= 40 and len(themes) >= 8
    notations = [str(g.value(c, SKOS.notation)) for c in concepts]
    assert len(set(notations)) == len(notations)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", n) for n in notations)
    unit = rdflib.URIRef(FZ + "defaultUnit")
    for c in concepts:
        assert {o.language for o in g.objects(c, SKOS.prefLabel)} == {"zh", "en"}, c
        assert str(c).endswith("/" + str(g.value(c, SKOS.notation)))
    for c in leaves:
        assert g.value(c, SKOS.broader) in themes, c
        assert str(g.value(c, unit)).startswith("http://qudt.org/vocab/unit/"), c


def test_indicator_labels_do_not_collide():
    from fazhi.rdf.indicators import match_key
    g = parse("indicators.ttl")
    seen = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for c, label in g.subject_objects(prop):
            if label.language == "zh":
                key = match_key(str(label))
                assert seen.setdefault(key, c) == c, (label, c, seen[key])
