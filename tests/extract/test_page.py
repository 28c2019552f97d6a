"""Finding the report inside a page: metadata lines, chrome, the title."""

from __future__ import annotations

import pytest

from fazhi.errors import InputError
from fazhi.extract.page import is_chrome, parse_meta_line, read_page

BODY = ("2021年，市政府坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻习近平法治思想，"
        "全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下。")
TITLE = "隆昌市2021年度法治政府建设情况报告"


def test_meta_line_pairs():
    pairs = parse_meta_line("发布时间:2022-02-17   信息来源: 隆昌市司法局    【字体:大 中 小】")
    assert pairs["发布时间"] == "2022-02-17" and pairs["信息来源"] == "隆昌市司法局"  # 【 ends a value


def test_meta_line_fullwidth_colons_and_index_number():
    pairs = parse_meta_line("索引号：11330522MB1D07634K/2024-00012　发布机构：长兴县市场监督管理局　发布日期：2024-01-30")
    assert pairs == {"索引号": "11330522MB1D07634K/2024-00012", "发布机构": "长兴县市场监督管理局",
                     "发布日期": "2024-01-30"}


def test_sentence_is_not_a_meta_line():
    assert parse_meta_line(BODY) == {}
    assert not is_chrome(BODY)


@pytest.mark.parametrize("line", ["首页 > 政务公开 > 法治政府建设", "当前位置：首页", "【打印本页】【关闭窗口】",
                                  "网站标识码：5110280001", "蜀ICP备12345678号", "上一篇：关于…", "发布时间：2022-02-17"])
def test_chrome_lines(line):
    assert is_chrome(line)


def test_plain_text_metadata_and_title():
    page = read_page(f"政府信息公开\n\n{TITLE}\n\n发布时间:2022-02-17 信息来源: 隆昌市司法局\n\n{BODY}\n")
    assert page.title == TITLE and page.source_format == "text"
    assert page.metadata == {"发布时间": "2022-02-17", "信息来源": "隆昌市司法局"}
    assert page.text[page.title_start:page.title_start + len(page.title)] == TITLE


def test_plain_text_is_kept_exactly():
    raw = f"  {TITLE}\n\n\n{BODY}\n\n"
    assert read_page(raw).text == raw


HTML = f"""<!doctype html><html><head><title>隆昌市人民政府门户网站-法治政府建设</title>
<script>var x = "法治政府建设情况报告";</script><style>p{{color:red}}</style></head><body>
<nav><a>首页</a><a>政务公开</a></nav>
<div class="crumb">首页 &gt; 政务公开 &gt; 法治政府建设</div>
<h1>{TITLE}</h1>
<div class="info">发布时间：2022-02-17 10:30　信息来源：隆昌市司法局　浏览次数：321　【字体：大 中 小】</div>
<div class="content"><p>{BODY}</p><p>一、工作开展情况</p><p>{BODY}</p></div>
<div>【打印本页】【关闭窗口】</div>
<footer><p>主办单位：隆昌市人民政府办公室　网站标识码：5110280001</p><p>蜀ICP备12345678号</p></footer>
</body></html>"""


def test_html_title_over_breadcrumb_and_title_element():
    page = read_page(HTML)
    assert page.source_format == "html"
    assert page.title == TITLE
    assert page.text.startswith(TITLE)


def test_html_chrome_dropped_and_metadata_parsed():
    page = read_page(HTML)
    for chrome in ("首页", "发布时间", "打印", "主办单位", "ICP", "浏览次数", "color:red", "var x"):
        assert chrome not in page.text, chrome
    assert page.metadata["发布时间"] == "2022-02-17 10:30"
    assert page.metadata["信息来源"] == "隆昌市司法局"
    assert page.text.count(BODY) == 2 and "一、工作开展情况" in page.text


def test_html_paragraphs_are_separated_by_blank_lines():
    assert f"{TITLE}\n\n{BODY}\n\n一、工作开展情况\n\n" in read_page(HTML).text


def test_html_with_only_navigation_is_refused():
    page = """<html><head><title>隆昌市人民政府</title></head><body><nav><a>首页</a><a>政务公开</a></nav>
    <div>当前位置：首页 &gt; 政务公开</div><ul><li><a>通知公告</a></li><li><a>工作动态</a></li></ul>
    <footer>版权所有：隆昌市人民政府 网站标识码：5110280001</footer></body></html>"""
    with pytest.raises(InputError, match="no report text"):
        read_page(page)


def test_plain_text_with_too_little_chinese_is_refused():
    with pytest.raises(InputError):
        read_page("hello world 2022 " * 50)
