"""One entity's place in the corpus network: its measures and its neighbours."""

from __future__ import annotations

import networkx as nx

from fazhi.analysis.cache import CACHE, AnalysisCache
from fazhi.analysis.graph import GraphFilter
from fazhi.errors import NotFound
from fazhi.store import Store

#: Neighbours listed by default (a year or a national law can have thousands).
LIMIT = 40
MEASURES = ("degree", "degree_centrality", "betweenness", "community", "component")


def node_record(g: nx.MultiDiGraph, node: str) -> dict:
    """A node as JSON: IRI, label, type and every measure written on it."""
    data = g.nodes[node]
    record = {"iri": node, "label": data.get("label", node), "type": data.get("type", "")}
    record.update({k: data[k] for k in (*MEASURES, "year", "cited_by_orgs") if k in data})
    return record


def neighbours(g: nx.MultiDiGraph, node: str) -> list[dict]:
    """Every neighbour with the edge types joining them, busiest neighbours first."""
    found: dict[str, dict] = {}
    edges = [(v, k, "out", d) for _, v, k, d in g.out_edges(node, keys=True, data=True)]
    edges += [(u, k, "in", d) for u, _, k, d in g.in_edges(node, keys=True, data=True)]
    for other, kind, direction, data in edges:
        entry = found.setdefault(other, {**node_record(g, other), "edges": []})
        entry["edges"].append({"type": kind, "direction": direction, "weight": data.get("weight", 1)})
    return sorted(found.values(), key=lambda n: (-n.get("degree", 0), n["iri"]))


def rank(g: nx.MultiDiGraph, node: str, measure: str) -> dict:
    """Where ``node`` stands on ``measure`` among nodes of its type (1 = highest)."""
    kind = g.nodes[node].get("type")
    value = g.nodes[node].get(measure, 0)
    peers = [d.get(measure, 0) for _, d in g.nodes(data=True) if d.get("type") == kind]
    return {"rank": 1 + sum(1 for v in peers if v > value), "of": len(peers)}


def ego_of(g: nx.MultiDiGraph, iri: str, limit: int = LIMIT) -> dict:
    """The ego record of ``iri`` in an analysed graph ``g``."""
    if iri not in g:
        raise NotFound(f"{iri} is not a node of the network (it issues, cites, mentions or "
                       "states nothing, and nothing points to it)")
    around = neighbours(g, iri)
    record = node_record(g, iri)
    record.update({"neighbours": around[:limit], "total_neighbours": len(around),
                   "ranks": {m: rank(g, iri, m) for m in ("degree", "betweenness")},
                   "betweenness_sample": g.graph.get("betweenness_sample", 0),
                   "version": g.graph.get("version", "")})
    return record


def ego(store: Store, iri: str, base_uri: str, *, limit: int = LIMIT, wait: float | None = None,
        cache: AnalysisCache = CACHE) -> dict:
    """Centrality, community and neighbours of ``iri`` in the corpus network.

    Uses the corpus graph cached for the store's dataset version (built on first use).
    ``wait`` bounds the wait for that build (:class:`~fazhi.analysis.cache.Computing` after);
    :class:`NotFound` when ``iri`` is not in the network.
    """
    analysis = cache.get(store, base_uri, GraphFilter(), wait=wait)
    return ego_of(analysis.graph, iri, limit)
