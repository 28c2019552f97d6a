"""/catalog, /.well-known/void, /sitemap.xml and /robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import rdflib
from rdflib.namespace import DCAT, RDF

from fazhi.publish import sitemap as sitemap_module
from fazhi.web import create_app
from tests.bundled import BUNDLED_REPORTS
from tests.web.publish.stores import BASE, publish_config, shared_store

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
CORPUS = rdflib.URIRef(BASE + "data/corpus")
FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
           "application/n-triples": "nt"}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("media", list(FORMATS))
def test_catalog_by_content_negotiation(client, media):
    response = client.get("/catalog", headers={"Accept": media})
    assert response.status_code == 200 and response.mimetype == media
    graph = rdflib.Graph().parse(data=response.data, format=FORMATS[media])
    assert (rdflib.URIRef(BASE + "catalog"), RDF.type, DCAT.Catalog) in graph
    assert len(list(graph.objects(CORPUS, DCAT.distribution))) == 7  # six dumps + SPARQL access


def test_catalog_suffixes_html_and_caching(client):
    assert client.get("/catalog.ttl").mimetype == "text/turtle"
    assert client.get("/catalog.xlsx").status_code == 404
    page = client.get("/catalog", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.mimetype == "text/html" and "data/metrics" in page.get_data(as_text=True)
    etag = client.get("/catalog.ttl").headers["ETag"]
    assert client.get("/catalog.ttl", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/catalog", headers={"Accept": "image/png"}).status_code == 406


def test_dataset_iris_lead_to_the_catalog(client):
    response = client.get("/data/metrics")
    assert response.status_code == 303 and response.headers["Location"].endswith("/catalog#metrics")


@pytest.mark.parametrize("media", list(FORMATS))
def test_void_counts_match_the_endpoint(client, media):
    response = client.get("/.well-known/void", headers={"Accept": media})
    graph = rdflib.Graph().parse(data=response.data, format=FORMATS[media])
    store = shared_store()
    live = int(list(store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{BASE}graph/dataset>) }}"))[0]["n"].value)
    assert int(graph.value(CORPUS, VOID.triples)) == live
    reports = int(list(store.query(f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{BASE}def/fz#Report> }}"))[0]["n"].value)
    partition = next(p for p in graph.objects(CORPUS, VOID.classPartition)
                     if graph.value(p, VOID["class"]) == rdflib.URIRef(BASE + "def/fz#Report"))
    assert int(graph.value(partition, VOID.entities)) == reports == BUNDLED_REPORTS
    assert graph.value(CORPUS, VOID.sparqlEndpoint) == rdflib.URIRef(BASE + "sparql")
    assert str(graph.value(CORPUS, VOID.uriSpace)) == BASE + "id/"
    assert len(list(graph.objects(CORPUS, VOID.dataDump))) == 6
    assert rdflib.URIRef(BASE + "def/fz#") in set(graph.objects(CORPUS, VOID.vocabulary))
    assert list(graph.objects(CORPUS, VOID.exampleResource))


def test_home_page_points_to_the_descriptions(client):
    links = client.get("/").headers.get("Link", "")
    assert '</.well-known/void>; rel="describedby"' in links


def test_sitemap_lists_entity_pages(client):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.data)
    urls = [loc.text for loc in root.iter(SM + "loc")]
    assert root.tag == SM + "urlset" and len(urls) == len(set(urls))
    assert BASE + "page/id/report/511083/government/2021" in urls
    assert any(u.startswith(BASE + "page/id/org/") for u in urls)
    assert any(u.startswith(BASE + "def/indicator-phrase/") for u in urls)


def test_sitemap_splits_into_an_index(tmp_path, monkeypatch):
    monkeypatch.setattr(sitemap_module, "LIMIT", 500)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    client = create_app(publish_config(tmp_path / "dumps"), shared_store()).test_client()
    root = ET.fromstring(client.get("/sitemap.xml").data)
    assert root.tag == SM + "sitemapindex"
    parts = [loc.text for loc in root.iter(SM + "loc")]
    assert len(parts) >= 2
    total = 0
    for url in parts:
        part = ET.fromstring(client.get(url.replace(BASE, "/")).data)
        count = len(list(part.iter(SM + "url")))
        assert count <= 500
        total += count
    assert total > 500
    assert client.get(f"/sitemaps/{len(parts) + 1}.xml").status_code == 404


def test_robots(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Disallow: /sparql?" in text and f"Sitemap: {BASE}sitemap.xml" in text
