"""Load speed of ``replace_graph`` on the embedded on-disk store.

5,000 triples × 200 graphs into a fresh folder, three runs, prints the median in triples/s.
Triples are shaped like a report's (IRIs under one base, Chinese literals with language tags)
and built before the clock starts, so only the store is timed.

    PYTHONPATH=src python bench/store_load.py [--graphs 200] [--triples 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple

from fazhi.store import EmbeddedStore

BASE = "https://fazhi.example.org/id/"


def report_graph(number: int, size: int) -> list[Triple]:
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    value = NamedNode(BASE + "value")
    out = []
    for i in range(size):
        subject = NamedNode(f"{BASE}report/{number}/measure/{i // 5}")
        obj = Literal(f"第{i}项措施：推进法治政府建设", language="zh") if i % 2 else Literal(str(i))
        out.append(Triple(subject, label if i % 2 else value, obj))
    return out


def one_run(graphs: list[list[Triple]]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        with EmbeddedStore(Path(folder) / "store") as store:
            started = time.perf_counter()
            for number, triples in enumerate(graphs):
                store.replace_graph(f"{BASE}graph/report/{number}", triples)
            store._store.flush()
            return sum(map(len, graphs)) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graphs", type=int, default=200)
    parser.add_argument("--triples", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graphs = [report_graph(n, args.triples) for n in range(args.graphs)]
    rates = [one_run(graphs) for _ in range(args.runs)]
    print(f"replace_graph, {args.graphs} graphs x {args.triples} triples, on disk: "
          f"median {statistics.median(rates):,.0f} triples/s "
          f"(runs: {', '.join(f'{r:,.0f}' for r in rates)})")


if __name__ == "__main__":
    main()
