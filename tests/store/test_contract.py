"""One contract, every backend: what the rest of fazhi may rely on from a Store."""

from __future__ import annotations

import io
import time

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Triple

from fazhi.errors import BadQuery, NotAcceptable, QueryTimeout, ReadOnlyStore, StoreUnavailable
from fazhi.store import RemoteStore
from tests.store.conftest import remote

EX = "http://test.fazhi/"
G1, G2 = EX + "graph/1", EX + "graph/2"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
REPORT = NamedNode(EX + "report/1")


def triples(prefix: str, n: int) -> list[Triple]:
    return [Triple(NamedNode(f"{EX}{prefix}/{i}"), LABEL, Literal(f"{prefix} {i}")) for i in range(n)]


def chinese() -> list[Triple]:
    return [Triple(REPORT, LABEL, Literal("隆昌市2021年法治政府建设情况报告", language="zh")),
            Triple(REPORT, LABEL, Literal("Longchang rule-of-law report", language="en"))]


def select_labels(store, where: str = "") -> set[str]:
    rows = store.query(f"SELECT ?o WHERE {{ {where or '?s'} <{LABEL.value}> ?o "
                       f"FILTER(STRSTARTS(STR(?s), '{EX}')) }}")
    return {row["o"].value for row in rows}


def test_replace_graph_then_query(store):
    store.replace_graph(G1, triples("a", 3))
    assert select_labels(store) == {"a 0", "a 1", "a 2"}
    assert store.count(G1) == 3


def test_replacing_leaves_no_leftovers(store):
    store.replace_graph(G1, triples("old", 5))
    store.replace_graph(G1, triples("new", 2))
    assert select_labels(store) == {"new 0", "new 1"}
    assert store.count(G1) == 2


def test_default_graph_is_the_union_of_named_graphs(store):
    store.replace_graph(G1, triples("a", 1))
    store.replace_graph(G2, triples("b", 1))
    assert select_labels(store) == {"a 0", "b 0"}


def test_graph_clause_addresses_one_graph(store):
    store.replace_graph(G1, triples("a", 1))
    store.replace_graph(G2, triples("b", 1))
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}")
    assert [row["o"].value for row in rows] == ["b 0"]


def test_graphs_drop_and_counts(store):
    before = store.count()
    store.replace_graph(G1, triples("a", 4))
    store.replace_graph(G2, triples("b", 3))
    assert {G1, G2} <= set(store.graphs())
    assert store.count() - before == 7
    store.drop_graph(G1)
    store.drop_graph(G1)  # dropping twice is fine
    assert G1 not in store.graphs() and store.count(G1) == 0
    assert store.count() - before == 3


def test_chinese_literals_round_trip_with_language_tags(store):
    store.replace_graph(G1, chinese())
    rows = store.query(f"SELECT ?o WHERE {{ <{REPORT.value}> ?p ?o FILTER(LANG(?o) = 'zh') }}")
    assert [row["o"] for row in rows] == [chinese()[0].object]


def test_ask(store):
    store.replace_graph(G1, chinese())
    assert store.query(f"ASK {{ <{REPORT.value}> ?p ?o }}").kind == "boolean"
    assert bool(store.query(f"ASK {{ <{REPORT.value}> ?p ?o }}"))
    assert not bool(store.query(f"ASK {{ <{EX}nothing> ?p ?o }}"))


@pytest.mark.parametrize("media_type, rdflib_format", [
    ("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv")])
def test_select_serialisations_parse_back(store, media_type, rdflib_format):
    store.replace_graph(G1, chinese())
    result = store.query(f"SELECT ?p ?o WHERE {{ <{REPORT.value}> ?p ?o }}")
    assert result.kind == "bindings" and result.variables == ["p", "o"]
    parsed = rdflib.query.Result.parse(io.BytesIO(result.serialize(media_type)),
                                       format=rdflib_format)
    assert {str(row[1]) for row in parsed} == {str(t.object.value) for t in chinese()}


@pytest.mark.parametrize("media_type, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_construct_serialisations_parse_back(store, media_type, rdflib_format):
    store.replace_graph(G1, chinese())
    result = store.query(f"CONSTRUCT WHERE {{ <{REPORT.value}> ?p ?o }}")
    assert result.kind == "graph"
    graph = rdflib.Graph().parse(data=result.serialize(media_type), format=rdflib_format)
    assert rdflib.Literal("隆昌市2021年法治政府建设情况报告", lang="zh") in set(graph.objects())
    assert len(graph) == 2


def test_ask_serialises_as_json(store):
    data = store.query("ASK { }").serialize("application/sparql-results+json")
    assert rdflib.query.Result.parse(io.BytesIO(data), format="json").askAnswer is True


def test_unfit_media_type_is_not_acceptable(store):
    with pytest.raises(NotAcceptable):
        store.query("ASK { }").serialize("text/turtle")


def test_bad_query_raises_with_the_parsers_message(store):
    with pytest.raises(BadQuery) as caught:
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    assert caught.value.message and caught.value.status == 400


def test_bad_update_raises(store):
    with pytest.raises(BadQuery):
        store.update("INSERT DATTA { }")


def test_update_then_query(store):
    store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{REPORT.value}> <{LABEL.value}> "x" }} }}')
    assert store.count(G1) == 1


@pytest.mark.parametrize("media_type, rdflib_format", [
    ("application/n-quads", "nquads"), ("application/trig", "trig")])
def test_dataset_dump_parses_back_to_same_count(store, media_type, rdflib_format):
    store.replace_graph(G1, triples("a", 2_000) + chinese())
    store.replace_graph(G2, triples("b", 10))
    data = b"".join(store.dump(media_type))
    dataset = rdflib.Dataset().parse(data=data, format=rdflib_format)
    ours = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert ours[G1] == 2_002 and ours[G2] == 10


@pytest.mark.parametrize("media_type, rdflib_format", [
    ("application/n-triples", "nt"), ("text/turtle", "turtle")])
def test_graph_dump_streams_in_chunks(store, media_type, rdflib_format):
    store.replace_graph(G1, triples("a", 21_000) + chinese())
    parts = list(store.dump(media_type, G1))
    assert len(parts) > 1
    graph = rdflib.Graph().parse(data=b"".join(parts), format=rdflib_format)
    assert len(graph) == 21_002


def test_large_graph_replacement(store):
    """Larger than one remote update request: takes the GSP or staging path."""
    store.replace_graph(G1, triples("old", 100))
    store.replace_graph(G1, triples("法治-big", 12_000))
    assert store.count(G1) == 12_000
    assert not [g for g in store.graphs() if g.startswith("urn:fazhi:staging:")]


def test_dump_of_unfit_format_is_not_acceptable(store):
    with pytest.raises(NotAcceptable):
        next(store.dump("application/n-triples"))


def test_bad_graph_name_is_refused(store):
    with pytest.raises(Exception) as caught:
        store.replace_graph("not an iri> } ; DROP ALL ; #", [])
    assert caught.value.status == 400


def test_read_only_refuses_update(store, backend, tmp_path, request):
    if backend == "disk":
        store.close()
        reader = type(store)(store.path, read_only=True)
    elif backend == "memory":
        reader = type(store)(read_only=True)
    else:
        reader = remote(request.getfixturevalue(backend.split("-")[0] + "_urls"), read_only=True)
    with reader, pytest.raises(ReadOnlyStore):
        reader.replace_graph(G1, triples("a", 1))


def test_remote_timeout_raises_query_timeout(store, backend):
    if not isinstance(store, RemoteStore):
        pytest.skip("an embedded query cannot be cancelled; the caller runs it in a worker")
    store.replace_graph(G1, triples("t", 3000))
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}"
    with pytest.raises(QueryTimeout):
        store.query(slow, timeout=0.5)


def test_with_timeout_shortens_the_wait_without_changing_the_store(store, backend):
    store.replace_graph(G1, triples("w", 3))
    hasty = store.with_timeout(0.5)
    assert len(list(hasty.query(f"SELECT * WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"))) == 3
    if isinstance(store, RemoteStore):
        assert (hasty.timeout, hasty.query_url) == (0.5, store.query_url)
        assert store.timeout != 0.5  # the original keeps its own wait
    else:
        assert hasty is store


def test_unreachable_endpoint_is_unavailable_quickly():
    from tests.store.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        RemoteStore(url, timeout=5).query("ASK { }")
    assert url in caught.value.message and time.monotonic() - started < 2
