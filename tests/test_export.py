"""fazhi.export and ``fazhi export``: every format parses back to what the store holds."""

from __future__ import annotations

import gzip
import io

import pytest
import rdflib
from click.testing import CliRunner

from fazhi.cli import cli
from fazhi.errors import BadRequest, NotFound
from fazhi.export import FORMATS, export, get_format, ontology_prefixes, resolve_graph
from tests.web.publish.stores import BASE, distinct_triples, shared_store

RDFLIB = {"nq": "nquads", "trig": "trig", "jsonld": "json-ld", "ttl": "turtle", "nt": "nt", "rdf": "xml"}
GRAPH = BASE + "graph/report/511083/government/2021"


@pytest.fixture(scope="module")
def store():
    return shared_store()


def parse(data: bytes, key: str) -> int:
    """Statements an independent parser (rdflib) reads: quads for graph-keeping formats."""
    if FORMATS[key].keeps_graphs:
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=RDFLIB[key])
        return sum(len(g) for g in dataset.graphs())
    return len(rdflib.Graph().parse(data=data, format=RDFLIB[key]))


@pytest.mark.parametrize("key", list(FORMATS))
def test_every_format_parses_back_to_the_store(store, key):
    out = io.BytesIO()
    written = export(store, FORMATS[key], out, base_uri=BASE)
    assert written == store.count()
    expected = store.count() if FORMATS[key].keeps_graphs else distinct_triples(store)
    assert parse(out.getvalue(), key) == expected


@pytest.mark.parametrize("key", list(FORMATS))
def test_one_graph_in_every_format(store, key):
    out = io.BytesIO()
    written = export(store, FORMATS[key], out, base_uri=BASE, graph=GRAPH)
    assert written == store.count(GRAPH) == parse(out.getvalue(), key)


def test_quads_keep_their_graph_names(store):
    out = io.BytesIO()
    export(store, FORMATS["trig"], out, base_uri=BASE)
    dataset = rdflib.Dataset()
    dataset.parse(data=out.getvalue(), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == set(store.graphs())


def test_turtle_declares_the_ontology_prefixes_once(store):
    out = io.BytesIO()
    export(store, FORMATS["ttl"], out, base_uri=BASE)
    text = out.getvalue().decode()
    assert text.count("@prefix fz:") == 1
    assert " fz:Report" in text or "fz:Report ." in text
    assert ontology_prefixes(BASE)["fz"] == BASE + "def/fz#"


def test_batches_are_spliced_into_one_document(store, monkeypatch):
    """Tiny batches force many splices: the documents must still parse whole."""
    monkeypatch.setattr("fazhi.export.BATCH", 97)
    for key in ("ttl", "rdf", "jsonld", "trig"):
        out = io.BytesIO()
        export(store, FORMATS[key], out, base_uri=BASE, graph=GRAPH)
        assert parse(out.getvalue(), key) == store.count(GRAPH)


@pytest.mark.parametrize("spec", [GRAPH, BASE + "id/report/511083/government/2021", "511083/government/2021",
                                  "/511083/government/2021/"])
def test_graph_by_iri_report_or_short_form(store, spec):
    assert resolve_graph(store, BASE, spec) == GRAPH


def test_unknown_graph_and_format(store):
    with pytest.raises(NotFound):
        resolve_graph(store, BASE, "999999/nobody/2021")
    with pytest.raises(BadRequest):
        get_format("csv")
    assert get_format("application/n-quads").key == "nq" and get_format("turtle").key == "ttl"


def test_cli_export_gzip_to_file(store, tmp_path):
    target = tmp_path / "r.ttl.gz"
    args = ["export", "--store", str(store.path), "--format", "ttl", "--gzip", "--graph",
            "511083/government/2021", "-o", str(target)]
    result = CliRunner().invoke(cli, args)  # a read-only open beside this process's writer
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=gzip.decompress(target.read_bytes()), format="turtle")
    assert len(graph) == store.count(GRAPH)


def test_cli_export_refuses_an_unknown_report(store):
    result = CliRunner().invoke(cli, ["export", "--store", str(store.path), "--graph", "no/such/2020"])
    assert result.exit_code == 2
    assert "no report graph" in result.output

