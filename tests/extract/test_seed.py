"""The seed report (隆昌市2021年度法治政府建设情况报告) against its hand-made gold annotation."""

from __future__ import annotations

import pytest

from fazhi.extract.model import PLANS, PROBLEMS, WORK

# Gold keeps the bare object of the verb here; the extractor keeps the whole object phrase,
# with the kinds of information listed before it (报送行政处罚、行政许可“双公示”信息). Both name the
# same count, so the extractor's indicator must contain gold's.
LONGER_THAN_GOLD = {"“双公示”信息"}


def _same_number(metric, expected) -> bool:
    return float(metric.value) == pytest.approx(float(expected["value"])) and metric.unit == expected["unit"]


def _pair(metrics, gold_metrics):
    """Match gold metrics to found ones in order; returns [(gold, found or None)]."""
    used: set[int] = set()
    pairs = []
    for expected in gold_metrics:
        match = None
        for i, metric in enumerate(metrics):
            if i in used or not _same_number(metric, expected):
                continue
            ind = expected["indicator"]
            if metric.indicator == ind or (ind in LONGER_THAN_GOLD and ind in metric.indicator):
                match = i
                break
        if match is not None:
            used.add(match)
        pairs.append((expected, metrics[match] if match is not None else None))
    return pairs


def test_every_gold_metric_is_found_with_value_unit_and_indicator(seed, gold):
    core = [m for m in gold["metrics"] if not m.get("borderline")]
    assert len(core) == 64
    missing = [(e["value"], e["unit"], e["indicator"]) for e, found in _pair(seed.metrics, core) if found is None]
    assert missing == []


def test_gold_units_as_written(seed, gold):
    for expected, found in _pair(seed.metrics, [m for m in gold["metrics"] if not m.get("borderline")]):
        if "unit_raw" in expected:
            assert found.unit_raw == expected["unit_raw"], expected
        if expected.get("approx"):
            assert found.qualifier != "exact", expected
        if "indicator_verb" in expected and found.indicator_start > found.number_start:
            assert found.verb == expected["indicator_verb"], expected


def test_no_metric_outside_gold(seed, gold):
    pairs = _pair(seed.metrics + seed.targets, gold["metrics"])
    matched = {id(found) for _, found in pairs if found is not None}
    extras = [(m.value, m.unit, m.indicator) for m in seed.metrics + seed.targets if id(m) not in matched]
    assert extras == []


def test_specific_metric_values(seed):
    by_indicator = {m.indicator: m for m in seed.metrics}
    fine = by_indicator["罚款"]
    assert (fine.value, fine.unit, fine.quantity, fine.quantity_unit) == (275.15, "万元", 2751500, "元")
    found = by_indicator["查出违纪违规金额"]
    assert (found.quantity, found.quantity_unit) == (196000000, "元")
    shown = next(m for m in seed.metrics if "双公示" in m.indicator)
    assert (shown.value, shown.unit, shown.unit_raw, shown.qualifier, shown.quantity, shown.quantity_unit) == (
        1.6, "万条", "万余条", "more-than", 16000, "条")
    mediation = by_indicator["调解成功"]
    assert (mediation.value, mediation.qualifier) == (98, "at-least")


def test_every_gold_document(seed, gold):
    assert {d.title for d in seed.documents} == set(gold["documents"])
    nested = next(d for d in seed.documents if d.title == "四川省社会信用管理暂行办法")
    assert seed.documents[nested.parent].title == "关于贯彻落实〈四川省社会信用管理暂行办法〉的通知"


def test_every_gold_organization(seed, gold):
    names = {o.name for o in seed.organizations}
    assert set(gold["organizations"]) <= names
    full = {o.name: o.full_name for o in seed.organizations}
    assert full["市司法局" if "市司法局" in full else "隆昌市司法局"] == "隆昌市司法局"
    assert full["市政府"] == "隆昌市人民政府"
    assert full["内江中院"] == "内江市中级人民法院"
    assert full["市委"] == "中共隆昌市委员会"


def test_structure(seed, gold):
    top = [s for s in seed.sections if s.parent is None]
    assert [s.title for s in top] == gold["structure"]["sections"]
    assert [s.kind for s in top] == [WORK, PROBLEMS, PLANS]
    subsections = [s for s in seed.sections if s.parent == top[0].id]
    assert [s.title for s in subsections] == gold["structure"]["subsections"]
    per = [sum(1 for m in seed.measures if m.section == s.id) for s in subsections]
    assert per == gold["structure"]["measures_per_subsection"] == [3, 3, 3, 5, 3, 3]
    assert len(seed.measures) == 20
    assert len(seed.problems) == gold["structure"]["problems"] == 3
    assert len(seed.plans) == gold["structure"]["plans"] == 5


def test_metadata(seed, gold):
    assert seed.issuer == gold["issuer"] == "隆昌市人民政府"
    assert seed.year == gold["report_year"] == 2021
    assert seed.published == "2022-02-17"
    assert seed.signed == "2022-02-16"
    assert seed.title == "隆昌市2021年度法治政府建设情况报告"
    assert seed.source_org == "隆昌市司法局"


def test_offsets(seed):
    rate = next(m for m in seed.metrics if m.indicator == "全程网办率")
    assert (rate.start, rate.end) == (631, 643)
    assert rate.text == "全程网办率达98.33%"
    doc = next(d for d in seed.documents if d.title == "隆昌市人民政府2021年度法治政府建设重点工作责任清单")
    assert (doc.start, doc.end) == (422, 449)
    measure = next(m for m in seed.measures if m.text.startswith("二是坚持系统谋划"))
    assert (measure.start, measure.end) == (381, 478)
    section = next(s for s in seed.sections if s.marker == "(一)")
    assert (section.start, section.end) == (231, 545)


def test_every_span_slices_the_text_to_its_own_text(seed):
    text = seed.text
    assert text[seed.title_start:seed.title_end] == seed.title
    for m in seed.metrics + seed.targets:
        assert text[m.start:m.end] == m.text
        assert m.start <= m.number_start < m.number_end <= m.end
        assert text[m.number_start:m.number_end].endswith(("%", m.unit_raw)) or "以上" in text[m.number_start:m.number_end]
        if m.indicator:
            assert text[m.indicator_start:m.indicator_end] == m.indicator
            assert m.start <= m.indicator_start and m.indicator_end <= m.end
    for item in seed.measures + seed.problems + seed.plans:
        assert text[item.start:item.end] == item.text
        assert item.text.startswith(item.marker)
    for s in seed.sections:
        assert text[s.title_start:s.title_end] == s.title
        assert text[s.start:].startswith(s.marker)
        assert s.start <= s.title_start <= s.title_end <= s.end
    for d in seed.documents:
        assert text[d.start:d.end] == d.title
        assert text[d.start - 1] in "《〈" and text[d.end] in "》〉"
    for o in seed.organizations:
        assert text[o.start:o.end] == o.name
    for y in seed.years:
        assert text[y.start:y.end] == str(y.year)


def test_items_and_metrics_are_placed(seed):
    ids = {i.id for i in seed.measures + seed.problems + seed.plans}
    rate = next(m for m in seed.metrics if m.indicator == "全程网办率")
    assert rate.measure == "1.2/1" and rate.section == "1.2"
    assert all(m.measure in ids for m in seed.metrics)
    doc = next(d for d in seed.documents if d.title == "隆昌市人民政府2021年度法治政府建设重点工作责任清单")
    assert doc.item == "1.1/2"
