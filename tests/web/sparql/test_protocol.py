"""The SPARQL 1.1 Protocol over real HTTP: SPARQLWrapper and rdflib's SPARQLStore as clients,
every result format parsed back, conneg, CORS, and each bad request's own 4xx."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper, TURTLE, N3, JSONLD, RDFXML

REPORT = "https://fazhi.example.org/id/report/511083/government/2021"
GRAPH = "https://fazhi.example.org/graph/report/511083/government/2021"
SELECT = ("PREFIX fz: <https://fazhi.example.org/def/fz#> "
          "SELECT ?r ?title WHERE { ?r a fz:Report ; <http://purl.org/dc/terms/title> ?title } "
          "ORDER BY ?r")
DESCRIBE = f"DESCRIBE <{REPORT}>"
CONSTRUCT = f"CONSTRUCT {{ <{REPORT}> ?p ?o }} WHERE {{ <{REPORT}> ?p ?o }}"


def http(url: str, data: bytes | None = None, headers: dict | None = None,
         method: str | None = None):
    """(status, headers, body) of one request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get(endpoint: str, accept: str | None = None, **params):
    url = endpoint + ("?" + urllib.parse.urlencode(params) if params else "")
    return http(url, headers={"Accept": accept} if accept else {})


# ------------------------------------------------------------------ clients
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_results_format(endpoint, fmt):
    client = SPARQLWrapper(endpoint)
    client.setQuery(SELECT)
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        titles = [b["title"]["value"] for b in result["results"]["bindings"]]
    elif fmt == XML:
        titles = [n.firstChild.data for n in result.getElementsByTagName("literal")]
    else:
        text = result.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t"))
        titles = [r[1] for r in rows[1:]]
    assert len(titles) >= 11
    assert any("隆昌市" in t for t in titles)


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML, N3])
def test_sparqlwrapper_describe_in_every_rdf_format(endpoint, fmt):
    client = SPARQLWrapper(endpoint)
    client.setQuery(DESCRIBE)
    client.setReturnFormat(fmt)
    client.setMethod("POST")
    result = client.query().convert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
        data=result, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}.get(fmt, "xml"))
    titles = list(graph.objects(rdflib.URIRef(REPORT), rdflib.DCTERMS.title))
    assert [str(t) for t in titles] == ["隆昌市2021年度法治政府建设情况报告"]


def test_sparqlwrapper_ask(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"ASK {{ <{REPORT}> ?p ?o }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint):
    graph = rdflib.Graph(SPARQLStore(endpoint, returnFormat="json"))
    rows = list(graph.query(SELECT))
    assert len(rows) >= 11
    assert (rdflib.URIRef(REPORT), rdflib.DCTERMS.title, None) in graph


def test_csv_answer(endpoint):
    status, headers, body = get(endpoint, query=SELECT, format="csv")
    assert status == 200 and headers.get_content_type() == "text/csv"
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert REPORT in {row["r"] for row in rows}


@pytest.mark.parametrize("name,media,parse", [
    ("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_format_parameter_for_select(endpoint, name, media, parse):
    status, headers, body = get(endpoint, query=SELECT, format=name)
    assert status == 200 and headers.get_content_type() == media
    rows = list(ox.parse_query_results(body, parse))
    assert len(rows) >= 11


@pytest.mark.parametrize("name,media,rdflib_format", [
    ("ttl", "text/turtle", "turtle"), ("nt", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld"), ("rdf", "application/rdf+xml", "xml"),
])
def test_format_parameter_for_construct(endpoint, name, media, rdflib_format):
    status, headers, body = get(endpoint, query=CONSTRUCT, format=name)
    assert status == 200 and headers.get_content_type() == media
    graph = rdflib.Graph().parse(data=body, format=rdflib_format)
    assert (rdflib.URIRef(REPORT), rdflib.RDF.type, None) in graph


@pytest.mark.parametrize("accept,expected", [
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/*;q=0.9, application/json;q=0.1", "text/csv"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("text/tab-separated-values, text/csv", "text/tab-separated-values"),
])
def test_accept_header_picks_the_results_format(endpoint, accept, expected):
    status, headers, _ = get(endpoint, accept, query=SELECT)
    assert status == 200 and headers.get_content_type() == expected
    assert "Accept" in headers.get("Vary", "")


def test_accept_header_picks_the_rdf_format(endpoint):
    status, headers, body = get(endpoint, "application/rdf+xml;q=0.4, text/turtle;q=0.8",
                                query=CONSTRUCT)
    assert status == 200 and headers.get_content_type() == "text/turtle"
    assert len(rdflib.Graph().parse(data=body, format="turtle")) > 5


def test_post_direct_and_post_form(endpoint):
    headers = {"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    status, _, direct = http(endpoint, SELECT.encode(), headers)
    assert status == 200
    form = urllib.parse.urlencode({"query": SELECT}).encode()
    status, _, posted = http(endpoint, form, {"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "text/csv"})
    assert status == 200 and posted == direct


def test_graph_of_one_report_is_addressable(endpoint):
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ <{REPORT}> ?p ?o }} }}"
    _, _, body = get(endpoint, query=query, format="json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 5
    query = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}> WHERE {{ ?s a <https://fazhi.example.org/def/fz#Report> }}"
    _, _, body = get(endpoint, query=query, format="json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"


def test_protocol_default_graph_replaces_the_union(endpoint):
    query = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <https://fazhi.example.org/def/fz#Report> }"
    _, _, body = get(endpoint, query=query, format="json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) >= 11
    url = endpoint + "?" + urllib.parse.urlencode({"query": query, "default-graph-uri": GRAPH})
    _, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"


# ------------------------------------------------------------------ service description, editor, CORS
def test_get_without_query_is_the_service_description(endpoint):
    status, headers, body = get(endpoint, "text/turtle")
    assert status == 200 and headers.get_content_type() == "text/turtle"
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (rdflib.URIRef(endpoint), rdflib.RDF.type, sd.Service) in graph
    assert (rdflib.URIRef(endpoint), sd.feature, sd.UnionDefaultGraph) in graph
    status, headers, body = get(endpoint, "application/ld+json")
    assert len(rdflib.Graph().parse(data=body, format="json-ld")) == len(graph)


def test_browser_gets_the_editor_with_a_plain_form(endpoint):
    status, headers, body = get(endpoint, "text/html,application/xhtml+xml,*/*;q=0.8")
    page = body.decode()
    assert status == 200 and headers.get_content_type() == "text/html"
    assert '<form id="sparql-form"' in page and 'name="query"' in page
    assert '<script type="application/json" id="sparql-settings">' in page
    assert "<script>" not in page  # the CSP forbids inline scripts
    settings = json.loads(page.split('id="sparql-settings">', 1)[1].split("</script>", 1)[0])
    assert settings["prefixes"]["fz"] == "https://fazhi.example.org/def/fz#"
    assert len(settings["examples"]) >= 7


def test_form_posted_without_javascript_renders_a_table(endpoint):
    form = urllib.parse.urlencode({"query": SELECT, "format": "html"}).encode()
    status, headers, body = http(endpoint, form, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": "text/html"})
    assert status == 200 and headers.get_content_type() == "text/html"
    assert "隆昌市2021年度法治政府建设情况报告" in body.decode()


def test_shared_link_opens_the_editor_with_the_query_and_its_answer(endpoint):
    status, headers, body = get(endpoint, "text/html,*/*;q=0.8", query=SELECT)
    assert status == 200 and headers.get_content_type() == "text/html"
    assert 'id="sparql-result"' in body.decode()


def test_cors_is_open_and_preflight_answers(endpoint):
    status, headers, _ = http(endpoint, method="OPTIONS", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    _, headers, _ = get(endpoint, "text/csv", query=SELECT)
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_terms_for_autocompletion(base_url):
    status, _, body = http(base_url + "/sparql/terms.json")
    terms = json.loads(body)
    classes = {t["iri"] for t in terms["classes"]}
    properties = {t["iri"] for t in terms["properties"]}
    assert "https://fazhi.example.org/def/fz#Report" in classes
    assert "http://purl.org/linked-data/cube#Observation" in classes  # used in the data
    assert "https://fazhi.example.org/def/fz#indicator" in properties


def test_yasgui_is_served_locally(base_url):
    status, headers, body = http(base_url + "/sparql/yasgui/yasgui.min.js")
    if status == 404:
        pytest.skip("webapp/node_modules is not installed (make install runs npm ci)")
    assert status == 200 and len(body) > 100_000


# ------------------------------------------------------------------ refusals
def _message(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def test_syntax_error_is_400_with_the_parser_message_and_position(endpoint):
    accept = "application/sparql-results+json, text/plain;q=0.5"
    status, _, body = get(endpoint, accept, query="SELECT * WHERE { ?s ?p ")
    assert status == 400 and "1:" in _message(body) and "expected" in _message(body)


@pytest.mark.parametrize("query,word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "not a graph of this dataset"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "not a graph of this dataset"),
    ("PREFIX ex: <http://example.org/> SELECT * FROM ex:x WHERE { ?s ?p ?o }", "not a graph of this dataset"),
])
def test_queries_that_would_reach_out_are_refused(endpoint, query, word):
    status, _, body = get(endpoint, "text/plain", query=query)
    assert status == 400 and word in _message(body)


def test_keywords_inside_strings_iris_and_comments_are_not_refused(endpoint):
    query = ('SELECT ?service WHERE { BIND("SERVICE <http://x> LOAD" AS ?service) } '
             '# FROM <http://example.org/>')
    status, _, body = get(endpoint, "application/sparql-results+json", query=query)
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["service"]["value"].startswith("SERVICE")


@pytest.mark.parametrize("data,content_type", [
    (b"update=CLEAR%20ALL", "application/x-www-form-urlencoded"),
    (b"CLEAR ALL", "application/sparql-update"),
])
def test_updates_are_refused(endpoint, data, content_type):
    status, _, body = http(endpoint, data, {"Content-Type": content_type, "Accept": "text/plain"})
    assert status == 403 and "read-only" in _message(body)
    status, _, _ = get(endpoint, "text/plain", update="CLEAR ALL")
    assert status == 403


def test_wrong_method_media_type_format_and_size(endpoint):
    assert http(endpoint, b"x", {"Content-Type": "text/plain"}, method="PUT")[0] == 405
    assert http(endpoint, SELECT.encode(), {"Content-Type": "text/plain"})[0] == 415
    assert http(endpoint, SELECT.encode(), {})[0] == 400  # urllib labels it a form: no query=
    assert get(endpoint, "text/plain", query=SELECT, format="yaml")[0] == 406
    assert get(endpoint, "text/plain", query=SELECT, format="ttl")[0] == 406  # SELECT as Turtle
    assert get(endpoint, "image/png", query=SELECT)[0] == 406
    big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000).encode()
    status, _, _ = http(endpoint, big, {"Content-Type": "application/sparql-query"})
    assert status == 413


def test_missing_or_doubled_query_and_bad_timeout(endpoint):
    form = b"default-graph-uri=http%3A%2F%2Fexample.org%2F"
    assert http(endpoint, form, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    assert http(endpoint + "?query=ASK%7B%7D&query=ASK%7B%7D")[0] == 400
    assert get(endpoint, "text/plain", query="ASK {}", timeout="soon")[0] == 400
    assert get(endpoint, "text/plain", query="ASK {}", timeout="-1")[0] == 400
    charset = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    assert http(endpoint, "ASK {}".encode("utf-16"), charset)[0] == 415
    assert http(endpoint, b"ASK { \xff }", {"Content-Type": "application/sparql-query"})[0] == 400
