"""Ingest throughput and query speed of the embedded store against rdflib, in the same run.

    python bench/bench_ingest.py --corpus DIR [--store DIR] [--incremental 100] [--rdflib]

1. ingest: a fresh store built from every report in ``--corpus`` (bulk initial load):
   reports/s, triples/s, size on disk, peak memory of the process tree.
2. incremental: ``--incremental`` more reports re-ingested one transaction each into the
   now non-empty store (the path every later ingest takes).
3. queries: an entity's outgoing + incoming triples, one indicator across years and places,
   and instance counts per class, timed (median of 5) on the embedded store and, with
   ``--rdflib``, on an rdflib in-memory Graph holding the same triples: the ratio is the result.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import median_time, save

from fazhi.store import EmbeddedStore

BASE = "https://fazhi.example.org/"
QUERIES = {
    "entity_out_and_in": """SELECT ?p ?o ?s2 ?p2 WHERE {{ {{ <{entity}> ?p ?o }} UNION {{ ?s2 ?p2 <{entity}> }} }}""",
    "indicator_across_years": """
        PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
        PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?area ?year ?value WHERE {{
          ?obs <{fz}indicator> ?phrase ; sdmx-dimension:refArea ?area ;
               sdmx-dimension:refPeriod ?year ; sdmx-measure:obsValue ?value .
          ?phrase skos:exactMatch|skos:closeMatch <{base}def/indicator/full-online-processing-rate> .
        }} ORDER BY ?year""",
    "counts_per_class": """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?class }} GROUP BY ?class""",
}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed_ingest(corpus: Path, store: Path, extra: list[str]) -> tuple[float, str, int]:
    """Run ``fazhi ingest`` as a child process; wall time, its summary line, peak RSS (KB)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "fazhi", "ingest", str(corpus), "--store", str(store),
                           "--no-validate", *extra], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, last, peak


def ingest_phase(corpus: Path, store: Path) -> dict:
    reports = len(list(corpus.glob("*.txt")))
    elapsed, line, peak = timed_ingest(corpus, store, [])
    triples = next((int(part.split()[0]) for part in line.split(", ") if part.endswith(" triples")), 0)
    return {"reports": reports, "seconds": round(elapsed, 1), "summary": line,
            "reports_per_second": round(reports / elapsed, 1), "triples_per_second": round(triples / elapsed),
            "store_bytes": du(store), "peak_rss_mb": round(peak / 1024)}


def incremental_phase(corpus: Path, store: Path, n: int) -> dict:
    sample = Path(tempfile.mkdtemp(prefix="fazhi-incr-"))
    for i, path in enumerate(sorted(corpus.glob("*.txt"))[:n]):
        text = path.read_text(encoding="utf-8")
        (sample / path.name).write_text(text + f"\n\n（修订 {i}）\n", encoding="utf-8")  # new digest
    elapsed, line, _ = timed_ingest(sample, store, [])
    shutil.rmtree(sample)
    return {"reports": n, "seconds": round(elapsed, 1), "reports_per_second": round(n / elapsed, 1), "summary": line}


def query_phase(store_path: Path, with_rdflib: bool) -> dict:
    store = EmbeddedStore(store_path, read_only=True)
    entity = _busy_entity(store)
    texts = {k: q.format(entity=entity, fz=BASE + "def/fz#", base=BASE) for k, q in QUERIES.items()}
    results = {"entity": entity}
    for name, query in texts.items():
        seconds, _ = median_time(lambda: list(store.query(query)), 5)
        results[name] = {"oxigraph_ms": round(seconds * 1000, 2), "rows": len(list(store.query(query)))}
    if with_rdflib:
        _compare_rdflib(store, texts, results)
    return results


def _busy_entity(store: EmbeddedStore) -> str:
    query = f"SELECT ?o WHERE {{ ?r a <{BASE}def/fz#Report> ; <http://purl.org/dc/terms/creator> ?o }} LIMIT 1"
    return next(iter(store.query(query)))["o"].value


def _compare_rdflib(store: EmbeddedStore, texts: dict, results: dict) -> None:
    import rdflib

    started = time.perf_counter()
    graph = rdflib.Dataset(default_union=True)
    graph.parse(data=b"".join(store.dump("application/n-quads")), format="nquads")
    results["rdflib_load_seconds"] = round(time.perf_counter() - started, 1)
    for name, query in texts.items():
        seconds, _ = median_time(lambda: list(graph.query(query)), 3)
        results[name]["rdflib_ms"] = round(seconds * 1000, 2)
        results[name]["ratio_rdflib_over_oxigraph"] = round(seconds * 1000 / results[name]["oxigraph_ms"], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--store", type=Path, help="reuse this store for the query phase (skip ingest)")
    parser.add_argument("--incremental", type=int, default=100)
    parser.add_argument("--rdflib", action="store_true")
    args = parser.parse_args()
    result = {"corpus": str(args.corpus)}
    store = args.store
    if store is None:
        store = Path(tempfile.mkdtemp(prefix="fazhi-bench-")) / "store"
        result["ingest"] = ingest_phase(args.corpus, store)
        result["incremental"] = incremental_phase(args.corpus, store, args.incremental)
    result["queries"] = query_phase(store, args.rdflib)
    save(f"ingest-{args.corpus.name}", result)


if __name__ == "__main__":
    main()
