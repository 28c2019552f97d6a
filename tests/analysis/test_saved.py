"""Analyses saved to disk: read back after a restart, never trusted when they do not match."""

from __future__ import annotations

import gzip

import networkx as nx

from fazhi.analysis import saved
from fazhi.analysis.cache import AnalysisCache
from fazhi.analysis.graph import GraphFilter
from fazhi.store import EmbeddedStore

from tests.analysis.conftest import BASE


def _edges(g):
    return sorted((a, b, d.get("type")) for a, b, d in g.edges(data=True))


def test_a_restarted_cache_reads_the_saved_network(corpus_store, tmp_path):
    store = EmbeddedStore(corpus_store, read_only=True)
    built = AnalysisCache(folder=tmp_path).get(store, BASE)
    assert list(tmp_path.glob("network-*.json.gz"))
    again = AnalysisCache(folder=tmp_path).get(store, BASE)  # a new process would start like this
    assert again.seconds == built.seconds  # not rebuilt: a build would take its own time
    assert again.version == built.version and again.filter == built.filter
    assert sorted(again.graph.nodes) == sorted(built.graph.nodes)
    assert _edges(again.graph) == _edges(built.graph)
    assert again.measures == built.measures
    assert nx.get_node_attributes(again.graph, "degree") == nx.get_node_attributes(built.graph, "degree")


def test_one_report_graph_is_not_saved(corpus_store, tmp_path):
    store = EmbeddedStore(corpus_store, read_only=True)
    report = next(iter(store.query(f"SELECT ?r WHERE {{ ?r a <{BASE}def/fz#Report> }} LIMIT 1")))["r"].value
    AnalysisCache(folder=tmp_path).get(store, BASE, GraphFilter(report=report))
    assert not list(tmp_path.glob("network-*"))


def test_another_version_or_a_broken_file_is_not_used(corpus_store, tmp_path):
    store = EmbeddedStore(corpus_store, read_only=True)
    built = AnalysisCache(folder=tmp_path).get(store, BASE)
    assert saved.load(tmp_path, BASE, "another-version", GraphFilter()) is None
    assert saved.load(tmp_path, "https://elsewhere.example/", built.version, GraphFilter()) is None
    path = saved.path_for(tmp_path, BASE, built.version, GraphFilter())
    path.write_bytes(gzip.compress(b"{not json"))
    assert saved.load(tmp_path, BASE, built.version, GraphFilter()) is None
    rebuilt = AnalysisCache(folder=tmp_path).get(store, BASE)  # and the broken file is replaced
    assert rebuilt.graph.number_of_nodes() == built.graph.number_of_nodes()
    assert saved.load(tmp_path, BASE, built.version, GraphFilter()) is not None


def test_an_unwritable_folder_only_costs_the_saving(corpus_store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = EmbeddedStore(corpus_store, read_only=True)
    analysis = AnalysisCache(folder=blocker / "cache").get(store, BASE)
    assert analysis.graph.number_of_nodes() > 0


def test_only_the_most_recent_files_are_kept(corpus_store, tmp_path):
    store = EmbeddedStore(corpus_store, read_only=True)
    built = AnalysisCache().get(store, BASE)
    for n in range(saved.KEEP + 3):
        built.version = f"v{n}"
        saved.save(tmp_path, BASE, built)
    assert len(list(tmp_path.glob("network-*.json.gz"))) == saved.KEEP
