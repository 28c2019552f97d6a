"""The graph built from a hand-written store, checked edge by edge, and from generated reports."""

from __future__ import annotations

import networkx as nx
import pytest

from fazhi.analysis.graph import GraphFilter, build_graph
from fazhi.analysis.measures import compute_measures, simple_view
from fazhi.errors import BadRequest
from fazhi.store import EmbeddedStore

from tests.analysis.conftest import BASE, iri

A, B = iri("id/org/000001/government"), iri("id/org/000001/justice-bureau")
R1, R2 = iri("id/report/000001/government/2021"), iri("id/report/000001/justice-bureau/2021")
D1, D2, Y, X = iri("id/doc/d1"), iri("id/doc/d2"), iri("id/year/2021"), iri("id/area/000001")
M = R2 + "/section/1/measure/1"
IND = iri("def/indicator/legal-aid-cases")

#: The edges of the hand-written store, written out by hand from its triples.
CORPUS_EDGES = {(R1, A, "issues"), (R1, Y, "reports-on"), (R1, X, "reports-on"), (R1, B, "mentions"),
                (R1, D1, "cites"), (R1, D2, "cites"), (R1, IND, "states"),
                (R2, B, "issues"), (R2, Y, "reports-on"), (R2, X, "reports-on"), (B, A, "part-of"),
                (R2, D1, "cites")}


def test_corpus_graph_has_the_hand_written_nodes_and_edges(tiny_store):
    g = build_graph(tiny_store, BASE)
    assert set(g.edges(keys=True)) == CORPUS_EDGES
    types = dict(g.nodes(data="type"))
    assert types == {R1: "Report", R2: "Report", A: "Organization", B: "Organization", D1: "GovernmentDocument",
                     D2: "GovernmentDocument", Y: "Year", X: "Area", IND: "Indicator"}
    assert g.nodes[A]["label"] == "某县人民政府" and g.nodes[IND]["label"] == "法律援助案件"
    assert g.nodes[R1]["year"] == 2021


def test_one_report_graph_has_its_measures_as_nodes(tiny_store):
    g = build_graph(tiny_store, BASE, GraphFilter(report=R2))
    assert set(g.edges(keys=True)) == {(R2, B, "issues"), (R2, Y, "reports-on"), (R2, X, "reports-on"),
                                       (B, A, "part-of"), (M, R2, "part-of"), (M, D1, "cites")}
    assert g.nodes[M]["type"] == "Measure"


def test_filters_by_issuer_and_year(tiny_store):
    assert {n for n, t in build_graph(tiny_store, BASE, GraphFilter(issuer=B)).nodes(data="type")
            if t == "Report"} == {R2}
    assert build_graph(tiny_store, BASE, GraphFilter(years=(2020,))).number_of_nodes() == 0


def test_centrality_matches_networkx_on_the_hand_written_edges(tiny_store):
    m = compute_measures(build_graph(tiny_store, BASE))
    expected = nx.Graph((u, v) for u, v, _ in CORPUS_EDGES)
    assert m.betweenness == pytest.approx(nx.betweenness_centrality(expected))
    assert m.degree == dict(expected.degree())
    # R1 is the hub: every path from D2 and IND passes through it; D2, IND, X... are leaves.
    top = [n for n, _ in m.top("betweenness", 2)]
    assert top[0] == R1
    assert m.betweenness[D2] == 0 and m.betweenness_sample is None
    assert m.cited_by_orgs == {D1: 2, D2: 1}
    assert m.component_sizes == [9]


def test_bad_filter_iri_is_refused(tiny_store):
    with pytest.raises(BadRequest):
        build_graph(tiny_store, BASE, GraphFilter(issuer="not an iri"))


def test_generated_corpus_graph(corpus_store):
    store = EmbeddedStore(corpus_store, read_only=True)
    g = build_graph(store, BASE)
    reports = {n for n, t in g.nodes(data="type") if t == "Report"}
    count = lambda q: int(next(iter(store.query(q)))["n"].value)  # noqa: E731
    fz = f"<{BASE}def/fz#"
    assert len(reports) == count(f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a {fz}Report> }}") == 5
    issues = [(u, v) for u, v, k in g.edges(keys=True) if k == "issues"]
    assert sorted(u for u, _ in issues) == sorted(reports)  # one issuer per report
    cites = {(u, v) for u, v, k in g.edges(keys=True) if k == "cites"}
    assert len(cites) == count(
        f"SELECT (COUNT(DISTINCT CONCAT(STR(?r), STR(?d))) AS ?n) WHERE {{ GRAPH ?g {{ ?r a {fz}Report> . ?d {fz}citedIn> ?x }} }}")
    years = {n for n, t in g.nodes(data="type") if t == "Year"}
    assert {g.nodes[r]["year"] for r in reports} == {int(y.rsplit("/", 1)[1]) for y in years}
    assert nx.is_connected(simple_view(g))  # shared years and national laws tie the corpus together
    m = compute_measures(g)
    national = max(m.cited_by_orgs, key=m.cited_by_orgs.get)
    assert m.cited_by_orgs[national] >= 2
