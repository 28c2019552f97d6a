"""Every worked example in queries/ has its header and returns rows on the bundled reports."""

from __future__ import annotations

import json

import pytest

from fazhi.sparql.examples import load_examples, parse_example
from tests.web.sparql.test_protocol import get

EXAMPLES = load_examples()


def test_the_worked_examples_are_all_there():
    names = {e.name for e in EXAMPLES}
    assert {"indicator-across-years-and-places", "metrics-of-one-report", "most-cited-documents",
            "departments-and-measures", "problems-reported", "plans-for-next-year",
            "where-a-fact-came-from"} <= names
    for example in EXAMPLES:
        assert example.title_zh != example.name and example.title_en != example.name
        assert example.description


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_example_returns_rows(endpoint, example):
    status, _, body = get(endpoint, "application/sparql-results+json", query=example.query)
    assert status == 200, body
    assert len(json.loads(body)["results"]["bindings"]) > 0


def test_examples_follow_the_deployment_base_uri():
    text = "# title@zh: 甲\n# title@en: A\n# description: d\nSELECT * { <https://fazhi.example.org/id/x> ?p ?o }"
    example = parse_example("a", text, "https://data.example.gov.cn/")
    assert "<https://data.example.gov.cn/id/x>" in example.query
    assert (example.title_zh, example.title_en, example.description) == ("甲", "A", "d")


def test_example_files_are_served(base_url):
    from tests.web.sparql.test_protocol import http

    status, headers, body = http(base_url + "/sparql/examples/plans-for-next-year.rq")
    assert status == 200 and body.decode().startswith("# title@zh:")
    assert http(base_url + "/sparql/examples/nope.rq")[0] == 404
