"""What the site knows about one IRI: its triples, its neighbours' names, the links into it.

Built only on :meth:`Store.query`. Every query is bounded: shared entities (a province's
government is described in every report that names it) can have hundreds of thousands of
incoming links, so incoming links are read as a capped sample, counted up to a cap, and paged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from fazhi.errors import BadRequest
from fazhi.store import Store
from fazhi.web.labels import LABEL_LIST, NameCache, Names, TermLabels, names_from

FZ_EVIDENCE = "def/fz#evidence"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MAX_OUT = 5000          # outgoing triples read for one entity
INCOMING_SAMPLE = 2000  # incoming links read at once; more means "capped"
COUNT_CAP = 100_000     # incoming links counted per property before saying "more than"
PER_PROPERTY = 10       # incoming links shown per property on a page
FRAGMENT_DEPTH = 3      # X → X#target → X#position


@dataclass
class Incoming:
    """Links into the entity through one property: a first few, and how many in all."""

    prop: str
    subjects: list[str]
    count: int
    capped: bool = False  # count is a lower bound


@dataclass
class Description:
    iri: str
    out: list[tuple[str, object]] = field(default_factory=list)  # (property IRI, term), in order
    fragments: dict[str, list[tuple[str, object]]] = field(default_factory=dict)
    incoming: list[Incoming] = field(default_factory=list)
    incoming_capped: bool = False
    names: dict[str, Names] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.out or self.incoming)

    @property
    def types(self) -> list[str]:
        return [o.value for p, o in self.out if p == RDF_TYPE and isinstance(o, ox.NamedNode)]

    def values(self, prop: str) -> list:
        return [o for p, o in self.out if p == prop]

    def first(self, prop: str):
        found = self.values(prop)
        return found[0] if found else None


def sparql_iri(iri: str) -> str:
    """``iri`` as a SPARQL IRI reference; refuses characters that could break out of ``<>``.

    :raises BadRequest: ``iri`` is not an IRI (it came from a request: a path or a parameter).
    """
    try:
        return str(ox.NamedNode(iri))
    except ValueError as exc:
        raise BadRequest(f"not a valid IRI: {iri[:200]!r} ({exc})") from None


def outgoing(store: Store, iri: str, skip: tuple[str, ...] = ()) -> list[tuple[str, object]]:
    """Distinct (property, object) pairs of ``iri``, minus the properties in ``skip``."""
    node = sparql_iri(iri)
    filters = "".join(f" FILTER(?p != {sparql_iri(p)})" for p in skip)
    query = f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o{filters} }} LIMIT {MAX_OUT}"
    return [(row["p"].value, row["o"]) for row in store.query(query)]


def incoming_sample(store: Store, iri: str) -> tuple[dict[str, list[str]], bool]:
    """Up to INCOMING_SAMPLE linking subjects grouped by property; True when capped."""
    query = f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {sparql_iri(iri)} }} LIMIT {INCOMING_SAMPLE + 1}"
    rows = list(store.query(query))
    grouped: dict[str, list[str]] = {}
    for row in rows[:INCOMING_SAMPLE]:
        if isinstance(row["s"], ox.NamedNode):
            grouped.setdefault(row["p"].value, []).append(row["s"].value)
    return grouped, len(rows) > INCOMING_SAMPLE


def count_incoming(store: Store, iri: str, prop: str, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many subjects link to ``iri`` through ``prop``, counted up to ``cap``."""
    query = (f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s WHERE {{ ?s {sparql_iri(prop)} "
             f"{sparql_iri(iri)} }} LIMIT {cap + 1} }}")
    rows = list(store.query(query))
    n = int(rows[0]["n"].value) if rows else 0
    return min(n, cap), n > cap


def incoming_page(store: Store, iri: str, prop: str, offset: int, limit: int) -> list[str]:
    """One page of the subjects linking to ``iri`` through ``prop`` (stable in a snapshot)."""
    query = (f"SELECT DISTINCT ?s WHERE {{ ?s {sparql_iri(prop)} {sparql_iri(iri)} FILTER(isIRI(?s)) }} "
             f"ORDER BY ?s LIMIT {int(limit)} OFFSET {int(offset)}")
    return [row["s"].value for row in store.query(query)]


def names_of(store: Store, iris, terms: TermLabels | None = None,
             cache: NameCache | None = None) -> dict[str, Names]:
    """Labels of many IRIs: ontology terms from the ontology files, the rest from the cache
    or, for those not seen before in this snapshot, one query per 400."""
    wanted = sorted({i for i in iris if i})
    out: dict[str, Names] = {}
    if terms is not None:
        out.update({i: terms.names[i] for i in wanted if i in terms.names})
    if cache is not None:
        out.update({i: cache.get(i) for i in wanted if i not in out and i in cache})
    missing = [i for i in wanted if i not in out]
    for batch in (missing[i:i + 400] for i in range(0, len(missing), 400)):
        values = " ".join(sparql_iri(i) for i in batch)
        query = f"SELECT DISTINCT ?x ?p ?l WHERE {{ VALUES ?x {{ {values} }} ?x ?p ?l FILTER(?p IN ({LABEL_LIST})) }}"
        found = names_from((row["x"].value, row["l"], row["p"].value) for row in store.query(query))
        if cache is not None:
            cache.remember(batch, found)
        out.update(found)
    return {i: n for i, n in out.items() if n.values}


def describe(store: Store, iri: str, base_uri: str, terms: TermLabels | None = None,
             per_property: int = PER_PROPERTY, cache: NameCache | None = None) -> Description:
    """The entity view-model: outgoing, fragments, incoming (sampled), and every name needed."""
    evidence = base_uri + FZ_EVIDENCE
    d = Description(iri, out=outgoing(store, iri, skip=(evidence,)))
    if terms is not None and not d.out:
        d.out = _from_ontology(terms, iri)
    d.fragments = _fragments(store, iri, d.out)
    grouped, d.incoming_capped = incoming_sample(store, iri)
    d.incoming = _incoming(store, iri, grouped, d.incoming_capped, per_property)
    d.names = names_of(store, _linked(d), terms, cache)
    return d


def _from_ontology(terms: TermLabels, iri: str) -> list[tuple[str, object]]:
    """A curated concept or ontology term is described by the ontology files, not the store."""
    quads = terms.store.quads_for_pattern(ox.NamedNode(iri), None, None)
    return [(q.predicate.value, q.object) for q in quads]


def _fragments(store: Store, iri: str, out) -> dict[str, list[tuple[str, object]]]:
    """Triples of ``iri#…`` nodes reachable from ``iri``: they belong to its document."""
    found: dict[str, list] = {}
    frontier = [o.value for _, o in out if isinstance(o, ox.NamedNode) and o.value.startswith(iri + "#")]
    for _ in range(FRAGMENT_DEPTH):
        frontier = [f for f in dict.fromkeys(frontier) if f not in found]
        for frag in frontier:
            found[frag] = outgoing(store, frag)
        frontier = [o.value for f in frontier for _, o in found[f]
                    if isinstance(o, ox.NamedNode) and o.value.startswith(iri + "#")]
    return found


def _incoming(store, iri, grouped, capped, per_property) -> list[Incoming]:
    result = []
    for prop, subjects in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
        count, over = (count_incoming(store, iri, prop) if capped else (len(subjects), False))
        result.append(Incoming(prop, sorted(subjects)[:per_property], count, over))
    return result


def _linked(d: Description) -> set[str]:
    iris = {d.iri}
    for pairs in [d.out, *d.fragments.values()]:
        for prop, term in pairs:
            iris.add(prop)
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
    for inc in d.incoming:
        iris.add(inc.prop)
        iris.update(inc.subjects)
    return iris
