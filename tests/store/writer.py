"""A writer process for the atomicity test: replaces one graph forever, alternating sizes."""

from __future__ import annotations

import sys

from pyoxigraph import Literal, NamedNode, Triple

from fazhi.store import EmbeddedStore

GRAPH = "http://test.fazhi/graph/big"
SIZES = (60_000, 45_000)


def content(n: int) -> list[Triple]:
    p = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    return [Triple(NamedNode(f"http://test.fazhi/s/{i}"), p, Literal(f"第{i}条", language="zh"))
            for i in range(n)]


def main(path: str) -> None:
    versions = [content(n) for n in SIZES]
    with EmbeddedStore(path) as store:
        # Start with the size not stored now, so that old and new counts always differ.
        first = 1 if store.count(GRAPH) == SIZES[0] else 0
        print("ready", flush=True)
        for turn in range(first, 10**6):
            store.replace_graph(GRAPH, versions[turn % 2])


if __name__ == "__main__":
    main(sys.argv[1])
