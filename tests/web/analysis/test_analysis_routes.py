"""Every analysis route through the Flask test client: 200s, 400s with reasons, parsable data."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from tests.web.analysis.conftest import BASE

HTML = {"Accept": "text/html"}


def test_network_page_lists_central_nodes(client):
    r = client.get("/network", headers=HTML)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert 'class="fz-network' in page and "/page/id/" in page and "<script>" not in page


def test_network_json_elements(client):
    data = client.get("/network.json?limit=20").get_json()
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert 0 < len(nodes) <= 20 and data["stats"]["nodes"] >= data["elements"]["shown"]
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert all(n["data"]["url"].startswith(("/page/id/", "/page/def/")) for n in nodes)


def test_network_filters(client, sample):
    data = client.get("/network.json", query_string={"report": sample["report"], "type": "Measure"}).get_json()
    types = {n["data"]["type"] for n in data["elements"]["nodes"]}
    assert "Measure" in types and sample["report"] in {n["data"]["id"] for n in data["elements"]["nodes"]}
    year = client.get("/network.json?year=2021&type=Report").get_json()
    assert {n["data"]["year"] for n in year["elements"]["nodes"]} == {2021}


@pytest.mark.parametrize("fmt,read", [
    ("graphml", lambda b: nx.read_graphml(io.BytesIO(b))), ("gexf", lambda b: nx.read_gexf(io.BytesIO(b))),
    ("json", lambda b: nx.node_link_graph(json.loads(b), edges="edges"))])
def test_network_downloads(client, fmt, read):
    r = client.get(f"/network/download.{fmt}?year=2022")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    stats = client.get("/network.json?year=2022").get_json()["stats"]
    g = read(r.data)
    assert (g.number_of_nodes(), g.number_of_edges()) == (stats["nodes"], stats["edges"])


def test_ego(client, sample):
    data = client.get("/network/ego.json", query_string={"iri": sample["issuer"]}).get_json()
    assert data["type"] == "Organization" and sample["report"] in {n["iri"] for n in data["neighbours"]}
    page = client.get("/network/ego", query_string={"iri": sample["issuer"]}, headers=HTML)
    assert page.status_code == 200 and "fz-neighbours" in page.get_data(as_text=True)


def test_indicator_chart_and_data(client, sample):
    n = sample["indicator"]
    page = client.get(f"/indicator-chart/{n}", headers=HTML).get_data(as_text=True)
    assert "fz-chart-data" in page and "fz-points" in page
    rows = list(csv.DictReader(io.StringIO(client.get(f"/indicator-data/{n}.csv").get_data(as_text=True))))
    assert rows and {r["indicator"] for r in rows} == {n} and all(float(r["value"]) >= 0 for r in rows)
    data = client.get(f"/indicator-data/{n}.json").get_json()
    assert len(data["points"]) == len(rows) and data["chart"]["indicator"] == n


def test_compare(client, sample):
    q = {"indicator": [sample["indicator"], "litigation-cases"], "year": ["2021", "2022"]}
    page = client.get("/compare", query_string=q, headers=HTML)
    assert page.status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get("/compare", query_string={**q, "format": "csv"}).get_data(as_text=True))))
    assert all(r["year"] in ("2021", "2022") for r in rows)
    assert client.get("/compare", headers=HTML).status_code == 200  # the empty form


@pytest.mark.parametrize("url,reason", [
    ("/compare?indicator=nope", "unknown indicator"), ("/compare?indicator=litigation-cases&place=abc", "area code"),
    ("/compare?indicator=litigation-cases&year=20x", "year"), ("/compare?format=csv", "at least one indicator"),
    ("/compare?indicator=litigation-cases&format=pdf", "unknown format"), ("/indicator-chart/nope", "unknown indicator"),
    ("/indicator-data/litigation-cases.xls", "unknown format"), ("/network?type=Bogus", "unknown node type"),
    ("/network.json?limit=99999", "limit"), ("/network.json?year=abc", "year"), ("/network/download.dot", "format"),
    ("/network/ego.json", "iri"), ("/network.json?issuer=a%20b", "not an IRI"), ("/report-chart.json", "report")])
def test_bad_parameters_are_400_with_the_reason(client, url, reason):
    r = client.get(url, headers={"Accept": "application/json"})
    assert r.status_code == 400 and reason in r.get_json()["message"]


def test_unknown_entities_are_404(client):
    assert client.get("/network/ego.json?iri=id/org/none").status_code == 404
    assert client.get("/report-chart.json?iri=id/report/none").status_code == 404
    assert client.get("/network.json?report=id/report/none/x/2020").status_code == 404


def test_report_chart(client, sample):
    data = client.get("/report-chart.json", query_string={"iri": sample["report"]}).get_json()
    assert data["figures"] == sum(t["count"] for t in data["themes"]) > 0
    assert client.get("/report-chart", query_string={"iri": sample["report"]}, headers=HTML).status_code == 200


def test_libraries_served_from_node_modules(client):
    for name in ("cytoscape.min.js", "chart.umd.min.js"):
        r = client.get(f"/analysis/lib/{name}")
        assert r.status_code == 200 and len(r.data) > 10000
    assert client.get("/analysis/lib/../package.json").status_code == 404


def test_partials_render(analysis_app, sample):
    with analysis_app.test_request_context("/"):
        from flask import render_template_string

        html = render_template_string('{% include "analysis/_ego.html" %}{% include "analysis/_report_chart.html" %}'
                                      '{% with notation="litigation-cases" %}{% include "analysis/_indicator_chart.html" %}{% endwith %}',
                                      iri=sample["report"])
    assert "/network/ego.json?iri=" in html and "/report-chart.json?iri=" in html
    assert "/indicator-data/litigation-cases.json" in html
