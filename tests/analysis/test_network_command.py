"""``fazhi network`` writes a file networkx reads back."""

from __future__ import annotations

import networkx as nx
from click.testing import CliRunner

from fazhi.cli import cli


def test_network_command_writes_graphml(corpus_store, tmp_path):
    out = tmp_path / "n.graphml"
    result = CliRunner().invoke(cli, ["network", "--store", str(corpus_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    assert sum(1 for _, t in g.nodes(data="type") if t == "Report") == 5
    assert "nodes" in result.output  # the summary (stderr is mixed in by CliRunner)


def test_network_command_refuses_an_unknown_report(corpus_store):
    result = CliRunner().invoke(cli, ["network", "--store", str(corpus_store), "--report", "id/report/none/x/2020"])
    assert result.exit_code == 2 and "no report" in result.output
