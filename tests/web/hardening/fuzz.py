"""A seeded generator of hostile requests for every route of the site.

Each request is a method, a raw request target (path and query string, already
percent-encoded, possibly badly), and headers. The same seed gives the same requests, so a
failure found once can be replayed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import quote

PREFIXES = ["/id/", "/page/", "/data/", "/def/", "/graph/", "/dumps/", "/sparql", "/search",
            "/network", "/compare", "/indicator-chart/", "/indicator-data/", "/report-chart",
            "/reports", "/organizations", "/catalog", "/.well-known/void", "/sitemap.xml",
            "/static/", "/sparql/yasgui/", "/analysis/lib/", "/", "/documents", "/indicators",
            "/measures", "/years", "/network/ego", "/network.json", "/network/download.",
            "/search/suggest", "/dumps/report/", "/sitemaps/", "/robots.txt", "/sparql/examples/",
            "/sparql/terms.json", "/report-chart.json", "/catalog.", "/.well-known/void."]
SEGMENTS = ["id", "report", "org", "doc", "observation", "year", "area", "511083", "government",
            "2021", "2022", "section", "1.2", "measure", "3", "text", "fz", "indicator",
            "full-online-processing-rate", "x-a7abdd2c", "justice-bureau", "reports", "fazhi.nq.gz",
            "manifest.json", "catalog.ttl", "app.css", "yasgui.min.js", "cytoscape", "chart",
            "..", ".", "", "%2e%2e", "%2E%2E%2F", "..%2f", "%2f", "%5c", "..\\..", "~", "%00", "%ff",
            "%c3%28", "%e2%82", "%", "%zz", "%u0041", "%25", "%0d%0aX-Injected:%201", "%0a", "%09",
            "%20", "%3C", "%3Cscript%3E", "%22", "%27", "%7B%7B7*7%7D%7D", "\u6cd5\u6cbb",
            "%E6%B3%95%E6%B2%BB", "etc", "passwd", "proc", "self", "environ", ".git", "config",
            "node_modules", "package.json", "..%252f", ";", "a;b=c", "*", "?", "#", "@", "index.html",
            ".ttl", ".jsonld", ".rdf", ".nt", ".html", ".csv", ".json", ".xml", ".gz", ".rq"]
PARAMS = ["q", "page", "size", "sort", "format", "year", "issuer", "iri", "inverse", "hl", "limit",
          "type", "types", "indicator", "place", "query", "timeout", "default-graph-uri",
          "named-graph-uri", "update", "report", "ego", "depth", "lang", "callback", "_", "",
          "%00", "%ff", "q[]", "__proto__"]
VALUES = ["", "1", "0", "-1", "99999999999999999999", "1e9", "NaN", "inf", "1.5", " ", "%00", "%ff",
          "%c3%28", "%", "html", "json", "csv", "xml", "ttl", "nt", "jsonld", "rdf", "tsv", "nq",
          "-year", "label", "count", "2021", "2022", "1949", "3000", "id/org/511083/government",
          "https://fazhi.example.org/id/report/511083/government/2021", "file:///etc/passwd",
          "http://127.0.0.1:1/", "javascript:alert(1)", "%3Cscript%3Ealert(1)%3C/script%3E",
          "%7B%7B7*7%7D%7D", "SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
          "ASK%20%7B%7D", "SELECT", "%7D%20%3B%20DROP%20ALL%20%3B%20%23", "1,2", "5,3", "-1,9",
          "Report", "Organization", "http://purl.org/dc/terms/isPartOf",
          "%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE", "full-online-processing-rate", "a" * 300]
ACCEPTS = [None, "", "*/*", "text/html", "application/json", "text/turtle", "application/ld+json",
           "application/rdf+xml", "application/n-triples", "text/csv", "image/png", "garbage",
           "text/html;q=abc", "*/*;q=2", ";;;,,,", "text/*;q=0.5, */*;q=0", "application/*",
           "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8",
           "application/sparql-results+json", "application/sparql-results+xml", "text/tab-separated-values",
           "a/b/c", "/", "*/html", "text/html;level=1;q=0.1, text/turtle;q=0.11",
           ", ".join(["text/plain;q=0.%d" % i for i in range(100)]), "text/html\x01", "é/ü"]
METHODS = ["GET"] * 12 + ["HEAD"] * 2 + ["OPTIONS", "POST", "POST", "PUT", "DELETE", "PATCH"]
CONTENT_TYPES = [None, "application/x-www-form-urlencoded", "application/sparql-query",
                 "application/sparql-update", "application/json", "text/plain", "multipart/form-data",
                 "application/sparql-query; charset=latin1", "application/x-www-form-urlencoded; charset=utf-16"]
HUGE = 100 * 1024


@dataclass
class FuzzRequest:
    method: str
    target: str
    headers: dict = field(default_factory=dict)
    body: bytes = b""

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query_string(self) -> str:
        return self.target.split("?", 1)[1] if "?" in self.target else ""

    def __str__(self) -> str:
        shown = self.target if len(self.target) < 300 else self.target[:300] + "…"
        return f"{self.method} {shown} {self.headers}"


def _segment(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.7:
        return rng.choice(SEGMENTS)
    if roll < 0.9:
        return quote("".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 12))), safe="")
    return "%%%02x" % rng.randrange(256)


def _path(rng: random.Random) -> str:
    prefix = rng.choice(PREFIXES)
    tail = "/".join(_segment(rng) for _ in range(rng.randrange(0, 7)))
    if rng.random() < 0.02:
        tail += "x" * HUGE
    path = prefix + tail
    if rng.random() < 0.2:
        path += rng.choice(SEGMENTS[-9:])
    return path


def _query(rng: random.Random) -> str:
    pairs = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5, 30])):
        name = rng.choice(PARAMS)
        value = rng.choice(VALUES)
        if rng.random() < 0.02:
            value = "v" * HUGE
        if rng.random() < 0.1:
            value = quote("".join(chr(rng.randrange(1, 0x10FFFF)) for _ in range(rng.randrange(1, 20)))
                          .encode("utf-8", "surrogatepass"), safe="")
        pairs.append(f"{name}={value}" if rng.random() < 0.95 else name)
    if rng.random() < 0.05:
        pairs.append("&&&==&")
    return "&".join(pairs)


def generate(seed: int, count: int):
    """``count`` hostile requests from ``seed``."""
    rng = random.Random(seed)
    for _ in range(count):
        method = rng.choice(METHODS)
        query = _query(rng)
        target = _path(rng) + ("?" + query if query else "")
        headers = {}
        accept = rng.choice(ACCEPTS)
        if accept is not None:
            headers["Accept"] = accept
        body = b""
        if method in ("POST", "PUT", "PATCH") or rng.random() < 0.05:
            kind = rng.choice(CONTENT_TYPES)
            if kind:
                headers["Content-Type"] = kind
            body = rng.choice([b"", b"query=ASK%20%7B%7D", b"query=%ff%fe", b"\xff\xfe\x00bad",
                               b"update=DROP%20ALL", b"SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                               b"{\"query\": 1}", b"query=" + b"A" * 2000])
        for name in ("If-None-Match", "If-Modified-Since", "Range"):
            if rng.random() < 0.03:
                headers[name] = rng.choice(["*", '"x"', "garbage", "bytes=0-10", "bytes=99999999-",
                                            "bytes=5-1", "Mon, 32 Foo 1999", "W/\"\""])
        yield FuzzRequest(method, target, headers, body)
