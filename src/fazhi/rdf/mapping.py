"""Extractor records → RDF triples, one self-contained named graph per report.

Shared entities (organisations, areas, years, documents, indicator-phrase concepts) are
described in full inside every graph that mentions them, so replacing one report's graph never
leaves another incomplete. Every fact carries an ``oa:Annotation`` whose quote is the text the
extractor says it read, and whose offsets point into the stored snapshot: the shapes then
check that the two agree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal

from functools import cached_property

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from fazhi.errors import ValidationError
from fazhi.extract.model import Document, Item, Metric, Report, Section
from fazhi.rdf import namespaces as ns
from fazhi.rdf.areas import Area, AreaIndex, default_index
from fazhi.rdf.documents import doc_type, issuer_key
from fazhi.rdf.indicators import EXACT, IndicatorScheme, load_scheme, match_key
from fazhi.rdf.orgs import ResolvedOrg, name_key, parent_org, resolve_org
from fazhi.rdf.uris import Minter, unresolved_area_key

RDF, RDFS, XSD, DCT, SKOS = ns.RDF, ns.RDFS, ns.XSD, ns.DCT, ns.SKOS
ORG, CV, QB, PROV, OA, NIF, TIME = ns.ORG, ns.CV, ns.QB, ns.PROV, ns.OA, ns.NIF, ns.TIME

#: Base units of normalised quantities → QUDT units; anything else is a count.
UNITS = {"%": ns.UNIT.PERCENT, "元": ns.UNIT.CCY_CNY, "平方米": ns.UNIT.M2,
         "平方公里": ns.UNIT.KiloM2, "公里": ns.UNIT.KiloM}
_CONTEXT = 10  # characters of prefix/suffix in quote selectors
_SECTION_TYPES = {"work": "work", "problems": "problems", "plans": "plans"}


@dataclass
class ReportGraph:
    """The triples of one report, as N-Triples lines, and the named graph they belong in.

    Lines rather than pyoxigraph ``Triple`` objects: building a ``Triple`` costs several times
    more than formatting its line, and every store backend loads N-Triples text anyway.
    """

    graph: NamedNode
    report: NamedNode
    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    #: Descriptions of entities that many reports share (organisations, areas, years, documents,
    #: indicator phrases). They belong in the one registry graph, not in every report's graph:
    #: the union of graphs a SPARQL query sees is not de-duplicated, so a label repeated in
    #: 500 report graphs would come back 500 times.
    shared_lines: list[str] = field(default_factory=list)

    @cached_property
    def triples(self) -> list[Triple]:
        """All triples as terms, the report's and the shared ones (what validation needs)."""
        return list(parse("".join(self.lines + self.shared_lines), format=RdfFormat.N_TRIPLES))

    def __len__(self) -> int:
        return len(self.lines)

    def quads(self) -> list[Quad]:
        """The triples placed in :attr:`graph`, ready for a store."""
        return [Quad(t.subject, t.predicate, t.object, self.graph) for t in self.triples]


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def en(text: str) -> Literal:
    return Literal(text, language="en")


def integer(value: int, datatype: NamedNode = XSD.integer) -> Literal:
    return Literal(str(int(value)), datatype=datatype)


def decimal(value: float | int) -> Literal:
    """An xsd:decimal in plain notation (16000, not 1.6E+4)."""
    text = format(Decimal(str(value)).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


class _Graph:
    """An ordered set of triples: shared entities may be described more than once."""

    def __init__(self):
        self._triples: dict[tuple, None] = {}
        self.described: set = set()  # shared entities already described in this graph

    def add(self, s, p, o) -> None:
        self._triples[(s, p, o)] = None

    def once(self, key) -> bool:
        """True the first time ``key`` is seen: describe a shared entity once per graph."""
        if key in self.described:
            return False
        self.described.add(key)
        return True

    def label(self, s, text: str, lang: str = "zh") -> None:
        self.add(s, RDFS.label, Literal(text, language=lang))

    def lines(self) -> list[str]:
        """One N-Triples line per triple (pyoxigraph's ``str()`` of a term is its N-Triples form)."""
        return [f"{s} {p} {o} .\n" for s, p, o in self._triples]

    def split_lines(self, scoped: tuple[str, ...]) -> tuple[list[str], list[str]]:
        """(report lines, shared lines): a triple belongs to the report when its subject is one
        of the report's own resources (IRIs starting with one of ``scoped``) or it links a
        shared entity to one of them (a document cited in a measure); otherwise it describes a
        shared entity and goes to the registry."""
        own, shared = [], []
        for s, p, o in self._triples:
            line = f"{s} {p} {o} .\n"
            mine = s.value.startswith(scoped) or (isinstance(o, NamedNode) and o.value.startswith(scoped))
            (own if mine else shared).append(line)
        return own, shared


class _Mapper:
    """Holds the per-report context while the parts are mapped; one instance per report."""

    def __init__(self, report: Report, minter: Minter, areas: AreaIndex, scheme: IndicatorScheme):
        self.r, self.m, self.areas, self.scheme = report, minter, areas, scheme
        self.v = minter.vocab
        self.fz = self.v.fz
        self.g = _Graph()
        self.warnings: list[str] = list()
        known = areas.get(report.issuer_area) if report.issuer_area else None
        self.issuer = resolve_org(areas, report.issuer, known)
        self.warnings += self.issuer.warnings
        self.area_key = self.issuer.area.code if self.issuer.area else unresolved_area_key(report.issuer)
        if self.issuer.area is None:
            self.warnings.append(f"issuer area not resolved: {report.issuer}; keyed {self.area_key}")
        self.issuer_iri = self.org_iri(self.issuer)
        self.iri = minter.report(self.area_key, self.issuer.key, report.year)
        self.graph = minter.graph(self.area_key, self.issuer.key, report.year)
        self.text = minter.text(self.iri)
        self.items: dict[str, NamedNode] = {}
        self.sections: dict[str, NamedNode] = {}

    # -------------------------------------------------------------- evidence
    def evidence(self, body: NamedNode, annotation: NamedNode, start: int, end: int,
                 exact: str | None = None) -> None:
        """An oa:Annotation tying ``body`` to text[start:end], quoting ``exact`` as read."""
        text, g = self.r.text, self.g
        exact = text[start:end] if exact is None else exact
        target = NamedNode(annotation.value + "#target")
        position = NamedNode(annotation.value + "#position")
        quote = NamedNode(annotation.value + "#quote")
        g.add(body, self.fz.evidence, annotation)
        g.add(annotation, RDF.type, OA.Annotation)
        g.add(annotation, RDFS.label, zh(f"原文: {exact[:40]}"))
        g.add(annotation, OA.motivatedBy, OA.identifying)
        g.add(annotation, OA.hasBody, body)
        g.add(annotation, OA.hasTarget, target)
        g.add(target, RDF.type, OA.SpecificResource)
        g.add(target, OA.hasSource, self.text)
        g.add(target, OA.hasSelector, position)
        g.add(target, OA.hasSelector, quote)
        g.add(position, RDF.type, OA.TextPositionSelector)
        g.add(position, OA.start, integer(start, XSD.nonNegativeInteger))
        g.add(position, OA.end, integer(end, XSD.nonNegativeInteger))
        g.add(quote, RDF.type, OA.TextQuoteSelector)
        g.add(quote, OA.exact, Literal(exact))
        g.add(quote, OA.prefix, Literal(text[max(0, start - _CONTEXT):start]))
        g.add(quote, OA.suffix, Literal(text[end:end + _CONTEXT]))

    # -------------------------------------------------------------- shared entities
    def area(self, area: Area | None) -> NamedNode:
        """Describe ``area`` and its parents; an unresolved area gets a bare stand-in."""
        if area is None and self.issuer.area is not None:
            return self.area(self.issuer.area)  # a body the text places nowhere: the issuer's area
        if area is None:
            iri = self.m.area(self.area_key)
            self.g.add(iri, RDF.type, self.fz.AdministrativeDivision)
            self.g.add(iri, SKOS.prefLabel, zh(self.r.issuer or self.area_key))
            return iri
        iri = self.m.area(area.code)
        if not self.g.once(("area", area.code)):
            return iri
        self.g.add(iri, RDF.type, self.fz.AdministrativeDivision)
        self.g.add(iri, SKOS.prefLabel, zh(area.name))
        self.g.add(iri, SKOS.notation, Literal(area.code))
        parent = self.areas.parent(area)
        if parent is not None:
            self.g.add(iri, self.fz.withinArea, self.area(parent))
        return iri

    def org_iri(self, org: ResolvedOrg) -> NamedNode:
        """A body placed nowhere (区政府 in a city department's report) is keyed by its written
        name, so it never takes the IRI of the real government of the issuer's area."""
        if org.area is None and org is not self.issuer:
            return self.m.org(self.area_key, name_key(self.area_key, org.full_name))
        code = org.area.code if org.area else self.area_key
        return self.m.org(code, org.key)

    def org(self, org: ResolvedOrg, written: str | None = None) -> NamedNode:
        """Describe an organisation, its type, area and the body it is part of."""
        iri, g = self.org_iri(org), self.g
        if written and written != org.full_name and (iri, written) not in g.described:
            g.described.add((iri, written))
            g.add(iri, SKOS.altLabel, zh(written))
        if not g.once(iri):
            return iri
        g.add(iri, RDF.type, ORG.Organization)
        if org.type.public:
            g.add(iri, RDF.type, CV.PublicOrganisation)
        g.add(iri, SKOS.prefLabel, zh(org.full_name))
        pinyin = _pinyin(org.full_name)
        if pinyin:
            g.add(iri, SKOS.prefLabel, Literal(pinyin, language="zh-Latn-pinyin"))
        g.add(iri, ORG.classification, self.m.concept(ns.ORG_TYPE_SCHEME, org.type.slug))
        g.add(iri, DCT.spatial, self.area(org.area))
        parent = parent_org(self.areas, org)
        if parent is not None:
            area, kind = parent
            up = ResolvedOrg(kind.zh, area, kind, kind.template.format(area=area.name, zh=kind.zh), kind.slug)
            g.add(iri, ORG.subOrganizationOf, self.org(up))
        return iri

    def year(self, year: int) -> NamedNode:
        """A calendar year as an OWL-Time interval with its description."""
        iri, g = self.m.year(year), self.g
        if not g.once(("year", year)):
            return iri
        desc = NamedNode(iri.value + "#description")
        g.add(iri, RDF.type, TIME.DateTimeInterval)
        g.add(iri, RDFS.label, zh(f"{year}年"))
        g.add(iri, RDFS.label, en(str(year)))
        g.add(iri, TIME.hasDateTimeDescription, desc)
        g.add(desc, RDF.type, TIME.DateTimeDescription)
        g.add(desc, TIME.unitType, TIME.unitYear)
        g.add(desc, TIME.year, Literal(f"{year:04d}", datatype=XSD.gYear))
        return iri

    # -------------------------------------------------------------- the report
    def report(self, source_name: str) -> None:
        r, g, iri = self.r, self.g, self.iri
        g.add(iri, RDF.type, self.fz.Report)
        title = r.title or f"{r.issuer}{r.year}年度法治政府建设情况报告"
        g.add(iri, DCT.title, zh(title))
        g.add(iri, RDFS.label, zh(title))
        g.add(iri, DCT.creator, self.org(self.issuer, r.issuer))
        if r.source_org:
            source = resolve_org(self.areas, r.source_org, self.issuer.area)
            g.add(iri, DCT.publisher, self.org(source, r.source_org))
        for prop, value in ((DCT.issued, r.published), (DCT.created, r.signed)):
            if value:
                self.date(iri, prop, value)
        g.add(iri, self.fz.reportingYear, self.year(r.year))
        g.add(iri, DCT.spatial, self.area(self.issuer.area))
        g.add(iri, DCT.language, Literal("zh", datatype=XSD.language))
        g.add(iri, self.fz.textSnapshot, self.text)
        if source_name:
            is_url = source_name.startswith(("http://", "https://"))
            g.add(iri, DCT.source, NamedNode(source_name) if is_url else Literal(source_name))
        if r.title and r.title_start is not None and r.title_end is not None:
            self.evidence(iri, self.m.evidence(iri), r.title_start, r.title_end)  # a title may span two lines

    def date(self, subject: NamedNode, prop: NamedNode, value: str) -> None:
        try:
            date.fromisoformat(value)
        except ValueError:
            self.warnings.append(f"not an ISO date: {value!r}")
            return
        self.g.add(subject, prop, Literal(value, datatype=XSD.date))

    def snapshot(self) -> None:
        g, text = self.g, self.r.text
        g.add(self.text, RDF.type, self.fz.TextSnapshot)
        g.add(self.text, RDF.type, NIF.Context)
        g.add(self.text, RDFS.label, zh(f"{self.r.title or self.r.issuer} 文本快照"))
        g.add(self.text, NIF.isString, Literal(text))
        g.add(self.text, self.fz.sha256, Literal(hashlib.sha256(text.encode("utf-8")).hexdigest()))
        g.add(self.text, self.fz.charCount, integer(len(text)))
        g.add(self.text, DCT.isPartOf, self.iri)

    # -------------------------------------------------------------- structure
    def section(self, s: Section) -> None:
        iri = self.m.section(self.iri, s.id)
        self.sections[s.id] = iri
        parent = self.sections.get(s.parent) if s.parent else self.iri
        if parent is None:
            self.warnings.append(f"section {s.id}: parent {s.parent} not seen before it")
            parent = self.iri
        g = self.g
        g.add(iri, RDF.type, self.fz.ReportSection)
        g.add(iri, DCT.isPartOf, parent)
        g.add(parent, DCT.hasPart, iri)
        g.add(iri, DCT.title, zh(s.title))
        g.add(iri, RDFS.label, zh(f"{s.marker}{s.title}"))
        g.add(iri, self.fz.ordinal, integer(s.ordinal))
        g.add(iri, self.fz.marker, Literal(s.marker))
        kind = _SECTION_TYPES.get(s.kind, "other")
        g.add(iri, self.fz.sectionType, self.m.concept(ns.SECTION_TYPE_SCHEME, kind))
        self.evidence(iri, self.m.evidence(iri), s.title_start, s.title_end, s.title)

    def item(self, item: Item, n: int) -> None:
        """A measure (prov:Activity), problem or plan (prov:Plan), with its full text."""
        section = self.sections.get(item.section) if item.section else None
        if item.kind == "measure" and section is not None:
            iri = self.m.item(self.iri, "measure", item.ordinal, section)
        else:
            iri = self.m.item(self.iri, item.kind, n)
        self.items[item.id] = iri
        g, fz = self.g, self.fz
        cls = {"measure": fz.Measure, "problem": fz.Problem, "plan": fz.PlannedMeasure}[item.kind]
        g.add(iri, RDF.type, cls)
        g.add(iri, DCT.isPartOf, section or self.iri)
        g.add(iri, fz.ordinal, integer(item.ordinal))
        g.add(iri, fz.marker, Literal(item.marker))
        g.add(iri, RDFS.label, zh(item.heading or _abbrev(item.text)))
        if item.heading:
            g.add(iri, DCT.title, zh(item.heading))
        g.add(iri, fz.fullText, zh(item.text))
        if item.kind == "measure":
            g.add(iri, PROV.wasAssociatedWith, self.issuer_iri)
            g.add(iri, DCT.temporal, self.year(self.r.year))
        elif item.kind == "plan":
            g.add(iri, PROV.wasAttributedTo, self.issuer_iri)
            g.add(iri, DCT.temporal, self.year(self.r.year + 1))
        self.evidence(iri, self.m.evidence(iri), item.start, item.end, item.text)

    # -------------------------------------------------------------- observations
    def observation(self, metric: Metric, n: int) -> None:
        iri = self.m.observation(self.area_key, self.issuer.key, self.r.year, n)
        g, fz = self.g, self.fz
        g.add(iri, RDF.type, QB.Observation)
        g.add(iri, RDFS.label, zh(metric.text))
        g.add(iri, QB.dataSet, self.v.dataset)
        g.add(iri, ns.SDMX_DIMENSION.refArea, self.area(self.issuer.area))
        g.add(iri, ns.SDMX_DIMENSION.refPeriod, self.year(self.r.year))
        g.add(iri, fz.refOrganization, self.issuer_iri)
        g.add(iri, fz.indicator, self.phrase(metric.indicator, metric.quantity_unit))
        g.add(iri, ns.SDMX_MEASURE.obsValue, decimal(metric.quantity))
        g.add(iri, ns.SDMX_ATTRIBUTE.unitMeasure, unit_for(metric.quantity_unit))
        g.add(iri, fz.reportedValue, decimal(metric.value))
        g.add(iri, fz.reportedUnit, zh(metric.unit_raw or metric.unit))
        g.add(iri, fz.valueQualifier, self.m.concept(ns.QUALIFIER_SCHEME, metric.qualifier or "exact"))
        item = self.items.get(metric.measure) if metric.measure else None
        if item is not None:
            g.add(iri, fz.measure, item)
        g.add(iri, PROV.wasDerivedFrom, self.iri)
        self.evidence(iri, self.m.evidence(iri), metric.start, metric.end, metric.text)

    def phrase(self, phrase: str, unit: str) -> NamedNode:
        """The indicator-phrase concept, linked to a curated indicator when one matches."""
        iri, g = self.m.phrase_concept(phrase), self.g
        scheme = self.v.scheme(ns.PHRASE_SCHEME)
        g.add(iri, RDF.type, SKOS.Concept)
        g.add(iri, SKOS.inScheme, scheme)
        g.add(scheme, RDF.type, SKOS.ConceptScheme)
        g.add(scheme, SKOS.prefLabel, zh("报告指标短语"))
        g.add(scheme, SKOS.prefLabel, en("Indicator phrases found in reports"))
        g.add(iri, SKOS.prefLabel, zh(phrase))
        g.add(iri, SKOS.notation, Literal(iri.value.rsplit("/", 1)[1]))
        g.add(iri, self.fz.defaultUnit, unit_for(unit))
        found = self.scheme.match(phrase)
        if found is not None:
            link = SKOS.exactMatch if found.kind == EXACT else SKOS.closeMatch
            g.add(iri, link, NamedNode(found.indicator.iri))
        elif not match_key(phrase):
            self.warnings.append(f"empty indicator phrase {phrase!r}")
        return iri

    # -------------------------------------------------------------- mentions
    def organizations(self) -> None:
        for i, mention in enumerate(self.r.organizations):
            resolved = resolve_org(self.areas, mention.full_name or mention.name, self.issuer.area)
            self.warnings += resolved.warnings
            iri = self.org(resolved, mention.name)
            ann = self.m.mention(self.iri, "org", i + 1)
            self.evidence(iri, ann, mention.start, mention.end, mention.name)
            self.g.add(self.iri, DCT.references, iri)

    def documents(self) -> None:
        iris = [self.document(d) for d in self.r.documents]
        for i, (doc, iri) in enumerate(zip(self.r.documents, iris)):
            if doc.parent is not None and 0 <= doc.parent < len(iris):
                self.g.add(iris[doc.parent], DCT.references, iri)
            citing = self.items.get(doc.item) if doc.item else None
            self.g.add(iri, self.fz.citedIn, citing or self.iri)
            self.g.add(citing or self.iri, DCT.references, iri)
            self.evidence(iri, self.m.mention(self.iri, "doc", i + 1), doc.start, doc.end, doc.title)

    def document(self, doc: Document) -> NamedNode:
        title = doc.title.strip("《》").translate(_INNER_TITLE_MARKS)  # 《…《X》…》 → 《…〈X〉…》
        key = issuer_key(self.areas, title, self.area_key)
        iri, g = self.m.doc(title, key), self.g
        g.add(iri, RDF.type, self.fz.GovernmentDocument)
        g.add(iri, DCT.title, zh(title))
        g.add(iri, RDFS.label, zh(title))
        g.add(iri, DCT.type, self.m.concept(ns.DOC_TYPE_SCHEME, doc_type(title, doc.kind)))
        return iri

    def years(self) -> None:
        for i, mention in enumerate(self.r.years):
            iri = self.year(mention.year)
            self.evidence(iri, self.m.mention(self.iri, "year", i + 1), mention.start, mention.end)

    def scoped_prefixes(self) -> tuple[str, ...]:
        """IRI prefixes of the resources that belong to this report alone."""
        observations = self.m.observation(self.area_key, self.issuer.key, self.r.year, 1).value
        return (self.iri.value + "/", self.iri.value, self.graph.value, observations.rsplit("/", 1)[0] + "/")

    def provenance(self, extracted_at: datetime | str) -> None:
        stamp = extracted_at if isinstance(extracted_at, str) else _utc(extracted_at)
        self.g.add(self.graph, RDF.type, PROV.Entity)
        self.g.add(self.graph, RDFS.label, zh(f"{self.r.title or self.r.issuer} 数据图"))
        self.g.add(self.graph, PROV.wasDerivedFrom, self.iri)
        self.g.add(self.graph, PROV.generatedAtTime, Literal(stamp, datatype=XSD.dateTime))


#: A title cited inside a title takes 〈〉 (GB/T 15834), as the shapes expect of stored titles.
_INNER_TITLE_MARKS = str.maketrans("《》", "〈〉")


def unit_for(base_unit: str) -> NamedNode:
    """The QUDT unit of a normalised quantity (counts of any classifier are unit:NUM)."""
    return UNITS.get(base_unit, ns.UNIT.NUM)


def _abbrev(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _pinyin(name: str) -> str | None:
    """A tone-marked romanisation, when pypinyin is installed."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # pragma: no cover - optional
        return None
    return " ".join(lazy_pinyin(name, style=Style.TONE))


def map_report(
    report: Report,
    minter: Minter,
    *,
    source_name: str,
    extracted_at: datetime | str,
    areas: AreaIndex | None = None,
    indicators: IndicatorScheme | None = None,
    source_digest: str | None = None,
) -> ReportGraph:
    """Map one extracted report to the triples of its named graph.

    ``extracted_at`` is passed in (not read from the clock) so that mapping the same report
    twice gives identical triples. ``source_digest`` (of the input file and the settings it was
    read with) is recorded on the graph so that an unchanged file need not be loaded again.
    Raises :class:`ValidationError` for a report that cannot be given URIs (no issuer or no year).
    """
    if not report.issuer:
        raise ValidationError(f"{source_name}: the report has no issuer")
    if report.year is None:
        raise ValidationError(f"{source_name}: the report has no reporting year")
    mapper = _Mapper(report, minter, areas or default_index(),
                     indicators or load_scheme(minter.base))
    mapper.report(source_name)
    mapper.snapshot()
    for s in report.sections:
        mapper.section(s)
    for items in (report.measures, report.problems, report.plans):
        for n, item in enumerate(items, start=1):
            mapper.item(item, n)
    for n, metric in enumerate(report.metrics, start=1):
        mapper.observation(metric, n)
    mapper.organizations()
    mapper.documents()
    mapper.years()
    mapper.provenance(extracted_at)
    if source_digest:
        mapper.g.add(mapper.graph, mapper.fz.sourceDigest, Literal(source_digest))
    own, shared = mapper.g.split_lines(mapper.scoped_prefixes())
    return ReportGraph(mapper.graph, mapper.iri, own, mapper.warnings, shared)
