"""Organisation names → (area, controlled type slug, full name).

Reports name bodies in many forms: 隆昌市司法局, 市司法局 (the city is implied by the report),
内江中院 (short area name + short type), 四川省隆昌市人民政府. The URI of a body is its area code
plus a type slug from :data:`ORG_TYPES`, so every form of the same body gets the same URI. A
name whose type is not in the table (小马调解室) is keyed by area + a hash of its normalised
name instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from fazhi.rdf.areas import Area, AreaIndex, normalise, parse_leading_areas


@dataclass(frozen=True)
class OrgType:
    """One controlled organisation type."""

    slug: str
    zh: str  # the canonical suffix of a full name ("司法局")
    en: str
    aliases: tuple[str, ...] = ()  # other written forms of the suffix ("中院")
    department: bool = False  # a working department of the people's government at its level
    public: bool = True  # a public-sector body (cv:PublicOrganisation); party organs are not
    template: str = "{area}{zh}"  # how the full name is built


ORG_TYPES: tuple[OrgType, ...] = (
    OrgType("government", "人民政府", "people's government", ("政府",)),
    OrgType("government-office", "人民政府办公室", "general office of the people's government",
            ("政府办公室", "政府办"), department=True),
    OrgType("justice-bureau", "司法局", "justice bureau", department=True),
    OrgType("public-security-bureau", "公安局", "public security bureau", department=True),
    OrgType("market-regulation-bureau", "市场监督管理局", "market regulation bureau",
            ("市场监管局",), department=True),
    OrgType("audit-bureau", "审计局", "audit bureau", department=True),
    OrgType("finance-bureau", "财政局", "finance bureau", department=True),
    OrgType("development-reform-bureau", "发展和改革局", "development and reform bureau",
            ("发展改革局", "发改局", "发展和改革委员会", "发改委"), department=True),
    OrgType("ecology-environment-bureau", "生态环境局", "ecology and environment bureau",
            department=True),
    OrgType("natural-resources-bureau", "自然资源和规划局", "natural resources and planning bureau",
            ("自然资源局", "自规局"), department=True),
    OrgType("housing-construction-bureau", "住房和城乡建设局", "housing and urban-rural development bureau",
            ("住建局",), department=True),
    OrgType("transport-bureau", "交通运输局", "transport bureau", ("交通局",), department=True),
    OrgType("education-bureau", "教育和体育局", "education and sports bureau", ("教育局", "教体局"),
            department=True),
    OrgType("human-resources-bureau", "人力资源和社会保障局", "human resources and social security bureau",
            ("人社局",), department=True),
    OrgType("health-bureau", "卫生健康局", "health bureau", ("卫生健康委员会", "卫健局", "卫健委"),
            department=True),
    OrgType("emergency-management-bureau", "应急管理局", "emergency management bureau", ("应急局",),
            department=True),
    OrgType("agriculture-bureau", "农业农村局", "agriculture and rural affairs bureau", ("农业局",),
            department=True),
    OrgType("civil-affairs-bureau", "民政局", "civil affairs bureau", department=True),
    OrgType("commerce-bureau", "商务局", "commerce bureau", ("商务和经济合作局",), department=True),
    OrgType("economy-information-bureau", "经济和信息化局", "economy and information technology bureau",
            ("经信局",), department=True),
    OrgType("culture-tourism-bureau", "文化广播电视和旅游局", "culture, radio, television and tourism bureau",
            ("文化和旅游局", "文广旅局", "文旅局"), department=True),
    OrgType("water-bureau", "水利局", "water resources bureau", ("水务局",), department=True),
    OrgType("statistics-bureau", "统计局", "statistics bureau", department=True),
    OrgType("veterans-affairs-bureau", "退役军人事务局", "veterans affairs bureau", department=True),
    OrgType("government-services-bureau", "政务服务管理局", "government services administration",
            ("政务服务和大数据管理局", "行政审批局", "政务服务中心"), department=True),
    OrgType("law-enforcement-bureau", "综合行政执法局", "comprehensive administrative law enforcement bureau",
            ("城市管理综合行政执法局", "城管执法局", "城管局"), department=True),
    OrgType("taxation-bureau", "税务局", "taxation bureau"),
    OrgType("court", "人民法院", "people's court", ("法院",)),
    OrgType("intermediate-court", "中级人民法院", "intermediate people's court", ("中院", "中级法院")),
    OrgType("procuratorate", "人民检察院", "people's procuratorate", ("检察院",)),
    OrgType("peoples-congress", "人民代表大会", "people's congress", ("人大",)),
    OrgType("peoples-congress-standing-committee", "人民代表大会常务委员会",
            "standing committee of the people's congress", ("人大常委会",)),
    OrgType("cppcc", "政协", "committee of the Chinese People's Political Consultative Conference",
            ("政治协商会议",), template="中国人民政治协商会议{area}委员会"),
    OrgType("party-committee", "委", "committee of the Communist Party of China",
            ("委员会",), public=False, template="中国共产党{area}委员会"),
    OrgType("discipline-inspection-commission", "纪委监委",
            "commission for discipline inspection and supervisory commission",
            ("纪委", "监委", "纪律检查委员会", "监察委员会"), template="{area}纪委监委"),
)

#: The type for names that fit no entry of the table.
OTHER = OrgType("other", "其他机构", "other organisation", public=False)

_BY_FORM: dict[str, OrgType] = {}
for _t in ORG_TYPES:
    for _form in (_t.zh, *_t.aliases):
        _BY_FORM.setdefault(_form, _t)

#: Level words that stand for "the area of this level that the report belongs to".
_LEVEL_SUFFIX = {"省": ("省",), "市": ("市",), "县": ("县",), "区": ("区",),
                 "州": ("州",), "旗": ("旗",)}


def type_by_slug(slug: str) -> OrgType:
    """The :class:`OrgType` with this slug (``OTHER`` when unknown)."""
    return next((t for t in ORG_TYPES if t.slug == slug), OTHER)


def classify(rest: str) -> OrgType | None:
    """The type whose suffix (canonical or alias) is exactly ``rest``, or None."""
    return _BY_FORM.get(rest)


@dataclass
class ResolvedOrg:
    """Where an organisation name led."""

    written: str  # the name as written
    area: Area | None
    type: OrgType
    full_name: str
    key: str  # slug used in the URI: the type slug, or n-{hash} for OTHER
    warnings: list[str] = field(default_factory=list)


def name_key(area_key: str, name: str) -> str:
    """The URI slug for a body of unknown type: a hash of area key + normalised name."""
    digest = hashlib.sha256(f"{area_key}|{normalise(name)}".encode()).hexdigest()
    return "n-" + digest[:12]


def _level_area(index: AreaIndex, level: str, context: Area | None) -> Area | None:
    """市 in a 隆昌市 report → 隆昌市; 市 in a district's report → its city; 省 → the province."""
    if context is None:
        return None
    for area in (context, *index.ancestors(context)):
        if area.name.endswith(_LEVEL_SUFFIX[level]):
            return area
    return None


def resolve_org(index: AreaIndex, name: str, context: Area | None = None) -> ResolvedOrg:
    """Read area and type from ``name``; names without an area take ``context`` (the issuer's)."""
    written = normalise(name)
    parsed = parse_leading_areas(index, written, [context] if context else [])
    area, rest, warnings = parsed.area, parsed.rest, []
    if parsed.ambiguous:
        warnings.append(f"ambiguous area name {parsed.ambiguous[0]} in {written}")
    if area is None and not parsed.ambiguous:
        if rest[:1] in _LEVEL_SUFFIX and classify(rest[1:]):
            area, rest = _level_area(index, rest[0], context), rest[1:]
        else:
            area = context
    kind = classify(rest) or OTHER
    if area is None and not parsed.ambiguous and kind is not OTHER:
        warnings.append(f"no area for {written}")
    if kind is OTHER:
        full = written
        key = name_key(area.code if area else "", written)
    else:
        full = kind.template.format(area=area.name if area else "", zh=kind.zh) if area else written
        key = kind.slug
    return ResolvedOrg(written, area, kind, full, key, warnings)


def parent_org(index: AreaIndex, org: ResolvedOrg) -> tuple[Area, OrgType] | None:
    """The body this one is part of: a department → its government; a government → the
    government one level up. Courts, congresses and party organs have none here."""
    if org.area is None:
        return None
    if org.type.department:
        return org.area, type_by_slug("government")
    if org.type.slug == "government":
        up = index.parent(org.area)
        return (up, org.type) if up else None
    return None
