"""The extractor against the hand-written expectations of the sample reports."""

from __future__ import annotations

import json

import pytest

from fazhi.extract import read_report

from .conftest import FIXTURES

EXPECTED = sorted((FIXTURES / "expected").glob("*.json"))

# Organisations the expectation files list that the extractor is not meant to report:
# names that occur only in page chrome (footer 主办/承办 lines, the 信息来源 line), which the
# extractor drops with the rest of the portal page, and generic words for a kind of body
# (公安机关 = any police organ, 法治建设领导小组 = a committee type) that name no one body.
NOT_EXPECTED = {
    "anji-2022": {"安吉县人民政府办公室", "安吉县大数据发展管理局",  # footer
                  "安吉县司法局"},  # 信息来源 line only
    "nanhai-sthj-2021": {"佛山市南海区人民政府办公室"},  # footer
    "anji-rsj-2022": {"法治建设领导小组"},  # generic
    "changxing-scjg-2023": {"公安机关"},  # generic
}

# Indicators where the extractor's phrase and the expectation's differ in length today; every
# other indicator must be equal. The differences: a trailing change verb (压缩, 扩展, 下降) or
# context (全市, 春运期间, 较上年提高) the extractor keeps, or a subject/adverb/lead-in/的-modifier
# (县政府常务会议, 主动, 经…, 涉及营商环境的) it strips; the number-before-noun 召开6次常务会议专题研究… runs to the clause end.
NOT_EQUAL = {
    "anji-2022": {"县政府常务会议专题研究法治政府建设", "“一件事”集成改革事项", "企业开办全流程用时",
                  "行政诉讼败诉率", "主动公开政府信息"},
    "anji-rsj-2022": {"组织干部职工集中学法", "主动检查用人单位"},
    "changxing-scjg-2023": {"“企业开办一件事”平均用时"},
    "luoyang-2021": {"政务服务事项网上可办率", "审批服务事项平均承诺时限", "开展行政执法培训",
                     "各级调解组织调解纠纷"},
    "nanhai-2022": {"区政府制发规范性文件", "“跨城通办”事项", "优秀率", "经调解后撤回申请"},
    "nanhai-sthj-2021": {"提交局务会议集体审议的重大事项", "经法律顾问审查合同及文件"},
    "neijiang-sfj-2022": {"办理法律援助案件", "公共法律服务热线全年接听来电", "排查纠纷"},
    "sichuan-jtyst-2022": {"平均办理时限", "检查车辆", "全省道路运输旅客发送量", "开展宣传活动"},
    "zizhong-2022": {"常务会议", "主动公开政府信息"},
    "xinqiao-2022": {"开展习近平法治思想专题学习", "排查矛盾纠纷"},
    "yancheng-2023": {"清理涉及营商环境的规范性文件", "“一件事一次办”事项", "优秀率"},
}

_CACHE: dict[str, tuple] = {}


def load(name: str):
    if name not in _CACHE:
        exp = json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
        (path,) = (FIXTURES / "reports").glob(name + ".*")
        _CACHE[name] = exp, read_report(path)
    return _CACHE[name]


@pytest.fixture(params=[p.stem for p in EXPECTED])
def case(request):
    exp, report = load(request.param)
    return request.param, exp, report


def _matches(name, metric, expected) -> bool:
    if float(metric.value) != pytest.approx(float(expected["value"])) or metric.unit != expected["unit"]:
        return False
    ind, got = expected["indicator"], metric.indicator
    if expected.get("borderline"):  # may be found or not, and read either way
        return True
    if ind in NOT_EQUAL.get(name, ()):
        return bool(got) and (ind in got or got in ind)
    return got == ind


def _pair(name, metrics, wanted):
    used: set[int] = set()
    out = []
    for expected in wanted:
        i = next((i for i, m in enumerate(metrics) if i not in used and _matches(name, m, expected)), None)
        if i is not None:
            used.add(i)
        out.append((expected, metrics[i] if i is not None else None))
    return out


def test_metrics_found(case):
    name, exp, report = case
    core = [m for m in exp["metrics"] if not m.get("borderline")]
    pairs = _pair(name, report.metrics, core)
    assert [e["text"] for e, found in pairs if found is None] == []
    for expected, found in pairs:
        got = (found.value, found.unit, found.qualifier, found.quantity, found.quantity_unit)
        want = tuple(expected[k] for k in ("value", "unit", "qualifier", "quantity", "quantity_unit"))
        assert got == want, expected["text"]


def test_the_listed_indicator_differences_are_still_differences(case):
    """Keeps NOT_EQUAL honest: an entry whose indicator has become equal must be removed."""
    name, exp, report = case
    listed = NOT_EQUAL.get(name, set())
    equal = {e["indicator"] for e, f in _pair(name, report.metrics, exp["metrics"]) if f and f.indicator == e["indicator"]}
    assert listed & equal == set()


def test_no_extra_metrics(case):
    name, exp, report = case
    pairs = _pair(name, report.metrics, exp["metrics"])  # borderline ones may be found
    matched = {id(f) for _, f in pairs if f is not None}
    assert [(m.value, m.unit, m.indicator) for m in report.metrics if id(m) not in matched] == []


def test_not_metrics_stay_outside_metric_spans(case):
    _, exp, report = case
    for distractor in exp["not_metrics"]:
        for metric in report.metrics + report.targets:
            assert distractor not in metric.text, (distractor, metric.text)


def test_documents(case):
    _, exp, report = case
    assert sorted(d.title for d in report.documents) == sorted(exp["documents"])


def test_metadata(case):
    _, exp, report = case
    assert (report.title, report.issuer, report.year, report.published) == (
        exp["title"], exp["issuer"], exp["year"], exp["published"])
    assert report.source_format == exp["format"]


def test_counts(case):
    _, exp, report = case
    counts = exp["counts"]
    assert (len(report.measures), len(report.problems), len(report.plans)) == (
        counts["measures"], counts["problems"], counts["plans"])


def _walk(sections):
    for s in sections:
        yield s
        yield from _walk(s["children"])


def test_sections_and_kinds(case):
    _, exp, report = case
    assert [(s.title, s.kind) for s in report.sections] == [(s["title"], s["kind"]) for s in _walk(exp["sections"])]
    depth = {s.id: s.level for s in report.sections}
    for section in report.sections:
        assert section.parent is None or depth[section.parent] < section.level


def test_organizations(case):
    name, exp, report = case
    wanted = set(exp["organizations"]) - NOT_EXPECTED.get(name, set())
    assert wanted - {o.name for o in report.organizations} == set()


def test_not_expected_organizations_are_really_absent_from_the_body(case):
    """The chrome-only names are not in the report text the extractor keeps."""
    name, _, report = case
    for org in NOT_EXPECTED.get(name, ()):
        if org not in {"公安机关", "法治建设领导小组"}:
            assert org not in report.text


def test_spans_slice_the_text(case):
    _, _, report = case
    text = report.text
    for m in report.metrics + report.targets:
        assert text[m.start:m.end] == m.text
        if m.indicator:
            assert text[m.indicator_start:m.indicator_end] == m.indicator
    for item in report.measures + report.problems + report.plans:
        assert text[item.start:item.end] == item.text
    for d in report.documents:
        assert text[d.start:d.end] == d.title
    for o in report.organizations:
        assert text[o.start:o.end] == o.name
    for s in report.sections:
        assert text[s.title_start:s.title_end] == s.title
