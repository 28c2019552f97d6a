"""The store as a networkx graph: who issues, cites, mentions and states what.

Nodes are IRIs with ``label`` and ``type`` (Report, Organization, GovernmentDocument, Indicator,
Measure, Year, Area). Edges are typed (the multigraph key is the type):

============  ===================================  =====================================
type          from → to                            read from
============  ===================================  =====================================
issues        report → issuing organisation        ``dct:creator``
mentions      report → organisation it names       ``dct:references`` to an org:Organization
cites         report or measure → document         ``fz:citedIn`` (inverse of dct:references)
reports-on    report → year, report → area         ``fz:reportingYear``, ``dct:spatial``
part-of       organisation → parent body           ``org:subOrganizationOf``
part-of       measure → report                     ``dct:isPartOf`` (through its section)
states        report or measure → indicator        observations whose phrase concept has
                                                   ``skos:exactMatch``/``closeMatch`` to it
============  ===================================  =====================================

``weight`` counts how often an edge was seen (a report citing a law from three measures gives
its ``cites`` edge weight 3 when measures are folded into the report).

The graph is built with one SELECT per edge kind, each scoped to report graphs by the same
pattern, so the cost grows with the corpus, not with one query per node: the 1,000-report
store builds in about two seconds. Measures are nodes of their own for one report (or when
asked); for a corpus they are folded into their report, which keeps the graph to the
entities researchers compare (tens of thousands of nodes rather than hundreds of thousands).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from pyoxigraph import NamedNode

from fazhi.analysis.scheme import load as load_scheme
from fazhi.errors import BadRequest
from fazhi.store import Store

NODE_TYPES = ("Report", "Organization", "GovernmentDocument", "Indicator", "Measure", "Year", "Area")
EDGE_TYPES = ("issues", "mentions", "cites", "reports-on", "part-of", "states")

_PREFIXES = """PREFIX fz: <{base}def/fz#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@dataclass(frozen=True)
class GraphFilter:
    """Which reports the graph is built from: all, some years, one issuer, or one report.

    ``measures`` None means "measures as nodes only for a single report".
    """

    years: tuple[int, ...] = ()
    issuer: str | None = None
    report: str | None = None
    measures: bool | None = None

    @property
    def with_measures(self) -> bool:
        return self.measures if self.measures is not None else self.report is not None

    def key(self) -> str:
        """A stable text key, for caches."""
        years = ",".join(str(y) for y in sorted(self.years))
        return f"y={years}|i={self.issuer or ''}|r={self.report or ''}|m={int(self.with_measures)}"

    def is_corpus(self) -> bool:
        return not (self.years or self.issuer or self.report)


def iri_ref(value: str, what: str) -> str:
    """``value`` as a SPARQL IRI reference; :class:`BadRequest` when it is not an IRI."""
    try:
        return str(NamedNode(value))
    except ValueError:
        raise BadRequest(f"the {what} is not an IRI: {value!r}") from None


def scope(f: GraphFilter, base: str) -> str:
    """The pattern that binds ?r to the reports the filter selects (inside ``GRAPH ?g``)."""
    parts = ["?r a fz:Report ."]
    if f.report:
        parts.insert(0, f"VALUES ?r {{ {iri_ref(f.report, 'report')} }}")
    if f.years:
        years = " ".join(iri_ref(f"{base}id/year/{int(y):04d}", "year") for y in sorted(set(f.years)))
        parts.append(f"VALUES ?ry {{ {years} }} ?r fz:reportingYear ?ry .")
    if f.issuer:
        parts.append(f"?r dct:creator {iri_ref(f.issuer, 'issuer')} .")
    return " ".join(parts)


def _select(store: Store, base: str, f: GraphFilter, body: tuple[str, str], tail: str = "") -> list[dict]:
    """``body`` is (inside, outside): what one report's graph holds is matched inside
    ``GRAPH ?g`` with the report, the shared entities' descriptions (registry graph) outside."""
    inside, outside = body
    query = (_PREFIXES.format(base=base) + "SELECT * WHERE { GRAPH ?g { "
             + scope(f, base) + " " + inside + " } " + outside + " } " + tail)
    return [{k: v.value for k, v in row.items()} for row in store.query(query)]


# Area labels are fetched on their own (AREA_LABELS): an OPTIONAL outside GRAPH ?g on a variable
# bound by an OPTIONAL inside it is evaluated by Oxigraph as a loop over every label in the
# store for every report (51 s at 10,000 reports, against 1 s for the rest of the query).
REPORTS = ("?r rdfs:label ?label ; fz:reportingYear ?year ; dct:creator ?issuer . "
           "?r dct:spatial ?area .",
           "?issuer skos:prefLabel ?ilabel FILTER(lang(?ilabel) = 'zh')")
AREA_LABELS = ("SELECT ?area ?alabel WHERE { ?area a fz:AdministrativeDivision ; skos:prefLabel ?alabel "
               "FILTER(lang(?alabel) = 'zh') }")
MENTIONS = ("?r dct:references ?o .",
            "?o a org:Organization ; skos:prefLabel ?label FILTER(lang(?label) = 'zh')")
CITES = ("?d fz:citedIn ?x . OPTIONAL { ?x a fz:Measure ; rdfs:label ?mlabel }",
         "?d rdfs:label ?label .")
#: CITES and STATES without the measures, for graphs that do not draw them (the corpus, a year,
#: an issuer): an OPTIONAL inside GRAPH ?g joined with a pattern outside it is evaluated as a
#: loop (minutes at 10,000 reports), so it is only used for one report's graph.
CITES_PLAIN = ("?d fz:citedIn ?x .", "")
DOCUMENT_LABELS = "SELECT ?d ?label WHERE { ?d a fz:GovernmentDocument ; rdfs:label ?label }"
PARENTS = ("{ ?r dct:references ?o } UNION { ?r dct:creator ?o }",
           "?o org:subOrganizationOf ?p . ?o skos:prefLabel ?olabel FILTER(lang(?olabel) = 'zh') "
           "?p skos:prefLabel ?plabel FILTER(lang(?plabel) = 'zh')")
MEASURES = ("?m a fz:Measure ; rdfs:label ?label .", "")
STATES = ("?obs fz:indicator ?phrase . OPTIONAL { ?obs fz:measure ?m . ?m a fz:Measure }",
          "?phrase skos:exactMatch|skos:closeMatch ?i .")
STATES_PLAIN = ("?obs fz:indicator ?phrase .", "?phrase skos:exactMatch|skos:closeMatch ?i .")


def _labels(store: Store, base: str, query: str) -> dict[str, str]:
    """IRI → label from a two-column SELECT (subject, label)."""
    rows = store.query(_PREFIXES.format(base=base) + query)
    return {row[0].value: row[1].value for row in (list(r.values()) for r in rows)}


def _node(g: nx.MultiDiGraph, iri: str, kind: str, label: str, **attrs) -> None:
    if iri not in g:
        g.add_node(iri, type=kind, label=label, **attrs)


def _link(g: nx.MultiDiGraph, u: str, v: str, kind: str, n: int = 1) -> None:
    """Add an edge of ``kind`` or, when it exists, add ``n`` to its weight."""
    data = g.get_edge_data(u, v, key=kind)
    if data is None:
        g.add_edge(u, v, key=kind, type=kind, weight=n)
    else:
        data["weight"] += n


def _once(g: nx.MultiDiGraph, u: str, v: str, kind: str) -> None:
    """A structural edge (a measure is part of its report once, however often it is seen)."""
    if not g.has_edge(u, v, key=kind):
        g.add_edge(u, v, key=kind, type=kind, weight=1)


def _year_label(iri: str) -> str:
    return iri.rsplit("/", 1)[-1] + "年"


def _add_reports(g, rows: list[dict], area_labels: dict[str, str]) -> None:
    for row in rows:
        r = row["r"]
        _node(g, r, "Report", row["label"], year=int(row["year"].rsplit("/", 1)[-1]))
        _node(g, row["issuer"], "Organization", row["ilabel"])
        _node(g, row["year"], "Year", _year_label(row["year"]))
        _link(g, r, row["issuer"], "issues")
        _link(g, r, row["year"], "reports-on")
        if "area" in row:
            _node(g, row["area"], "Area", area_labels.get(row["area"], row["area"]))
            _link(g, r, row["area"], "reports-on")


def _add_mentions(g, rows: list[dict]) -> None:
    for row in rows:
        _node(g, row["o"], "Organization", row["label"])
        _link(g, row["r"], row["o"], "mentions")


def _add_parents(g, rows: list[dict]) -> None:
    for row in rows:  # the hierarchy is described in every graph naming a body: once is enough
        _node(g, row["o"], "Organization", row["olabel"])
        _node(g, row["p"], "Organization", row["plabel"])
        _once(g, row["o"], row["p"], "part-of")


def _add_citations(g, rows: list[dict], measures: bool, labels: dict[str, str] | None = None) -> None:
    """``labels``: document labels looked up apart (rows of CITES_PLAIN carry none)."""
    for row in rows:
        _node(g, row["d"], "GovernmentDocument", row["label"] if labels is None else labels.get(row["d"], row["d"]))
        source = row["x"] if measures and "mlabel" in row else row["r"]
        if source != row["r"]:
            _node(g, source, "Measure", row["mlabel"])
            _once(g, source, row["r"], "part-of")
        _link(g, source, row["d"], "cites")


def _add_measures(g, rows: list[dict]) -> None:
    for row in rows:
        _node(g, row["m"], "Measure", row["label"])
        _once(g, row["m"], row["r"], "part-of")


def _add_states(g, rows: list[dict], measures: bool, base: str) -> None:
    scheme = load_scheme(base)
    for row in rows:
        concept = scheme.by_iri.get(row["i"])
        _node(g, row["i"], "Indicator", concept.label if concept else row["i"].rsplit("/", 1)[-1])
        source = row["m"] if measures and "m" in row else row["r"]
        _link(g, source, row["i"], "states")


def build_graph(store: Store, base_uri: str, f: GraphFilter | None = None) -> nx.MultiDiGraph:
    """The graph of the reports ``f`` selects (the whole corpus by default)."""
    f = f or GraphFilter()
    g = nx.MultiDiGraph(name="fazhi", base_uri=base_uri, filter=f.key())
    _add_reports(g, _select(store, base_uri, f, REPORTS), _labels(store, base_uri, AREA_LABELS))
    _add_mentions(g, _select(store, base_uri, f, MENTIONS))
    _add_parents(g, _select(store, base_uri, f, PARENTS))
    if f.with_measures:
        _add_measures(g, _select(store, base_uri, f, MEASURES))
    if f.with_measures:
        _add_citations(g, _select(store, base_uri, f, CITES), True)
        _add_states(g, _select(store, base_uri, f, STATES), True, base_uri)
    else:
        _add_citations(g, _select(store, base_uri, f, CITES_PLAIN), False, _labels(store, base_uri, DOCUMENT_LABELS))
        _add_states(g, _select(store, base_uri, f, STATES_PLAIN), False, base_uri)
    return g
