"""The endpoint in front of a remote store (a real ``oxigraph serve``): same formats, same
row cap, the time limit passed on to the remote request."""

from __future__ import annotations

import json

import pytest

from fazhi.config import Config
from fazhi.store import RemoteStore
from fazhi.web import create_app
from tests.store.servers import oxigraph_server

GRAPH = "http://test.fazhi/graph/1"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-remote")) as urls:
        store = RemoteStore(urls["query"], urls["update"], urls["gsp"], timeout=30)
        store.replace_graph_lines(GRAPH, [f"<http://test.fazhi/s{n}> <http://test.fazhi/p> \"{n}\" .\n"
                                          for n in range(12)])
        config = Config(endpoint=urls["query"], max_rows=10)
        yield create_app(config, RemoteStore(urls["query"], read_only=True)).test_client()


def test_remote_select_is_capped_and_marked(client):
    response = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }",
                                                   "format": "json"})
    assert response.status_code == 200
    assert response.headers["X-Fazhi-Truncated"] == "true"
    body = json.loads(response.data)
    assert len(body["results"]["bindings"]) == 10 and body["head"]["link"]


def test_remote_ask_and_construct(client):
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p \"3\" }", "format": "json"})
    assert response.get_json()["boolean"] is True
    response = client.get("/sparql", query_string={
        "query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3", "format": "nt"})
    assert response.status_code == 200 and len(response.data.splitlines()) == 3


def test_remote_refuses_protocol_dataset_with_a_reason(client):
    accept = "application/sparql-results+json, text/plain;q=0.1"
    response = client.get("/sparql", headers={"Accept": accept}, query_string={
        "query": "ASK {}", "default-graph-uri": GRAPH})
    assert response.status_code == 400 and b"remote store" in response.data
