"""Issuer, year, publication and signature dates."""

from __future__ import annotations

import doctest

import pytest

import fazhi.extract.numerals
from fazhi.extract import extract_report
from fazhi.extract.metadata import parse_date

BODY = ("一、工作开展情况\n\n全面推进依法行政，受理法律援助案件355件，办结行政复议案件13件，"
        "法治政府建设取得新成效，群众满意度进一步提升。\n\n二、存在的问题\n\n一是法治意识有待提高。二是执法力量不足。\n")


def test_issuer_from_title_organisation():
    r = extract_report(f"内江市司法局关于2022年度法治政府建设工作情况的报告\n\n{BODY}")
    assert (r.issuer, r.issuer_source, r.year) == ("内江市司法局", "title", 2022)


def test_issuer_from_title_place():
    r = extract_report(f"隆昌市2021年度法治政府建设情况报告\n\n{BODY}")
    assert (r.issuer, r.issuer_source) == ("隆昌市人民政府", "title")


def test_title_set_on_two_lines_under_its_issuer():
    r = extract_report(f"新桥镇人民政府\n关于二〇二二年度法治政府建设工作情况的报告\n\n{BODY}")
    assert (r.title, r.year) == ("新桥镇人民政府关于二〇二二年度法治政府建设工作情况的报告", 2022)
    assert r.text[r.title_start:r.title_end].replace("\n", "") == r.title
    assert r.sections[0].title == "工作开展情况"  # the second title line is not body


@pytest.mark.parametrize("title, issuer", [
    ("新桥镇人民政府关于2022年度法治政府建设情况的报告", "新桥镇人民政府"),
    ("城关街道办事处2023年法治政府建设工作报告", "城关街道办事处"),
    ("白沙乡政府2021年度法治政府建设情况报告", "白沙乡人民政府"),
])
def test_township_issuer_below_the_code_table(title, issuer):
    r = extract_report(f"{title}\n\n{BODY}")
    assert r.issuer == issuer


def test_township_issuer_from_the_signature():
    r = extract_report(f"2022年度法治政府建设情况报告\n\n{BODY}\n新桥镇人民政府\n2023年1月16日\n")
    assert (r.issuer, r.issuer_source) == ("新桥镇人民政府", "signature")


def test_district_issuer_carries_its_city():
    r = extract_report(f"南海区2022年法治政府建设年度报告\n\n{BODY}")
    assert r.issuer == "佛山市南海区人民政府"


def test_issuer_from_signature():
    r = extract_report(f"2022年法治政府建设工作情况报告\n\n{BODY}\n安吉县人力资源和社会保障局\n2023年1月31日\n")
    assert (r.issuer, r.issuer_source, r.signed) == ("安吉县人力资源和社会保障局", "signature", "2023-01-31")


def test_issuer_from_source_when_body_says_we_the_bureau():
    text = f"2022年法治政府建设工作情况报告\n\n发布时间：2023-02-03　信息来源：安吉县市场监督管理局\n\n2022年，我局坚持依法行政。\n\n{BODY}"
    r = extract_report(text)
    assert (r.issuer, r.issuer_source, r.published) == ("安吉县市场监督管理局", "source", "2023-02-03")


def test_explicit_issuer_wins():
    r = extract_report(f"隆昌市2021年度法治政府建设情况报告\n\n{BODY}", issuer="内江市人民政府")
    assert (r.issuer, r.issuer_source) == ("内江市人民政府", "option")


def test_year_from_body_when_the_title_has_none():
    r = extract_report(f"隆昌市法治政府建设情况报告\n\n2021年，市政府全面推进依法行政。\n\n{BODY}")
    assert r.year == 2021


def test_year_in_chinese_numerals_in_title():
    assert extract_report(f"隆昌市二〇二一年度法治政府建设情况报告\n\n{BODY}").year == 2021


def test_signed_date_in_chinese_numerals():
    r = extract_report(f"隆昌市2021年度法治政府建设情况报告\n\n{BODY}\n隆昌市人民政府\n二〇二二年二月十六日\n")
    assert r.signed == "2022-02-16"


def test_missing_issuer_warns():
    r = extract_report(f"法治政府建设工作情况报告\n\n{BODY}")
    assert r.issuer == "" and any("issuer" in w for w in r.warnings)


@pytest.mark.parametrize("text, iso", [
    ("2022-02-17", "2022-02-17"), ("2022-2-7 10:30", "2022-02-07"), ("2022年2月16日", "2022-02-16"),
    ("2023年01月18日", "2023-01-18"), ("二〇二二年二月十六日", "2022-02-16"), ("二〇二二年十二月三十一日", "2022-12-31"),
    ("2022/03/01", "2022-03-01"), ("2022-13-01", None), ("无日期", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_numerals_doctests():
    result = doctest.testmod(fazhi.extract.numerals)
    assert result.attempted >= 5 and result.failed == 0
