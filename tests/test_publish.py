"""publish-dumps releases and their DCAT-AP description, checked against our DCAT-AP shapes."""

from __future__ import annotations

import gzip
import hashlib
import json

import pyshacl
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import DCAT, DCTERMS as DCT, RDF, XSD

from fazhi.cli import cli
from fazhi.paths import resource_dir
from fazhi.publish import publish_dumps, read_manifest
from fazhi.publish.dcat import SPDX, catalog_graph
from tests.bundled import BUNDLED_REPORTS
from tests.web.publish.stores import BASE, shared_store, publish_config

SHAPES = resource_dir("ontology") / "dcat-ap-shapes.ttl"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dumps")
    store = shared_store()
    return store, folder, publish_dumps(store, publish_config(folder))


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES, format="turtle", publicID=BASE)


def violations(graph, shapes) -> list[str]:
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    query = ("SELECT ?focus ?path ?msg WHERE { ?r a <http://www.w3.org/ns/shacl#ValidationResult> ; "
             "<http://www.w3.org/ns/shacl#resultSeverity> <http://www.w3.org/ns/shacl#Violation> ; "
             "<http://www.w3.org/ns/shacl#focusNode> ?focus ; <http://www.w3.org/ns/shacl#resultMessage> ?msg "
             "OPTIONAL { ?r <http://www.w3.org/ns/shacl#resultPath> ?path } }")
    return [f"{row.focus} {row.path} {row.msg}" for row in report.query(query)]


def warnings(graph, shapes) -> list[str]:
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return [str(r) for r in report.subjects(sh.resultSeverity, sh.Warning)]


def test_release_files_match_their_manifest(release):
    store, folder, manifest = release
    assert read_manifest(folder) == manifest
    assert {f.format for f in manifest.full_dumps} == {"nq", "trig", "jsonld", "ttl", "nt", "rdf"}
    assert len(manifest.report_dumps) == BUNDLED_REPORTS
    for entry in manifest.files:
        data = (folder / entry.path).read_bytes()
        assert len(data) == entry.bytes
        assert hashlib.sha256(data).hexdigest() == entry.sha256
    assert manifest.version and manifest.coverage.first_year == 2021 and manifest.coverage.last_year == 2023


def test_per_report_dump_holds_its_graph(release):
    store, folder, manifest = release
    entry = next(f for f in manifest.report_dumps if f.graph.endswith("511083/government/2021"))
    graph = rdflib.Graph().parse(data=gzip.decompress((folder / entry.path).read_bytes()), format="turtle")
    assert len(graph) == entry.statements == store.count(entry.graph)
    assert entry.report == BASE + "id/report/511083/government/2021"


def test_release_is_reproducible(release, tmp_path):
    store, _, manifest = release
    again = publish_dumps(store, publish_config(tmp_path))
    assert [f.sha256 for f in again.files] == [f.sha256 for f in manifest.files]


def test_catalogue_conforms_to_dcat_ap(release, shapes):
    _, folder, _ = release
    catalog = rdflib.Graph().parse(folder / "catalog.ttl", format="turtle")
    assert violations(catalog, shapes) == []
    assert warnings(catalog, shapes) == []


def test_catalogue_describes_each_dump(release):
    _, folder, manifest = release
    catalog = rdflib.Graph().parse(folder / "catalog.ttl", format="turtle")
    for entry in manifest.full_dumps:
        dist = rdflib.URIRef(BASE + "dumps/" + entry.path)
        assert (rdflib.URIRef(BASE + "data/corpus"), DCAT.distribution, dist) in catalog
        assert catalog.value(dist, DCAT.byteSize) == rdflib.Literal(entry.bytes, datatype=XSD.nonNegativeInteger)
        checksum = catalog.value(dist, SPDX.checksum)
        assert str(catalog.value(checksum, SPDX.checksumValue)) == entry.sha256
        assert str(catalog.value(dist, DCT["format"])).startswith("http://publications.europa.eu/resource/authority/file-type/")
    service = rdflib.URIRef(BASE + "sparql#service")
    assert catalog.value(service, DCAT.endpointURL) == rdflib.URIRef(BASE + "sparql")
    assert len(list(catalog.objects(service, DCAT.servesDataset))) == 4


def test_catalogue_without_a_release_still_conforms(shapes, tmp_path):
    graph = catalog_graph(publish_config(tmp_path))
    assert violations(graph, shapes) == []


@pytest.mark.parametrize("breakage", [
    "distribution without accessURL", "dataset without title", "catalogue with two publishers",
    "checksum not hexBinary", "byte size as a string", "theme not a concept"])
def test_broken_descriptions_are_refused(release, shapes, breakage):
    _, folder, manifest = release
    g = rdflib.Graph().parse(folder / "catalog.ttl", format="turtle")
    dist = rdflib.URIRef(BASE + "dumps/" + manifest.full_dumps[0].path)
    corpus = rdflib.URIRef(BASE + "data/corpus")
    if breakage == "distribution without accessURL":
        g.remove((dist, DCAT.accessURL, None))
    elif breakage == "dataset without title":
        g.remove((corpus, DCT.title, None))
    elif breakage == "catalogue with two publishers":
        other = rdflib.URIRef("https://example.org/other")
        g.add((other, RDF.type, rdflib.FOAF.Agent))
        g.add((other, rdflib.FOAF.name, rdflib.Literal("other")))
        g.add((rdflib.URIRef(BASE + "catalog"), DCT.publisher, other))
    elif breakage == "checksum not hexBinary":
        checksum = g.value(dist, SPDX.checksum)
        g.set((checksum, SPDX.checksumValue, rdflib.Literal("abc")))
    elif breakage == "byte size as a string":
        g.set((dist, DCAT.byteSize, rdflib.Literal("12 MB")))
    elif breakage == "theme not a concept":
        g.add((corpus, DCAT.theme, rdflib.URIRef("https://example.org/untyped-theme")))
    assert violations(g, shapes), breakage


def test_cli_publish_dumps(tmp_path):
    store = shared_store()
    result = CliRunner().invoke(cli, ["publish-dumps", "--store", str(store.path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "manifest.json").read_text())["files"]
    assert f"{BUNDLED_REPORTS} per-report dumps" in result.output
