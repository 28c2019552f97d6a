"""The site's walls: no file outside its folders, no body over the limit, no query that leaves
the dataset, and the security headers on every response.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from urllib.parse import quote

import pytest

from fazhi.web import SECURITY_HEADERS
from fazhi.web.sparql import EDITOR_CSP
from tests.web.conftest import fazhi_server
from tests.web.hardening.test_fuzz import raw_request
from tests.web.hardening.conftest import serve
from tests.web.hardening.fuzz import FuzzRequest

SECRET = "fazhi-secret-7c1d"


# ------------------------------------------------------------------ path traversal
@pytest.fixture(scope="module")
def outside_file(hostile_config):
    """A file beside the dumps folder, and a symlink inside the folder leading to it."""
    from pathlib import Path

    dumps = Path(hostile_config.dumps_dir)
    secret = dumps.parent / "secret.txt"
    secret.write_text(SECRET)
    link = dumps / "leak.txt"
    if not link.exists():
        link.symlink_to(secret)
    (dumps / "sub").mkdir(exist_ok=True)
    (dumps / "sub" / "up").unlink(missing_ok=True)
    (dumps / "sub" / "up").symlink_to(dumps.parent, target_is_directory=True)
    return secret


TRAVERSALS = ["../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt",
              "..%5csecret.txt", "./../secret.txt", "leak.txt", "sub/up/secret.txt", "/etc/passwd",
              "%2fetc%2fpasswd", "....//secret.txt", "..%252fsecret.txt", "reports/../../secret.txt",
              ".%2e/secret.txt", "%c0%ae%c0%ae/secret.txt", "..;/secret.txt"]


@pytest.mark.parametrize("prefix", ["/dumps/", "/static/", "/sparql/yasgui/", "/analysis/lib/",
                                    "/dumps/report/", "/sparql/examples/"])
def test_no_traversal_out_of_served_folders(hclient, outside_file, prefix):
    for tail in TRAVERSALS + ["../" * depth + "pyproject.toml" for depth in range(1, 8)] + \
            ["../" * depth + "etc/passwd" for depth in range(1, 12)]:
        response = hclient.get(prefix + tail)
        body = response.get_data()
        assert SECRET.encode() not in body and b"root:x:0" not in body, prefix + tail
        assert b"[project]" not in body, prefix + tail
        assert response.status_code in (400, 404, 406, 308, 301), (prefix + tail, response.status_code)


def test_no_traversal_on_a_real_server(hostile_store_dir, hostile_config, outside_file):
    with serve(hostile_store_dir, env={"FAZHI_DUMPS_DIR": hostile_config.dumps_dir}) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        for prefix in ("/dumps/", "/static/", "/sparql/yasgui/", "/analysis/lib/"):
            for tail in TRAVERSALS + ["../../../../../../../etc/passwd", "..%2f..%2f..%2f..%2f..%2fetc%2fpasswd"]:
                status, _, body = raw_request(port, FuzzRequest("GET", prefix + tail))
                assert SECRET.encode() not in body and b"root:x:0" not in body, prefix + tail
                assert status in (400, 404, 308, 301), (prefix + tail, status)
        status, _, body = raw_request(port, FuzzRequest("GET", "/dumps/manifest.json"))
        assert status == 200 and b"sha256" in body


# ------------------------------------------------------------------ request size
def test_bodies_over_the_limit_get_413(hclient, hostile_config):
    limit = hostile_config.max_request_bytes
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * limit
    response = hclient.post("/sparql", data=big, content_type="application/sparql-query")
    assert response.status_code == 413 and b"limit" in response.data
    response = hclient.post("/sparql", data={"query": big})
    assert response.status_code == 413 and b"limit" in response.data
    response = hclient.get("/sparql", query_string={"query": big})
    assert response.status_code == 413


def test_413_on_a_real_server_without_reading_the_body(hostile_store_dir, hostile_config):
    """A client announcing a body over the limit is answered at once, not after the upload."""
    limit = hostile_config.max_request_bytes
    with fazhi_server(hostile_store_dir) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall((f"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          f"Content-Type: application/sparql-query\r\nContent-Length: {limit * 20}\r\n\r\n").encode())
            sock.sendall(b"SELECT * WHERE { ?s ?p ?o }" + b" " * 65536)
            data = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := sock.recv(65536):
                    data += chunk
        assert data.startswith(b"HTTP/1.1 413"), data[:200]
        for route in ("/reports", "/search", "/page/id/year/2021"):
            status, _, body = raw_request(port, FuzzRequest("POST", route, {"Content-Type": "text/plain"},
                                                            b"x" * (limit + 10)))
            assert status in (405, 413) and len(body) > 20, (route, status)


# ------------------------------------------------------------------ SPARQL stays inside
@pytest.fixture()
def listener():
    """A TCP listener on 127.0.0.1 that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    hits: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                conn, _ = server.accept()
                hits.append(conn.recv(4096))
                conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def outbound_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SeRvIcE e:sparql {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { ?x ?y ?z . SERVICE ?x { ?s ?p ?o } } LIMIT 1",
        f"LOAD <{url}>",
        f"LOAD SILENT <{url}> INTO GRAPH <http://x/g>",
        f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"BASE <http://127.0.0.1:{port}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
        f"PREFIX x: <http://127.0.0.1:{port}/> SELECT * FROM x:data WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/hostname> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "ASK FROM <file:/etc/passwd> { ?s ?p ?o }",
        f"DESCRIBE <http://127.0.0.1:{port}/x> FROM <http://127.0.0.1:{port}/x>",
    ]


def test_sparql_never_reaches_out(hclient, listener):
    port, hits = listener
    for query in outbound_queries(port):
        for send in (lambda q: hclient.get("/sparql", query_string={"query": q}),
                     lambda q: hclient.post("/sparql", data=q, content_type="application/sparql-query"),
                     lambda q: hclient.post("/sparql", data={"query": q}, headers={"Accept": "text/html"})):
            response = send(query)
            assert response.status_code in (400, 403), (query, response.status_code, response.data[:200])
            assert len(response.get_data(as_text=True).strip()) > 30
    for param in ("default-graph-uri", "named-graph-uri"):
        for target in (f"http://127.0.0.1:{port}/g", "file:///etc/passwd"):
            response = hclient.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                                                            param: target, "format": "json"})
            assert response.status_code in (200, 400)
            if response.status_code == 200:
                assert response.get_json()["results"]["bindings"] == []
    time.sleep(0.3)
    assert hits == [], hits


def test_routes_taking_an_iri_never_fetch_it(hclient, listener):
    """Every other route that takes an IRI only ever looks it up in the store."""
    port, hits = listener
    url = f"http://127.0.0.1:{port}/x"
    for path in (f"/network/ego.json?iri={quote(url)}", f"/report-chart.json?iri={quote(url)}",
                 f"/reports?issuer={quote(url)}", f"/page/id/year/2021?inverse={quote(url)}",
                 f"/network?report={quote(url)}", f"/network?issuer={quote(url)}"):
        response = hclient.get(path)
        assert response.status_code < 500, path
    time.sleep(0.3)
    assert hits == []


# ------------------------------------------------------------------ security headers
def _routes(hclient, report_key: str) -> list[tuple[str, str, dict]]:
    get = "GET"
    return [
        (get, "/", {}), (get, "/reports", {}), (get, "/reports.csv", {}), (get, "/reports.json", {}),
        (get, "/page/id/year/2021", {}), (get, "/id/year/2021", {}), (get, "/data/id/year/2021.ttl", {}),
        (get, "/page/id/report/" + report_key + "/text", {}), (get, "/search?q=法治", {}),
        (get, "/search/suggest?q=法治", {}), (get, "/sparql", {"Accept": "text/html"}), (get, "/sparql", {}),
        (get, "/sparql?query=ASK%7B%7D&format=json", {}), ("OPTIONS", "/sparql", {}),
        (get, "/sparql/terms.json", {}), (get, "/network", {}), (get, "/network.json", {}),
        (get, "/compare", {}), (get, "/catalog", {}), (get, "/catalog.ttl", {}),
        (get, "/.well-known/void", {}), (get, "/sitemap.xml", {}), (get, "/robots.txt", {}),
        (get, "/def/fz", {}), (get, "/dumps/", {}), (get, "/dumps/manifest.json", {}),
        (get, "/dumps/fazhi.nq.gz", {}), (get, "/dumps/fazhi.nq.gz", {"Range": "bytes=0-9"}),
        (get, "/dumps/report/" + report_key + ".ttl", {}), (get, "/static/app.css", {}),
        (get, "/sparql/yasgui/yasgui.min.js", {}), (get, "/analysis/lib/chart.umd.min.js", {}),
        (get, "/page/id/nothing-here", {}), (get, "/no-such-route", {}), (get, "/reports?page=x", {}),
        ("DELETE", "/reports", {}), (get, "/id/year/2021", {"Accept": "image/png"}),
        (get, "/sparql?query=SELEKT", {}), (get, "/sparql?update=DROP%20ALL", {}),
        ("POST", "/sparql", {"Content-Type": "application/sparql-query", "_body": "x" * 2_000_000}),
        (get, "/page/id/year/2021", {"If-None-Match": "*"}), (get, "/static/nothing.css", {}),
        ("HEAD", "/", {}), ("HEAD", "/dumps/fazhi.nq.gz", {}),
    ]


def test_security_headers_on_every_kind_of_response(hclient, hostile_iris):
    report_key = hostile_iris["the-report"][0].split("/id/report/")[1]
    statuses = set()
    for method, path, headers in _routes(hclient, report_key):
        headers = dict(headers)
        body = headers.pop("_body", None)
        response = hclient.open(path, method=method, headers=headers, data=body)
        statuses.add(response.status_code)
        for name, value in SECURITY_HEADERS.items():
            if name == "Content-Security-Policy" and response.headers.get(name) == EDITOR_CSP:
                continue  # the query editor: the same policy plus two style hashes
            assert response.headers.get(name) == value, (method, path, response.status_code, name)
        if response.status_code == 200 and path.startswith("/static/"):
            assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert {200, 206, 303, 304, 400, 404, 405, 406, 413} <= statuses, statuses
