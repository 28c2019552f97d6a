"""Chart specifications: which series and bars to draw, decided here so the browser only draws.

A chart of one indicator shows values across years (a line per reporting organisation, which
names its place) and across places for one year (bars). Hundreds of organisations report some
indicators, so the line chart keeps the :data:`MAX_SERIES` with the most years of data unless
places were chosen, and the bar chart the :data:`MAX_BARS` largest values; the table beside the
chart and the CSV always hold every point. Only points in the indicator's main unit are drawn.
"""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from fazhi.analysis.indicators import QUALIFIERS, Point, main_unit
from fazhi.analysis.scheme import Concept, load as load_scheme
from fazhi.errors import NotFound
from fazhi.store import Store

MAX_SERIES = 8
MAX_BARS = 40


def _mark(p: Point, page) -> dict:
    return {"year": p.year, "value": p.value, "display": p.display, "qualifier": p.qualifier,
            "style": QUALIFIERS.get(p.qualifier, QUALIFIERS["exact"])[2], "label": p.organization_label,
            "url": page(p.observation), "text": p.text}


def _series(points: list[Point], chosen: bool, page) -> list[dict]:
    by_org: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        by_org[p.organization].append(p)
    keys = sorted(by_org, key=lambda o: (-len({p.year for p in by_org[o]}), by_org[o][0].organization_label, o))
    if not chosen:
        keys = keys[:MAX_SERIES]
    return [{"key": o, "label": by_org[o][0].organization_label,
             "points": [_mark(p, page) for p in sorted(by_org[o], key=lambda p: (p.year, p.observation))]}
            for o in keys]


def _bars(points: list[Point], year: int | None, page) -> dict:
    years = sorted({p.year for p in points})
    if year not in years:
        year = years[-1] if years else None
    chosen = sorted((p for p in points if p.year == year), key=lambda p: (-p.value, p.organization_label))
    return {"year": year, "items": [_mark(p, page) for p in chosen[:MAX_BARS]],
            "total": len(chosen)}


def chart_spec(concept: Concept, points: list[Point], page, *, places_chosen: bool = False,
               bar_year: int | None = None) -> dict:
    """The chart of one indicator; ``page`` maps an IRI to the URL of its page."""
    unit = main_unit(points)
    drawn = [p for p in points if p.unit == unit]
    return {"indicator": concept.notation, "label": concept.label, "label_en": concept.label_en,
            "unit": unit or "", "years": sorted({p.year for p in drawn}),
            "series": _series(drawn, places_chosen, page), "bars": _bars(drawn, bar_year, page),
            "points": len(points), "drawn": len(drawn),
            "qualifiers": {k: {"prefix": v[0], "suffix": v[1], "style": v[2]} for k, v in QUALIFIERS.items()}}


# ------------------------------------------------------------------ a report's metrics by theme
REPORT_QUERY = """PREFIX fz: <{base}def/fz#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX meas: <http://purl.org/linked-data/sdmx/2009/measure#>
SELECT ?obs ?phrase ?plabel ?i ?value ?q ?text WHERE {{
  GRAPH ?g {{
    ?obs prov:wasDerivedFrom {report} ; fz:indicator ?phrase ; meas:obsValue ?value ;
         fz:valueQualifier ?q ; rdfs:label ?text .
  }}
  ?phrase skos:prefLabel ?plabel .
  OPTIONAL {{ ?phrase skos:exactMatch|skos:closeMatch ?i }}
}}"""
OTHER = "other"


def report_themes(store: Store, base_uri: str, report: str, page) -> dict:
    """The report's figures grouped by the theme of their curated indicator.

    Figures whose phrase matches no curated indicator form the group ``other``.
    """
    scheme = load_scheme(base_uri)
    if not store.query(f"ASK {{ {NamedNode(report)} a <{base_uri}def/fz#Report> }}"):
        raise NotFound(f"no report {report} in the store")
    query = REPORT_QUERY.format(base=base_uri, report=NamedNode(report))
    groups: dict[str, dict] = {}
    seen = set()
    for row in store.query(query):
        if row["obs"].value in seen:
            continue
        seen.add(row["obs"].value)
        concept = scheme.by_iri.get(row["i"].value) if "i" in row else None
        theme = scheme.by_iri.get(concept.theme) if concept else None
        key = theme.notation if theme else OTHER
        group = groups.setdefault(key, {"theme": key, "label": theme.label if theme else "其他指标",
                                        "label_en": theme.label_en if theme else "Other figures",
                                        "figures": []})
        group["figures"].append({"indicator": concept.notation if concept else None,
                                 "label": concept.label if concept else row["plabel"].value,
                                 "text": row["text"].value, "url": page(row["obs"].value)})
    themes = sorted(groups.values(), key=lambda g: (g["theme"] == OTHER, -len(g["figures"]), g["theme"]))
    for group in themes:
        group["count"] = len(group["figures"])
        group["figures"].sort(key=lambda f: (f["label"], f["url"]))
    return {"report": report, "themes": themes, "figures": len(seen)}
