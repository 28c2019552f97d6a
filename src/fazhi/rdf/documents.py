"""Cited documents: what kind a title names, and whose document it is.

The issuer key decides whether two reports citing the same title cite the same document:
national laws and regulations (中华人民共和国…, or ending 法/条例/纲要 without a place name)
get the empty key, so each is one URI everywhere; a title that starts with a place name
(四川省社会信用管理暂行办法) is keyed by that place's code, so every county in the province
shares it; any other title is taken to be local to the citing report's area.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.rdf.areas import AreaIndex, normalise


@dataclass(frozen=True)
class DocType:
    slug: str
    zh: str
    en: str
    suffixes: tuple[str, ...]


#: Controlled document types, tried in order against the end of a title.
DOC_TYPES: tuple[DocType, ...] = (
    DocType("law", "法律", "law", ("法",)),
    DocType("regulation", "条例", "regulation", ("条例",)),
    DocType("measures", "办法", "measures", ("办法",)),
    DocType("rules", "规则、规定、细则", "rules", ("规则", "规定", "细则", "规范", "准则", "制度")),
    DocType("outline", "纲要", "outline", ("纲要",)),
    DocType("plan", "方案、规划、计划", "plan", ("方案", "规划", "计划", "要点")),
    DocType("notice", "通知", "notice", ("通知", "通报")),
    DocType("opinion", "意见", "opinion", ("意见",)),
    DocType("decision", "决定", "decision", ("决定", "决议")),
    DocType("list", "清单", "list", ("清单",)),
    DocType("catalogue", "目录", "catalogue", ("目录",)),
    DocType("report", "报告", "report", ("报告",)),
    DocType("task", "任务", "tasks", ("任务", "责任")),
    DocType("guideline", "指引、指南", "guideline", ("指引", "指南", "标准")),
    DocType("other", "其他", "other", ()),
)
_KNOWN = {t.slug for t in DOC_TYPES}
#: (suffix, slug), longest suffix first, so 办法 wins over 法.
_BY_SUFFIX = sorted(((s, t.slug) for t in DOC_TYPES for s in t.suffixes), key=lambda p: -len(p[0]))
_NATIONAL_SUFFIXES = ("法", "条例", "纲要")


def doc_type(title: str, declared: str = "") -> str:
    """The type slug: the extractor's, when it is one of ours, else read from the title's end."""
    if declared in _KNOWN:
        return declared
    bare = _bare(title)
    for suffix, slug in _BY_SUFFIX:
        if bare.endswith(suffix):
            return slug
    return "other"


def _bare(title: str) -> str:
    """The title without a trailing bracketed qualifier such as (2021—2025年)."""
    text = normalise(title)
    for opener in ("(", "（"):
        if text.endswith((")", "）")) and opener in text:
            text = text[: text.rindex(opener)]
    return text


def issuer_key(index: AreaIndex, title: str, report_area_key: str) -> str:
    """The key that, with the title, identifies a document (see module docstring)."""
    text = normalise(title)
    if text.startswith("中华人民共和国"):
        return ""
    leading = index.match_prefix(text)
    if leading:
        area = index.pick(leading)
        if area is not None:
            return area.code
    if _bare(text).endswith(_NATIONAL_SUFFIXES) and not _names_a_place(index, text):
        return ""
    return report_area_key


def _names_a_place(index: AreaIndex, text: str) -> bool:
    """True when ``text`` contains the full name of some area (隆昌市, 四川省, …)."""
    return any(len(index.candidates(name)) and name.endswith(("省", "市", "县", "区", "州"))
               for _, name in index.find_all(text))
