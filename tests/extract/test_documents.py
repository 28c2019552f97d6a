"""Titles in 《》 and 〈〉: nesting, unbalanced brackets, deep nesting, kinds."""

from __future__ import annotations

import sys
import time

import pytest

from fazhi.extract.documents import MAX_TITLE, document_kind, find_documents, inside_titles


def titles(text):
    return [(d.title, d.parent) for d in find_documents(text)]


def test_flat_titles_and_spans():
    text = "制定《隆昌市行政复议体制改革方案》和《阳光政务》。"
    docs = find_documents(text)
    assert [(d.title, d.parent) for d in docs] == [("隆昌市行政复议体制改革方案", None), ("阳光政务", None)]
    for d in docs:
        assert text[d.start:d.end] == d.title


def test_angle_brackets_inside_title():
    assert titles("印发《关于贯彻落实〈四川省社会信用管理暂行办法〉的通知》。") == [
        ("关于贯彻落实〈四川省社会信用管理暂行办法〉的通知", None), ("四川省社会信用管理暂行办法", 0)]


def test_double_brackets_inside_title():
    assert titles("转发《关于印发《安吉县根治欠薪工作实施方案》的通知》。") == [
        ("关于印发《安吉县根治欠薪工作实施方案》的通知", None), ("安吉县根治欠薪工作实施方案", 0)]


def test_bare_angle_brackets_outside_titles_are_not_documents():
    assert titles("数值〈5〉不是书名。") == []


@pytest.mark.parametrize("text", ["印发《实施方案的通知。", "印发实施方案》的通知。", "《跨行\n标题》", "《》"])
def test_unbalanced_or_empty_brackets_are_ignored(text):
    assert titles(text) == []


def test_unbalanced_opening_does_not_swallow_a_later_title():
    assert [t for t, _ in titles("一是印发《方案\n二是学习《中华人民共和国行政处罚法》。")] == ["中华人民共和国行政处罚法"]


def test_deep_nesting_is_fast_and_iterative():
    depth = 5000
    text = "《" * depth + "法" + "》" * depth
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursive implementation would fail here
    try:
        began = time.perf_counter()
        docs = find_documents(text)
        elapsed = time.perf_counter() - began
    finally:
        sys.setrecursionlimit(limit)
    assert elapsed < 2
    # titles over MAX_TITLE characters are not titles; the rest chain down to the innermost
    assert docs and all(len(d.title) <= MAX_TITLE for d in docs)
    assert len(docs) == (MAX_TITLE + 1) // 2
    assert docs[0].parent is None
    assert [d.parent for d in docs[1:]] == list(range(len(docs) - 1))
    assert docs[-1].title == "法" and text[docs[-1].start:docs[-1].end] == "法"


def test_inside_titles_are_outermost_spans_with_brackets():
    text = "见《关于〈条例〉的通知》。"
    assert [text[s:e] for s, e in inside_titles(find_documents(text))] == ["《关于〈条例〉的通知》"]


@pytest.mark.parametrize("title, kind", [
    ("中华人民共和国行政处罚法", "law"), ("优化营商环境条例", "regulation"), ("四川省行政规范性文件管理办法", "rules"),
    ("法治政府建设实施纲要（2021—2025年）", "programme"), ("隆昌市行政复议体制改革方案", "plan"),
    ("2021年法治政府建设工作要点", "plan"), ("关于进一步加强法治政府建设工作的意见", "opinion"),
    ("关于做好2022年法治政府建设工作的通知", "notice"), ("隆昌市镇级权责清单指导目录", "list"),
    ("浙江省市场监管领域轻微违法行为不予行政处罚清单（2023年版）", "list"), ("政府工作报告", "report"),
    ("阳光政务", "other"), ("市场监督管理信用修复管理办法", "rules"),
])
def test_document_kinds(title, kind):
    assert document_kind(title) == kind
