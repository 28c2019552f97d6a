"""``fazhi network``: the corpus network with its measures, as GraphML, GEXF or JSON.

    fazhi network -o corpus.graphml
    fazhi network --year 2022 --format gexf -o 2022.gexf
    fazhi network --issuer https://fazhi.example.org/id/org/511083/government --format json
    fazhi network --report https://fazhi.example.org/id/report/511083/government/2021

Without ``-o`` the graph goes to standard output; a summary (nodes, edges, communities, the
most central nodes) goes to standard error.
"""

from __future__ import annotations

import sys

import click


def register(cli: click.Group) -> None:
    from fazhi.cli import handle_errors, store_options

    @cli.command()
    @click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="graphml",
                  show_default=True, help="Output format.")
    @click.option("--year", "years", type=int, multiple=True, help="Only reports about this year (repeatable).")
    @click.option("--issuer", help="Only reports issued by this organisation (IRI, or path such as id/org/…).")
    @click.option("--report", help="Only this report (IRI, or path such as id/report/…); measures become nodes.")
    @click.option("--measures/--no-measures", default=None,
                  help="Measures as nodes of their own [default: only with --report].")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not to stdout.")
    @store_options
    @handle_errors
    def network(fmt, years, issuer, report, measures, output, **kwargs):
        """Export the network of reports, organisations, documents and indicators, with measures."""
        from fazhi.cli import _store_kwargs, make_config
        from fazhi.store import open_store

        config = make_config(**_store_kwargs(kwargs))
        with open_store(config, read_only=True) as store:
            body, analysis = build(store, config.base_uri, fmt, years, issuer, report, measures)
        if output:
            with open(output, "wb") as out:
                out.write(body)
        else:
            sys.stdout.buffer.write(body)
        click.echo(summary(analysis), err=True)


def absolute(value: str | None, base_uri: str) -> str | None:
    """An IRI as given, or a path under the base (``id/org/x`` → ``{base}id/org/x``)."""
    if not value or "://" in value:
        return value
    return base_uri + value.lstrip("/")


def build(store, base_uri: str, fmt: str, years=(), issuer=None, report=None, measures=None):
    """The exported bytes and the analysis they came from."""
    from fazhi.analysis.cache import analyse
    from fazhi.analysis.export import export_bytes
    from fazhi.analysis.graph import GraphFilter
    from fazhi.dataset import read_summary

    f = GraphFilter(tuple(years), absolute(issuer, base_uri), absolute(report, base_uri), measures)
    analysis = analyse(store, base_uri, f, read_summary(store, base_uri).version)
    return export_bytes(analysis.graph, fmt), analysis


def summary(analysis) -> str:
    g, m = analysis.graph, analysis.measures
    sample = f"sampled from {m.betweenness_sample} sources" if m.betweenness_sample else "exact"
    lines = [f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
             f"{m.communities} communities, {len(m.component_sizes)} connected components "
             f"(betweenness {sample}; {analysis.seconds:.1f} s)"]
    for iri, value in m.top("betweenness", 5):
        lines.append(f"  {value:.4f}  {g.nodes[iri].get('label', iri)}  <{iri}>")
    return "\n".join(lines)
