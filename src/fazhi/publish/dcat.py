"""The DCAT-AP 3.0 description of the catalogue: datasets, distributions, the SPARQL service.

Datasets: the report corpus (``data/corpus``, every report graph; the dumps are its
distributions), and three views of it that portals list on their own: the metrics cube
(``data/metrics``, a ``qb:DataSet``), the organisation register and the document register.
Each view is served by the SPARQL endpoint (a ``dcat:DataService``) and ships inside the dumps.

Controlled vocabularies are the EU Publications Office authority tables DCAT-AP names (file
types, data themes, countries, languages, frequencies, licences), with IANA media types. Their
terms are typed and labelled here, so the description validates offline without the tables.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS as DCT, FOAF, OWL, RDF, SKOS, XSD

from fazhi.config import Config
from fazhi.dataset import DatasetSummary, dataset_iri
from fazhi.export import FORMATS
from fazhi.publish.manifest import Coverage, DumpFile, Manifest

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VOID = Namespace("http://rdfs.org/ns/void#")
QB = Namespace("http://purl.org/linked-data/cube#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3; rdflib predates it
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")

PREFIXES = {"dcat": DCAT, "dct": DCT, "foaf": FOAF, "vcard": VCARD, "spdx": SPDX, "dcatap": DCATAP,
            "void": VOID, "qb": QB, "skos": SKOS, "xsd": XSD, "adms": ADMS, "owl": OWL}

THEMES = {"GOVE": ("Government and public sector", "政府与公共部门"),
          "JUST": ("Justice, legal system and public safety", "司法、法律制度与公共安全")}
KEYWORDS = [("法治政府建设", "zh"), ("法治政府建设情况报告", "zh"), ("依法行政", "zh"), ("地方政府", "zh"),
            ("rule of law", "en"), ("local government", "en"), ("annual reports", "en"),
            ("linked open data", "en")]


class _Builder:
    """Adds the catalogue's statements to one graph; each method describes one kind of thing."""

    def __init__(self, config: Config, version: str, modified: str, coverage: Coverage):
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.config, self.base = config, config.base_uri
        self.version, self.modified, self.coverage = version, modified, coverage

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def labelled(self, node: URIRef, kind: URIRef, en: str, zh: str | None = None, prop=SKOS.prefLabel) -> URIRef:
        self.add(node, RDF.type, kind)
        self.add(node, prop, Literal(en, lang="en"))
        if zh:
            self.add(node, prop, Literal(zh, lang="zh"))
        return node

    def date(self, value: str):
        """``modified`` stamps are dateTimes; a missing one (empty store) is left out."""
        if not value:
            return None
        return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)

    # -- agents, licence, contact -------------------------------------------------------
    def publisher(self) -> URIRef:
        node = self.iri("catalog#publisher")
        self.add(node, RDF.type, FOAF.Agent)
        self.add(node, FOAF.name, Literal(self.config.publisher_name))
        if self.config.publisher_url:
            self.add(node, FOAF.homepage, URIRef(self.config.publisher_url))
            self.labelled(URIRef(self.config.publisher_url), FOAF.Document, "Publisher's home page",
                          prop=DCT.title)
        return node

    def licence(self) -> URIRef:
        node = URIRef(self.config.license)
        self.add(node, RDF.type, DCT.LicenseDocument)
        kind = URIRef("http://purl.org/adms/licencetype/Attribution")
        self.add(node, DCT.type, kind)
        self.labelled(kind, SKOS.Concept, "Attribution")
        return node

    def contact(self) -> URIRef:
        node = self.iri("catalog#contact")
        self.add(node, RDF.type, VCARD.Kind)
        self.add(node, RDF.type, VCARD.Organization)
        self.add(node, VCARD.fn, Literal(self.config.publisher_name))
        self.add(node, VCARD.hasEmail, URIRef("mailto:" + self.config.contact_email))
        return node

    # -- controlled vocabularies --------------------------------------------------------
    def theme(self, code: str) -> URIRef:
        en, zh = THEMES[code]
        node = self.labelled(URIRef(EU + "data-theme/" + code), SKOS.Concept, en, zh)
        self.add(node, SKOS.inScheme, self.theme_scheme())
        return node

    def theme_scheme(self) -> URIRef:
        return self.labelled(URIRef(EU + "data-theme"), SKOS.ConceptScheme, "Data theme", "数据主题", prop=DCT.title)

    def language(self) -> URIRef:
        return self.labelled(URIRef(EU + "language/ZHO"), DCT.LinguisticSystem, "Chinese", "中文")

    def china(self) -> URIRef:
        return self.labelled(URIRef(EU + "country/CHN"), DCT.Location, "China", "中国")

    def spatial(self, node: URIRef) -> None:
        self.add(node, DCT.spatial, self.china())
        for area in self.coverage.areas:
            self.add(node, DCT.spatial, URIRef(area))
            self.add(URIRef(area), RDF.type, DCT.Location)

    def temporal(self, node: URIRef) -> None:
        first, last = self.coverage.first_year, self.coverage.last_year
        if first is None or last is None:
            return
        period = self.iri(f"catalog#period-{first}-{last}")
        self.add(node, DCT.temporal, period)
        self.add(period, RDF.type, DCT.PeriodOfTime)
        self.add(period, DCAT.startDate, Literal(f"{first}-01-01", datatype=XSD.date))
        self.add(period, DCAT.endDate, Literal(f"{last}-12-31", datatype=XSD.date))

    def media_type(self, media: str) -> URIRef:
        node = URIRef(IANA + media)
        self.add(node, RDF.type, DCT.MediaType)
        return node

    def file_type(self, iri: str, label: str) -> URIRef:
        return self.labelled(URIRef(iri), DCT.MediaTypeOrExtent, label, prop=DCT.title)

    def page(self, path: str, en: str) -> URIRef:
        return self.labelled(self.iri(path), FOAF.Document, en, prop=DCT.title)

    # -- the catalogue ------------------------------------------------------------------
    def catalog(self, datasets: list[URIRef], service: URIRef) -> URIRef:
        node = self.iri("catalog")
        self.labelled(node, DCAT.Catalog, "Catalogue of the rule-of-law government reports knowledge graph",
                      "法治政府建设情况报告知识图谱数据目录", prop=DCT.title)
        self.add(node, DCT.description, Literal(
            "Datasets extracted from Chinese local governments' annual reports on rule-of-law government "
            "construction, published as linked open data: dumps, a SPARQL endpoint and entity pages.", lang="en"))
        self.add(node, DCT.description, Literal("从地方政府法治政府建设年度报告中抽取的关联开放数据：数据下载、SPARQL 查询服务与实体页面。", lang="zh"))
        self.common(node)
        self.add(node, FOAF.homepage, self.page("", "fazhi home page"))
        self.add(node, DCAT.themeTaxonomy, self.theme_scheme())
        for dataset in datasets:
            self.add(node, DCAT.dataset, dataset)
        self.add(node, DCAT.service, service)
        return node

    def common(self, node: URIRef) -> None:
        """Publisher, licence, language, dates and coverage: shared by catalogue and datasets."""
        self.add(node, DCT.publisher, self.publisher())
        self.add(node, DCT.license, self.licence())
        self.add(node, DCT.language, self.language())
        self.spatial(node)
        if (modified := self.date(self.modified)) is not None:
            self.add(node, DCT.modified, modified)
        if self.config.dataset_issued:
            self.add(node, DCT.issued, Literal(self.config.dataset_issued, datatype=XSD.date))

    def dataset(self, node: URIRef, title: tuple[str, str], description: tuple[str, str], landing: str) -> URIRef:
        self.labelled(node, DCAT.Dataset, title[0], title[1], prop=DCT.title)
        self.add(node, DCT.description, Literal(description[0], lang="en"))
        self.add(node, DCT.description, Literal(description[1], lang="zh"))
        self.common(node)
        self.temporal(node)
        self.add(node, DCAT.contactPoint, self.contact())
        for code in THEMES:
            self.add(node, DCAT.theme, self.theme(code))
        for word, lang in KEYWORDS:
            self.add(node, DCAT.keyword, Literal(word, lang=lang))
        self.add(node, DCAT.landingPage, self.page(landing, title[0]))
        frequency = self.labelled(URIRef(EU + "frequency/ANNUAL"), DCT.Frequency, "annual", "每年")
        self.add(node, DCT.accrualPeriodicity, frequency)
        if self.version:
            self.add(node, DCAT_VERSION, Literal(self.version))
        self.add(node, DCT.identifier, Literal(str(node)))
        return node

    def service(self, datasets: list[URIRef]) -> URIRef:
        node = self.iri("sparql#service")
        self.labelled(node, DCAT.DataService, "SPARQL 1.1 endpoint", "SPARQL 1.1 查询服务", prop=DCT.title)
        self.add(node, DCT.description, Literal(
            "SPARQL 1.1 Protocol endpoint over every report graph (the default graph is their union); "
            "read-only, with a time limit per query.", lang="en"))
        self.add(node, DCAT.endpointURL, self.iri("sparql"))
        self.add(node, DCAT.endpointDescription, self.iri("sparql"))
        standard = self.labelled(SPARQL_PROTOCOL, DCT.Standard, "SPARQL 1.1 Protocol", prop=DCT.title)
        self.add(node, DCT.conformsTo, standard)
        self.add(node, DCT.publisher, self.publisher())
        self.add(node, DCT.license, self.licence())
        self.add(node, DCAT.contactPoint, self.contact())
        for code in THEMES:
            self.add(node, DCAT.theme, self.theme(code))
        self.add(node, DCAT.keyword, Literal("SPARQL", lang="en"))
        for dataset in datasets:
            self.add(node, DCAT.servesDataset, dataset)
        return node

    def distribution(self, dataset: URIRef, entry: DumpFile) -> URIRef:
        fmt = FORMATS[entry.format]
        node = self.iri("dumps/" + entry.path)
        self.add(dataset, DCAT.distribution, node)
        self.labelled(node, DCAT.Distribution, f"Full dump, {fmt.label}, gzip", f"完整数据下载（{fmt.label}，gzip 压缩）",
                      prop=DCT.title)
        kept = "named graphs kept (one per report)" if fmt.keeps_graphs else "union of the report graphs"
        self.add(node, DCT.description, Literal(f"Every statement of the dataset as {fmt.label}, {kept}; "
                                                f"{entry.statements} {entry.unit}.", lang="en"))
        self.add(node, DCAT.accessURL, self.page("dumps/", "Dumps"))
        self.add(node, DCAT.downloadURL, node)
        self.add(node, DCAT.mediaType, self.media_type(fmt.media_type))
        self.add(node, DCAT.compressFormat, self.media_type("application/gzip"))
        self.add(node, DCT["format"], self.file_type(fmt.file_type_iri, fmt.label))
        self.add(node, DCAT.byteSize, Literal(entry.bytes, datatype=XSD.nonNegativeInteger))
        self.add(node, SPDX.checksum, self.checksum(node, entry.sha256))
        self.add(node, DCT.license, self.licence())
        self.availability(node)
        if (modified := self.date(self.modified)) is not None:
            self.add(node, DCT.modified, modified)
        return node

    def checksum(self, distribution: URIRef, sha256: str) -> URIRef:
        node = URIRef(str(distribution) + "#sha256")
        self.add(node, RDF.type, SPDX.Checksum)
        self.add(node, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
        self.add(node, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary))
        return node

    def availability(self, node: URIRef) -> None:
        stable = self.labelled(URIRef(EU + "planned-availability/STABLE"), SKOS.Concept, "stable")
        self.add(node, DCATAP.availability, stable)

    def service_distribution(self, dataset: URIRef, service: URIRef, name: str) -> URIRef:
        """Access through the SPARQL endpoint, for the datasets that have no file of their own."""
        node = self.iri(f"catalog#{name}-sparql")
        self.add(dataset, DCAT.distribution, node)
        self.labelled(node, DCAT.Distribution, "Access through the SPARQL endpoint", "通过 SPARQL 查询服务访问",
                      prop=DCT.title)
        self.add(node, DCT.description, Literal("Query this dataset at the SPARQL endpoint; it is also part "
                                                "of every full dump.", lang="en"))
        self.add(node, DCAT.accessURL, self.iri("sparql"))
        self.add(node, DCAT.accessService, service)
        self.add(node, DCT["format"], self.file_type(EU + "file-type/SPARQLQ", "SPARQL query"))
        self.add(node, DCT.license, self.licence())
        self.availability(node)
        return node


DATASETS = {
    "corpus": (("Rule-of-law government reports knowledge graph", "法治政府建设情况报告知识图谱"),
               ("Every report as its own named graph: sections, measures, problems, plans, the organisations "
                "and documents they name and the figures they state, each with the text span it came from.",
                "每份报告一个命名图：章节、举措、问题、计划，所提及的机构与文件，以及所述数据，均附原文位置。"),
               "reports"),
    "metrics": (("Metrics from rule-of-law government reports", "法治政府建设情况报告指标数据"),
                ("Figures stated in the reports as an RDF Data Cube: area, year, reporting organisation and "
                 "indicator, the value normalised with its unit and the figure as printed.",
                 "报告所述数据的 RDF 数据立方：地区、年度、报告主体、指标，规范化数值及单位并保留原文数值。"),
                "indicators"),
    "organizations": (("Register of organisations named in the reports", "报告所涉机构名录"),
                      ("Governments, departments, courts and other bodies named in the reports, with their area "
                       "and type (W3C ORG, CPOV).",
                       "报告中提及的政府、部门、法院等机构，含所属区划与类型（W3C ORG、CPOV）。"),
                      "organizations"),
    "documents": (("Register of documents cited in the reports", "报告所引文件名录"),
                  ("Laws, regulations, normative documents, plans and lists cited by title in the reports, with "
                   "where they are cited.",
                   "报告以书名号引用的法律、法规、规范性文件、方案、清单等，及其被引位置。"),
                  "documents"),
}


def catalog_graph(config: Config, *, manifest: Manifest | None = None,
                  summary: DatasetSummary | None = None, coverage: Coverage | None = None) -> Graph:
    """The catalogue as an rdflib graph; the release ``manifest`` supplies the distributions.

    Without a manifest (no release published yet) the datasets are described from the dataset
    ``summary`` and reachable through the SPARQL service only.
    """
    version = manifest.version if manifest else (summary.version if summary else "")
    modified = manifest.modified if manifest else (summary.modified if summary else "")
    coverage = manifest.coverage if manifest else (coverage or Coverage())
    b = _Builder(config, version, modified, coverage)
    nodes = {name: URIRef(dataset_iri(config.base_uri)) if name == "corpus" else b.iri("data/" + name)
             for name in DATASETS}
    for name, (title, description, landing) in DATASETS.items():
        if name == "corpus":
            title = (title[0], config.dataset_title)
        b.dataset(nodes[name], title, description, landing)
    _views(b, nodes, summary)
    service = b.service(list(nodes.values()))
    for name, node in nodes.items():
        b.service_distribution(node, service, name)
    for entry in manifest.full_dumps if manifest else []:
        b.distribution(nodes["corpus"], entry)
    b.catalog(list(nodes.values()), service)
    return b.g


def _views(b: _Builder, nodes: dict[str, URIRef], summary: DatasetSummary | None) -> None:
    """The three views are parts of the corpus; the cube is also a ``qb:DataSet``."""
    for name in ("metrics", "organizations", "documents"):
        b.add(nodes[name], DCT.isPartOf, nodes["corpus"])
        b.add(nodes["corpus"], DCT.hasPart, nodes[name])
    b.add(nodes["metrics"], RDF.type, QB.DataSet)
    b.add(nodes["metrics"], QB.structure, b.iri("def/dsd/metrics"))
    b.add(nodes["corpus"], RDF.type, VOID.Dataset)
    if summary is not None and summary.triples:
        b.add(nodes["corpus"], VOID.triples, Literal(summary.triples, datatype=XSD.integer))
