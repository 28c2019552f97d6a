"""Indicator phrases: what is stripped from before the number, and what is kept."""

from __future__ import annotations

import pytest

from .conftest import metrics_of, wrap


def indicators(sentence: str):
    return [m.indicator for m in metrics_of(wrap(sentence))]


@pytest.mark.parametrize("sentence, indicator", [
    ("市政府行政机关负责人出庭应诉率100%。", "行政机关负责人出庭应诉率"),
    ("“信用中国”累计查询数据5987条。", "查询数据"),
    ("主动公开政府信息7000余条。", "公开政府信息"),
    ("持续举办《阳光政务》13期。", "举办《阳光政务》"),
    ("依法审查《城镇土地使用税等级及征收范围调整》等行政决策、重大项目等86件。", "行政决策、重大项目"),
    ("解读涉及群众切身利益的政策文件25份。", "政策文件"),
    ("由市人民政府统一行使行政复议职责后办结行政复议案件13件。", "办结行政复议案件"),
    ("“最多跑一次”事项比例达99.86%。", "“最多跑一次”事项比例"),
    ("一是审核重大行政处罚案件425件。", "审核重大行政处罚案件"),
    ("报送备案及时率、规范率均为100%。", "报送备案及时率、规范率"),
    ("“一网通办”事项占比提升至96%以上。", "“一网通办”事项占比"),
    ("同时还组织通用法律知识考试2次。", "组织通用法律知识考试"),
])
def test_indicator(sentence, indicator):
    assert indicators(sentence) == [indicator]


def test_list_after_a_previous_metric():
    assert indicators("市政府行政机关负责人出庭应诉率100%、有效发声率100%。") == ["行政机关负责人出庭应诉率", "有效发声率"]


def test_clause_boundary_limits_the_phrase():
    assert indicators("全面推进政务公开，公开政府信息120条。") == ["公开政府信息"]


def test_shared_noun_phrase_is_split_at_a_head_noun():
    found = metrics_of(wrap("抽查25个执法部门行政执法案件卷宗40件。"))
    assert [(m.value, m.indicator) for m in found] == [(25, "执法部门"), (40, "行政执法案件卷宗")]


def test_shared_noun_phrase_is_split_at_an_action_verb():
    found = metrics_of(wrap("向7个镇（街道）下放执法事项1361项。"))
    assert [(m.value, m.indicator) for m in found] == [(7, "镇（街道）"), (1361, "下放执法事项")]


def test_unsplittable_noun_phrase_names_both_counts():
    found = metrics_of(wrap("分三批选聘普法讲师团成员126名。"))
    assert [(m.value, m.indicator) for m in found] == [(3, "选聘普法讲师团成员"), (126, "选聘普法讲师团成员")]


def test_spans_of_indicators_slice_the_text():
    text = wrap("市政府行政机关负责人出庭应诉率100%、有效发声率100%，主动公开政府信息7000余条。")
    from fazhi.extract import extract_report
    report = extract_report(text)
    for m in report.metrics:
        assert report.text[m.indicator_start:m.indicator_end] == m.indicator
        assert report.text[m.start:m.end] == m.text
