"""Metric shapes (number, unit, qualifier, normalisation) and the distractors that are not metrics."""

from __future__ import annotations

import pytest

from fazhi.extract.metrics import normalise

from .conftest import metrics_of, wrap


def one(sentence: str):
    found = metrics_of(wrap(sentence))
    assert len(found) == 1, [(m.value, m.unit, m.indicator) for m in found]
    return found[0]


def fields(m):
    return m.value, m.unit, m.qualifier, m.quantity, m.quantity_unit, m.indicator


@pytest.mark.parametrize("sentence, expected", [
    ("全程网办率达98.33%。", (98.33, "%", "exact", 98.33, "%", "全程网办率")),
    ("报送“双公示”信息1.6万余条。", (1.6, "万条", "more-than", 16000, "条", "报送“双公示”信息")),
    ("清理行政规范性文件236 项。", (236, "项", "exact", 236, "项", "清理行政规范性文件")),
    ("开展普法活动惠及群众2.8万余人次。", (2.8, "万人次", "more-than", 28000, "人次", "开展普法活动惠及群众")),
    ("培训执法人员约180人次。", (180, "人次", "about", 180, "人次", "培训执法人员")),
    ("调解成功率98%以上。", (98, "%", "at-least", 98, "%", "调解成功率")),
    ("罚款275.15万元。", (275.15, "万元", "exact", 2751500, "元", "罚款")),
    ("查出违纪违规金额1.96亿元。", (1.96, "亿元", "exact", 196000000, "元", "查出违纪违规金额")),
    ("办理行政许可12,345件。", (12345, "件", "exact", 12345, "件", "办理行政许可")),
    ("审查合同１２份。", (12, "份", "exact", 12, "份", "审查合同")),
    ("败诉率下降2.3个百分点。", (2.3, "个百分点", "exact", 2.3, "个百分点", "败诉率下降")),
    ("签订调解协议超过300份。", (300, "份", "more-than", 300, "份", "签订调解协议")),
])
def test_shapes(sentence, expected):
    assert fields(one(sentence)) == expected


def test_unit_as_written():
    m = one("报送“双公示”信息1.6万余条。")
    assert (m.unit_raw, m.text) == ("万余条", "报送“双公示”信息1.6万余条")
    assert m.text == m.indicator + "1.6万余条"


def test_paren_unit():
    m = one("审查重大项目86件(次)。")
    assert (m.value, m.unit, m.unit_raw) == (86, "件", "件(次)")


def test_number_before_noun():
    m = one("召开6次常务会议。")
    assert (m.value, m.unit, m.indicator, m.verb) == (6, "次", "常务会议", "召开")
    assert m.text == "6次常务会议"
    assert m.indicator_start > m.number_start


@pytest.mark.parametrize("sentence, value, unit", [
    ("分七期开展执法人员轮训。", 7, "期"), ("对各县开展督察两轮。", 2, "轮"), ("分三批选聘讲师。", 3, "批"),
    ("举办讲座十二场。", 12, "场"),
])
def test_chinese_numerals_with_event_counters(sentence, value, unit):
    m = one(sentence)
    assert (m.value, m.unit) == (value, unit)


@pytest.mark.parametrize("sentence, value, unit", [
    ("发放宣传资料3000余份，办理案件120票。", 120, "票"), ("举办专题讲座12场次。", 12, "场次"),
    ("抽查企业15批次。", 15, "批次"), ("培育守法诚信企业8家。", 8, "家"), ("平均办理时限压缩至3天。", 3, "天"),
    ("开展普法宣传覆盖群众12万人次。", 12, "万人次"), ("审批时限压缩0.5天。", 0.5, "天"),
])
def test_units(sentence, value, unit):
    found = {(m.value, m.unit) for m in metrics_of(wrap(sentence))}
    assert (value, unit) in found


@pytest.mark.parametrize("distractor", [
    "2021年，全市法治建设取得新成效。",
    "发布时间为2022-02-17。",
    "条例自2022年3月1日起施行。",
    "印发《实施方案》（隆府发〔2021〕12号）。",
    "转发通知（湖政办发[2022]3号）。",
    "市政府第14次会议审议通过。",
    "认真学习十九届六中全会精神。",
    "构建“1+N”制度体系。",
    "深入实施“八五”普法规划。",
    "全面推行三项制度。",
    "深刻领悟“两个确立”的决定性意义。",
    "畅通12345政务服务便民热线和12348公共法律服务热线。",
    "开展“12.4”宪法日宣传活动。",
    "组织4·15全民国家安全教育日活动。",
    "上线智慧执法平台2.0版。",
    "PM2.5平均浓度持续下降。",
    "推进5G基站建设。",
    "学习《中华人民共和国民法典》第1260条。",
    "索引号：11510000008149234E/2023-00045。",
    "提供7×24小时不打烊服务。",
    "组织开展第二批执法检查。",
])
def test_distractors_yield_no_metric(distractor):
    assert metrics_of(wrap(distractor)) == []


def test_numbers_inside_titles_are_not_metrics():
    assert metrics_of(wrap("印发《关于开展300项改革任务的通知》，落实到位。")) == []


def test_several_metrics_in_one_sentence_keep_their_own_indicators():
    found = metrics_of(wrap("受理法律援助案件355件，接受法律援助咨询1839人次，办结行政复议案件13件。"))
    assert [(m.value, m.unit, m.indicator) for m in found] == [
        (355, "件", "受理法律援助案件"), (1839, "人次", "接受法律援助咨询"), (13, "件", "办结行政复议案件")]


def test_figures_in_plans_are_targets():
    text = "隆昌市2021年度法治政府建设情况报告\n\n一、工作开展情况\n\n办理案件120件。\n\n二、下一步工作打算\n\n力争调解成功率达到95%以上。\n"
    from fazhi.extract import extract_report
    report = extract_report(text)
    assert [(m.value, m.unit) for m in report.metrics] == [(120, "件")]
    assert [(m.value, m.unit, m.qualifier) for m in report.targets] == [(95, "%", "at-least")]


@pytest.mark.parametrize("value, unit, expected", [
    (275.15, "万元", (2751500, "元")), (1.96, "亿元", (196000000, "元")), (1.6, "万条", (16000, "条")),
    (3, "千元", (3000, "元")), (98.33, "%", (98.33, "%")), (2.5, "个百分点", (2.5, "个百分点")),
    (0.1, "万人次", (1000, "人次")),
])
def test_normalise(value, unit, expected):
    assert normalise(value, unit) == expected
    assert type(normalise(value, unit)[0]) is type(expected[0])


def test_thousands_separator_with_decimals():
    m = one("减免罚款金额2,345.6万元。")
    assert (m.value, m.quantity, m.indicator, m.text) == (2345.6, 23456000, "减免罚款金额", "减免罚款金额2,345.6万元")


def test_number_before_noun_stops_before_a_title_it_cannot_hold():
    m = one("市政府常务会议先后12次专题学习习近平法治思想和《中华人民共和国行政复议法》等法律法规。")
    assert (m.value, m.indicator) == (12, "专题学习习近平法治思想")


@pytest.mark.parametrize("sentence", ["出庭应诉率连续三年保持100%。", "出庭应诉率已连续5年达到100%。"])
def test_how_long_a_figure_held_is_not_part_of_the_indicator(sentence):
    assert one(sentence).indicator == "出庭应诉率"
