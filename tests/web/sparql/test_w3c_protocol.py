"""The W3C SPARQL 1.1 Protocol test manifest (w3c/manifest.ttl), run over raw HTTP.

Requests are sent exactly as the manifest writes them (http.client adds no Content-Type of
its own). The endpoint is read-only, so the manifest's update tests, which expect 2xx, are run
expecting the refusal (403) instead; every query test and every bad-request test must pass as
written.
"""

from __future__ import annotations

import http.client
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Namespace, RDF

from tests.web.sparql.conftest import make_app, serving

MANIFEST = Path(__file__).resolve().parent / "w3c" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"}
TABULAR = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
           "text/tab-separated-values"}
BOOLEAN = {"application/sparql-results+xml", "application/sparql-results+json"}


def _load():
    graph = rdflib.Graph().parse(MANIFEST, format="turtle",
                                 publicID="http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    entries = rdflib.collection.Collection(graph, graph.value(manifest, MF.entries))
    return graph, list(entries)


GRAPH, ENTRIES = _load()


def _name(entry) -> str:
    return str(entry).rsplit("#", 1)[-1]


def _requests(entry):
    action = GRAPH.value(entry, MF.action)
    return list(rdflib.collection.Collection(GRAPH, GRAPH.value(action, HT.requests)))


@pytest.fixture(scope="module")
def w3c_server(w3c_store):
    with serving(make_app(w3c_store)) as url:
        yield urllib.parse.urlsplit(url)


def _send(where, request):
    path = str(GRAPH.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    method = str(GRAPH.value(request, HT.methodName))
    body_node = GRAPH.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(GRAPH.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(GRAPH.value(body_node, CNT.chars)).encode(encoding.lower())
    headers = {}
    header_list = GRAPH.value(request, HT.headers)
    if header_list is not None:
        for header in rdflib.collection.Collection(GRAPH, header_list):
            headers[str(GRAPH.value(header, HT.fieldName))] = str(GRAPH.value(header, HT.fieldValue))
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def _check(request, status, content_type, body):
    expected = GRAPH.value(request, HT.resp)
    classes = {str(c).rsplit("StatusCode", 1)[-1][0] for c in GRAPH.objects(expected, MF.expectedStatus)}
    assert str(status)[0] in classes, (status, body[:300])
    media = content_type.split(";")[0].strip()
    fmt = GRAPH.value(expected, MF.expectedFormat)
    if fmt is not None:
        allowed = {"boolean": BOOLEAN, "tabular": TABULAR, "RDF": RDF_TYPES}[str(fmt)]
        assert media in allowed
    boolean = GRAPH.value(expected, MF.expectedBoolean)
    if boolean is not None:
        answer = ox.parse_query_results(body, ox.QueryResultsFormat.from_media_type(media))
        assert bool(answer) is boolean.toPython()


@pytest.mark.parametrize("entry", ENTRIES, ids=_name)
def test_w3c_protocol(w3c_server, entry):
    name = _name(entry)
    for request in _requests(entry):
        status, content_type, body = _send(w3c_server, request)
        if name.startswith("update_"):
            # Read-only endpoint: the update is refused, so the manifest's follow-up
            # queries (which check the update's effect) do not apply.
            assert status == 403, body
            return
        _check(request, status, content_type, body)
