"""Properties of the extractor over generated inputs (Hypothesis): any text gives a clean
InputError or a report whose spans are all consistent; any bytes decode or fail cleanly;
Chinese numerals round-trip; no metric starts inside a 《》 title."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings, strategies as st

from fazhi.errors import InputError
from fazhi.extract import extract_report
from fazhi.extract.decode import decode_bytes
from fazhi.extract.numerals import chinese_to_int

from .spans import check_spans

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces of the genre and of hostile files: markers, numbers with units, titles, brackets,
#: quotes, chrome, dates, line ends of every kind, markup, NULs, BOMs, combining marks.
TOKENS = [
    "隆昌市2021年度法治政府建设情况报告", "发布时间：2022-02-17", "信息来源：隆昌市司法局", "首页 > 政务公开",
    "一、", "二、", "（一）", "（二）", "1.", "(2)", "①", "一是", "二是", "三是", "存在的问题", "下一步工作打算",
    "受理案件", "办结", "12件", "3.5万元", "1.6万余件", "98.33%", "约", "以上", "两轮", "三批", "十九届", "第3次",
    "《", "》", "〈", "〉", "“", "”", "（", "）", "〔2021〕12号", "12348", "“12.4”", "PM2.5",
    "市司法局", "隆昌市人民政府", "区政府", "委员会", "办公室", "2021年", "二〇二二年", "2022年2月16日",
    "，", "。", "；", "：", " ", "\u3000", "\n", "\n\n", "\r\n", "\r",
    "<p>", "</p>", "<div>", "<br>", "<script>", "<head>", "&amp;", "&#x4e00;", "\x00", "\ufeff", "\u200b", "e\u0301", "😀",
]
PADDING = "我市坚持以习近平法治思想为指导认真贯彻落实党中央国务院关于法治政府建设的决策部署统筹推进依法行政各项工作"
soup = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)
report_like = st.tuples(soup, soup).map(lambda p: f"隆昌市2021年度法治政府建设情况报告\n{p[0]}{PADDING}{p[1]}")
any_text = st.one_of(st.text(max_size=300), soup, report_like)


def _extract_or_none(data):
    try:
        return extract_report(data)
    except InputError:
        return None


def _check_structure(report) -> None:
    """What placing metrics relies on: items disjoint and in text order, sections nested."""
    items = sorted(report.measures + report.problems + report.plans, key=lambda i: i.start)
    assert all(a.end <= b.start for a, b in zip(items, items[1:])), "overlapping items"
    by_id = {s.id: s for s in report.sections}
    for section in report.sections:
        parent = by_id.get(section.parent) if section.parent else None
        assert parent is None or parent.start <= section.start <= section.end <= parent.end, section


@SETTINGS
@given(any_text)
def test_any_text_gives_consistent_spans_or_an_input_error(text):
    report = _extract_or_none(text)
    if report is not None:
        check_spans(report)
        _check_structure(report)


@SETTINGS
@given(st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_decode_to_text_or_an_input_error(data):
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and codecs.lookup(encoding)
    assert "\r" not in text and "\x00" not in text


@SETTINGS
@given(report_like, st.sampled_from(["utf-16", "gb18030", "utf-8-sig"]))
def test_every_encoding_of_a_report_extracts_as_its_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    from_text, from_bytes = _extract_or_none(text), _extract_or_none(data)
    if from_text is None or from_bytes is None:
        assert from_text is None or from_bytes is None  # NUL-heavy text may still differ as bytes
        return
    assert from_bytes.text == from_text.text and from_bytes.metrics == from_text.metrics


_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """The standard reading of 0 < n < 10¹⁶: 一万零五, 三亿五千万, 十九 (not 一十九)."""
    groups, out = [], []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group:
            if out and (group < 1000 or not groups[index + 1]) and out[-1] != "零":
                out.append("零")
            out.append(_group(group) + ["", "万", "亿", "万亿"][index])
        elif out and out[-1] != "零":
            out.append("零")
    text = "".join(out).rstrip("零")
    return text[1:] if text.startswith("一十") else text


def _group(n: int) -> str:
    out, zero = [], False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // value % 10
        if digit:
            if zero and out:
                out.append("零")
            out.append(_DIGITS[digit] + unit)
            zero = False
        else:
            zero = True
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert chinese_to_int(to_chinese(n)) == n, to_chinese(n)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1000, max_value=2099))
def test_years_read_digit_by_digit(year):
    written = "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
    assert chinese_to_int(written) == year


def test_the_reader_of_round_trips_is_right():
    assert [to_chinese(n) for n in (10, 19, 105, 1005, 10005, 350_000_000, 100_010_000, 2_0000_0000_0003)] == [
        "十", "十九", "一百零五", "一千零五", "一万零五", "三亿五千万", "一亿零一万", "二万亿零三"]


titled = st.tuples(soup, st.sampled_from(["受理案件12件", "培训3.5万人次", "两轮", "98%", "〈办法〉5项"]), soup)


@SETTINGS
@given(titled)
def test_no_metric_starts_inside_a_title(parts):
    before, inside, after = parts
    text = f"隆昌市2021年度法治政府建设情况报告\n一、工作情况\n{before}印发《关于{inside}的通知》，{after}{PADDING}\n"
    report = _extract_or_none(text)
    if report is None:
        return
    check_spans(report)
    titles = [(d.start, d.end) for d in report.documents if d.parent is None]
    for metric in report.metrics + report.targets:
        assert not any(s <= metric.number_start < e for s, e in titles), (metric.text, text)
