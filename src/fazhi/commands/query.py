"""``fazhi query``: run a SPARQL query on the embedded store or on any SPARQL endpoint.

    fazhi query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    fazhi query @queries/plans-for-next-year.rq --format csv
    fazhi query @q.rq --endpoint https://fazhi.example.org/sparql --format json

SELECT/ASK answers print as a table, CSV or SPARQL JSON; CONSTRUCT/DESCRIBE answers print as
Turtle (or JSON-LD with ``--format json``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

import click

from fazhi.errors import BadRequest, StoreUnavailable

RESULTS_JSON = "application/sparql-results+json"
#: Longest cell printed in a table; CSV and JSON are never cut.
CELL = 60


def register(cli: click.Group) -> None:
    from fazhi.cli import handle_errors, store_options

    @cli.command()
    @click.argument("query")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                  show_default=True, help="How to print a SELECT/ASK answer.")
    @click.option("--timeout", type=float, default=None, help="Seconds before giving up.")
    @store_options
    @handle_errors
    def query(query, fmt, timeout, **kwargs):
        """Run QUERY (text, or @file.rq) on the store or a SPARQL endpoint (--endpoint)."""
        from fazhi.cli import _store_kwargs, make_config

        config = make_config(**_store_kwargs(kwargs))
        text = read_query(query)
        graph = _is_graph_query(text)
        if config.endpoint:
            body = run_remote(config.endpoint, text, graph, fmt, timeout or config.remote_timeout)
        else:
            body = run_local(config, text, graph, fmt, timeout)
        click.echo(body if graph else render(body, fmt), nl=not graph)


def read_query(arg: str) -> str:
    """The query text: ``@path`` reads a file, ``-`` reads standard input."""
    if arg == "-":
        return sys.stdin.read()
    if arg.startswith("@"):
        path = Path(arg[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise BadRequest(f"cannot read query file {path}: {exc.strerror}") from exc
    return arg


def _is_graph_query(text: str) -> bool:
    from fazhi.sparql.guard import query_form

    return query_form(text) in ("CONSTRUCT", "DESCRIBE")


def run_local(config, text: str, graph: bool, fmt: str, timeout: float | None) -> str:
    """SPARQL JSON (or Turtle/JSON-LD for graphs) from the store ``config`` names."""
    from fazhi.store import open_store

    with open_store(config, read_only=True) as store:
        result = store.query(text, timeout=timeout)
        media = _graph_media(fmt) if graph else RESULTS_JSON
        return result.serialize(media).decode("utf-8")


def _graph_media(fmt: str) -> str:
    return "application/ld+json" if fmt == "json" else "text/turtle"


def run_remote(endpoint: str, text: str, graph: bool, fmt: str, timeout: float) -> str:
    """The same, from a SPARQL endpoint, with SPARQLWrapper."""
    from SPARQLWrapper import JSON, JSONLD, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setMethod(POST)
    client.setTimeout(int(max(1, timeout)))
    client.setReturnFormat((JSONLD if fmt == "json" else TURTLE) if graph else JSON)
    try:
        return client.query().response.read().decode("utf-8")
    except SPARQLWrapperException as exc:
        raise BadRequest(f"{endpoint}: {exc}") from exc
    except OSError as exc:
        raise StoreUnavailable(f"cannot reach {endpoint}: {exc}") from exc


def render(results_json: str, fmt: str) -> str:
    """A SPARQL JSON answer as a table, CSV or (unchanged) JSON."""
    if fmt == "json":
        return results_json
    data = json.loads(results_json)
    if "boolean" in data:
        return "true" if data["boolean"] else "false"
    names = data["head"]["vars"]
    rows = [[_value(b.get(n)) for n in names] for b in data["results"]["bindings"]]
    return _csv(names, rows) if fmt == "csv" else _table(names, rows)


def _value(binding: dict | None) -> str:
    if binding is None:
        return ""
    return binding["value"]


def _csv(names: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


def _table(names: list[str], rows: list[list[str]]) -> str:
    """Columns aligned by display width (a Chinese character takes two columns)."""
    cells = [names] + [[_cut(c) for c in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(names))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


def _cut(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= CELL else text[:CELL - 1] + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
