"""Hostile report text through every page, index, export, data document and SPARQL format.

Report text is untrusted: a report can hold markup, template syntax, SQL or SPARQL fragments,
a CDATA end, bidi controls. Whatever the site shows of it must be the literal text: HTML
escaped (no element or attribute from the data, ``{{7*7}}`` never evaluated), JSON valid, RDF
parseable with the exact literal, IRIs ASCII and short.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from urllib.parse import quote

import pytest
import rdflib
from rdflib.namespace import DCTERMS

from tests.web.hardening.conftest import (BASE, BIDI, CDATA, IMG, PAYLOADS, SCRIPT, SPARQL, SQL,
                                          TEMPLATE, hostile_sidecar)
from tests.web.hardening.htmlcheck import check_html

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
INDICATOR = "full-online-processing-rate"


@pytest.fixture(scope="module")
def report(hostile_iris) -> str:
    (iri,) = hostile_iris["the-report"]
    return iri


@pytest.fixture(scope="module")
def issuer_name() -> str:
    return hostile_sidecar()["issuer"]


@pytest.fixture(scope="module")
def title() -> str:
    return hostile_sidecar()["title"]


def local(iri: str) -> str:
    return iri[len(BASE):]


def html_ok(client, url: str, *expected: str):
    """GET an HTML page; check nothing from the data became markup; return the parsed page."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.data[:300])
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    parsed = check_html(body)
    assert not parsed.problems, (url, parsed.problems)
    for text in expected:
        assert text in parsed.all_text or any(text in a for a in parsed.attributes), (url, text)
    assert "谋划49" not in parsed.all_text and "履职49" not in parsed.all_text  # {{7*7}} never evaluated
    return parsed


def json_ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.data[:300])
    assert response.mimetype == "application/json"
    return json.loads(response.get_data(as_text=True))


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


# ------------------------------------------------------------------ the data itself
def test_every_iri_in_the_store_is_ascii_and_bounded(hostile_ro):
    seen = 0
    for quad in hostile_ro.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        for name in ("s", "p", "o", "g"):
            term = quad[name]
            if type(term).__name__ == "NamedNode":
                assert term.value.isascii() and len(term.value) < 512, term.value[:200]
                seen += 1
    assert seen > 10_000


def test_the_hostile_literals_are_stored_exactly(hostile_ro, report, title, issuer_name):
    rows = list(hostile_ro.query(f"SELECT ?t WHERE {{ <{report}> <{DCTERMS.title}> ?t }}"))
    assert [r["t"].value for r in rows] == [title]
    names = {r["n"].value for r in hostile_ro.query(
        f"SELECT ?n WHERE {{ <{report}> <{DCTERMS.creator}> ?o . ?o ?p ?n FILTER(isLiteral(?n)) }}")}
    assert issuer_name in names


# ------------------------------------------------------------------ HTML pages
def test_home_and_indexes_show_the_literal_title(hclient):
    html_ok(hclient, "/", SCRIPT[:20])
    for name in ("reports", "organizations", "documents", "measures", "indicators"):
        html_ok(hclient, f"/{name}?size=500")
    html_ok(hclient, "/reports?size=500", SCRIPT, IMG, TEMPLATE)
    html_ok(hclient, "/documents?size=500", SCRIPT, IMG, TEMPLATE, SQL, CDATA)
    html_ok(hclient, "/organizations?size=500", SCRIPT)


def test_entity_pages_of_the_report_and_its_parts(hclient, hostile_iris, report, issuer_name):
    html_ok(hclient, "/page/" + local(report), SCRIPT, IMG, TEMPLATE, SQL, SPARQL, CDATA, BIDI)
    html_ok(hclient, "/page/" + local(report).replace("/report/", "/org/").rsplit("/", 1)[0], issuer_name)
    for kind in ("doc", "item", "section", "observation", "org", "area"):
        assert hostile_iris.get(kind), kind
        for iri in hostile_iris[kind]:
            html_ok(hclient, "/page/" + local(iri))


def test_document_pages_show_their_hostile_titles(hclient, hostile_iris):
    shown = "".join(html_ok(hclient, "/page/" + local(iri)).all_text for iri in hostile_iris["doc"])
    for payload in (SCRIPT, IMG, TEMPLATE, SQL, SPARQL, CDATA):
        assert payload in shown


def test_report_viewer_shows_the_text_literally(hclient, report):
    page = html_ok(hclient, f"/page/{local(report)}/text", SCRIPT, IMG, TEMPLATE, SQL, SPARQL, CDATA)
    assert "强化组织" + SCRIPT + "引领" in page.all_text
    html_ok(hclient, f"/page/{local(report)}/text?hl=10,60")


def test_inverse_lists_and_indicator_phrases(hclient, hostile_ro, report):
    rows = hostile_ro.query(f"SELECT DISTINCT ?c WHERE {{ ?o ?p ?c . ?o ?q <{report}> "
                            "FILTER(CONTAINS(STR(?c), 'indicator-phrase')) }")
    phrases = [r["c"].value for r in rows]
    assert phrases
    shown = "".join(html_ok(hclient, "/page/" + local(p)).all_text for p in phrases)
    assert SCRIPT in shown and IMG in shown
    prop = quote(str(DCTERMS.isPartOf), safe="")
    html_ok(hclient, f"/page/{local(report)}?inverse={prop}")


def test_search_results_and_suggestions(hclient):
    for payload in (SCRIPT, IMG, TEMPLATE, SQL, SPARQL, CDATA, "alert(1)"):
        page = html_ok(hclient, "/search?q=" + quote(payload))
        assert "alert" in page.all_text or payload in page.all_text
        found = json_ok(hclient, "/search?format=json&q=" + quote(payload))
        assert found["query"] == payload.strip() and found["total"] >= 1, payload
        assert any(payload.strip() in s for s in strings_in(found["results"])), payload
        json_ok(hclient, "/search/suggest?q=" + quote(payload))
    suggested = json_ok(hclient, "/search/suggest?q=" + quote("测试县<script>"))
    assert any(SCRIPT in s["label"] for s in suggested["suggestions"])


def test_network_ego_and_charts(hclient, report):
    html_ok(hclient, "/network")
    network = json_ok(hclient, "/network.json?limit=1000")
    assert any(SCRIPT in s for s in strings_in(network["elements"]))
    ego = json_ok(hclient, "/network/ego.json?iri=" + quote(report))
    assert any(SCRIPT in s for s in strings_in(ego))
    html_ok(hclient, "/network/ego?iri=" + quote(report), SCRIPT)
    json_ok(hclient, "/report-chart.json?iri=" + quote(report))
    html_ok(hclient, "/report-chart?iri=" + quote(report))


def test_indicator_chart_data_and_compare(hclient, issuer_name):
    data = json_ok(hclient, f"/indicator-data/{INDICATOR}.json")
    assert any(issuer_name in s for s in strings_in(data))
    table = hclient.get(f"/indicator-data/{INDICATOR}.csv").get_data(as_text=True)
    assert any(issuer_name in cell for row in csv.reader(io.StringIO(table)) for cell in row)
    html_ok(hclient, f"/indicator-chart/{INDICATOR}")
    html_ok(hclient, f"/compare?indicator={INDICATOR}")
    compared = json_ok(hclient, f"/compare?indicator={INDICATOR}&format=json")
    assert any(issuer_name in s for s in strings_in(compared))


def test_index_exports_hold_the_literal(hclient, title):
    data = json_ok(hclient, "/reports.json?size=500")
    assert title in [item["label"] for item in data["items"]]
    rows = list(csv.DictReader(io.StringIO(hclient.get("/reports.csv?size=500").get_data(as_text=True))))
    assert title in [row["label"] for row in rows]
    documents = json_ok(hclient, "/documents.json?size=500")
    labels = " ".join(i["label"] for i in documents["items"])
    assert all(p in labels for p in (SCRIPT, IMG, TEMPLATE, SQL, SPARQL, CDATA))


def test_catalog_and_dumps_pages(hclient):
    html_ok(hclient, "/catalog")
    html_ok(hclient, "/dumps/")
    html_ok(hclient, "/dumps/reports/")
    rdflib.Graph().parse(data=hclient.get("/catalog.ttl").data, format="turtle")


# ------------------------------------------------------------------ RDF
def _has_title(graph: rdflib.Graph, report: str, title: str) -> bool:
    return title in {str(o) for o in graph.objects(rdflib.URIRef(report), DCTERMS.title)}


@pytest.mark.parametrize("ext", list(RDF_FORMATS))
def test_data_documents_parse_and_hold_the_literal(hclient, report, title, hostile_iris, ext):
    response = hclient.get(f"/data/{local(report)}.{ext}")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.data, format=RDF_FORMATS[ext])
    assert _has_title(graph, report, title)
    for iri in hostile_iris["doc"] + hostile_iris["item"][:3]:
        response = hclient.get(f"/data/{local(iri)}.{ext}")
        assert response.status_code == 200
        rdflib.Graph().parse(data=response.data, format=RDF_FORMATS[ext])


@pytest.mark.parametrize("ext,fmt", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                                     ("rdf", "xml"), ("nq", "nquads"), ("trig", "trig")])
def test_live_report_dumps_parse(hclient, report, title, ext, fmt):
    key = local(report)[len("id/report/"):]
    response = hclient.get(f"/dumps/report/{key}.{ext}")
    assert response.status_code == 200
    if fmt in ("nquads", "trig"):
        graph = rdflib.Dataset()
        graph.parse(data=response.data, format=fmt)
        assert any(str(o) == title for _, _, o, _ in graph.quads((None, DCTERMS.title, None, None)))
    else:
        assert _has_title(rdflib.Graph().parse(data=response.data, format=fmt), report, title)


def test_release_files_parse(hclient, report, title):
    manifest = hclient.get("/dumps/", headers={"Accept": "application/json"}).get_json()
    paths = [f["path"] for f in manifest["files"]]
    key = local(report)[len("id/report/"):]
    mine = next(p for p in paths if key in p)
    graph = rdflib.Graph().parse(data=gzip.decompress(hclient.get(f"/dumps/{mine}").data), format="turtle")
    assert _has_title(graph, report, title)
    whole = rdflib.Dataset()
    whole.parse(data=gzip.decompress(hclient.get("/dumps/fazhi.nq.gz").data), format="nquads")
    assert any(str(o) == title for _, _, o, _ in whole.quads((rdflib.URIRef(report), DCTERMS.title, None, None)))


# ------------------------------------------------------------------ SPARQL
SELECT = "SELECT ?title WHERE {{ <{r}> <http://purl.org/dc/terms/title> ?title }}"
CONSTRUCT = "CONSTRUCT {{ <{r}> <http://purl.org/dc/terms/title> ?t }} WHERE {{ <{r}> <http://purl.org/dc/terms/title> ?t }}"


def _sparql(client, query: str, fmt: str):
    response = client.get("/sparql", query_string={"query": query, "format": fmt})
    assert response.status_code == 200, response.data[:300]
    return response


def test_sparql_select_in_every_format(hclient, report, title):
    query = SELECT.format(r=report)
    data = json.loads(_sparql(hclient, query, "json").data)
    assert data["results"]["bindings"][0]["title"]["value"] == title
    results = rdflib.query.Result.parse(io.BytesIO(_sparql(hclient, query, "xml").data), format="xml")
    assert [str(row[0]) for row in results] == [title]
    rows = list(csv.reader(io.StringIO(_sparql(hclient, query, "csv").get_data(as_text=True))))
    assert rows[1] == [title]
    tsv = _sparql(hclient, query, "tsv").get_data(as_text=True).splitlines()
    assert str(rdflib.util.from_n3(tsv[1])) == title
    page = html_ok(hclient, "/sparql?format=html&query=" + quote(query))
    assert title in page.all_text


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_sparql_construct_in_every_format(hclient, report, title, fmt):
    body = _sparql(hclient, CONSTRUCT.format(r=report), fmt).data
    assert _has_title(rdflib.Graph().parse(data=body, format=RDF_FORMATS[fmt]), report, title)


def test_sparql_with_the_hostile_text_in_the_query(hclient):
    """The payloads as string literals of a query: answered, and the editor shows them literally."""
    for payload in PAYLOADS:
        literal = json.dumps(payload, ensure_ascii=False)
        query = f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), {literal})) }} LIMIT 5"
        data = json.loads(_sparql(hclient, query, "json").data)
        assert data["results"]["bindings"], payload
        html_ok(hclient, "/sparql?format=html&query=" + quote(query), payload.strip() or "SELECT")
        editor = hclient.get("/sparql?query=" + quote(query), headers={"Accept": "text/html"})
        parsed = check_html(editor.get_data(as_text=True))
        assert not parsed.problems


def test_the_checker_catches_data_turned_into_markup():
    """The check above would see it if a template let the data through unescaped."""
    assert check_html(f"<p>{IMG}</p>").problems
    assert check_html(f"<p>{SCRIPT}</p>").problems
    assert check_html('<script type="application/json">{"a": "</script><b>"}</script>').problems
    assert not check_html('<p>&lt;script&gt;</p><script src="/static/app.js"></script>').problems
