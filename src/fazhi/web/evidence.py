"""The sentences facts came from, and the marked-up text of a whole report.

Every extracted fact carries an ``fz:evidence`` annotation whose target points at
``[oa:start, oa:end)`` of the report's text snapshot (``nif:isString``), in Unicode code points:
the same indices as Python ``str``. SPARQL's SUBSTR also counts code points, so the sentence
around a span is cut in the store and only a few hundred characters travel per fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fazhi.store import Store
from fazhi.web.describe import sparql_iri

OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
CONTEXT = 80            # characters read on each side of a span
MAX_EVIDENCE = 12       # sentences shown on an entity page
STOPS = "。！？；\n"


@dataclass
class Evidence:
    """One span of a report's text, with the sentence around it split in three."""

    report: str
    text: str      # IRI of the text snapshot
    start: int
    end: int
    before: str
    exact: str
    after: str


def evidence_of(store: Store, iri: str, base_uri: str, limit: int = MAX_EVIDENCE) -> list[Evidence]:
    """The sentences that evidence ``iri`` (capped at ``limit``, one query)."""
    query = f"""SELECT ?src ?report ?start ?end ?from ?ctx WHERE {{
      {sparql_iri(iri)} <{base_uri}def/fz#evidence> ?ann .
      ?ann <{OA}hasTarget> ?t . ?t <{OA}hasSource> ?src ; <{OA}hasSelector> ?sel .
      ?sel <{OA}start> ?start ; <{OA}end> ?end .
      ?src <{DCT}isPartOf> ?report ; <{NIF}isString> ?str .
      BIND(IF(?start > {CONTEXT}, ?start - {CONTEXT}, 0) AS ?from)
      BIND(SUBSTR(?str, ?from + 1, ?end - ?from + {CONTEXT}) AS ?ctx)
    }} LIMIT {int(limit)}"""
    rows = [_evidence(row) for row in store.query(query)]
    return sorted(rows, key=lambda e: (e.report, e.start))


def _evidence(row) -> Evidence:
    start, end, origin = int(row["start"].value), int(row["end"].value), int(row["from"].value)
    ctx = row["ctx"].value
    before, exact, after = ctx[:start - origin], ctx[start - origin:end - origin], ctx[end - origin:]
    return Evidence(row["report"].value, row["src"].value, start, end,
                    _sentence_head(before), exact, _sentence_tail(after))


def _sentence_head(before: str) -> str:
    cut = max(before.rfind(ch) for ch in STOPS)
    return before[cut + 1:] if cut >= 0 else "…" + before


def _sentence_tail(after: str) -> str:
    cuts = [i for i in (after.find(ch) for ch in STOPS) if i >= 0]
    return after[:min(cuts) + 1].rstrip("\n") if cuts else after + "…"


# ---------------------------------------------------------------- the report viewer


@dataclass
class Span:
    start: int
    end: int
    body: str
    kind: str  # local name of the body's class: Measure, Observation, Organization, ...
    text: str = ""


@dataclass
class Segment:
    text: str
    spans: list[Span] = field(default_factory=list)  # outermost first
    start: int = 0
    anchors: list[Span] = field(default_factory=list)  # spans that begin here
    opens_highlight: bool = False
    closes_highlight: bool = False

    @property
    def innermost(self) -> Span | None:
        return self.spans[-1] if self.spans else None


def report_text(store: Store, text_iri: str) -> tuple[str, str | None]:
    """The snapshot's string and the graph it lives in."""
    query = f"SELECT ?s ?g WHERE {{ GRAPH ?g {{ {sparql_iri(text_iri)} <{NIF}isString> ?s }} }} LIMIT 1"
    rows = list(store.query(query))
    return (rows[0]["s"].value, rows[0]["g"].value) if rows else ("", None)


def spans_in(store: Store, text_iri: str, graph: str, base_uri: str) -> list[Span]:
    """Every evidence span in the report's graph (one graph holds one report and its text).

    Two single-pattern scans of the graph, joined here on the mapping's IRI convention
    (annotation ``A`` has its position selector at ``A#position``): a five-way SPARQL join
    costs several times more on a large store.
    """
    g = sparql_iri(graph)
    bodies = {row["a"].value: row["b"].value for row in
              store.query(f"SELECT ?a ?b WHERE {{ GRAPH {g} {{ ?a <{OA}hasBody> ?b }} }}")}
    positions = store.query(f"SELECT ?p ?s ?e WHERE {{ GRAPH {g} {{ ?p <{OA}start> ?s ; <{OA}end> ?e }} }}")
    spans = []
    for row in positions:
        body = bodies.get(row["p"].value.rsplit("#", 1)[0])
        if body is not None:
            spans.append(Span(int(row["s"].value), int(row["e"].value), body, kind_of(body, base_uri)))
    return spans


#: What an IRI names, from the URI policy (fazhi.rdf.uris): cheaper than asking for its type.
_KINDS = (("/measure/", "Measure"), ("/problem/", "Problem"), ("/plan/", "PlannedMeasure"),
          ("/section/", "ReportSection"))
_ROOT_KINDS = {"observation": "Observation", "org": "Organization", "doc": "GovernmentDocument",
               "year": "DateTimeInterval", "area": "AdministrativeDivision", "report": "Report"}


def kind_of(iri: str, base_uri: str) -> str:
    """``Measure``, ``Observation``, ``Organization``… for an IRI minted under ``base_uri``.

    >>> kind_of("https://x/id/report/1/gov/2021/section/1/measure/2", "https://x/")
    'Measure'
    >>> kind_of("https://x/id/org/511083/government", "https://x/")
    'Organization'
    """
    path = iri[len(base_uri):] if iri.startswith(base_uri) else ""
    for marker, kind in _KINDS:
        if marker in path:
            return kind
    parts = path.split("/")
    return _ROOT_KINDS.get(parts[1], "Thing") if len(parts) > 1 and parts[0] == "id" else "Thing"


def segments(text: str, spans: list[Span], highlight: tuple[int, int] | None = None) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece knows the spans covering it.

    ``highlight`` (start, end) adds two cuts, and flags the pieces where it opens and closes.
    """
    marks = highlight or ()
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans), *marks})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    starting: dict[int, list[Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        starting.setdefault(span.start, []).append(span)
    out, active = [], []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > a] + starting.get(a, [])
        out.append(Segment(text[a:b], [s for s in active if s.end >= b], a, starting.get(a, []),
                           bool(highlight) and a == highlight[0], bool(highlight) and b == highlight[1]))
    return out
