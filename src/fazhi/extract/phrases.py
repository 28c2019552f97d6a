"""Indicator phrases: the words around a number that name what it counts.

Kept apart from ``metrics.py`` because these are word-level rules about Chinese report prose
(where a clause starts, which words are subjects, adverbs or linking verbs), tuned on the genre
and tested on their own.
"""

from __future__ import annotations

import re

_BOUNDARY = set("，,。；;：:！!？?\n")
_LOOKBACK = 48
_MAX_NOUN = 24
_LINKING = sorted(
    "达到 达 为 是 至 到 提高到 提高至 提升至 提升到 保持在 保持 稳定在 控制在 增至 降至 共计 合计 累计 总计 共 计 均为 均达 均 "
    "分别为 分别达 分别 占 约 近 超过 逾 等 了 共有 有".split(), key=len, reverse=True)
_ADVERBS_ANYWHERE = sorted(
    "累计 共计 合计 总计 先后 分别 主动 全年 年内 当年 持续 不断 积极 累积 集中 择优 高规格 高质量 高标准 高水平 "
    "依法依规 严格 认真 扎实 深入 大力 切实 进一步 共同 及时 稳妥 有序".split(), key=len, reverse=True)
_ADVERBS_AT_START = ("共", "均", "已", "再", "还", "又", "并", "另", "其中", "同时", "此外", "另外", "今年", "全年")
_NOUN_SUFFIXES = "率性度"  # 及时率, 严格性: the 'adverb' is part of a noun, not a modifier
_PREPOSITIONS = ("由", "通过", "经", "在", "按照", "依托", "围绕", "针对", "借助", "结合", "对照", "依据", "根据")
_SUBJECT_TAILS = ("常务会议", "常务会", "党组", "领导班子", "全体会议", "主要负责人")
ACTION_VERBS = set(
    """办理 受理 办结 审结 审查 审核 审批 备案 开展 组织 举办 召开 处理 查处 处罚 罚款 发放 发出 发布 印发 出台 制定 修订
    废止 清理 编制 收集 整改 化解 调解 排查 预防 培训 检查 抽查 巡查 督查 督察 出动 提出 移送 公开 解读 建立 建成 新建
    健全 打造 建强 织密 组建 选择 聘请 聘用 选派 配备 换发 注销 收回 核减 完成 接待 接受 答复 回复 办复 报送 录入 归集
    查询 推送 开通 上线 设立 设置 成立 评查 评选 表彰 考核 考试 走访 宣传 传达 学习 听取 研究 部署 签订 签署 减免 退还
    追回 挽回 撤销 纠正 驳回 维持 确认 责令 立案 结案 执行 送达 采纳 征集 征求 论证 评估 细化 梳理 公示 公布 调处
    提供 协调 下放 选聘 颁发 核发 发送 开设 举行 印制 发放 播出 刊发 刊登 录制 拍摄 创作 编印 发行 推出 受邀 邀请 派出 办好""".split())
_NOUN_STOP_WORDS = re.compile(
    r"纳入|实现|得到|获得|全部|均已|均|已经|已|被|予以|进行|参加|参与|受到|达到|覆盖|入驻|进驻|列入|办结|提交|同比|比上年|较上年|其中")
_NOUN_BLOCKERS = re.compile(r"(以上|左右|同比|比上年|较上年|较|占|其中|均|全部|已|得到|获得|和|及|与|并|但|为|是|次|余)")
_HEAD_NOUNS = re.compile(r"部门|单位|机关|机构|企业|个人|律师|人员|乡镇|社区|学校|家庭|村")
_MARKER = re.compile(
    r"(第?[一二三四五六七八九十]+[是要]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．]|[一二三四五六七八九十]+、)")
# _NOUN_BLOCKERS and _MARKER are used with pattern.match(text, pos): no "^", which would only
# ever match at position 0 of the whole text.
_TRIM = " \u3000\u00a0、，,。；;：:！!？?\n"
_ETC = re.compile(r"等(?![级待候于同])")
_DE = re.compile(r"(?<![目有])的")


def phrase_before(text: str, number_start: int, previous_end: int, org_spans: dict[int, int]) -> tuple[int, int] | None:
    """The cleaned phrase from the clause start (or the previous metric) up to the number."""
    start = max(previous_end, number_start - _LOOKBACK, 0)
    for pos in range(number_start - 1, start - 1, -1):
        if text[pos] in _BOUNDARY:
            start = pos + 1
            break
    return clean_span(text, start, number_start, org_spans)


def clean_span(text: str, start: int, end: int, org_spans: dict[int, int]) -> tuple[int, int] | None:
    """Drop markers, subject, prepositional lead-in, adverbs, examples (…等) and linking verbs."""
    start, end = _strip(text, start, end)
    for step in (_skip_marker, _skip_subject, _skip_preposition, _skip_adverbs, _skip_examples, _skip_modifiers):
        if start >= end:
            return None
        start = step(text, start, end, org_spans)
        start, end = _strip(text, start, end)
    end = _strip_linking(text, start, end)
    start, end = _strip(text, start, end)
    return (start, end) if end - start >= 2 else None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


_LINKING_AT_END = re.compile("(?:" + "|".join(_LINKING) + ")$")
#: 出庭应诉率连续三年保持100%: how long it held is not part of what was measured.
_DURATION_AT_END = re.compile(r"(?:已|均)?连续[一二三四五六七八九十两0-9]+(?:年|个月|个季度|届)$")
_ADVERB_RE = re.compile("|".join(_ADVERBS_ANYWHERE))


def _strip_linking(text: str, start: int, end: int) -> int:
    """Drop 达/为/共计/… and 连续三年 (repeatedly) from the end of the phrase."""
    while end - start > 2:
        found = _LINKING_AT_END.search(text, max(start, end - 4), end) \
            or _DURATION_AT_END.search(text, max(start, end - 9), end)
        if not found or found.start() - start < 2:
            break
        end = found.start()
    return end


def _skip_marker(text, start, end, _orgs) -> int:
    found = _MARKER.match(text, start, end)
    return found.end() if found else start


def _skip_subject(text, start, end, org_spans) -> int:
    """市政府行政机关负责人出庭应诉率 → 行政机关负责人出庭应诉率 (an organisation as subject)."""
    org_end = org_spans.get(start)
    if org_end is None or end - org_end < 2:
        return start
    for tail in _SUBJECT_TAILS:
        if text.startswith(tail, org_end) and end - org_end - len(tail) >= 2:
            return org_end + len(tail)
    return org_end


def _skip_preposition(text, start, end, _orgs) -> int:
    """由市人民政府统一行使…职责后办结行政复议案件 → 办结行政复议案件."""
    if not text.startswith(_PREPOSITIONS, start):
        return start
    verb = _last_verb(text, start + 1, end)
    return verb if verb is not None and end - verb >= 2 else start


def _skip_adverbs(text, start, end, _orgs) -> int:
    """“信用中国”累计查询数据 → 查询数据; 持续举办《阳光政务》 → 举办《阳光政务》."""
    best = start
    for found in _ADVERB_RE.finditer(text, start, end):
        if end - found.end() >= 2 and not _inside_brackets(text, start, found.start()) \
                and text[found.end()] not in _NOUN_SUFFIXES:
            best = max(best, found.end())
    changed = True
    while changed:  # 同时还组织…: any order, any number of them
        changed = False
        for word in _ADVERBS_AT_START:
            if text.startswith(word, best) and end - best - len(word) >= 2:
                best += len(word)
                changed = True
    return best


def _skip_examples(text, start, end, _orgs) -> int:
    """依法审查《…》等行政决策、重大项目等 → 行政决策、重大项目 (what precedes 等 are examples)."""
    last = None
    for m in _ETC.finditer(text, start, end):
        if end - m.end() >= 2 and not _inside_brackets(text, start, m.start()):
            last = m.end()
    return last if last is not None else start


def _skip_modifiers(text, start, end, _orgs) -> int:
    """解读涉及群众切身利益的政策文件 → 政策文件 (a 的-modifier is not the thing counted)."""
    last = None
    for m in _DE.finditer(text, start, end):
        if end - m.end() >= 2 and not _inside_brackets(text, start, m.start()):
            last = m.end()
    return last if last is not None else start


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    segment = text[start:pos]
    return segment.count("《") > segment.count("》") or segment.count("“") > segment.count("”")


def _last_verb(text: str, start: int, end: int) -> int | None:
    for pos in range(end - 2, start - 1, -1):
        if text[pos:pos + 2] in ACTION_VERBS:
            return pos
    return None


def noun_after(text: str, pos: int, following: int | None) -> tuple[int, int] | None:
    """The noun phrase right after a number-with-unit (229项“省内通办”事项 → “省内通办”事项)."""
    if text.startswith("的", pos):
        pos += 1
    if pos >= len(text) or _NOUN_BLOCKERS.match(text, pos):
        return None
    if not ("\u4e00" <= text[pos] <= "\u9fff" or text[pos] in "“《\""):
        return None
    limit = min(len(text), pos + _MAX_NOUN, following if following is not None else len(text))
    end = pos
    while end < limit and text[end] not in _BOUNDARY and text[end] != "、":
        end += 1
    stop = _NOUN_STOP_WORDS.search(text, pos + 2, end)
    end = stop.start() if stop else end
    end = _before_open_bracket(text, pos, end)
    while end > pos and text[end - 1] in "和及与并等的" + _TRIM:
        end -= 1
    return (pos, end) if end - pos >= 2 else None


def _before_open_bracket(text: str, start: int, end: int) -> int:
    """A phrase cut by the length limit inside a 《title》 or “quote” ends before it opens."""
    for opening, closing in (("《", "》"), ("“", "”")):
        opened = text.rfind(opening, start, end)
        if opened >= 0 and text.find(closing, opened, end) < 0:
            end = opened
    return end


def verb_of(phrase: str) -> str:
    """The action verb governing a number-before-noun metric (组建, 选择, 打造…)."""
    for pos in range(len(phrase) - 1):
        if phrase[pos:pos + 2] in ACTION_VERBS:
            return phrase[pos:pos + 2]
    return phrase if len(phrase) <= 4 else ""


def split_point(text: str, start: int, end: int) -> int:
    """Where a noun phrase shared by two metrics divides: after a head noun, before a verb."""
    head = _HEAD_NOUNS.search(text, start, end)
    if head and end - head.end() >= 2:
        return head.end()
    for pos in range(start + 2, end - 1):
        if text[pos:pos + 2] in ACTION_VERBS:
            return pos
    return end
