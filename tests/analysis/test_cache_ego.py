"""The per-version cache and ego records."""

from __future__ import annotations

import pytest

from fazhi.analysis.cache import AnalysisCache
from fazhi.analysis.ego import ego
from fazhi.errors import NotFound
from fazhi.store import EmbeddedStore

from tests.analysis.conftest import BASE, iri


def test_cache_builds_once_per_version(corpus_store):
    store, cache = EmbeddedStore(corpus_store, read_only=True), AnalysisCache(size=2)
    first = cache.get(store, BASE)
    assert first.version and cache.get(store, BASE) is first


def test_unversioned_store_is_analysed_every_time(tiny_store):
    cache = AnalysisCache()
    assert cache.get(tiny_store, BASE) is not cache.get(tiny_store, BASE)


def test_ego_lists_neighbours_with_edge_types(tiny_store):
    record = ego(tiny_store, iri("id/org/000001/justice-bureau"), BASE, cache=AnalysisCache())
    around = {n["iri"]: {(e["type"], e["direction"]) for e in n["edges"]} for n in record["neighbours"]}
    assert around == {iri("id/report/000001/government/2021"): {("mentions", "in")},
                      iri("id/report/000001/justice-bureau/2021"): {("issues", "in")},
                      iri("id/org/000001/government"): {("part-of", "out")}}
    assert record["degree"] == 3 and record["ranks"]["degree"] == {"rank": 1, "of": 2}


def test_ego_of_unknown_node(tiny_store):
    with pytest.raises(NotFound):
        ego(tiny_store, iri("id/org/nowhere"), BASE, cache=AnalysisCache())
