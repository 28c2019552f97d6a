"""Stores for the analysis tests: a tiny hand-written graph, and a few generated reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fazhi.config import Config
from fazhi.ingest import ingest
from fazhi.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
BASE = Config.base_uri
FZ = BASE + "def/fz#"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def iri(path: str) -> str:
    return BASE + path


def _lines(triples: list[tuple[str, str, str]]) -> list[str]:
    return [f"<{s}> <{p}> {o if o.startswith(chr(34)) else f'<{o}>'} .\n" for s, p, o in triples]


def tiny_graphs() -> dict[str, list[str]]:
    """Two reports by hand. R1 (org A, 2021, area X) cites D1 and D2, mentions B, states IND;
    R2 (org B, 2021, area X) cites D1 from its measure M; B is part of A."""
    A, B = iri("id/org/000001/government"), iri("id/org/000001/justice-bureau")
    R1, R2 = iri("id/report/000001/government/2021"), iri("id/report/000001/justice-bureau/2021")
    D1, D2, Y, X = iri("id/doc/d1"), iri("id/doc/d2"), iri("id/year/2021"), iri("id/area/000001")
    M = R2 + "/section/1/measure/1"
    IND, P = iri("def/indicator/legal-aid-cases"), iri("def/indicator-phrase/p-1")
    OBS = iri("id/observation/000001/government/2021/1")
    zh = lambda text: f'"{text}"@zh'  # noqa: E731

    def org(o, name):
        return [(o, RDF_TYPE, ORG + "Organization"), (o, SKOS + "prefLabel", zh(name))]

    def report(r, issuer, name):
        return [(r, RDF_TYPE, FZ + "Report"), (r, RDFS + "label", zh(name)), (r, DCT + "creator", issuer),
                (r, FZ + "reportingYear", Y), (r, DCT + "spatial", X), (X, SKOS + "prefLabel", zh("某县"))]

    g1 = (report(R1, A, "甲报告") + org(A, "某县人民政府") + org(B, "某县司法局")
          + [(R1, DCT + "references", B), (D1, FZ + "citedIn", R1), (D2, FZ + "citedIn", R1),
             (D1, RDFS + "label", zh("法一")), (D2, RDFS + "label", zh("法二")),
             (OBS, FZ + "indicator", P), (OBS, "http://www.w3.org/ns/prov#wasDerivedFrom", R1),
             (P, SKOS + "exactMatch", IND)])
    g2 = (report(R2, B, "乙报告") + org(B, "某县司法局") + org(A, "某县人民政府")
          + [(B, ORG + "subOrganizationOf", A), (M, RDF_TYPE, FZ + "Measure"), (M, RDFS + "label", zh("举措")),
             (D1, FZ + "citedIn", M), (D1, RDFS + "label", zh("法一"))])
    return {iri("graph/report/1"): _lines(g1), iri("graph/report/2"): _lines(g2)}


@pytest.fixture()
def tiny_store():
    store = EmbeddedStore(None)
    for graph, lines in tiny_graphs().items():
        store.replace_graph_lines(graph, lines)
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """Five generated reports ingested into a store folder."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    folder = tmp_path_factory.mktemp("analysis-corpus")
    texts = folder / "reports"
    texts.mkdir()
    for name, text in generate(5, seed=7):
        (texts / name).write_text(text, encoding="utf-8")
    with EmbeddedStore(folder / "store") as store:
        result = ingest([texts], store, base_uri=BASE, validate=False, workers=1)
    assert result.reports == 5 and not result.failures
    return folder / "store"
