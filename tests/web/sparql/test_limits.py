"""Protection: a runaway query is stopped at its limit (its worker killed, the core freed),
answers are cut at the row cap and say so, and extra concurrent queries are turned away
after a short wait instead of piling up."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.parse

import pyoxigraph as ox
import pytest
import rdflib

from fazhi.config import Config
from fazhi.store import EmbeddedStore
from fazhi.web import create_app
from fazhi.web.sparql import runner
from tests.web.sparql.conftest import make_app, serving
from tests.web.sparql.test_protocol import get, http

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TEN = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10"
JSON_RESULTS = "application/sparql-results+json"
JSON_TEXT = "application/sparql-results+json, text/plain;q=0.1"  # errors come as text


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.fixture(scope="module")
def limited(reports_store):
    app = make_app(reports_store, max_rows=5, query_timeout=10.0, max_concurrent_queries=1)
    with serving(app) as url:
        yield app, url + "/sparql"


def test_runaway_query_is_stopped_and_its_worker_killed(limited):
    app, endpoint = limited
    assert get(endpoint, JSON_RESULTS, query="ASK {}")[0] == 200  # workers are up
    (busy_pid,) = runner(app).worker_pids()
    started = time.monotonic()
    status, headers, body = get(endpoint, JSON_TEXT, query=RUNAWAY, timeout="1")
    elapsed = time.monotonic() - started
    assert status == 503
    assert "time limit of 1 s" in body.decode()
    assert headers["Retry-After"]
    assert elapsed < 8  # answered at the limit, not when the query would have ended
    assert not _alive(busy_pid)  # the worker running it is gone: its core is free
    (fresh_pid,) = runner(app).worker_pids()
    assert fresh_pid != busy_pid
    status, _, body = get(endpoint, JSON_RESULTS, query=TEN)
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5


def test_worker_cpu_time_grows_until_the_limit_then_the_process_is_gone(limited):
    app, endpoint = limited
    get(endpoint, JSON_RESULTS, query="ASK {}")
    (pid,) = runner(app).worker_pids()
    answers = []
    thread = threading.Thread(target=lambda: answers.append(
        get(endpoint, JSON_TEXT, query=RUNAWAY, timeout="1.5")))
    thread.start()
    time.sleep(0.3)
    first = _cpu_seconds(pid)
    time.sleep(0.6)
    assert _cpu_seconds(pid) > first  # the query is burning a core...
    thread.join()
    assert answers[0][0] == 503
    assert not os.path.exists(f"/proc/{pid}")  # ...until the limit: then the process is gone


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda body: "urn:fazhi:result:truncated" in json.loads(body)["head"]["link"]),
    ("xml", lambda body: b'<link href="urn:fazhi:result:truncated"/>' in body),
    ("csv", lambda body: len(body.decode().strip().splitlines()) == 6),
])
def test_row_cap_is_signalled(limited, fmt, check):
    _, endpoint = limited
    status, headers, body = get(endpoint, query=TEN, format=fmt)
    assert status == 200
    assert headers["X-Fazhi-Truncated"] == "true"
    assert headers["X-Fazhi-Rows"] == "5" and headers["X-Fazhi-Row-Limit"] == "5"
    assert check(body)


def test_row_cap_on_triples_and_untruncated_answers(limited):
    _, endpoint = limited
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 50"
    status, headers, body = get(endpoint, query=query, format="ttl")
    assert headers["X-Fazhi-Truncated"] == "true"
    assert body.startswith(b"# truncated")
    assert len(rdflib.Graph().parse(data=body, format="turtle")) <= 5
    status, headers, body = get(endpoint, query="SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", format="json")
    assert "X-Fazhi-Truncated" not in headers
    assert "link" not in json.loads(body)["head"]


def test_extra_concurrent_queries_are_refused_after_a_short_wait(limited):
    app, endpoint = limited
    answers = []
    blocker = threading.Thread(target=lambda: answers.append(
        get(endpoint, JSON_TEXT, query=RUNAWAY, timeout="4")))
    blocker.start()
    time.sleep(0.5)
    started = time.monotonic()
    status, headers, body = get(endpoint, JSON_TEXT, query=TEN)
    waited = time.monotonic() - started
    assert status == 503 and headers["Retry-After"] and "busy" in body.decode()
    assert waited < 4  # a bounded wait, not a queue behind the runaway query
    # other pages keep answering while the only query slot is taken
    assert http(endpoint.replace("/sparql", "/sparql/terms.json"))[0] == 200
    blocker.join()
    assert answers[0][0] == 503


def test_in_memory_store_runs_in_process_with_the_same_caps():
    store = EmbeddedStore()
    graph = ox.NamedNode("https://fazhi.example.org/graph/report/x")
    for n in range(20):
        store._store.add(ox.Quad(ox.NamedNode(f"https://fazhi.example.org/id/{n}"),
                                 ox.NamedNode("http://purl.org/dc/terms/title"),
                                 ox.Literal(f"t{n}"), graph))
    app = create_app(Config(store="", max_rows=7), store)
    client = app.test_client()
    response = client.get("/sparql", query_string={"query": TEN, "format": "json"})
    assert response.status_code == 200
    assert response.headers["X-Fazhi-Truncated"] == "true"
    assert len(response.get_json()["results"]["bindings"]) == 7
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert response.get_json()["results"]["bindings"][0]["n"]["value"] == "20"
