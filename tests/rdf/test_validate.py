import time

from conftest import BASE, STAMP, build_report
from pyoxigraph import Literal, Triple

from fazhi.rdf import namespaces as ns
from fazhi.rdf.mapping import map_report
from fazhi.rdf.uris import Minter
from fazhi.rdf.validate import VIOLATION, validate_triples

import pytest
from fazhi.errors import ValidationError
from fazhi.rdf.validate import check_report_graph


def triples():
    return map_report(build_report(), Minter(BASE), source_name="https://example.gov.cn/r.html",
                      extracted_at=STAMP).triples


def violations(ts):
    return [v for v in validate_triples(ts, BASE) if v.severity == VIOLATION]


def replace(ts, pred, old, new):
    out = [Triple(t.subject, t.predicate, new) if t.predicate == pred and t.object == old else t for t in ts]
    assert out != ts
    return out


def test_hand_built_report_conforms_quickly():
    ts = triples()
    validate_triples(ts, BASE)  # warm the shape cache
    start = time.perf_counter()
    assert violations(ts) == []
    assert time.perf_counter() - start < 5
    check_report_graph(ts, BASE)


def test_wrong_offset_fails():
    ts = triples()
    old = next(t.object for t in ts if t.predicate == ns.OA.start)
    bad = replace(ts, ns.OA.start, old, Literal(str(int(old.value) + 1), datatype=ns.XSD.nonNegativeInteger))
    assert any("偏移量" in v.message for v in violations(bad))


def test_percent_out_of_range_fails():
    ts = triples()
    bad = replace(ts, ns.SDMX_MEASURE.obsValue, Literal("98.33", datatype=ns.XSD.decimal),
                  Literal("9833", datatype=ns.XSD.decimal))
    assert any("0–100" in v.message for v in violations(bad))


def test_missing_unit_fails():
    bad = [t for t in triples() if t.predicate != ns.SDMX_ATTRIBUTE.unitMeasure]
    found = violations(bad)
    assert any(v.path == ns.SDMX_ATTRIBUTE.unitMeasure.value for v in found)
    with pytest.raises(ValidationError):
        check_report_graph(bad, BASE)


def test_title_with_book_brackets_fails():
    ts = triples()
    old = Literal("重大行政决策程序暂行条例", language="zh")
    bad = replace(ts, ns.DCT.title, old, Literal("《重大行政决策程序暂行条例》", language="zh"))
    assert any(v.path == ns.DCT.title.value for v in violations(bad))
