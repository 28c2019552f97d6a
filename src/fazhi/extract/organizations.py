"""Organisations named in a report, and their full names.

A name is a *core* (司法局, 人民政府, 中院, 委 …) preceded by a place (内江市, 隆昌, 四川省内江市)
or by a bare level character (市司法局, 县政府) that the report's issuer resolves: 市司法局 in
隆昌市's report is 隆昌市司法局; 市中院 there is 内江市中级人民法院, one level up, because
intermediate courts sit at the prefecture. Names of small units (调解室, 工作站) are taken from
the phrase before them. Mentions inside 《》 belong to the title, not to the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fazhi.extract.model import Organization
from fazhi.extract.phrases import ACTION_VERBS
from fazhi.extract.places import Area, chain, max_name_length, names_index, nearest, parent, resolve_place

DEPARTMENTS = """
司法局 公安局 财政局 民政局 教育局 教育和体育局 教育体育局 审计局 统计局 商务局 水利局 水务局 林业局 林业和草原局 信访局
税务局 人力资源和社会保障局 人社局 自然资源局 自然资源和规划局 规划和自然资源局 生态环境局 生态环境分局 环保局
住房和城乡建设局 住建局 交通运输局 交通局 农业农村局 文化广电旅游局 文化广电和旅游局 文化和旅游局 文广旅局 卫生健康局
卫生健康委员会 卫健委 卫健局 应急管理局 市场监督管理局 市场监管局 医疗保障局 医保局 退役军人事务局 行政审批局
行政审批服务局 政务服务管理局 政务服务和大数据管理局 大数据局 数据局 城市管理局 城市管理综合行政执法局 城管局
综合行政执法局 国有资产监督管理委员会 国资委 发展和改革局 发展和改革委员会 发改委 发改局 经济和信息化局 经信局
工业和信息化局 科学技术局 科技局 经济信息化和科技局 民族宗教事务局 民宗局 粮食和物资储备局 乡村振兴局 机关事务管理局
人民防空办公室 人防办 司法厅 公安厅 交通运输厅 财政厅 教育厅 民政厅 生态环境厅 自然资源厅 住房和城乡建设厅 农业农村厅
水利厅 商务厅 审计厅 人力资源和社会保障厅 卫生健康委 市场监督管理局 公安分局 政府办公室 政府办 法制办 司法行政局
依法治市办 依法治县办 依法治区办 依法治省办 依法治市委员会办公室 依法治县委员会办公室 委员会办公室 宣传部 组织部
统战部 政法委 编办 机构编制委员会办公室 总工会 团委 妇联 残联 工商联 律师协会 公证处 仲裁委员会 法律援助中心
公共法律服务中心 政务服务中心 行政复议局 行政复议办公室 司法所 派出所 执法大队 综合执法大队 街道办事处 办事处 人民政府办公室 人民政府办公厅 政府办公厅 纪委监委 纪委 监委
"""
COURTS = "高级人民法院 中级人民法院 人民法院 人民检察院 中院 高院 法院 检察院 人民代表大会常务委员会 人民代表大会 人大常委会 人大 政协"
GOVERNMENTS = "人民政府 政府 委"
NATIONAL = "国务院 司法部 公安部 民政部 财政部 最高人民法院 最高人民检察院 全国人大常委会 全国人大 党中央 中共中央 中央依法治国办"
UNITS = "调解室 工作室 服务站 工作站 调解中心 服务中心"

_LEVEL_CHARS = "省市县区州"
_EXPAND = {"政府": "人民政府", "中院": "中级人民法院", "高院": "高级人民法院", "法院": "人民法院",
           "检察院": "人民检察院", "人大": "人民代表大会"}
_LEVEL_OF_CORE = {"中院": 2, "中级人民法院": 2, "高院": 1, "高级人民法院": 1}
_NOT_AFTER = re.compile(r"^(代表|委员(?!会)|机关|系统|部门|领导|干部|工作人员|提案|议案|建议)")
_FUNCTION_BEFORE = set("由向与和及、，,；;：:。在对从经被将把为同跟让使以于并或其各“”\"'（(） \n")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _core_pattern() -> re.Pattern:
    words = set((DEPARTMENTS + " " + COURTS + " " + GOVERNMENTS + " " + NATIONAL + " " + UNITS).split())
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


def find_organizations(text: str, skip: list[tuple[int, int]], issuer_area: Area | None) -> list[Organization]:
    """Every organisation mention outside ``skip`` spans, resolved against ``issuer_area``."""
    blocked = _blocked(skip, len(text))
    out: list[Organization] = []
    last_end = -1
    for m in _core_pattern().finditer(text):
        if blocked(m.start()) or m.start() < last_end:
            continue
        if out and m.start() == last_end and m.group(0) in _DEPARTMENT_SET:
            last_end = _extend(out[-1], text, m.end())  # 市政府行政复议局: a unit of the one before
            continue
        mention = _mention_at(text, m.start(), m.end(), m.group(0), issuer_area)
        if mention and not blocked(mention.start):
            _extend_with_suffix(mention, text)
            out.append(mention)
            last_end = mention.end
    return out


# 市委全面依法治市委员会: a committee of the party committee; 交通运输厅政策法规处: the division
# of a department that drafts the report.
_COMMITTEE_OF_PARTY = re.compile(r"(?:全面)?依法治[省市县区州]委员会(?:办公室)?")
_DIVISION = re.compile(r"(?:政策法规|法规|法制|法治|政策法制)(?:处|科|股)|法制办公室")


def _extend_with_suffix(mention: Organization, text: str) -> None:
    pattern = {"party-committee": _COMMITTEE_OF_PARTY, "department": _DIVISION}.get(mention.kind)
    found = pattern.match(text, mention.end) if pattern else None
    if found is None or mention.kind == "party-committee" and not mention.name.endswith("委"):
        return
    mention.name += found.group(0)
    mention.end = found.end()
    if mention.full_name:
        base = mention.full_name.removesuffix("员会") if mention.kind == "party-committee" else mention.full_name
        mention.full_name = base + found.group(0)


_DEPARTMENT_SET = frozenset(DEPARTMENTS.split())


def _extend(mention: Organization, text: str, end: int) -> int:
    unit = text[mention.end:end]
    mention.name, mention.end, mention.kind = mention.name + unit, end, "department"
    if mention.full_name:
        mention.full_name += unit
    return end


def _blocked(spans: list[tuple[int, int]], size: int):
    marks = bytearray(size + 1)
    for start, end in spans:
        marks[max(0, start):min(size, end)] = b"\x01" * (min(size, end) - max(0, start))
    return lambda pos: bool(marks[pos]) if 0 <= pos < size else False


def _mention_at(text: str, start: int, end: int, core: str, issuer_area: Area | None) -> Organization | None:
    if _NOT_AFTER.match(text[end:end + 4]):
        return None
    if core in NATIONAL.split():
        return Organization(core, start, end, full_name=core, kind=org_kind(core))
    if core in UNITS.split():
        return _unit_mention(text, start, end)
    place_start, area = _place_before(text, start, issuer_area)
    if place_start is None:
        return _bare_mention(text, start, end, core)
    end = _branch_end(text, end)
    full = _with_branch(_full_name(area, core), text[place_start:end], core)
    return Organization(text[place_start:end], place_start, end, full_name=full, kind=org_kind(core))


_BRANCH = re.compile(r"([\u4e00-\u9fff]{2,4})分局")


def _branch_end(text: str, end: int) -> int:
    """佛山市生态环境局南海分局: a department's branch named after a place."""
    found = _BRANCH.match(text, end)
    if found and found.group(1) in names_index():
        return found.end()
    return end


def _with_branch(full: str | None, written: str, core: str) -> str | None:
    if full is None:
        return None
    return full + written[written.rfind(core) + len(core):]


def _place_before(text: str, start: int, issuer_area: Area | None) -> tuple[int | None, Area | None]:
    """Where the place part of a name begins, and the area it names (innermost)."""
    pos, found, named = start, None, False
    while True:
        step = _place_ending_at(text, pos, issuer_area)
        if step is None:
            break
        pos, found, named = step[0], step[1], True
    if named:
        return pos, resolve_place(text[pos:start]) or found
    if start > 0 and text[start - 1] in _LEVEL_CHARS and _level_prefix_ok(text, start - 1):
        return start - 1, _area_for_level(text[start - 1], issuer_area)
    if text[max(0, start - 2):start] in {"我市", "本市", "我县", "本县", "我区", "本区", "我省", "本省"}:
        return start - 2, _area_for_level(text[start - 1], issuer_area)
    return None, None


def _place_ending_at(text: str, end: int, near: Area | None) -> tuple[int, Area | None] | None:
    """The longest place name ending at ``end`` and the area it names (None when the name is
    shared and ``near`` does not settle it); a two-character one that starts with a function
    word (和县, 及县…) is read as that word plus a level character instead."""
    index = names_index()
    for length in range(min(max_name_length(), end), 1, -1):
        areas = index.get(text[end - length:end])
        if areas and not (length == 2 and text[end - length] in _FUNCTION_BEFORE):
            return end - length, nearest(areas, near)
    return None


_LEVEL_WORDS = set(
    "城市 都市 超市 门市 股市 夜市 集市 上市 节省 反省 社区 园区 景区 小区 城区 辖区 片区 山区 街区 新区 地区 湾区 矿区 "
    "牧区 郊区 禁区 灾区 校区 市区 专区 分区 省市 县市 市县 区县 全市 全县 全区 全省".split())


def _level_prefix_ok(text: str, pos: int) -> bool:
    """A lone 市/县/区 counts unless it ends a word (the 城市 of 城市管理局, 社区, 全市)."""
    return pos == 0 or text[pos - 1:pos + 1] not in _LEVEL_WORDS


def _area_for_level(level_char: str, issuer_area: Area | None) -> Area | None:
    if issuer_area is None:
        return None
    for area in chain(issuer_area):
        if area.name.endswith(level_char):
            return area
    return None


_BARE_LEADS = ("基层", "部分", "全部", "所有", "各级", "所属", "下属")
_CONGRESS_NEXT = re.compile(r"^(、|及|和|与|，|,|监督|法律监督|民主监督|常委会)")


def _bare_mention(text: str, start: int, end: int, core: str) -> Organization | None:
    """A core with no place: kept when specific enough and at a word start (人民法院, 司法局).
    人大 and 政协 alone are the issuer's own congress and CPPCC where they act (接受人大、政协监督),
    not as a modifier (政协提案) nor as the tail of a word in 人 (个人大额, 工人大学)."""
    if core in {"人大", "政协"} and (_word_start(text, start) or text[start - 1] == "受"
                                  or _CONGRESS_NEXT.match(text[end:end + 4])):
        return Organization(core, start, end, full_name=None, kind=org_kind(core))
    if core in {"政府", "委", "人大", "政协", "法院", "检察院", "中院", "高院", "办事处", "委员会办公室",
                "人民政府", "人民代表大会", "人大常委会", "纪委", "监委", "团委"}:
        return None
    if not _word_start(text, start) and not core.startswith("人民") and text[start - 2:start] not in _BARE_LEADS:
        return None
    return Organization(core, start, end, full_name=None, kind=org_kind(core))


def _word_start(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in _FUNCTION_BEFORE


def _unit_mention(text: str, start: int, end: int) -> Organization | None:
    """“小马调解室” / 边界联合调解室: the name runs back to the quote or punctuation before it."""
    begin = start
    while begin > 0 and _HAN.match(text[begin - 1]) and start - begin < 10:
        begin -= 1
    if start - begin >= 10:
        return None
    while text[begin:begin + 2] in ACTION_VERBS and start - begin - 2 >= 2:  # 成立边界联合调解室
        begin += 2
    if start - begin < 2:
        return None
    return Organization(text[begin:end], begin, end, full_name=text[begin:end], kind="unit")


def _full_name(area: Area | None, core: str) -> str | None:
    if area is None:
        return None
    wanted = _LEVEL_OF_CORE.get(core)
    if wanted is not None:
        area = next((a for a in chain(area) if a.level == wanted), area)
    place = full_place_name(area)
    if core == "委":
        return f"中共{place}委员会"
    if core == "政协":
        return f"政协{place}委员会"
    return place + _EXPAND.get(core, core)


def full_place_name(area: Area) -> str:
    """Districts carry their city's name (佛山市南海区), counties and cities do not (资中县)."""
    up = parent(area)
    if area.level == 3 and area.name.endswith("区") and up is not None and up.level == 2:
        return up.name + area.name
    return area.name


def org_kind(core: str) -> str:
    """A coarse kind for an organisation, from its core."""
    if core in {"人民政府", "政府", "国务院"}:
        return "government"
    if core == "委" or core in {"党中央", "中共中央"}:
        return "party-committee"
    if "人大" in core or "人民代表大会" in core:
        return "peoples-congress"
    if core == "政协":
        return "cppcc"
    if "法院" in core or core in {"中院", "高院"}:
        return "court"
    if "检察院" in core:
        return "procuratorate"
    return "department"


def resolve_name(name: str, issuer_area: Area | None) -> str | None:
    """The full name of an organisation written on its own (title, signature, 信息来源)."""
    found = [o for o in find_organizations(name, [], issuer_area) if o.start == 0 and o.end == len(name)]
    return found[0].full_name if found else None
