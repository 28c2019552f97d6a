"""Exports load back in networkx with the same nodes, edges and measures."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from fazhi.analysis.cache import analyse
from fazhi.analysis.export import export_bytes
from fazhi.analysis.graph import GraphFilter
from fazhi.errors import BadRequest

from tests.analysis.conftest import BASE, iri

READERS = {"graphml": lambda b: nx.read_graphml(io.BytesIO(b)),
           "gexf": lambda b: nx.read_gexf(io.BytesIO(b)),
           "json": lambda b: nx.node_link_graph(json.loads(b), edges="edges")}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_export_round_trip(tiny_store, fmt):
    g = analyse(tiny_store, BASE, GraphFilter()).graph
    back = READERS[fmt](export_bytes(g, fmt))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    r1 = iri("id/report/000001/government/2021")
    assert back.nodes[r1]["type"] == "Report"
    assert float(back.nodes[r1]["betweenness"]) == pytest.approx(g.nodes[r1]["betweenness"])
    assert int(back.nodes[r1]["community"]) == g.nodes[r1]["community"]


def test_unknown_format(tiny_store):
    with pytest.raises(BadRequest):
        export_bytes(analyse(tiny_store, BASE, GraphFilter()).graph, "dot")
