"""Metrics: numbers with units that state a quantity of the year's work, and what they count.

Finding the number is the easy half; the genre is full of numbers that are not metrics (dates,
document numbers 〔2021〕12号, ordinals 第14次, hotlines 12348, “12.4”宪法日, “1+N”, PM2.5, titles
in 《》), so a number counts only when a known unit follows it and none of those shapes holds.

The other half is the indicator, the phrase naming what is counted. Two word orders occur:
  * verb-object-number: 受理法律援助案件355件 → 受理法律援助案件 (the phrase before the number,
    back to the clause start or the previous metric, without subject, adverbs and linking verbs);
  * number-before-noun: 229项“省内通办”事项, 召开6次常务会议 → the noun phrase after the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fazhi.extract.model import ABOUT, AT_LEAST, AT_MOST, EXACT, MORE_THAN, Metric
from fazhi.extract.numerals import chinese_to_int, parse_number
from fazhi.extract import phrases

UNITS = """
人次 户次 台次 车次 件次 场次 批次 家次 条次 架次 艘次 班次 期次 宗次 次 元 千元 条 件 人 名 位 个百分点 百分点
个工作日 工作日 个月 个小时 个 项 份 篇 册 本 期 轮 批 场 家 户 票 起 宗 单 套 部 台 辆 艘 所 处 座 栋 间 张 封
幅 块 天 小时 分钟 公里 千米 平方米 平方公里 亩 公顷 吨 千克 公斤 倍 类 种 组 支 堂 节 课时 学时 讲 集 首 卷 例 对
""".split()
CN_UNITS = "场次 批次 次 期 轮 批 场".split()
_UNIT_RE = "|".join(sorted(set(UNITS), key=len, reverse=True))
_ARABIC = re.compile(
    r"(?P<num>[0-9０-９]{1,3}(?:,[0-9]{3})+(?:[.．][0-9]+)?(?![0-9])|[0-9０-９]+(?:[.．][0-9０-９]+)?)"
    r"(?P<gap>[ \u00a0\u3000]?)"
    r"(?:(?P<pct>[%％])|(?P<mult>[万亿])?(?P<q>[余多])?(?P<unit>" + _UNIT_RE + r"))"
)
_CHINESE = re.compile(
    r"(?P<num>[两二三四五六七八九十][十百千零〇一二三四五六七八九]*)"
    r"(?P<unit>" + "|".join(sorted(CN_UNITS, key=len, reverse=True)) + r")"
)
_PAREN_UNIT = re.compile(r"^[（(][次件个项人条户家][)）]")
_POST = (("以上", AT_LEAST), ("左右", ABOUT), ("上下", ABOUT), ("以下", AT_MOST), ("以内", AT_MOST))
_PRE = (("不少于", AT_LEAST), ("不低于", AT_LEAST), ("至少", AT_LEAST), ("不超过", AT_MOST), ("不足", AT_MOST),
        ("不到", AT_MOST), ("低于", AT_MOST), ("超过", MORE_THAN), ("多于", MORE_THAN), ("逾", MORE_THAN),
        ("超", MORE_THAN), ("大约", ABOUT), ("将近", ABOUT), ("接近", ABOUT), ("约", ABOUT), ("近", ABOUT))
_NEIGHBOUR_BEFORE = set("第〔[【#№.．·•:：/\\-－—–~～+＋×*_") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NEIGHBOUR_AFTER = set("〕]】.．·•:：/\\-－—–~～+＋×*_号年月日时") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DESCRIPTOR_AFTER = re.compile(r"^(内|制|不打烊|全天候|一体化|服务圈|生活圈|工作法|模式|机制|体系)")
_MONEY = {"元": 1, "千元": 1_000}
_SCALE = {"万": 10_000, "亿": 100_000_000}


@dataclass
class _Hit:
    """A number-with-unit before its indicator is known."""

    value: int | float
    unit: str
    unit_raw: str
    qualifier: str
    start: int  # number start (after any pre-qualifier)
    end: int  # after the unit and post-qualifier


def find_metrics(text: str, blocked, org_spans: dict[int, int]) -> list[Metric]:
    """Every metric in ``text``; ``blocked(pos)`` is true inside 《》 titles and page chrome."""
    hits = sorted(_arabic_hits(text, blocked) + _chinese_hits(text, blocked), key=lambda h: h.start)
    metrics: list[Metric] = []
    for i, hit in enumerate(hits):
        following = hits[i + 1].start if i + 1 < len(hits) else None
        previous_end = metrics[-1].end if metrics else 0
        metric = _with_indicator(text, hit, previous_end, following, org_spans)
        if metrics and metric.indicator_start is None and hit.start == previous_end:
            _share_indicator(metrics[-1], metric)
        metrics.append(metric)
    return _split_shared_phrases(text, metrics)


def _share_indicator(left: Metric, right: Metric) -> None:
    """接待群众来访87批次236人次: a figure right after another, in a second unit, counts the
    same thing; it takes the first one's indicator (its span stays where the words are)."""
    if left.indicator_start is None or left.indicator_start > left.number_start:
        return  # number-before-noun: 12次专题学习 names no phrase for what follows
    right.indicator, right.indicator_start, right.indicator_end = left.indicator, left.indicator_start, left.indicator_end


def _arabic_hits(text: str, blocked) -> list[_Hit]:
    hits = []
    for m in _ARABIC.finditer(text):
        if blocked(m.start()) or not _plausible_arabic(text, m):
            continue
        unit = "%" if m.group("pct") else (m.group("mult") or "") + m.group("unit")
        raw = "%" if m.group("pct") else text[m.start("mult") if m.group("mult") else m.start("q") if m.group("q") else m.start("unit"):m.end()]
        qualifier = MORE_THAN if m.group("q") else EXACT
        hits.append(_finish_hit(text, parse_number(m.group("num")), unit, raw, qualifier, m.start(), m.end()))
    return hits


def _plausible_arabic(text: str, m: re.Match) -> bool:
    """Reject ordinals, dates, codes, versions, formulas, ranges and short quoted slogans."""
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end("num")] if m.end("num") < len(text) else ""
    grouped_tail = before == "," and m.start() > 1 and text[m.start() - 2].isdigit()  # the "345" of "2,345"
    if before in _NEIGHBOUR_BEFORE or after in _NEIGHBOUR_AFTER or before.isdigit() or grouped_tail:
        return False
    if m.group("unit") in {"个", "人", "名", "家", "户", "件", "项"} and _DESCRIPTOR_AFTER.match(text[m.end():m.end() + 4]):
        return False
    if _DESCRIPTOR_AFTER.match(text[m.end():m.end() + 4]) and m.group("unit") in {"小时", "天", "分钟"}:
        return False
    return not _inside_short_quote(text, m.start(), m.end())


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    """“12.4”, “1+N”, “最多跑1次”: a number inside a short quotation is part of a name."""
    open_at = text.rfind("“", max(0, start - 12), start)
    if open_at < 0 or "”" in text[open_at:start]:
        return False
    close_at = text.find("”", end - 1, end + 12)
    return close_at >= 0


def _chinese_hits(text: str, blocked) -> list[_Hit]:
    """分七期, 两轮, 三批: Chinese numerals only with event counters, never in slogans."""
    hits = []
    for m in _CHINESE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end():m.end() + 1]
        value = chinese_to_int(m.group("num"))
        if blocked(m.start()) or before in "第一二三四五六七八九十两“\"" or after in {"性", "是", "会", "”", "届"}:
            continue
        if not value or value < 2 or _inside_short_quote(text, m.start(), m.end()):
            continue
        hits.append(_finish_hit(text, value, m.group("unit"), m.group("unit"), EXACT, m.start(), m.end()))
    return hits


def _finish_hit(text: str, value, unit: str, raw: str, qualifier: str, start: int, end: int) -> _Hit:
    """Extend the hit over (次), 以上/左右 and a leading 约/超过; settle the qualifier."""
    paren = _PAREN_UNIT.match(text[end:end + 3])
    if paren:
        raw, end = raw + paren.group(0), end + len(paren.group(0))
    for word, kind in _POST:
        if text.startswith(word, end):
            end += len(word)
            qualifier = kind if qualifier == EXACT or kind == AT_LEAST else qualifier
            break
    for word, kind in _PRE:
        if text.endswith(word, 0, start):
            start -= len(word)
            qualifier = kind if qualifier == EXACT else qualifier
            break
    return _Hit(value, unit, raw, qualifier, start, end)


def normalise(value, unit: str) -> tuple[int | float, str]:
    """The quantity in its base unit: 275.15万元 → (2751500, 元); 1.6万条 → (16000, 条)."""
    scale, base = 1, unit
    if unit in _MONEY:
        scale, base = _MONEY[unit], "元"
    elif len(unit) > 1 and unit[0] in _SCALE:
        scale, base = _SCALE[unit[0]], unit[1:]
    quantity = Decimal(str(value)) * scale
    return (int(quantity) if quantity == quantity.to_integral_value() else float(quantity)), base


def _with_indicator(text: str, hit: _Hit, previous_end: int, following: int | None, org_spans) -> Metric:
    noun = phrases.noun_after(text, hit.end, following)
    before = phrases.phrase_before(text, hit.start, previous_end, org_spans)
    quantity, quantity_unit = normalise(hit.value, hit.unit)
    metric = Metric(
        value=hit.value, unit=hit.unit, qualifier=hit.qualifier, quantity=quantity,
        quantity_unit=quantity_unit, indicator="", text="", start=hit.start, end=hit.end,
        number_start=hit.start, number_end=hit.end, unit_raw=hit.unit_raw,
    )
    if noun is not None:
        _use_noun(text, metric, noun, before)
    elif before is not None:
        metric.indicator, metric.indicator_start, metric.indicator_end = text[before[0]:before[1]], before[0], before[1]
        metric.start = min(metric.start, before[0])
    metric.text = text[metric.start:metric.end]
    return metric


def _use_noun(text: str, metric: Metric, noun: tuple[int, int], before) -> None:
    metric.indicator, metric.indicator_start, metric.indicator_end = text[noun[0]:noun[1]], noun[0], noun[1]
    metric.end = noun[1]
    if before is not None:
        metric.verb = phrases.verb_of(text[before[0]:before[1]])


def _split_shared_phrases(text: str, metrics: list[Metric]) -> list[Metric]:
    """抽查25个执法部门行政执法案件卷宗40件: a noun phrase that runs into the next number is
    shared with the next metric; split it where a head noun ends or an action verb begins."""
    for left, right in zip(metrics, metrics[1:]):
        if left.indicator_start is None or left.indicator_start < left.number_end or left.end < right.number_start:
            continue
        cut = phrases.split_point(text, left.indicator_start, right.number_start)
        if cut >= right.number_start:  # no place to divide: the phrase names both counts
            _reassign_before(text, right, left.indicator_start)
            continue
        left.indicator_end = left.end = cut
        left.indicator = text[left.indicator_start:cut]
        left.text = text[left.start:left.end]
        _reassign_before(text, right, cut)
    return metrics


def _reassign_before(text: str, metric: Metric, start: int) -> None:
    if metric.indicator_start is not None and metric.indicator_start >= metric.number_end:
        return
    span = phrases.clean_span(text, start, metric.number_start, {})
    if span is not None:
        metric.indicator, metric.indicator_start, metric.indicator_end = text[span[0]:span[1]], span[0], span[1]
        metric.start = span[0]
        metric.text = text[metric.start:metric.end]
