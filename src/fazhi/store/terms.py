"""Turning our inputs into SPARQL text safely: graph names and triples as N-Triples terms."""

from __future__ import annotations

from typing import Iterable, Iterator

from pyoxigraph import NamedNode, Triple

from fazhi.errors import BadRequest


def graph_node(graph: str) -> NamedNode:
    """The graph name as a NamedNode; pyoxigraph rejects anything that is not an absolute IRI.

    :raises BadRequest: ``graph`` is not an IRI (so it can never inject SPARQL text).
    """
    try:
        return NamedNode(graph)
    except (ValueError, TypeError) as exc:
        raise BadRequest(f"not a graph IRI: {graph!r} ({exc})") from exc


def ntriples_lines(triples: Iterable[Triple]) -> Iterator[str]:
    """One N-Triples line per triple; pyoxigraph's ``str()`` of a term is its N-Triples form."""
    for t in triples:
        yield f"{t.subject} {t.predicate} {t.object} .\n"


def insert_data(graph: NamedNode, lines: Iterable[str]) -> str:
    """An ``INSERT DATA`` operation putting the N-Triples ``lines`` into ``graph``."""
    return f"INSERT DATA {{ GRAPH {graph} {{\n{''.join(lines)}}} }}"
