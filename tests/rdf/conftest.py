"""A small hand-built report, written for these tests, shaped like a county report's opening."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from fazhi.extract.model import Document, Item, Metric, Organization, Report, Section, YearMention

BASE = "https://fazhi.example.org/"
STAMP = datetime(2024, 3, 1, 8, 0, tzinfo=timezone.utc)

TEXT = (
    "隆昌市2021年度法治政府建设情况报告\n\n"
    "2021年,市政府在市人大监督下推进法治政府建设。\n\n"
    "一、工作开展情况\n\n"
    "(一)深化放管服改革。一是优化政务服务。全程网办率达98.33%,受理法律援助案件355件,"
    "罚款275.15万元,公开政府信息7000余条。"
    "二是加强规划。印发《隆昌市人民政府2021年度法治政府建设重点工作责任清单》,"
    "落实《重大行政决策程序暂行条例》,市司法局牵头,内江中院通报表扬。\n\n"
    "二、存在的问题\n\n"
    "一是执法规范化水平不高。\n\n"
    "三、2022年工作打算\n\n"
    "一是加快制定实施方案。\n"
)


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def metric(text, phrase, indicator, value, unit, quantity, base_unit, qualifier="exact",
           unit_raw="", measure="1.1/m1", section="1.1"):
    start, end = span(text, phrase)
    num = text.index(str(value).rstrip("0").rstrip(".") if isinstance(value, float) else str(value), start)
    return Metric(value=value, unit=unit, qualifier=qualifier, quantity=quantity,
                  quantity_unit=base_unit, indicator=indicator, text=phrase, start=start, end=end,
                  number_start=num, number_end=end, indicator_start=start,
                  indicator_end=start + len(indicator), unit_raw=unit_raw or unit,
                  measure=measure, section=section)


def build_report(text: str = TEXT) -> Report:
    """The report the extractor would produce for :data:`TEXT`."""
    def section(id_, level, marker, ordinal, title, kind, parent=None, end_marker=None):
        t0, t1 = span(text, title)
        start = text.index(marker + title)
        end = text.index(end_marker) if end_marker else len(text)
        return Section(id=id_, level=level, marker=marker, ordinal=ordinal, title=title, kind=kind,
                       start=start, end=end, title_start=t0, title_end=t1, parent=parent)

    def item(id_, kind, sec, ordinal, marker, heading, body):
        s, e = span(text, marker + body)
        return Item(id=id_, kind=kind, section=sec, ordinal=ordinal, marker=marker,
                    heading=heading, text=marker + body, start=s, end=e)

    m1 = "优化政务服务。全程网办率达98.33%,受理法律援助案件355件,罚款275.15万元,公开政府信息7000余条。"
    m2 = "加强规划。印发《隆昌市人民政府2021年度法治政府建设重点工作责任清单》,落实《重大行政决策程序暂行条例》,市司法局牵头,内江中院通报表扬。"
    title = "隆昌市2021年度法治政府建设情况报告"
    docs = []
    for t in ("隆昌市人民政府2021年度法治政府建设重点工作责任清单", "重大行政决策程序暂行条例"):
        s, e = span(text, t)
        docs.append(Document(title=t, start=s, end=e, item="1.1/m2"))
    orgs = []
    for name, full in (("市政府", "隆昌市人民政府"), ("市人大", None), ("市司法局", "隆昌市司法局"),
                       ("内江中院", None)):
        s, e = span(text, name)
        orgs.append(Organization(name=name, start=s, end=e, full_name=full))
    y0 = text.index("2021年,")
    return Report(
        text=text, title=title, title_start=0, title_end=len(title),
        issuer="隆昌市人民政府", issuer_source="title", year=2021,
        published="2022-02-17", signed="2022-02-16", source_org="隆昌市司法局",
        sections=[
            section("1", 1, "一、", 1, "工作开展情况", "work", end_marker="二、存在"),
            section("1.1", 2, "(一)", 1, "深化放管服改革", "work", parent="1", end_marker="二、存在"),
            section("2", 1, "二、", 2, "存在的问题", "problems", end_marker="三、2022"),
            section("3", 1, "三、", 3, "2022年工作打算", "plans"),
        ],
        measures=[item("1.1/m1", "measure", "1.1", 1, "一是", "优化政务服务", m1),
                  item("1.1/m2", "measure", "1.1", 2, "二是", "加强规划", m2)],
        problems=[item("2/p1", "problem", "2", 1, "一是", "", "执法规范化水平不高。")],
        plans=[item("3/p1", "plan", "3", 1, "一是", "", "加快制定实施方案。")],
        metrics=[
            metric(text, "全程网办率达98.33%", "全程网办率", 98.33, "%", 98.33, "%"),
            metric(text, "受理法律援助案件355件", "受理法律援助案件", 355, "件", 355, "件"),
            metric(text, "罚款275.15万元", "罚款", 275.15, "万元", 2751500, "元"),
            metric(text, "公开政府信息7000余条", "公开政府信息", 7000, "条", 7000, "条",
                   qualifier="more-than", unit_raw="余条"),
        ],
        organizations=orgs,
        documents=docs,
        years=[YearMention(2021, y0, y0 + 4)],
    )


@pytest.fixture
def report() -> Report:
    return build_report()
