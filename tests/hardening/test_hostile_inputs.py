"""Hostile files through ``fazhi extract`` and through ingest: a correct result or one clear
line naming the file (exit 2), never a traceback or a hang; a rejected file leaves the store
exactly as it was."""

from __future__ import annotations

import json

import pytest

from fazhi.dataset import read_summary
from fazhi.extract import read_report
from fazhi.ingest import ingest
from fazhi.store import EmbeddedStore

from .conftest import BASE, error_line, report_graph_counts, run_fazhi
from .hostile import CASES, SEED
from .spans import check_spans

IDS = [case.name for case in CASES]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Every hostile file, written once for the module."""
    folder = tmp_path_factory.mktemp("hostile")
    return {case.name: case.make(folder) for case in CASES}


@pytest.fixture(scope="module")
def seed_json():
    return _comparable(read_report(SEED).to_dict())


def _comparable(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "encoding"}


def _metrics_outside_titles(data: dict) -> None:
    titles = [(d["start"], d["end"]) for d in data["documents"]]
    for metric in data["metrics"] + data["targets"]:
        assert not any(s <= metric["number_start"] < e for s, e in titles), metric


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_extract_gives_a_result_or_one_clear_line(case, files, seed_json):
    path = files[case.name]
    result = run_fazhi("extract", path)
    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 2:
        assert case.expect in ("error", "any"), error_line(result)
        line = error_line(result)
        assert result.stderr.strip() == line and str(path) in line and case.reason in line
        return
    assert case.expect in ("ok", "any"), result.stdout[:300]
    data = json.loads(result.stdout)
    check_spans(data)
    _metrics_outside_titles(data)
    if case.same_as_seed:
        assert _comparable(data) == seed_json


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with EmbeddedStore(tmp_path_factory.mktemp("ingest") / "store") as store:
        summary = ingest([SEED], store, base_uri=BASE, validate=False, workers=1)
        assert summary.reports == 1, summary.failures
        yield store, report_graph_counts(store)


def _state(store) -> tuple[dict[str, int], str]:
    return report_graph_counts(store), read_summary(store, BASE).version


@pytest.mark.parametrize("case", [c for c in CASES if c.ingest], ids=[c.name for c in CASES if c.ingest])
def test_ingest_stores_the_report_or_leaves_the_store_unchanged(case, files, store):
    store, seed_graphs = store
    before = _state(store)
    summary = ingest([files[case.name]], store, base_uri=BASE, validate=case.validate, workers=1)
    if summary.failures:
        assert case.expect in ("error", "any"), summary.failures
        [(path, reason)] = summary.failures
        assert path == str(files[case.name]) and case.reason in reason and "internal error" not in reason
        assert _state(store) == before
        return
    assert case.expect in ("ok", "any") and summary.reports + summary.unchanged == 1
    graphs, _ = _state(store)
    assert set(before[0]) <= set(graphs)
    if case.same_as_seed:  # the same report from other bytes: replaced, just as large
        assert {g: graphs[g] for g in seed_graphs} == seed_graphs
