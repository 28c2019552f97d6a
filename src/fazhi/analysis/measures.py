"""Measures computed with networkx on the undirected, simple view of the graph.

Centrality on a graph of tens of thousands of nodes: exact betweenness is O(n·m) (hours on the
national corpus), so above :data:`EXACT_LIMIT` nodes it is *estimated* from ``k`` sampled
source nodes (networkx's ``k=``, with a fixed seed so results repeat). ``k`` shrinks as the
graph grows (:func:`sample_size`: about :data:`EDGE_BUDGET` edge visits in all, 16 to 200
sources), which keeps the estimate to seconds; the hubs that matter (national laws, shared
indicators, years) stand out at any of these sizes. The sample size is kept in
:attr:`Measures.betweenness_sample` and in every export, so nobody mistakes it for exact.
Communities are Louvain's, seeded, so the same data gives the same partition.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

#: Above this many nodes betweenness is sampled rather than exact.
EXACT_LIMIT = 2000
#: Edge visits allowed for sampled betweenness (sources × edges).
EDGE_BUDGET = 500_000
SAMPLE_MIN, SAMPLE_MAX = 16, 200
SEED = 1


@dataclass
class Measures:
    """Per-node measures (dicts keyed by node) and corpus-wide figures."""

    degree: dict[str, int] = field(default_factory=dict)
    degree_centrality: dict[str, float] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    betweenness_sample: int | None = None  # None: exact
    community: dict[str, int] = field(default_factory=dict)
    communities: int = 0
    component: dict[str, int] = field(default_factory=dict)
    component_sizes: list[int] = field(default_factory=list)
    cited_by_orgs: dict[str, int] = field(default_factory=dict)  # document → distinct issuers

    def top(self, name: str, n: int = 20, among: set[str] | None = None) -> list[tuple[str, float]]:
        """The ``n`` nodes with the highest value of measure ``name`` (ties by IRI)."""
        values = getattr(self, name)
        items = [(k, v) for k, v in values.items() if among is None or k in among]
        return sorted(items, key=lambda kv: (-kv[1], kv[0]))[:n]


def simple_view(g: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per connected pair, whatever the edge types between them."""
    u = nx.Graph()
    u.add_nodes_from(g.nodes)
    u.add_edges_from((a, b) for a, b in g.edges() if a != b)
    return u


def _numbered(groups) -> dict[str, int]:
    """Node → group number; groups numbered by size (largest 0), ties by smallest member."""
    ordered = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    return {node: i for i, members in enumerate(ordered) for node in members}


def sample_size(u: nx.Graph) -> int | None:
    """Sources to sample for betweenness; None (exact) for small graphs."""
    if u.number_of_nodes() <= EXACT_LIMIT:
        return None
    k = EDGE_BUDGET // max(1, u.number_of_edges())
    return min(u.number_of_nodes(), max(SAMPLE_MIN, min(SAMPLE_MAX, k)))


def betweenness(u: nx.Graph, seed: int = SEED) -> tuple[dict[str, float], int | None]:
    k = sample_size(u)
    return nx.betweenness_centrality(u, k=k, seed=seed), k


def cited_by_orgs(g: nx.MultiDiGraph) -> dict[str, int]:
    """For every document, how many distinct organisations issued a report citing it."""
    issuers = {r: v for r, v, k in g.edges(keys=True) if k == "issues"}
    report_of = {m: r for m, r, k in g.edges(keys=True) if k == "part-of" and r in issuers}
    citing: dict[str, set[str]] = defaultdict(set)
    for source, doc, kind in g.edges(keys=True):
        if kind == "cites":
            report = source if source in issuers else report_of.get(source)
            if report is not None:
                citing[doc].add(issuers[report])
    return {doc: len(orgs) for doc, orgs in citing.items()}


def compute_measures(g: nx.MultiDiGraph, seed: int = SEED) -> Measures:
    """Every measure of the graph (seconds on a 1,000-report corpus)."""
    u = simple_view(g)
    m = Measures()
    if u.number_of_nodes() == 0:
        return m
    m.degree = dict(u.degree())
    m.degree_centrality = nx.degree_centrality(u)
    m.betweenness, m.betweenness_sample = betweenness(u, seed)
    m.community = _numbered(nx.community.louvain_communities(u, seed=seed))
    m.communities = len(set(m.community.values()))
    components = list(nx.connected_components(u))
    m.component = _numbered(components)
    m.component_sizes = sorted((len(c) for c in components), reverse=True)
    m.cited_by_orgs = cited_by_orgs(g)
    return m


def annotate(g: nx.MultiDiGraph, m: Measures) -> nx.MultiDiGraph:
    """Write the measures onto the nodes (and the graph), for exports and views."""
    for node, data in g.nodes(data=True):
        data["degree"] = m.degree.get(node, 0)
        data["degree_centrality"] = round(m.degree_centrality.get(node, 0.0), 6)
        data["betweenness"] = round(m.betweenness.get(node, 0.0), 6)
        data["community"] = m.community.get(node, -1)
        data["component"] = m.component.get(node, -1)
        if data.get("type") == "GovernmentDocument":
            data["cited_by_orgs"] = m.cited_by_orgs.get(node, 0)
    g.graph["betweenness_sample"] = m.betweenness_sample or 0  # 0: exact
    g.graph["communities"] = m.communities
    g.graph["components"] = len(m.component_sizes)
    return g
