"""Write a graph as GraphML, GEXF or node-link JSON, each loadable by networkx and Gephi.

Every node carries ``label``, ``type`` and the measures (see :func:`measures.annotate`); every
edge ``type`` and ``weight``. The formats differ in what they accept, so this module adapts:
GEXF uses ``id`` attributes for edges (a multigraph's keys repeat, so edges get serial ids and
keep their type as an attribute), and JSON is networkx's node-link form with ``edges``.
"""

from __future__ import annotations

import io
import json

import networkx as nx

from fazhi.errors import BadRequest

FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
           "json": "application/json"}


def _for_gexf(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose edge keys are unique serial numbers, as GEXF edge ids must be."""
    out = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from(g.nodes(data=True))
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        out.add_edge(u, v, key=str(i), edge_type=data.get("type", ""), weight=data.get("weight", 1))
    return out


def node_link(g: nx.MultiDiGraph) -> dict:
    """networkx's node-link dict (``nx.node_link_graph(data, edges="edges")`` reads it back)."""
    return nx.node_link_data(g, edges="edges")


def export_bytes(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The whole graph in ``fmt`` (graphml, gexf or json)."""
    if fmt not in FORMATS:
        raise BadRequest(f"unknown network format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps(node_link(g), ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buffer, encoding="utf-8")
    else:
        nx.write_gexf(_for_gexf(g), buffer, encoding="utf-8")
    return buffer.getvalue()
