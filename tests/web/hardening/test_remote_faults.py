"""The remote backend going away: ``fazhi serve --endpoint`` in front of a real ``oxigraph serve``.

The Oxigraph server is started on the folder the bundled reports were ingested into, killed
(while a long query runs, and between requests), and started again on the same port. While it
is down, pages and ``/sparql`` answer 503 with ``Retry-After`` within seconds; once it is back
the site answers again without being restarted, and never shows an empty dataset meanwhile.
A server that is frozen (SIGSTOP: connections accepted, nothing answered) costs a page
``remote_page_timeout`` seconds and a 503, not the ingest-sized ``remote_timeout``.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.store.servers import free_port, oxigraph_command, wait_until_answers
from tests.web.hardening.conftest import SCRIPT, serve

#: A query the server cannot finish within the site's time limit on this data.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = 5.0  # seconds: "not a hang"
PAGE_WAIT = 2.0  # the site's remote_page_timeout in these tests


class Oxigraph:
    """``oxigraph serve`` on a fixed port, which can be killed and started again."""

    def __init__(self, folder, port: int):
        self.folder, self.port = folder, port
        self.process: subprocess.Popen | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> None:
        command = oxigraph_command() + ["serve", "--location", str(self.folder), "--bind",
                                        f"127.0.0.1:{self.port}", "--union-default-graph"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_answers(self.query_url + "?query=ASK%7B%7D", self.process)

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def fetch(url: str, accept: str = "text/html", timeout: float = 30.0):
    """(status, headers, body, seconds) for a GET, whatever the status."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read(), time.monotonic() - started


@pytest.fixture(scope="module")
def backend(hostile_store_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oxigraph-backend") / "store"
    shutil.copytree(hostile_store_dir, folder)
    server = Oxigraph(folder, free_port())
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def site(backend, tmp_path_factory):
    store = tmp_path_factory.mktemp("unused-store")
    env = {"FAZHI_REMOTE_PAGE_TIMEOUT": str(PAGE_WAIT), "FAZHI_REMOTE_TIMEOUT": "60"}
    # One process: "a page rendered before the fault is still served" holds per process.
    with serve(store, "--endpoint", backend.query_url, "--threads", "6", "--processes", "1",
               env=env) as (url, process):
        yield url


def sparql_url(site: str, query: str, fmt: str = "json") -> str:
    return f"{site}/sparql?" + urllib.parse.urlencode({"query": query, "format": fmt})


def assert_unavailable(answer, what: str) -> None:
    status, headers, body, seconds = answer
    assert status == 503, (what, status, body[:300])
    assert headers.get("Retry-After"), what
    assert len(body.strip()) > 20, what
    assert seconds < QUICK, (what, seconds)


def test_down_backend_gives_503_quickly_and_recovers(site, backend, hostile_iris):
    pages = [f"{site}/page/{iri.split('.org/', 1)[1]}" for iri in hostile_iris["doc"] + hostile_iris["item"]]
    status, _, body, _ = fetch(site + "/")
    assert status == 200 and SCRIPT.encode() not in body
    assert fetch(pages[0])[0] == 200
    assert fetch(sparql_url(site, "ASK { ?s ?p ?o }"))[0] == 200

    backend.kill()
    assert_unavailable(fetch(pages[1]), "an entity page")
    assert_unavailable(fetch(pages[2].replace("/page/", "/id/"), accept="text/turtle"), "/id/ conneg")
    assert_unavailable(fetch(sparql_url(site, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")), "/sparql")
    assert_unavailable(fetch(f"{site}/data/{pages[3].split('/page/', 1)[1]}.nt"), "a data document")
    time.sleep(3)  # the site's periodic look at the backend happens while it is down
    status, _, body, seconds = fetch(site + "/")
    assert seconds < QUICK and (status == 503 or "测试县".encode() in body), (status, body[:500])
    assert b"fazhi ingest" not in body  # not the "empty store, load reports" page

    backend.start()
    deadline = time.monotonic() + 10
    while fetch(pages[1])[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert fetch(pages[1])[0] == 200
    status, _, body, _ = fetch(sparql_url(site, "ASK { ?s ?p ?o }"))
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body, _ = fetch(site + "/")
    assert status == 200 and "测试县".encode() in body


def test_backend_killed_mid_query(site, backend):
    answers: list = []
    thread = threading.Thread(target=lambda: answers.append(fetch(sparql_url(site, RUNAWAY))))
    thread.start()
    time.sleep(1.0)
    killed_at = time.monotonic()
    backend.kill()
    thread.join(timeout=30)
    try:
        assert answers, "the request did not come back"
        status, headers, body, _ = answers[0]
        assert status == 503 and headers.get("Retry-After"), (status, body[:300])
        assert time.monotonic() - killed_at < QUICK
        assert_unavailable(fetch(sparql_url(site, "ASK { ?s ?p ?o }")), "/sparql after the kill")
    finally:
        backend.start()
    deadline = time.monotonic() + 10
    while fetch(sparql_url(site, "ASK { ?s ?p ?o }"))[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert fetch(sparql_url(site, "ASK { ?s ?p ?o }"))[0] == 200


def test_frozen_backend_costs_a_page_the_page_timeout(site, backend, hostile_iris):
    pages = [f"{site}/page/{iri.split('.org/', 1)[1]}" for iri in hostile_iris["section"]]
    assert fetch(pages[0])[0] == 200
    backend.process.send_signal(signal.SIGSTOP)
    try:
        status, headers, body, seconds = fetch(pages[1], timeout=30)
        assert status == 503 and headers.get("Retry-After"), (status, body[:300])
        assert PAGE_WAIT <= seconds < PAGE_WAIT + QUICK, seconds
        assert fetch(pages[0])[0] == 200  # a page already rendered for this version is kept
    finally:
        backend.process.send_signal(signal.SIGCONT)
    assert fetch(pages[1])[0] == 200


def test_backend_down_when_the_site_starts(backend, tmp_path):
    """Every worker process reads the dataset when it starts; one that finds the backend down
    answers 503 (never an empty "no data yet" site) and picks the data up once it is back."""
    backend.kill()
    try:
        env = {"FAZHI_REMOTE_PAGE_TIMEOUT": str(PAGE_WAIT)}
        with serve(tmp_path / "unused", "--endpoint", backend.query_url, "--processes", "2",
                   env=env) as (url, _):
            assert_unavailable(fetch(url + "/"), "the home page")
            assert_unavailable(fetch(url + "/reports"), "an index page")
            backend.start()
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                answers = [fetch(url + "/") for _ in range(6)]  # both workers, most likely
                if all(a[0] == 200 and "测试县".encode() in a[2] for a in answers):
                    break
                time.sleep(0.5)
            assert all(a[0] == 200 and "测试县".encode() in a[2] for a in answers), [a[0] for a in answers]
    finally:
        if backend.process is None:
            backend.start()
