"""Ingest into a real embedded store: the seed's facts queryable, bad files skipped, re-ingest a
no-op, the bulk initial load equal to the per-report path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fazhi.dataset import read_summary
from fazhi.ingest import FRESH_LOAD_MIN_REPORTS, collect_files, ingest
from fazhi.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "reports" / "longchang-2021.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
BASE = "https://fazhi.example.org/"
FZ = BASE + "def/fz#"
REPORT = BASE + "id/report/511083/government/2021"


def _count(store, where: str) -> int:
    rows = list(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0]["n"].value)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("seed") / "store")
    summary = ingest([SEED], store, base_uri=BASE, validate=True)
    assert summary.reports == 1 and not summary.failures, summary.failures
    yield store
    store.close()


def test_seed_report_and_metadata_are_queryable(seed_store):
    rows = list(seed_store.query(f"""
        PREFIX dct: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?title ?issued ?creator WHERE {{ <{REPORT}> dct:title ?title ; dct:issued ?issued ;
               dct:creator/skos:prefLabel ?creator FILTER(lang(?creator) = "zh") }}"""))
    assert rows and rows[0]["title"].value == "隆昌市2021年度法治政府建设情况报告"
    assert rows[0]["issued"].value == "2022-02-17" and rows[0]["creator"].value == "隆昌市人民政府"


def test_seed_observations_carry_values_units_and_evidence(seed_store):
    rows = list(seed_store.query("""
        PREFIX qb: <http://purl.org/linked-data/cube#>
        PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?v ?exact ?start ?end WHERE {
          ?o a qb:Observation ; sdmx-measure:obsValue ?v ; ?ev ?a .
          ?a oa:hasTarget ?t . ?t oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
          FILTER(CONTAINS(?exact, "全程网办率")) }"""))
    assert rows, "the 全程网办率 observation and its evidence"
    assert float(rows[0]["v"].value) == 98.33
    assert (int(rows[0]["start"].value), int(rows[0]["end"].value)) == (631, 643)
    assert _count(seed_store, "?o a <http://purl.org/linked-data/cube#Observation>") == 64


def test_seed_documents_organizations_and_structure(seed_store):
    assert _count(seed_store, f"?d a <{FZ}GovernmentDocument>") == 16
    assert _count(seed_store, f"?m a <{FZ}Measure>") == 20
    assert _count(seed_store, f"?p a <{FZ}Problem>") == 3
    assert _count(seed_store, f"?p a <{FZ}PlannedMeasure>") == 5
    orgs = {row["l"].value for row in seed_store.query(
        "SELECT ?l WHERE { ?o a <http://www.w3.org/ns/org#Organization> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = 'zh') }")}
    assert {"隆昌市人民政府", "隆昌市司法局", "内江市中级人民法院"} <= orgs


def test_reingesting_the_same_file_changes_nothing(seed_store):
    before = (seed_store.count(), read_summary(seed_store, BASE).version)
    summary = ingest([SEED], seed_store, base_uri=BASE, validate=False)
    assert (summary.reports, summary.unchanged) == (0, 1)
    assert (seed_store.count(), read_summary(seed_store, BASE).version) == before


def test_bad_file_is_skipped_and_good_ones_are_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    with EmbeddedStore(tmp_path / "store") as store:
        summary = ingest([folder, tmp_path / "missing.txt"], store, base_uri=BASE, validate=False)
        assert summary.reports == 1
        reasons = dict(summary.failures)
        assert "empty file" in reasons[str(folder / "empty.txt")]
        assert "binary" in reasons[str(folder / "binary.txt")]
        assert "no such file" in reasons[str(tmp_path / "missing.txt")]
        assert len([g for g in store.graphs() if "/graph/report/" in g]) == 1


def test_bulk_initial_load_equals_per_report_loading(tmp_path):
    files, _ = collect_files([FIXTURES, SEED])
    copies = tmp_path / "many"
    copies.mkdir()
    for i in range(FRESH_LOAD_MIN_REPORTS):  # the same reports twice over → repeats replace
        source = files[i % len(files)]
        shutil.copy(source, copies / f"{i:02d}-{source.name}")
    with EmbeddedStore(tmp_path / "bulk") as bulk, EmbeddedStore(tmp_path / "one-by-one") as single:
        bulk_summary = ingest([copies], bulk, base_uri=BASE, validate=False)
        single.update("INSERT DATA { GRAPH <urn:x:seed> { <urn:x:a> <urn:x:b> <urn:x:c> } }")
        ingest([copies], single, base_uri=BASE, validate=False)
        single.drop_graph("urn:x:seed")
        report_graphs = [g for g in bulk.graphs() if "/graph/report/" in g]
        assert len(report_graphs) == len(set(bulk_summary.graphs)) == len(files)
        for graph in report_graphs:
            assert bulk.count(graph) == single.count(graph), graph
