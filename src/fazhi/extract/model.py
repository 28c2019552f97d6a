"""The extractor's output: plain dataclasses, no RDF, no I/O.

Every span is ``start``/``end`` in Unicode code points, 0-based, end-exclusive, into
``Report.text`` (the decoded, normalised text that is stored as the report's text snapshot).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Section kinds.
WORK = "work"
PROBLEMS = "problems"
PLANS = "plans"
OTHER = "other"

#: Metric value qualifiers (余/多 → more-than, 以上 → at-least, 约 → about).
EXACT = "exact"
MORE_THAN = "more-than"
AT_LEAST = "at-least"
ABOUT = "about"
AT_MOST = "at-most"


@dataclass
class Section:
    """A heading and everything under it, up to the next heading of the same or higher level."""

    id: str  # "1", "1.2", "1.2.3": position in the tree, stable for the same text
    level: int  # 1 for 一、, 2 for (一), 3 for 1.
    marker: str  # the numbering as written: "一、", "(二)", "3."
    ordinal: int  # 1-based position among its siblings
    title: str
    kind: str  # WORK | PROBLEMS | PLANS | OTHER
    start: int
    end: int
    title_start: int
    title_end: int
    parent: str | None = None


@dataclass
class Item:
    """A work measure, a problem or a plan: one 一是… clause or one numbered item."""

    id: str  # "1.2/m3" style: the section id and the ordinal within it
    kind: str  # "measure" | "problem" | "plan"
    section: str | None  # id of the innermost section holding it
    ordinal: int
    marker: str  # "一是", "2.", "(三)"
    heading: str  # the heading phrase ("强化组织引领"), may be ""
    text: str  # the full text of the item
    start: int
    end: int


@dataclass
class Metric:
    """A number-with-unit stating a quantity of the year's work."""

    value: float | int  # as printed: 1.6 for 1.6万余条
    unit: str  # as printed without 余/多: "万条", "%", "件"
    qualifier: str  # EXACT | MORE_THAN | AT_LEAST | ABOUT | AT_MOST
    quantity: float | int  # normalised: 16000
    quantity_unit: str  # base unit: "条", "元", "%"
    indicator: str  # the phrase naming what is counted, as it stands in the text
    text: str  # the as-written phrase, indicator through unit and qualifier
    start: int  # span of ``text``
    end: int
    number_start: int  # span of the number and unit alone
    number_end: int
    indicator_start: int | None = None
    indicator_end: int | None = None
    unit_raw: str = ""  # the unit as written, with 余/多: "万余条"
    verb: str = ""  # the verb governing a number-before-noun metric (选择6名公职律师 → 选择)
    measure: str | None = None  # id of the Item it belongs to (measure, problem or plan)
    section: str | None = None


@dataclass
class Organization:
    name: str  # as written
    start: int
    end: int
    full_name: str | None = None  # resolved: 市司法局 → 隆昌市司法局
    kind: str = ""  # controlled slug of the organisation type ("justice-bureau", …)


@dataclass
class Document:
    title: str  # without 《》
    start: int  # span of the title without the brackets
    end: int
    parent: int | None = None  # index in Report.documents of the title that encloses it
    kind: str = ""  # controlled slug of the document type ("notice", "plan", …)
    item: str | None = None  # id of the Item it is cited in


@dataclass
class YearMention:
    year: int
    start: int
    end: int


@dataclass
class Report:
    text: str
    title: str = ""
    title_start: int | None = None
    title_end: int | None = None
    issuer: str = ""  # the reporting government or department, full name
    issuer_source: str = ""  # where the issuer came from: "option", "title", "signature", "source"
    issuer_area: str | None = None  # GB/T 2260 code of the issuer's area, when it resolves
    year: int | None = None  # the year reported on
    published: str | None = None  # ISO date from 发布时间 etc.
    signed: str | None = None  # ISO date under the signature
    source_org: str = ""  # 信息来源 / 来源
    metadata: dict[str, str] = field(default_factory=dict)  # other page metadata (索引号 …)
    sections: list[Section] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    problems: list[Item] = field(default_factory=list)
    plans: list[Item] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    years: list[YearMention] = field(default_factory=list)
    targets: list[Metric] = field(default_factory=list)  # figures in the plans sections
    encoding: str = "utf-8"
    source_format: str = "text"  # "text" | "html"
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; the schema is documented in the README."""
        return asdict(self)
