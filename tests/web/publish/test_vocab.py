"""/def/: the ontology, the concept schemes and their concepts, HTML and RDF."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from tests.web.publish.stores import BASE, shared_store

FZ = rdflib.Namespace(BASE + "def/fz#")


def test_ontology_html_documents_every_term(client):
    page = client.get("/def/fz", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="Report"' in page and 'id="reportingYear"' in page
    assert "法治政府建设情况报告" in page and "rule-of-law government report" in page
    assert "作为定义域 In domain of" in page


@pytest.mark.parametrize("media,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                       ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_ontology_rdf_by_conneg(client, media, fmt):
    response = client.get("/def/fz", headers={"Accept": media})
    assert response.mimetype == media
    graph = rdflib.Graph().parse(data=response.data, format=fmt)
    assert (rdflib.URIRef(BASE + "def/fz"), RDF.type, OWL.Ontology) in graph
    assert (FZ.Report, RDF.type, OWL.Class) in graph


def test_ontology_suffix(client):
    graph = rdflib.Graph().parse(data=client.get("/def/fz.ttl").data, format="turtle")
    assert (FZ.Report, RDF.type, OWL.Class) in graph


def test_indicator_scheme_and_concept(client):
    page = client.get("/def/indicator", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "全程网办率" in page and 'href="/def/indicator/full-online-processing-rate"' in page
    concept = rdflib.URIRef(BASE + "def/indicator/full-online-processing-rate")
    graph = rdflib.Graph().parse(data=client.get("/def/indicator/full-online-processing-rate.ttl").data, format="turtle")
    assert (concept, SKOS.inScheme, rdflib.URIRef(BASE + "def/indicator")) in graph
    html = client.get("/def/indicator/full-online-processing-rate", headers={"Accept": "text/html"})
    assert "Full online processing rate" in html.get_data(as_text=True)


@pytest.mark.parametrize("scheme", ["value-qualifier", "section-type", "org-type", "doc-type"])
def test_other_schemes(client, scheme):
    graph = rdflib.Graph().parse(data=client.get(f"/def/{scheme}.ttl").data, format="turtle")
    concepts = set(graph.subjects(SKOS.inScheme, rdflib.URIRef(BASE + "def/" + scheme)))
    assert concepts
    first = sorted(concepts)[0]
    assert client.get(str(first).replace(BASE, "/"), headers={"Accept": "text/html"}).status_code == 200


def test_indicator_phrases_come_from_the_store(client):
    store = shared_store()
    row = next(iter(store.query(f"SELECT ?c WHERE {{ ?c <{SKOS.inScheme}> <{BASE}def/indicator-phrase> }} LIMIT 1")))
    path = row["c"].value.replace(BASE, "/")
    graph = rdflib.Graph().parse(data=client.get(path + ".ttl").data, format="turtle")
    assert (rdflib.URIRef(row["c"].value), SKOS.prefLabel, None) in graph
    assert client.get("/def/indicator-phrase", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/def/indicator-phrase?page=abc", headers={"Accept": "text/html"}).status_code == 400


def test_other_terms_and_unknown_ones(client):
    assert client.get("/def/dsd/metrics", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/def/shapes", headers={"Accept": "text/turtle"}).mimetype == "text/turtle"
    assert client.get("/def/nothing", headers={"Accept": "text/html"}).status_code == 404
    assert client.get("/def/indicator-phrase/p-000000000000.ttl").status_code == 404
    assert client.get("/def/fz%3Cscript%3E").status_code == 400
