"""Class indexes (/reports, /organizations, …): tables read once per dataset version.

Sorting and filtering 10⁵ rows with SPARQL per request costs seconds on a national corpus, so
each table is read from the store once per dataset version (a few queries, each scoped to the
report graphs so shared entities are not counted once per graph), then paged, sorted and
filtered in memory. Every row knows the years and issuers of the reports it appears in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.errors import BadRequest
from fazhi.store import Store
from fazhi.web.describe import names_of
from fazhi.web.labels import TermLabels, local_name

DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#"
MAX_PAGE_SIZE = 500
SORTS = ("label", "year", "count")


@dataclass
class Row:
    iri: str
    label: str
    years: set[int] = field(default_factory=set)
    issuers: set[str] = field(default_factory=set)
    count: int = 0  # reports (or observations, for indicators) it appears in
    kind: str = ""

    @property
    def year(self) -> int | None:
        return max(self.years) if self.years else None


@dataclass
class Table:
    name: str
    rows: list[Row]
    issuer_names: dict[str, str]
    _views: dict = field(default_factory=dict, repr=False)

    def view(self, q: "Query") -> list[Row]:
        """The rows ``q`` selects, in its order; the last few answers are kept (pages of one list)."""
        key = (q.sort, q.descending, q.year, q.issuer)
        rows = self._views.get(key)
        if rows is None:
            rows = _ordered(self.rows, q)
            if len(self._views) >= 64:
                self._views = {}  # replaced, not mutated: other threads may be reading it
            self._views[key] = rows
        return rows


@dataclass
class Query:
    page: int = 1
    size: int = 50
    sort: str = "label"
    descending: bool = False
    year: int | None = None
    issuer: str | None = None


def parse_query(args, linker) -> Query:
    """Paging, sorting and filters from request arguments; 400 with the reason when bad."""
    q = Query(page=_int(args, "page", 1, 1, 10**6), size=_int(args, "size", 50, 1, MAX_PAGE_SIZE))
    sort = args.get("sort", "label").strip()
    q.descending = sort.startswith("-")
    q.sort = sort.lstrip("-")
    if q.sort not in SORTS:
        raise BadRequest(f"sort must be one of {', '.join(SORTS)} (prefix - for descending), not {sort!r}")
    if args.get("year", "").strip():
        q.year = _int(args, "year", 0, 1900, 2100)
    issuer = args.get("issuer", "").strip()
    if issuer:
        q.issuer = issuer if issuer.startswith(("http://", "https://")) else linker.iri(issuer)
    return q


def _int(args, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"\d{1,9}", raw) or not low <= int(raw) <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return int(raw)


def select(table: Table, q: Query) -> tuple[list[Row], int]:
    """The page of rows ``q`` asks for, and how many rows match in all."""
    rows = table.view(q)
    start = (q.page - 1) * q.size
    return rows[start:start + q.size], len(rows)


def _ordered(rows: list[Row], q: Query) -> list[Row]:
    if q.year is not None:
        rows = [r for r in rows if q.year in r.years]
    if q.issuer is not None:
        rows = [r for r in rows if q.issuer in r.issuers or r.iri == q.issuer]
    key = {"label": lambda r: r.label, "year": lambda r: (r.year or 0, r.label),
           "count": lambda r: (r.count, r.label)}[q.sort]
    return sorted(rows, key=key, reverse=q.descending)


# ---------------------------------------------------------------- building the tables


@dataclass
class ReportInfo:
    iri: str
    title: str
    year: int | None
    issuer: str


def report_infos(store: Store, base: str) -> dict[str, ReportInfo]:
    """Graph IRI → the report it holds."""
    query = f"""SELECT ?g ?r ?title ?y ?issuer WHERE {{ GRAPH ?g {{ ?r a <{base}def/fz#Report> ;
      <{DCT}title> ?title ; <{base}def/fz#reportingYear> ?y ; <{DCT}creator> ?issuer }} }}"""
    out = {}
    for row in store.query(query):
        year = local_name(row["y"].value)
        out[row["g"].value] = ReportInfo(row["r"].value, row["title"].value,
                                         int(year) if year.isdigit() else None, row["issuer"].value)
    return out


def _collect(store: Store, query: str, reports: dict[str, ReportInfo], kind: str = "") -> list[Row]:
    """Rows from (?g ?x ?l [?n]) results: one row per ?x, years/issuers from its graphs."""
    rows: dict[str, Row] = {}
    for result in store.query(query):
        iri, info = result["x"].value, reports.get(result["g"].value)
        row = rows.get(iri)
        if row is None:
            row = rows[iri] = Row(iri, result["l"].value if "l" in result else "", kind=kind)
        row.count += int(result["n"].value) if "n" in result else 1
        if info is not None:
            row.issuers.add(info.issuer)
            if info.year:
                row.years.add(info.year)
    return list(rows.values())


def build_reports(store: Store, base: str, reports: dict[str, ReportInfo]) -> list[Row]:
    return [Row(r.iri, r.title, {r.year} if r.year else set(), {r.issuer}, 1, "Report") for r in reports.values()]


def build_organizations(store: Store, base: str, reports) -> list[Row]:
    # Which reports name an organisation is in their graphs; its description is in the registry.
    query = f"""SELECT DISTINCT ?g ?x ?l WHERE {{ GRAPH ?g {{ {{ ?r <{DCT}references> ?x }} UNION {{ ?r <{DCT}creator> ?x }} }}
      ?x a <{ORG}Organization> ; <{SKOS}prefLabel> ?l FILTER(LANG(?l) = "zh") }}"""
    return _collect(store, query, reports, "Organization")


def build_documents(store: Store, base: str, reports) -> list[Row]:
    query = (f"SELECT DISTINCT ?g ?x ?l WHERE {{ GRAPH ?g {{ ?x <{base}def/fz#citedIn> ?c }} "
             f"?x a <{base}def/fz#GovernmentDocument> ; <{DCT}title> ?l }}")
    return _collect(store, query, reports, "GovernmentDocument")


def build_measures(store: Store, base: str, reports) -> list[Row]:
    query = f"SELECT ?g ?x ?l WHERE {{ GRAPH ?g {{ ?x a <{base}def/fz#Measure> ; <{RDFS}label> ?l }} }}"
    return _collect(store, query, reports, "Measure")


def build_indicators(store: Store, base: str, reports, terms: TermLabels | None = None) -> list[Row]:
    """Phrase concepts with their observation counts, and the curated indicators they match."""
    query = f"SELECT ?g ?x (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?obs <{base}def/fz#indicator> ?x }} }} GROUP BY ?g ?x"
    phrases = _collect(store, query, reports, "phrase")
    names = names_of(store, [r.iri for r in phrases])
    for row in phrases:
        row.label = names[row.iri].best if row.iri in names else local_name(row.iri)
    matches = f"SELECT DISTINCT ?x ?m WHERE {{ ?x <{SKOS}exactMatch>|<{SKOS}closeMatch> ?m }}"
    by_iri = {r.iri: r for r in phrases}
    curated: dict[str, Row] = {}
    for row in store.query(matches):
        phrase = by_iri.get(row["x"].value)
        if phrase is None:
            continue
        target = row["m"].value
        names = terms.get(target) if terms else None
        cur = curated.setdefault(target, Row(target, (names.best if names else None) or local_name(target), kind="curated"))
        cur.count += phrase.count
        cur.years |= phrase.years
        cur.issuers |= phrase.issuers
    return list(curated.values()) + phrases


def build_years(store: Store, base: str, reports) -> list[Row]:
    rows: dict[int, Row] = {}
    for info in reports.values():
        if info.year:
            row = rows.setdefault(info.year, Row(f"{base}id/year/{info.year:04d}", f"{info.year}年",
                                                 {info.year}, kind="Year"))
            row.count += 1
            row.issuers.add(info.issuer)
    return list(rows.values())


BUILDERS = {
    "reports": build_reports, "organizations": build_organizations, "documents": build_documents,
    "indicators": build_indicators, "measures": build_measures, "years": build_years,
}


def issuer_names(store: Store, reports: dict[str, ReportInfo]) -> dict[str, str]:
    """The name of every report's issuer (read once, shared by every table)."""
    issuers = {r.issuer for r in reports.values()}
    names = names_of(store, issuers)
    return {i: (names[i].best if i in names else local_name(i)) for i in issuers}


def build_table(name: str, store: Store, base: str, reports: dict[str, ReportInfo],
                terms: TermLabels | None = None, issuers: dict[str, str] | None = None) -> Table:
    builder = BUILDERS[name]
    rows = builder(store, base, reports, terms) if name == "indicators" else builder(store, base, reports)
    return Table(name, rows, issuers if issuers is not None else issuer_names(store, reports))
