"""Observations of curated indicators, for charts, comparisons and CSV.

A figure in a report is an observation of an indicator *phrase* (the words the report used);
phrases link to a curated indicator with ``skos:exactMatch`` or ``skos:closeMatch``. Charts
compare curated indicators, so this module gathers the observations whose phrase matches one,
with the reporting organisation, area, year, normalised value, unit and qualifier, and the
observation IRI that evidences each point.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import asdict, dataclass

from pyoxigraph import NamedNode

from fazhi.analysis.scheme import UNIT_SYMBOLS, Concept, load as load_scheme
from fazhi.errors import BadRequest
from fazhi.store import Store

#: Qualifier slug → how the value is drawn: prefix, suffix, and the Chart.js point style.
QUALIFIERS = {
    "exact": ("", "", "circle"),
    "more-than": ("", "+", "triangle"),  # 余, 多: "1200+"
    "at-least": ("≥", "", "rectRot"),  # 以上
    "about": ("≈", "", "crossRot"),  # 约
    "at-most": ("≤", "", "rect"),  # 以内, 不超过
}
AREA_KEY = re.compile(r"^(\d{6}|x-[0-9a-f]{8})$")
MAX_INDICATORS, MAX_PLACES, MAX_YEARS = 12, 60, 30
YEARS = range(1949, 2101)

#: One query per indicator, the indicator written as a constant: Oxigraph then starts from the
#: few phrase concepts matching it (tens of milliseconds) instead of joining every observation
#: against a VALUES block (minutes on a 1,000-report store). Every pattern is required (the
#: mapping always writes them): OPTIONAL blocks here cost Oxigraph a hundredfold.
QUERY = """PREFIX fz: <{base}def/fz#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dim: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX meas: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX attr: <http://purl.org/linked-data/sdmx/2009/attribute#>
SELECT ?obs ?match ?org ?olabel ?area ?alabel ?year ?value ?q ?unit ?rv ?ru ?text ?r WHERE {{
  ?phrase ?match {indicator} FILTER(?match IN (skos:exactMatch, skos:closeMatch))
  GRAPH ?g {{
    ?obs fz:indicator ?phrase ; dim:refArea ?area ; dim:refPeriod ?year ;
         meas:obsValue ?value ; fz:refOrganization ?org ; fz:valueQualifier ?q ;
         attr:unitMeasure ?unit ; rdfs:label ?text ; prov:wasDerivedFrom ?r ;
         fz:reportedValue ?rv ; fz:reportedUnit ?ru .
    {areas} {years}
  }}
  ?org skos:prefLabel ?olabel FILTER(lang(?olabel) = "zh")
  ?area skos:prefLabel ?alabel .
}}"""


@dataclass
class Point:
    """One observation of a curated indicator."""

    indicator: str  # notation
    year: int
    area: str  # GB/T 2260 code (or x- stand-in)
    area_label: str
    organization: str  # IRI
    organization_label: str
    value: float
    qualifier: str  # slug of the value-qualifier concept
    unit: str  # symbol ("%", "元", "" for counts)
    display: str  # "≥95%", "1200+"
    reported_value: str
    reported_unit: str
    match: str  # exact | close
    observation: str
    report: str
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


def display(value: float, qualifier: str, unit: str) -> str:
    """The value as a reader should see it, with its qualifier: ≥95%, 1200+, ≈3.5万."""
    prefix, suffix, _ = QUALIFIERS.get(qualifier, ("", "", ""))
    number = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"
    return f"{prefix}{number}{suffix}{unit}"


def _within(var: str, terms: list[str]) -> str:
    return f"FILTER(?{var} IN ({', '.join(terms)}))" if terms else ""


def _point(row: dict, notation: str) -> Point:
    value = float(row["value"])
    qualifier = row["q"].rsplit("/", 1)[-1]
    unit = UNIT_SYMBOLS.get(row["unit"], "")
    area = row["area"].rsplit("/", 1)[-1]
    return Point(notation, int(row["year"].rsplit("/", 1)[-1]), area,
                 row.get("alabel", area), row["org"], row["olabel"], value, qualifier, unit,
                 display(value, qualifier, unit), row.get("rv", ""), row.get("ru", ""),
                 "exact" if row["match"].endswith("exactMatch") else "close", row["obs"], row["r"], row["text"])


def observations(store: Store, base_uri: str, indicators: list[Concept], areas: list[str] = (),
                 years: list[int] = ()) -> list[Point]:
    """Observations of ``indicators``, optionally only in ``areas`` (codes) and ``years``."""
    within = _within("area", [str(NamedNode(f"{base_uri}id/area/{a}")) for a in areas])
    during = _within("year", [str(NamedNode(f"{base_uri}id/year/{int(y):04d}")) for y in years])
    points: dict[str, Point] = {}
    for concept in indicators:
        query = QUERY.format(base=base_uri, indicator=NamedNode(concept.iri), areas=within, years=during)
        for row in store.query(query):
            values = {k: v.value for k, v in row.items()}
            points.setdefault(values["obs"], _point(values, concept.notation))  # one per observation
    return sorted(points.values(), key=lambda p: (p.indicator, p.year, p.area, p.organization, p.observation))


def main_unit(points: list[Point]) -> str | None:
    """The unit most points are in (charts draw only those; the table lists all)."""
    counts = Counter(p.unit for p in points)
    return max(counts, key=lambda u: (counts[u], u)) if counts else None


CSV_FIELDS = ["indicator", "year", "area", "area_label", "organization", "organization_label",
              "value", "qualifier", "unit", "display", "reported_value", "reported_unit", "match",
              "observation", "report", "text"]


def to_csv(points: list[Point]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for p in points:
        writer.writerow(p.to_dict())
    return out.getvalue()


# ------------------------------------------------------------------ parameters
def parse_indicators(values: list[str], base_uri: str) -> list[Concept]:
    """Notations → curated indicators; :class:`BadRequest` naming an unknown one."""
    scheme = load_scheme(base_uri)
    if len(values) > MAX_INDICATORS:
        raise BadRequest(f"at most {MAX_INDICATORS} indicators at once (got {len(values)})")
    found = []
    for value in values:
        concept = scheme.by_notation.get(value.strip())
        if concept is None or concept.is_theme:
            raise BadRequest(f"unknown indicator {value!r}: use a notation of the curated scheme, "
                             "e.g. full-online-processing-rate")
        if concept not in found:
            found.append(concept)
    return found


def parse_places(values: list[str]) -> list[str]:
    if len(values) > MAX_PLACES:
        raise BadRequest(f"at most {MAX_PLACES} places at once (got {len(values)})")
    for value in values:
        if not AREA_KEY.match(value):
            raise BadRequest(f"place {value!r} is not an area code: use a six-digit GB/T 2260 code "
                             "such as 511083")
    return list(dict.fromkeys(values))


def parse_years(values: list[str]) -> list[int]:
    if len(values) > MAX_YEARS:
        raise BadRequest(f"at most {MAX_YEARS} years at once (got {len(values)})")
    years = []
    for value in values:
        if not value.strip().isdigit() or int(value) not in YEARS:
            raise BadRequest(f"year {value!r} is not a year between {YEARS.start} and {YEARS.stop - 1}")
        years.append(int(value))
    return sorted(set(years))
