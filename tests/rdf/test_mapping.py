import pytest
from conftest import BASE, STAMP, build_report
from pyoxigraph import Literal, NamedNode

from fazhi.errors import ValidationError
from fazhi.rdf import namespaces as ns
from fazhi.rdf.mapping import map_report
from fazhi.rdf.uris import Minter


def mapped(report=None, base=BASE):
    return map_report(report or build_report(), Minter(base), source_name="https://example.gov.cn/r.html",
                      extracted_at=STAMP)


def objects(rg, s, p):
    return [t.object for t in rg.triples if t.subject == s and t.predicate == p]


def test_same_report_same_triples_and_ascii_iris():
    a, b = mapped(), mapped()
    assert a.triples == b.triples and a.graph == b.graph
    for t in a.triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, NamedNode):
                assert term.value.isascii(), term


def test_report_and_graph_iris():
    rg = mapped()
    assert rg.report.value == BASE + "id/report/511083/government/2021"
    assert rg.graph.value == BASE + "graph/report/511083/government/2021"
    assert rg.quads()[0].graph_name == rg.graph
    fz = ns.Vocab(BASE).fz
    assert objects(rg, rg.report, ns.DCT.creator) == [NamedNode(BASE + "id/org/511083/government")]
    assert objects(rg, rg.report, ns.DCT.publisher) == [NamedNode(BASE + "id/org/511083/justice-bureau")]
    assert objects(rg, rg.report, fz.reportingYear) == [NamedNode(BASE + "id/year/2021")]


def test_observation_values_units_and_curated_links():
    rg = mapped()
    obs = NamedNode(BASE + "id/observation/511083/government/2021/3")  # 罚款275.15万元
    assert objects(rg, obs, ns.SDMX_MEASURE.obsValue)[0].value == "2751500"
    assert objects(rg, obs, ns.SDMX_ATTRIBUTE.unitMeasure) == [ns.UNIT.CCY_CNY]
    assert objects(rg, obs, ns.Vocab(BASE).fz.reportedUnit) == [Literal("万元", language="zh")]
    phrase = objects(rg, NamedNode(BASE + "id/observation/511083/government/2021/2"),
                     ns.Vocab(BASE).fz.indicator)[0]
    assert objects(rg, phrase, ns.SKOS.closeMatch) == [NamedNode(BASE + "def/indicator/legal-aid-cases")]
    assert objects(rg, phrase, ns.SKOS.prefLabel) == [Literal("受理法律援助案件", language="zh")]


def test_organisations_hierarchy_and_short_forms():
    rg = mapped()
    justice = NamedNode(BASE + "id/org/511083/justice-bureau")
    assert Literal("市司法局", language="zh") in objects(rg, justice, ns.SKOS.altLabel)
    assert objects(rg, justice, ns.ORG.subOrganizationOf) == [NamedNode(BASE + "id/org/511083/government")]
    gov = NamedNode(BASE + "id/org/511083/government")
    assert objects(rg, gov, ns.ORG.subOrganizationOf) == [NamedNode(BASE + "id/org/511000/government")]
    court = NamedNode(BASE + "id/org/511000/intermediate-court")
    assert Literal("内江市中级人民法院", language="zh") in objects(rg, court, ns.SKOS.prefLabel)


def test_national_law_has_one_iri_across_areas():
    from fazhi.rdf.documents import issuer_key
    from fazhi.rdf.areas import default_index
    assert issuer_key(default_index(), "重大行政决策程序暂行条例", "511083") == ""
    rg = mapped()
    law = Minter(BASE).doc("重大行政决策程序暂行条例", "")
    assert any(t.subject == law for t in rg.triples)


def test_missing_year_or_issuer_is_refused():
    r = build_report()
    r.year = None
    with pytest.raises(ValidationError):
        mapped(r)


def test_unresolved_issuer_falls_back_to_hash_key():
    r = build_report()
    r.issuer = "某某新区管委会"
    rg = mapped(r)
    assert "/id/report/x-" in rg.report.value and rg.warnings
