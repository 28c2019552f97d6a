"""Indicator observations, their display, and the parameters that select them."""

from __future__ import annotations

import csv
import io

import pytest

from fazhi.analysis.charts import chart_spec, report_themes
from fazhi.analysis.indicators import (display, observations, parse_indicators, parse_places,
                                       parse_years, to_csv)
from fazhi.errors import BadRequest, NotFound
from fazhi.store import EmbeddedStore

from tests.analysis.conftest import BASE


@pytest.mark.parametrize("value,qualifier,unit,shown", [
    (95, "at-least", "%", "≥95%"), (1200, "more-than", "", "1,200+"), (3.5, "about", "", "≈3.5"),
    (99.8, "exact", "%", "99.8%"), (10, "at-most", "", "≤10")])
def test_display_draws_qualifiers(value, qualifier, unit, shown):
    assert display(value, qualifier, unit) == shown


def test_parameters_are_checked():
    assert [c.notation for c in parse_indicators(["litigation-cases"], BASE)] == ["litigation-cases"]
    assert parse_places(["511083", "511083"]) == ["511083"] and parse_years(["2022", "2021"]) == [2021, 2022]
    for bad in (lambda: parse_indicators(["nope"], BASE), lambda: parse_indicators(["law-enforcement"], BASE),
                lambda: parse_places(["51108"]), lambda: parse_years(["20x1"]), lambda: parse_years(["1800"])):
        with pytest.raises(BadRequest):
            bad()


def test_observations_of_generated_reports(corpus_store):
    store = EmbeddedStore(corpus_store, read_only=True)
    concepts = parse_indicators(["litigation-cases", "full-online-processing-rate", "legal-aid-cases"], BASE)
    points = observations(store, BASE, concepts)
    assert points and {p.indicator for p in points} <= {c.notation for c in concepts}
    assert all(p.observation.startswith(BASE + "id/observation/") for p in points)
    rows = list(csv.DictReader(io.StringIO(to_csv(points))))
    assert len(rows) == len(points) and float(rows[0]["value"]) == points[0].value
    one = points[0]
    narrowed = observations(store, BASE, concepts, areas=[one.area], years=[one.year])
    assert one.observation in {p.observation for p in narrowed}
    assert all(p.area == one.area and p.year == one.year for p in narrowed)
    spec = chart_spec(concepts[0], [p for p in points if p.indicator == concepts[0].notation], lambda i: i)
    assert sum(len(s["points"]) for s in spec["series"]) <= spec["drawn"]


def test_report_themes(corpus_store):
    store = EmbeddedStore(corpus_store, read_only=True)
    report = next(iter(store.query(f"SELECT ?r WHERE {{ ?r a <{BASE}def/fz#Report> }} LIMIT 1")))["r"].value
    data = report_themes(store, BASE, report, lambda i: i)
    assert data["figures"] == sum(t["count"] for t in data["themes"]) > 0
    with pytest.raises(NotFound):
        report_themes(store, BASE, BASE + "id/report/none", lambda i: i)
