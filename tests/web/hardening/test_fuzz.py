"""Hostile requests on every route: zero 5xx, and every 4xx says why.

A seeded generator (:mod:`tests.web.hardening.fuzz`) makes random paths under each prefix,
random and repeated parameters, 100 KB values, malformed Accept headers, bad UTF-8 and
percent-encoding, and unexpected methods. They go through the Flask test client (the WSGI
environ built as waitress builds it: the path percent-decoded to bytes, read as Latin-1) and,
a few hundred of them, as raw bytes on a socket to a real ``fazhi serve``.
"""

from __future__ import annotations

import contextlib
import socket
from urllib.parse import unquote_to_bytes

import pytest

from fazhi.web import SECURITY_HEADERS
from tests.web.conftest import fazhi_server
from tests.web.hardening.fuzz import FuzzRequest, generate

CLIENT_REQUESTS = 2500
SERVER_REQUESTS = 300


def wsgi_open(client, req: FuzzRequest):
    """Send ``req`` through the test client with the environ a real server would build."""
    path = unquote_to_bytes(req.path).decode("latin-1")
    headers = {k: v for k, v in req.headers.items() if k != "Content-Type"}
    return client.open(method=req.method, data=req.body, headers=headers,
                       content_type=req.headers.get("Content-Type"),
                       environ_overrides={"PATH_INFO": path, "QUERY_STRING": req.query_string,
                                          "REQUEST_URI": req.target, "RAW_URI": req.target})


def verdict(req: FuzzRequest, status: int, headers, body: bytes) -> str | None:
    """What is wrong with this answer, or None."""
    if status >= 500:
        return f"{status} for {req}: {body[:300]!r}"
    if 400 <= status < 500 and req.method != "HEAD":
        text = body.decode("utf-8", "replace")
        if len(text.strip()) < 20:
            return f"{status} without a reason for {req}: {text!r}"
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        if name not in headers:
            return f"no {name} on {status} for {req}"
    return None


def test_fuzz_through_the_app(hclient):
    problems, statuses = [], {}
    for req in generate(seed=20240601, count=CLIENT_REQUESTS):
        response = wsgi_open(hclient, req)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        problem = verdict(req, response.status_code, response.headers, response.get_data())
        if problem:
            problems.append(problem)
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:15])
    assert statuses.get(200, 0) > 50 and sum(v for k, v in statuses.items() if k >= 400) > 500, statuses


# ------------------------------------------------------------------ a real server, raw bytes
def raw_request(port: int, req: FuzzRequest, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    """One HTTP/1.1 request written byte for byte (no client library cleans it up)."""
    lines = [f"{req.method} {req.target} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in req.headers.items()]
    if req.body or req.method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(req.body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")
    data = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            sock.sendall(head + req.body)  # a server refusing the body may close early
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip()] = value.strip()
    return int(status_line.split()[1]), headers, body


@pytest.fixture(scope="module")
def server_port(hostile_store_dir, hostile_config):
    with fazhi_server(hostile_store_dir, "--threads", "4") as url:
        yield int(url.rsplit(":", 1)[1])


def well_formed(req: FuzzRequest) -> bool:
    """False when the request breaks HTTP/1.1 itself (raw non-ASCII bytes in the request
    target, control characters in a header value): waitress answers those with its own plain
    400 ("Bad URI", "Bad Request") before the app is called."""
    return req.target.isascii() and all(v.isprintable() for v in req.headers.values())


def _secured(headers: dict) -> bool:
    """waitress's own error answers carry the site's security headers too."""
    return all(headers.get(name) == value for name, value in SECURITY_HEADERS.items())


def test_fuzz_through_a_real_server(server_port):
    problems, malformed = [], 0
    for req in generate(seed=7, count=SERVER_REQUESTS):
        req.target = req.target.replace(" ", "%20")  # a raw space would end the request target
        status, headers, body = raw_request(server_port, req)
        if not well_formed(req):
            malformed += 1
            if status != 400 or not _secured(headers):
                problems.append(f"{status} {headers} for a malformed request {req}")
            continue
        problem = verdict(req, status, headers, body)
        if problem:
            problems.append(problem)
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:15])
    assert malformed < SERVER_REQUESTS // 4


@pytest.mark.parametrize("target", ["/page/%ff", "/id/%c3%28", "/data/%00.ttl", "/search?q=%ff%fe",
                                    "/search?q=%c3%28", "/reports?issuer=%00", "/dumps/%2e%2e/%2e%2e/etc/passwd",
                                    "/static/..%2f..%2fpyproject.toml", "/page/id/法治",
                                    "/sparql?query=%ff", "/network?year=%ff"])
def test_bad_bytes_in_the_url(server_port, target):
    status, headers, body = raw_request(server_port, FuzzRequest("GET", target, {"Accept": "text/plain"}))
    assert 400 <= status < 500, (target, status, body[:200])
    assert len(body.strip()) > 20, body


@pytest.mark.parametrize("head", [b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
                                  b"GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n",
                                  b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
                                  b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n"])
def test_answers_waitress_makes_itself_carry_security_headers(server_port, head):
    data = b""
    with socket.create_connection(("127.0.0.1", server_port), timeout=30) as sock:
        sock.sendall(head)
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                data += chunk
    status_line, *lines = data.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    assert status_line.split()[1] in ("400", "413"), status_line
    assert _secured(headers), headers
