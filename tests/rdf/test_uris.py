import pytest

from fazhi.rdf.uris import Minter, phrase_notation, unresolved_area_key

BASE = "https://fazhi.example.org/"


def test_patterns():
    m = Minter(BASE)
    report = m.report("511083", "government", 2021)
    assert report.value == BASE + "id/report/511083/government/2021"
    section = m.section(report, "1.2")
    assert section.value.endswith("/2021/section/1.2")
    assert m.item(report, "measure", 3, section).value.endswith("/section/1.2/measure/3")
    assert m.item(report, "problem", 2).value.endswith("/2021/problem/2")
    assert m.text(report).value.endswith("/2021/text")
    assert m.area("511083").value == BASE + "id/area/511083"
    assert m.org("511000", "intermediate-court").value == BASE + "id/org/511000/intermediate-court"
    assert m.year(2021).value == BASE + "id/year/2021"
    assert m.graph("511083", "government", 2021).value == BASE + "graph/report/511083/government/2021"
    assert m.observation("511083", "government", 2021, 7).value.endswith("id/observation/511083/government/2021/7")


def test_document_keys():
    m = Minter(BASE)
    law = m.doc("重大行政决策程序暂行条例")
    assert law == m.doc("重大行政决策程序暂行条例 ")  # NFKC, whitespace ignored
    assert m.doc("政府工作报告", "511083") != m.doc("政府工作报告", "511000")
    assert m.doc("政府工作报告", "511083").value.rsplit("/", 1)[1].isalnum()


def test_ascii_and_stable_and_base_moves():
    a, b = Minter(BASE), Minter("http://localhost:8080/lod")
    assert a.phrase_concept("全程网办率") == Minter(BASE).phrase_concept("全程网办率")
    assert b.year(2021).value == "http://localhost:8080/lod/id/year/2021"
    assert phrase_notation("全程网办率").isascii()
    assert unresolved_area_key("某某市人民政府").startswith("x-")


def test_rejects_non_ascii_keys():
    with pytest.raises(ValueError):
        Minter(BASE).org("511083", "司法局")
