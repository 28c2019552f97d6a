"""What a per-class page shows beyond the generic property list, one function per class.

Each function returns a dict for its template (``entity/<ClassLocalName>.html``) and the IRIs
whose names the page needs. Every query is bounded by a LIMIT.
"""

from __future__ import annotations

from fazhi.store import Store
from fazhi.web.describe import sparql_iri
from fazhi.web.evidence import report_text, segments, spans_in

DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SDMX_D = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_M = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_A = "http://purl.org/linked-data/sdmx/2009/attribute#"
LIST_LIMIT = 50
METRICS_LIMIT = 20   # the rest are one click away, on the paged list of incoming links
VALUES_LIMIT = 200


def _rows(store: Store, query: str) -> list[dict]:
    return [{k: v.value for k, v in row.items()} for row in store.query(query)]


def organization(store: Store, iri: str, base: str) -> tuple[dict, set[str]]:
    """Parent and units, reports issued, documents cited in them, figures reported."""
    node, fz = sparql_iri(iri), f"{base}def/fz#"
    parents = _rows(store, f"SELECT DISTINCT ?x WHERE {{ {node} <{ORG}subOrganizationOf> ?x }} LIMIT {LIST_LIMIT}")
    units = _rows(store, f"SELECT DISTINCT ?x WHERE {{ ?x <{ORG}subOrganizationOf> {node} }} LIMIT {LIST_LIMIT}")
    reports = _rows(store, f"""SELECT DISTINCT ?x ?y WHERE {{ ?x <{DCT}creator> {node} ; a <{fz}Report> ;
        <{fz}reportingYear> ?y }} ORDER BY DESC(?y) LIMIT {LIST_LIMIT}""")
    docs = _rows(store, f"""SELECT DISTINCT ?x WHERE {{ ?r <{DCT}creator> {node} ; a <{fz}Report> .
        GRAPH ?g {{ ?r a <{fz}Report> . ?x <{fz}citedIn> ?c }} }} LIMIT {LIST_LIMIT}""")
    metrics = _rows(store, f"""SELECT ?x ?v ?unit ?y ?ind WHERE {{
        {{ SELECT ?x WHERE {{ ?x <{fz}refOrganization> {node} }} LIMIT {METRICS_LIMIT} }}
        ?x <{SDMX_M}obsValue> ?v ; <{SDMX_A}unitMeasure> ?unit ; <{SDMX_D}refPeriod> ?y ; <{fz}indicator> ?ind }}""")
    data = {"parents": parents, "units": units, "reports": reports, "documents": docs, "metrics": metrics}
    return data, _iris(data)


def concept(store: Store, iri: str, base: str) -> tuple[dict, set[str]]:
    """An indicator: its values by place and year (phrases matched to a curated one included)."""
    node, fz = sparql_iri(iri), f"{base}def/fz#"
    if f"{base}def/indicator/" not in iri and f"{base}def/indicator-phrase/" not in iri:
        return {}, set()
    phrases = _rows(store, f"SELECT DISTINCT ?x WHERE {{ ?x <{SKOS}exactMatch>|<{SKOS}closeMatch> {node} }} LIMIT 1000")
    indicators = [iri] + [p["x"] for p in phrases]
    values = " ".join(sparql_iri(i) for i in indicators)
    rows = _rows(store, f"""SELECT ?x ?v ?unit ?area ?y ?org ?ind WHERE {{
        {{ SELECT ?x ?ind WHERE {{ VALUES ?ind {{ {values} }} ?x <{fz}indicator> ?ind }} LIMIT {VALUES_LIMIT} }}
        ?x <{SDMX_M}obsValue> ?v ; <{SDMX_A}unitMeasure> ?unit ; <{SDMX_D}refArea> ?area ;
        <{SDMX_D}refPeriod> ?y ; <{fz}refOrganization> ?org }}""")
    rows.sort(key=lambda r: (r["area"], r["y"], r["x"]))
    data = {"observations": rows, "phrases": phrases, "capped": len(rows) >= VALUES_LIMIT}
    return data, _iris(data)


def document(store: Store, iri: str, base: str) -> tuple[dict, set[str]]:
    """Who cites the document, and in which report."""
    node, fz = sparql_iri(iri), f"{base}def/fz#"
    citing = _rows(store, f"""SELECT DISTINCT ?x ?r ?issuer WHERE {{ GRAPH ?g {{ {node} <{fz}citedIn> ?x .
        ?r a <{fz}Report> ; <{DCT}creator> ?issuer }} }} LIMIT {LIST_LIMIT}""")
    data = {"citing": citing}
    return data, _iris(data)


def report(store: Store, iri: str, base: str, graph: str | None = None) -> tuple[dict, set[str]]:
    """The outline of sections and a link to the text viewer."""
    fz = f"{base}def/fz#"
    graph = graph or _graph_of(store, iri, f"{fz}Report")
    if graph is None:
        return {"sections": [], "text": iri + "/text"}, set()
    sections = _rows(store, f"""SELECT ?x ?label ?parent ?n WHERE {{ GRAPH {sparql_iri(graph)} {{
        ?x a <{fz}ReportSection> ; <{RDFS}label> ?label ; <{DCT}isPartOf> ?parent ; <{fz}ordinal> ?n }} }}""")
    data = {"sections": _outline(sections, iri), "text": iri + "/text"}
    return data, _iris(data)


def _graph_of(store: Store, iri: str, cls: str) -> str | None:
    """The named graph of a report (one report, one graph): later queries stay inside it."""
    rows = _rows(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ {sparql_iri(iri)} a <{cls}> }} }} LIMIT 1")
    return rows[0]["g"] if rows else None


def _outline(sections: list[dict], root: str, depth: int = 0) -> list[dict]:
    """Sections as a tree, in document order."""
    if depth > 6:
        return []
    children = sorted((s for s in sections if s["parent"] == root), key=lambda s: int(s["n"]))
    return [{**s, "children": _outline(sections, s["x"], depth + 1)} for s in children]


def text_snapshot(store: Store, iri: str, base: str, hl: str | None = None) -> tuple[dict, set[str]]:
    """The report viewer: the text cut into marked segments, the metrics and the outline."""
    text, graph = report_text(store, iri)
    if graph is None:
        return {}, set()
    spans = [s for s in spans_in(store, iri, graph, base) if s.end > s.start]
    report_iri = iri.rsplit("/text", 1)[0]
    metrics = [s for s in spans if s.kind == "Observation"]
    outline, _ = report(store, report_iri, base, graph)
    marked = highlight(len(text), hl)
    data = {"segments": segments(text, spans, marked), "report": report_iri, "length": len(text),
            "highlight": marked,
            "metrics": sorted(metrics, key=lambda s: s.start), "sections": outline["sections"],
            "kinds": sorted({s.kind for s in spans})}
    for span in metrics:
        span.text = text[span.start:span.end]
    # Span bodies are not named here: what a span says is its own text, shown in place.
    return data, {report_iri} | _iris(outline)


def highlight(text_len: int, raw: str | None) -> tuple[int, int] | None:
    """``?hl=S,E`` as a range inside the text; None when absent or out of range."""
    if not raw:
        return None
    start, _, end = raw.partition(",")
    if not (start.isdigit() and end.isdigit()):
        return None
    s, e = int(start), int(end)
    return (s, e) if 0 <= s < e <= text_len else None


EXTRAS = {"Organization": organization, "Concept": concept, "GovernmentDocument": document,
          "Report": report, "TextSnapshot": text_snapshot}


def _iris(data) -> set[str]:
    """Every IRI-looking string in the extra data: the page needs their names."""
    found: set[str] = set()
    if isinstance(data, dict):
        for value in data.values():
            found |= _iris(value)
    elif isinstance(data, list):
        for value in data:
            found |= _iris(value)
    elif isinstance(data, str) and data.startswith(("http://", "https://")):
        found.add(data)
    return found
