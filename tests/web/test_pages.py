"""Pages, identifiers and data documents, through the Flask test client over the real store."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import rdflib
from rdflib import RDFS, URIRef
from rdflib.namespace import SKOS, DCTERMS

from tests.web.conftest import BASE

ORG = "id/org/511083/government"
REPORT = "id/report/511083/government/2021"
VOID_IN_DATASET = URIRef("http://rdfs.org/ns/void#inDataset")
FORMATS = {"ttl": ("text/turtle", "turtle"), "jsonld": ("application/ld+json", "json-ld"),
           "rdf": ("application/rdf+xml", "xml"), "nt": ("application/n-triples", "nt")}


def parse(response, fmt: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=response.data, format=fmt, publicID=BASE)
    return graph


# ---------------------------------------------------------------- /id/ and content negotiation

@pytest.mark.parametrize("accept, target", [
    ("text/html", f"/page/{ORG}"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", f"/page/{ORG}"),
    ("text/turtle", f"/data/{ORG}.ttl"),
    ("application/ld+json", f"/data/{ORG}.jsonld"),
    ("application/json", f"/data/{ORG}.jsonld"),
    ("application/rdf+xml", f"/data/{ORG}.rdf"),
    ("application/n-triples", f"/data/{ORG}.nt"),
    ("text/html, text/turtle", f"/data/{ORG}.ttl"),            # a tie goes to RDF
    ("text/html;q=0.5, text/turtle;q=0.9", f"/data/{ORG}.ttl"),
    ("text/turtle;q=0.2, text/html", f"/page/{ORG}"),
    ("application/rdf+xml;q=0.9, application/ld+json", f"/data/{ORG}.jsonld"),
    ("*/*", f"/page/{ORG}"),
    ("", f"/page/{ORG}"),
    ("garbage;;;q=x, ,", f"/page/{ORG}"),
    ("text/*", f"/data/{ORG}.ttl"),
    ("TEXT/TURTLE", f"/data/{ORG}.ttl"),
])
def test_identifier_redirects_by_accept(client, accept, target):
    response = client.get(f"/{ORG}", headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["Location"] == "http://localhost" + target
    assert "Accept" in response.headers["Vary"]


def test_identifier_without_accept_header_goes_to_the_page(client):
    response = client.get(f"/{ORG}", headers={"Accept": ""})
    assert response.headers["Location"].endswith(f"/page/{ORG}")


@pytest.mark.parametrize("suffix, target", [(".ttl", ".ttl"), (".jsonld", ".jsonld"), (".nt", ".nt"),
                                            (".rdf", ".rdf"), ("?format=turtle", ".ttl"), ("?format=nt", ".nt")])
def test_identifier_extension_and_format_win_over_accept(client, suffix, target):
    response = client.get(f"/{ORG}{suffix}", headers={"Accept": "text/html"})
    assert response.headers["Location"].endswith(f"/data/{ORG}{target}")


def test_identifier_location_uses_the_request_host(client):
    response = client.get(f"/{ORG}", headers={"Accept": "text/turtle", "Host": "example.net:8123"})
    assert response.headers["Location"] == f"http://example.net:8123/data/{ORG}.ttl"


def test_identifier_link_headers_name_every_format(client):
    link = client.get(f"/{ORG}").headers["Link"]
    for media in ("text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples", "text/html"):
        assert f'type="{media}"' in link


def test_unacceptable_type_is_406_not_5xx(client):
    response = client.get(f"/{ORG}", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_unknown_format_parameter_is_400(client):
    response = client.get(f"/{ORG}?format=docx")
    assert response.status_code == 400
    assert b"docx" in response.data


def test_unknown_identifier_is_404_for_pages_and_data(client):
    assert client.get("/id/org/000000/nobody").status_code == 404
    assert client.get("/page/id/org/000000/nobody").status_code == 404
    assert client.get("/data/id/org/000000/nobody.ttl").status_code == 404


def test_head_works(client):
    response = client.head(f"/{ORG}", headers={"Accept": "text/turtle"})
    assert response.status_code == 303 and not response.data
    response = client.head(f"/page/{ORG}")
    assert response.status_code == 200 and not response.data
    assert client.head(f"/data/{ORG}.ttl").status_code == 200


def test_observation_and_fragment_identifiers(client, ro_store):
    obs = next(iter(ro_store.query(f"SELECT ?o WHERE {{ ?o a <http://purl.org/linked-data/cube#Observation> }} LIMIT 1")))["o"].value
    path = obs[len(BASE):]
    assert client.get(f"/{path}", headers={"Accept": "text/turtle"}).status_code == 303
    graph = parse(client.get(f"/data/{path}.ttl"), "turtle")
    assert (URIRef(obs), None, None) in graph
    evidence = obs + "/evidence"
    graph = parse(client.get(f"/data/{evidence[len(BASE):]}.ttl"), "turtle")
    target = URIRef(evidence + "#target")
    assert (target, None, None) in graph, "the document of X#frag is X and holds X#frag's triples"
    assert (URIRef(evidence + "#position"), URIRef("http://www.w3.org/ns/oa#start"), None) in graph


# ---------------------------------------------------------------- data documents

@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("ext", list(FORMATS))
def test_data_document_in_every_format(client, ext):
    media, fmt = FORMATS[ext]
    response = client.get(f"/data/{ORG}.{ext}")
    assert response.status_code == 200
    assert response.mimetype == media
    graph = parse(response, fmt)
    org = URIRef(BASE + ORG)
    assert (org, SKOS.prefLabel, rdflib.Literal("隆昌市人民政府", lang="zh")) in graph
    assert (None, VOID_IN_DATASET, URIRef(BASE + "data/corpus")) in graph
    parent = URIRef(BASE + "id/org/511000/government")
    assert (org, URIRef("http://www.w3.org/ns/org#subOrganizationOf"), parent) in graph
    assert any(graph.objects(parent, SKOS.prefLabel)), "labels of linked things come along"
    assert any(graph.subjects(DCTERMS.creator, org)), "incoming links are included"
    assert "Link" in response.headers and response.headers["ETag"]


def test_data_document_by_accept_without_extension(client):
    response = client.get(f"/data/{ORG}", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200 and response.mimetype == "application/n-triples"


def test_etag_and_last_modified_give_304(client):
    first = client.get(f"/data/{ORG}.ttl")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(f"/data/{ORG}.ttl", headers={"If-None-Match": etag}).status_code == 304
    assert client.get(f"/data/{ORG}.ttl", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(f"/data/{ORG}.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    page = client.get(f"/page/{ORG}")
    assert client.get(f"/page/{ORG}", headers={"If-None-Match": page.headers["ETag"]}).status_code == 304
    assert page.headers["ETag"] != etag


def test_bad_conditional_headers_are_ignored(client):
    response = client.get(f"/page/{ORG}", headers={"If-Modified-Since": "yesterday", "If-None-Match": "nonsense"})
    assert response.status_code == 200


# ---------------------------------------------------------------- entity pages

def test_organization_page(client):
    response = client.get(f"/page/{ORG}")
    html = response.data.decode()
    assert response.status_code == 200
    assert "<h1>隆昌市人民政府</h1>" in html
    assert "lóng chāng" in html                         # pinyin name
    assert 'href="/page/id/org/511000/government"' in html   # parent, linked on this host
    assert "发布的报告" in html and f'href="/page/{REPORT}"' in html
    assert "上级机构" in html                            # property named by its label
    assert 'type="application/ld+json"' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "GovernmentOrganization" and ld["name"] == "隆昌市人民政府"
    assert 'rel="alternate" type="text/turtle"' in html
    assert 'aria-label="breadcrumb"' in html


def test_incoming_links_are_grouped_counted_and_paged(client):
    html = client.get(f"/page/{ORG}").data.decode()
    more = re.search(r'href="(/page/[^"]*\?inverse=[^"]*)"', html)
    assert more, "a property with many incoming links has a 'more' link"
    listing = client.get(more.group(1).replace("&amp;", "&"))
    assert listing.status_code == 200
    assert listing.data.decode().count("<li>") >= 10
    assert client.get(f"/page/{ORG}?inverse=not-an-iri").status_code == 400
    assert client.get(more.group(1).replace("&amp;", "&") + "&page=zero").status_code == 400


def test_evidence_links_to_the_highlighted_span(client):
    html = client.get(f"/page/{ORG}").data.decode()
    link = re.search(r'<a class="span" href="([^"]+)"><mark>([^<]+)</mark>', html)
    assert link, "the page quotes the sentence the fact came from"
    href, exact = link.group(1).replace("&amp;", "&"), link.group(2)
    start, end = map(int, re.search(r"hl=(\d+),(\d+)", href).groups())
    viewer = client.get(href.split("#")[0]).data.decode()
    marked = re.search(r'<mark class="hl" id="char=%d,%d">(.*?)</mark>' % (start, end), viewer, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", marked) == exact


def test_report_page_and_viewer(client):
    html = client.get(f"/page/{REPORT}").data.decode()
    assert "隆昌市2021年度法治政府建设情况报告" in html
    assert f'href="/page/{REPORT}/text"' in html
    viewer = client.get(f"/page/{REPORT}/text").data.decode()
    assert 'class="m k-' in viewer                          # extracted items are marked
    assert "k-Observation" in viewer and "k-Organization" in viewer
    assert "目录" in viewer                                   # the outline


def test_viewer_offsets_are_code_points(client, ro_store):
    rows = list(ro_store.query(f"""SELECT ?s ?e ?x WHERE {{ ?o a <http://purl.org/linked-data/cube#Observation> ;
        <{BASE}def/fz#evidence> ?a . ?a <http://www.w3.org/ns/oa#hasTarget> ?t . ?t <http://www.w3.org/ns/oa#hasSource> <{BASE}{REPORT}/text> ;
        <http://www.w3.org/ns/oa#hasSelector> ?p , ?q . ?p <http://www.w3.org/ns/oa#start> ?s ; <http://www.w3.org/ns/oa#end> ?e .
        ?q <http://www.w3.org/ns/oa#exact> ?x }} LIMIT 5"""))
    for row in rows:
        s, e = int(row["s"].value), int(row["e"].value)
        viewer = client.get(f"/page/{REPORT}/text?hl={s},{e}").data.decode()
        marked = re.search(r'<mark class="hl"[^>]*>(.*?)</mark>', viewer, re.S).group(1)
        assert re.sub(r"<[^>]+>", "", marked) == row["x"].value


def test_indicator_page_shows_values_by_place_and_year(client):
    html = client.get("/page/def/indicator/mediation-cases").data.decode()
    assert "各地各年数值" in html
    assert html.count('<td class="num">') >= 1


def test_document_page_shows_who_cites_it(client, ro_store):
    doc = next(iter(ro_store.query(f"SELECT ?d WHERE {{ ?d a <{BASE}def/fz#GovernmentDocument> }} LIMIT 1")))["d"].value
    html = client.get("/page/" + doc[len(BASE):]).data.decode()
    assert "引用情况" in html
    assert '"@type": "Legislation"' in html or '"@type":"Legislation"' in html


def test_literals_are_escaped(app):
    from fazhi.web.views import Presenter
    from fazhi.web.links import Linker
    import pyoxigraph as ox

    value = Presenter(Linker(BASE), {}).value(ox.Literal("<script>alert(1)</script>", language="zh"))
    with app.test_request_context():
        from flask import render_template_string

        html = render_template_string('{{ term(v) }}', v=value)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_odd_paths_never_500(client):
    for path in ["/page/id/%3Cscript%3E", "/page/id/a%20b", "/page/id/%01x", "/data/id/%7F.ttl", "/id/%E6%B3%95", "/id/%22x%22", "/data/id/x.zzz", "/page/",
                 "/page/id/org/511083/government.ttl", "/data/id/org/511083/government.html", "/id/"]:
        assert client.get(path).status_code < 500, path


# ---------------------------------------------------------------- home and indexes

def test_home(client):
    html = client.get("/").data.decode()
    assert "法治政府建设情况报告知识图谱" in html
    for link in ("/sparql", "/dumps/", "/def/fz", "/.well-known/void"):
        assert f'href="{link}"' in html
    assert f'href="/page/{REPORT}"' in html
    assert '"@type": "Dataset"' in html or '"@type":"Dataset"' in html


@pytest.mark.parametrize("name", ["reports", "organizations", "documents", "indicators", "measures", "years"])
def test_indexes_in_three_formats(client, name):
    assert client.get(f"/{name}").status_code == 200
    data = client.get(f"/{name}.json").get_json()
    assert data["total"] > 0 and data["items"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/{name}?format=csv").data.decode())))
    assert len(rows) == min(data["total"], 50)


def test_index_filters_sort_and_paging(client):
    all_reports = client.get("/reports.json?size=500").get_json()
    y2021 = client.get("/reports.json?year=2021").get_json()
    assert 0 < y2021["total"] < all_reports["total"]
    assert all(2021 in item["years"] for item in y2021["items"])
    issuer = f"{BASE}{ORG}"
    by_issuer = client.get(f"/reports.json?issuer={ORG}").get_json()
    assert by_issuer["items"] and all(issuer in i["issuers"] for i in by_issuer["items"])
    years = [i["years"][0] for i in client.get("/reports.json?sort=-year").get_json()["items"]]
    assert years == sorted(years, reverse=True)
    page2 = client.get("/reports.json?size=2&page=2").get_json()
    assert page2["items"][0]["iri"] == client.get("/reports.json?size=4").get_json()["items"][2]["iri"]


@pytest.mark.parametrize("query", ["page=0", "page=x", "size=100000", "sort=colour", "year=20x1", "format=pdf"])
def test_bad_index_parameters_are_400_with_reason(client, query):
    response = client.get(f"/reports?{query}", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["message"]


@pytest.mark.parametrize("path", ["/", f"/page/{ORG}", f"/page/{REPORT}/text", "/reports", "/search?q=法治",
                                  f"/page/{ORG}?inverse=http%3A%2F%2Fpurl.org%2Fdc%2Fterms%2Fcreator"])
def test_every_html_page_has_json_ld_and_alternates(client, path):
    html = client.get(path).data.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1 and json.loads(blocks[0])["@context"] == "https://schema.org"
    assert "<script>" not in html and " on" + "click=" not in html   # nothing inline for the CSP to block
    if path != "/":
        assert 'aria-label="breadcrumb"' in html and 'rel="alternate"' in html
