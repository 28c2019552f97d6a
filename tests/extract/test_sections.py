"""The section tree: numbering styles, levels, titles and kinds."""

from __future__ import annotations

import pytest

from fazhi.extract.lines import split_lines
from fazhi.extract.model import OTHER, PLANS, PROBLEMS, WORK
from fazhi.extract.sections import find_sections, marker_of, section_kind


def sections(text: str):
    lines = split_lines(text)
    return find_sections(lines, lines[-1].end)


@pytest.mark.parametrize("line, shape, number", [
    ("一、工作开展情况", "cn-dun", 1),
    ("十二、其他", "cn-dun", 12),
    ("(一)坚持高位推动", "cn-paren", 1),
    ("（三）强化监督", "cn-paren", 3),
    ("1.推进立法", "ar-dot", 1),
    ("12、推进立法", "ar-dot", 12),
    ("１．全角数字", "ar-dot", 1),
    ("(1)统筹推进", "ar-paren", 1),
    ("（2）统筹推进", "ar-paren", 2),
    ("③加强普法", "ar-circle", 3),
])
def test_marker_shapes(line, shape, number):
    found = marker_of(split_lines(line)[0])
    assert found is not None and found[:2] == (shape, number)


@pytest.mark.parametrize("line", ["一是强化组织引领。", "十九届六中全会精神", "2.5万元资金到位", "二〇二二年二月十六日", "三批次"])
def test_not_markers(line):
    assert marker_of(split_lines(line)[0]) is None


def test_two_levels_one_dun_then_paren():
    text = "一、工作开展情况\n(一)坚持高位推动。一是强化组织引领。\n(二)严格依法履职\n二、存在的问题\n三、下一步工作打算\n"
    found = sections(text)
    assert [(s.id, s.level, s.marker, s.title, s.parent) for s in found] == [
        ("1", 1, "一、", "工作开展情况", None),
        ("1.1", 2, "(一)", "坚持高位推动", "1"),
        ("1.2", 2, "(二)", "严格依法履职", "1"),
        ("2", 1, "二、", "存在的问题", None),
        ("3", 1, "三、", "下一步工作打算", None),
    ]
    assert [s.kind for s in found] == [WORK, WORK, WORK, PROBLEMS, PLANS]


def test_section_spans_end_at_next_sibling():
    text = "一、工作开展情况\n(一)坚持高位推动\n正文一。\n(二)严格依法履职\n正文二。\n二、存在的问题\n问题。\n"
    found = {s.id: s for s in sections(text)}
    assert text[found["1.1"].start:found["1.1"].end] == "(一)坚持高位推动\n正文一。"
    assert text[found["1"].start:found["1"].end].endswith("正文二。")
    assert text[found["2"].start:found["2"].end] == "二、存在的问题\n问题。"


def test_paren_first_report_puts_paren_at_level_one():
    text = "（一）依法履职\n1.推进立法。\n2.规范执法。\n（二）存在的问题\n1.队伍不足。\n"
    found = sections(text)
    assert [(s.marker, s.level) for s in found] == [("（一）", 1), ("（二）", 1)]
    assert [s.kind for s in found] == [WORK, PROBLEMS]


def test_paren_headings_on_own_line_with_items_numbered_straight_through():
    text = ("一、2022年主要工作\n(一)加强领导\n1.落实责任。\n2.强化学法。\n(二)依法履职\n3.深化改革。\n4.优化服务。\n"
            "二、存在的问题\n一是意识不强。二是力量不足。\n")
    found = sections(text)
    assert [s.title for s in found] == ["2022年主要工作", "加强领导", "依法履职", "存在的问题"]
    assert all(not s.marker[0].isdigit() for s in found)  # 1. 2. 3. 4. are items, not sections


def test_flat_report_without_sub_levels():
    text = "一、主要工作和成效\n全面加强组织领导。正文。\n二、存在的问题\n问题。\n三、下一步工作安排\n安排。\n"
    found = sections(text)
    assert [(s.level, s.parent, s.kind) for s in found] == [(1, None, WORK), (1, None, PROBLEMS), (1, None, PLANS)]


def test_arabic_headings_when_no_chinese_ones():
    text = "1.推进立法\n出台规范性文件6件。\n2.规范执法\n开展培训3次。\n"
    assert [s.title for s in sections(text)] == ["推进立法", "规范执法"]


def test_arabic_paragraphs_are_not_sections():
    text = "1.落实法治建设第一责任人职责，专题研究法治工作9次，制定工作要点。\n2.推进立法，出台规范性文件6件。\n"
    assert sections(text) == []


def test_heading_title_stops_at_full_stop():
    found = sections("一、工作开展情况\n(一)坚持高位推动。市政府始终将法治政府建设摆在突出位置。\n")
    assert found[1].title == "坚持高位推动"


@pytest.mark.parametrize("title, kind", [
    ("存在的问题", PROBLEMS), ("存在的不足", PROBLEMS), ("问题和不足", PROBLEMS), ("存在的问题和不足", PROBLEMS),
    ("下一步工作打算", PLANS), ("2023年工作计划", PLANS), ("2024年工作思路", PLANS), ("下一步工作安排", PLANS),
    ("工作开展情况", WORK), ("2022年法治政府建设工作情况", WORK), ("解决问题的主要做法", WORK), ("", OTHER),
])
def test_section_kinds(title, kind):
    assert section_kind(title) == kind


def test_nested_problems_heading_under_work_parent_takes_its_own_kind():
    text = "一、法治政府建设情况\n(一)主要做法\n正文。\n(二)存在的问题\n问题。\n(三)下一步工作打算\n打算。\n"
    assert [s.kind for s in sections(text)] == [WORK, WORK, PROBLEMS, PLANS]


def test_nested_heading_inherits_problems_kind():
    text = "二、存在的问题\n(一)法治意识有待提高\n正文。\n"
    assert [s.kind for s in sections(text)] == [PROBLEMS, PROBLEMS]
