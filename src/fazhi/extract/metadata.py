"""Report metadata: title, issuer, year reported on, publication and signature dates, source.

The issuer is the government or department that reports. Titles name it ("隆昌市司法局2021年…")
or only its place ("隆昌市2021年度…" → 隆昌市人民政府); department reports often leave it to the
signature or the page's 信息来源 line and call themselves 我局/本局 in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.extract.lines import Tail
from fazhi.extract.numerals import chinese_to_int
from fazhi.extract.organizations import find_organizations, full_place_name
from fazhi.extract.places import Area, names_index, resolve_place

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_SELF_DEPARTMENT = re.compile(r"我局|本局|我厅|本厅|我委|本委|我办|本办|我院|本院|我部|本部门|我单位|本单位")
_YEAR_MENTION = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?=\s*年|[-/.]\d{1,2}[-/.]\d{1,2}|\s*[—–\-~～至到]\s*(?:19|20)\d{2})")
#: Townships and sub-districts are below the GB/T 2260 code table, so their governments are
#: recognised by shape, at the start of the title or of the signature line.
_TOWNSHIP_GOVERNMENT = re.compile(r"^[\u4e00-\u9fff]{0,12}?[\u4e00-\u9fff]{2,5}(?:镇|乡|街道)(?:人民政府|政府|办事处)")
_PUBLISHED_KEYS = ("发布时间", "发布日期", "日期", "时间", "生成日期")
_SOURCE_KEYS = ("信息来源", "来源", "发布机构", "发布单位", "发文机关")


@dataclass
class Meta:
    title: str
    issuer: str
    issuer_source: str
    issuer_area: Area | None
    year: int | None
    published: str | None
    signed: str | None
    source_org: str


def read_metadata(text: str, title: str, metadata: dict[str, str], tail: Tail, body: str,
                  issuer: str | None = None) -> Meta:
    published = parse_date(_first(metadata, _PUBLISHED_KEYS) or "")
    signed = parse_date(tail.date.text) if tail.date else None
    source_org = _first(metadata, _SOURCE_KEYS) or ""
    name, origin = _issuer(title, tail, source_org, body, issuer)
    area = resolve_place(name, context=text) if name else None
    year = _report_year(title, body, published)
    return Meta(title, name, origin, area, year, published, signed, source_org)


def _first(metadata: dict[str, str], keys) -> str | None:
    return next((metadata[k] for k in keys if metadata.get(k)), None)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601 (2022-02-17, 2022年2月16日, 二〇二二年二月十六日)."""
    found = _DATE.search(text)
    if found:
        year, month, day = (int(g) for g in found.groups())
    else:
        found = _CN_DATE.search(text)
        if not found:
            return None
        year, month, day = (chinese_to_int(g) or 0 for g in found.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _issuer(title: str, tail: Tail, source_org: str, body: str, explicit: str | None) -> tuple[str, str]:
    """The first that applies: --issuer, an organisation in the title, the signature, the
    信息来源 when the body speaks as a department, the title's place + 人民政府, the 信息来源."""
    if explicit:
        return explicit, "option"
    title_org = _organisation_in(title, body)
    signer = _organisation_in(tail.signer.text, body) if tail.signer else None
    source = _organisation_in(source_org, body) if source_org else None
    speaks_as_department = bool(_SELF_DEPARTMENT.search(body))
    candidates = [(title_org, "title"), (signer, "signature")]
    if speaks_as_department:
        candidates.append((source, "source"))
    candidates += [(_government_of_place(title, body), "title"), (source, "source"),
                   (_township_government(title), "title"),
                   (_township_government(tail.signer.text if tail.signer else ""), "signature")]
    return next(((name, origin) for name, origin in candidates if name), ("", ""))


def _organisation_in(text: str, context: str) -> str | None:
    """The last fully named organisation in a short text (a title, a signature line); the
    report's body settles place names that several areas share."""
    area = resolve_place(text, context)
    found = [o for o in find_organizations(text, [], area) if o.kind != "unit" and _names_place(o.name)]
    return (found[-1].full_name or found[-1].name) if found else None


def _township_government(text: str) -> str | None:
    """新桥镇人民政府关于… → 新桥镇人民政府; 城关街道办事处 (政府 written out as 人民政府)."""
    found = _TOWNSHIP_GOVERNMENT.match(text.strip())
    if not found:
        return None
    name = found.group(0)
    return name[:-2] + "人民政府" if name.endswith("政府") and not name.endswith("人民政府") else name


def _names_place(name: str) -> bool:
    """True when the name starts with a place (西湖区…), not a bare 市/县 (市司法局)."""
    return any(name.startswith(key) for key in (name[:n] for n in range(2, min(len(name), 15)))
               if key in names_index())


def _government_of_place(title: str, context: str) -> str | None:
    """隆昌市2021年度法治政府建设情况报告 → 隆昌市人民政府."""
    lead = _YEAR_IN_TITLE.split(title.removeprefix("关于"), maxsplit=1)[0]
    area = resolve_place(lead.strip(), context) if lead.strip() else None
    if area is None:
        area = resolve_place(_after_year(title), context)
    return f"{full_place_name(area)}人民政府" if area else None


def _after_year(title: str) -> str:
    found = _YEAR_IN_TITLE.search(title)
    rest = title[found.end():] if found else title
    return rest.lstrip("度")


def _report_year(title: str, body: str, published: str | None) -> int | None:
    found = _YEAR_IN_TITLE.search(title)
    if found:
        token = found.group(1)
        return int(token) if token.isdigit() else chinese_to_int(token)
    found = _YEAR_IN_TITLE.search(body[:300])
    if found and found.group(1).isdigit():
        return int(found.group(1))
    return int(published[:4]) - 1 if published else None


def find_years(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) for every year written in digits: 2021年, 2022-02-17, 2021—2025年."""
    return [(int(m.group(1)), m.start(1), m.end(1)) for m in _YEAR_MENTION.finditer(text)]
