"""Network analysis on a real store: building the graph with a few SELECTs against a peer that
asks one query per report (what a naive builder does), the measures, and web requests served
from the per-version cache against the first (uncached) build.

    python bench/bench_network.py --store /work/benchdata/store1k --runs 3

Writes bench/results/network.json.
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import median_time, save

from fazhi.analysis.cache import AnalysisCache
from fazhi.analysis.graph import GraphFilter, build_graph
from fazhi.analysis.measures import compute_measures
from fazhi.config import Config
from fazhi.store import EmbeddedStore

BASE = Config.base_uri
PER_REPORT = """PREFIX fz: <{base}def/fz#> PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?p ?o WHERE {{ {{ {r} dct:creator|dct:references|fz:reportingYear|dct:spatial ?o BIND(1 AS ?p) }}
  UNION {{ ?o fz:citedIn ?x FILTER(STRSTARTS(STR(?x), STR({r}))) BIND(2 AS ?p) }} }}"""


def per_report_peer(store) -> int:
    """One query listing the reports, then one query per report for its edges."""
    reports = [row["r"] for row in store.query(f"SELECT ?r WHERE {{ ?r a <{BASE}def/fz#Report> }}")]
    edges = 0
    for r in reports:
        edges += sum(1 for _ in store.query(PER_REPORT.format(base=BASE, r=r)))
    return edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default="/work/benchdata/store1k")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = EmbeddedStore(args.store, read_only=True)
    build, _ = median_time(lambda: build_graph(store, BASE), args.runs)
    peer, _ = median_time(lambda: per_report_peer(store), args.runs)
    g = build_graph(store, BASE)
    measures, _ = median_time(lambda: compute_measures(g), args.runs)
    year, _ = median_time(lambda: compute_measures(build_graph(store, BASE, GraphFilter(years=(2022,)))), args.runs)
    cache = AnalysisCache()
    started = time.perf_counter()
    cache.get(store, BASE)
    first = time.perf_counter() - started
    cached = statistics.median(_timed(lambda: cache.get(store, BASE)) for _ in range(20))
    save("network", {"store": args.store, "runs": args.runs, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                     "build_s": round(build, 3), "peer_one_query_per_report_s": round(peer, 3),
                     "peer_over_build": round(peer / build, 2), "measures_s": round(measures, 3),
                     "one_year_build_and_measures_s": round(year, 3), "first_request_s": round(first, 3),
                     "cached_request_s": round(cached, 5), "first_over_cached": round(first / cached, 1)})


def _timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
