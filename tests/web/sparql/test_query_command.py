"""``fazhi query`` on the embedded store and, through SPARQLWrapper, on a running endpoint."""

from __future__ import annotations

import csv
import io
import json

import rdflib
from click.testing import CliRunner

from fazhi.cli import cli



def run(*args):
    from tests.bundled import ROOT

    args = [a.replace("@queries/", f"@{ROOT}/queries/") for a in args]
    return CliRunner().invoke(cli, ["query", *args])


def test_table_from_the_embedded_store(reports_store):
    result = run("@queries/most-cited-documents.rq", "--store", str(reports_store))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["document", "title", "reports"]
    assert "法治政府建设实施纲要" in result.output and lines[-1].endswith("rows)")


def test_csv_and_json_from_an_endpoint(endpoint):
    result = run("@queries/plans-for-next-year.rq", "--endpoint", endpoint, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and set(rows[0]) == {"forYear", "issuer", "plan"}
    result = run("ASK { ?s ?p ?o }", "--endpoint", endpoint, "--format", "json")
    assert json.loads(result.output)["boolean"] is True


def test_describe_prints_turtle(reports_store):
    report = "https://fazhi.example.org/id/report/511083/government/2021"
    result = run(f"DESCRIBE <{report}>", "--store", str(reports_store))
    graph = rdflib.Graph().parse(data=result.output, format="turtle")
    assert (rdflib.URIRef(report), rdflib.RDF.type, None) in graph


def test_errors_are_one_line_and_exit_2(reports_store, endpoint):
    result = run("SELECT * {", "--store", str(reports_store))
    assert result.exit_code == 2 and "error at 1:" in result.output
    result = run("@nowhere.rq", "--store", str(reports_store))
    assert result.exit_code == 2 and "cannot read query file" in result.output
    result = run("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "--endpoint", endpoint)
    assert result.exit_code == 2 and "SERVICE" in result.output
