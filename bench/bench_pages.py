"""Page and data-document latency under load: 8 concurrent clients against ``fazhi serve``.

    python bench/bench_pages.py [--store DIR] [--clients 8] [--requests 1500] [--entities 400]
                                [--processes N] [--out NAME]

Starts ``fazhi serve`` (waitress, read-only store) on a free port of 127.0.0.1 over an on-disk
store (default: /work/benchdata/store10k when built, else store1k), samples entities of every
kind from it, warms each URL once, then measures median and p99 latency and requests/s for
entity pages, data documents (Turtle), the home page, class indexes and search.

The peer in the same run is a minimal Flask app under the same waitress settings whose routes
call pyoxigraph directly for the same entities (one ``?p ?o`` query, rows escaped into a bare
HTML list, or a CONSTRUCT serialised as Turtle): what any Flask + pyoxigraph site pays at least.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from common import save

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://fazhi.example.org/"
KINDS = {
    "report": f"{BASE}def/fz#Report",
    "organization": "http://www.w3.org/ns/org#Organization",
    "observation": "http://purl.org/linked-data/cube#Observation",
    "document": f"{BASE}def/fz#GovernmentDocument",
    "measure": f"{BASE}def/fz#Measure",
}


# ---------------------------------------------------------------- the peer app


def peer_app(store_dir: str):
    """A bare Flask + pyoxigraph entity route: one query, no labels, no template."""
    from html import escape

    import pyoxigraph as ox
    from flask import Flask, Response

    store = ox.Store.read_only(store_dir)
    app = Flask("peer")

    @app.get("/page/<path:rest>")
    def page(rest):
        rows = store.query(f"SELECT DISTINCT ?p ?o WHERE {{ <{BASE}{rest}> ?p ?o }}", use_default_graph_as_union=True)
        items = "".join(f"<li>{escape(str(r['p']))} {escape(str(r['o']))}</li>" for r in rows)
        return f"<!doctype html><title>{escape(rest)}</title><ul>{items}</ul>"

    @app.get("/data/<path:rest>.ttl")
    def data(rest):
        triples = store.query(f"CONSTRUCT {{ <{BASE}{rest}> ?p ?o }} WHERE {{ <{BASE}{rest}> ?p ?o }}",
                              use_default_graph_as_union=True)
        return Response(ox.serialize(triples, format=ox.RdfFormat.TURTLE), mimetype="text/turtle")

    return app


# ---------------------------------------------------------------- servers


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], port: int, extra_env: dict | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update(PYTHONPATH=str(ROOT / "src"), **(extra_env or {}))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", "/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"server on port {port} did not start")


def fazhi_server(store: str, port: int, threads: int, processes: int, page_cache: bool = True) -> subprocess.Popen:
    """``fazhi serve`` itself; without ``page_cache`` every page is rendered afresh."""
    env = {} if page_cache else {"FAZHI_PAGE_CACHE_BYTES": "0"}
    return start([sys.executable, "-c", "from fazhi.cli import cli; cli()", "serve", "--store", store,
                  "--port", str(port), "--threads", str(threads), "--processes", str(processes),
                  "--base-uri", BASE], port, env)


def peer_server(store: str, port: int, threads: int) -> subprocess.Popen:
    return start([sys.executable, __file__, "--serve-peer", "--store", store, "--port", str(port),
                  "--threads", str(threads)], port)


# ---------------------------------------------------------------- load


def sample_entities(store_dir: str, per_kind: int, seed: int) -> dict[str, list[str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)
    rng = random.Random(seed)
    out = {}
    for kind, cls in KINDS.items():
        rows = store.query(f"SELECT ?x WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} }} LIMIT 20000",
                           use_default_graph_as_union=True)
        found = sorted({r["x"].value for r in rows})
        out[kind] = rng.sample(found, min(per_kind, len(found)))
    return out


def run_load(port: int, paths: list[str], clients: int, total: int) -> dict:
    """``clients`` threads, each with a keep-alive connection, share ``total`` requests."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(total))

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local, codes = [], {}
        for n in counter:
            path = paths[(n + offset) % len(paths)]
            started = time.perf_counter()
            conn.request("GET", path, headers={"Accept": "text/html"})
            response = conn.getresponse()
            response.read()
            local.append(time.perf_counter() - started)
            codes[response.status] = codes.get(response.status, 0) + 1
        with lock:
            latencies.extend(local)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=client, args=(i * 7,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "statuses": statuses,
            "median_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
            "requests_per_second": round(len(latencies) / elapsed, 1)}


def warm(port: int, paths: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for path in paths:
        conn.request("GET", path)
        conn.getresponse().read()


#: Requests that wait until a server's background builds (class tables, search index) are done.
READY = ["/search?q=%E6%B3%95%E6%B2%BB", "/measures", "/organizations", "/documents", "/indicators", "/reports"]


def scenarios(entities: dict[str, list[str]]) -> dict[str, list[str]]:
    local = {k: [iri[len(BASE):] for iri in v] for k, v in entities.items()}
    mixed = [p for kind in ("report", "organization", "observation", "document") for p in local[kind]]
    random.Random(7).shuffle(mixed)
    return {
        "entity_page": [f"/page/{p}" for p in mixed],
        "data_document_ttl": [f"/data/{p}.ttl" for p in mixed],
        "report_page": [f"/page/{p}" for p in local["report"]],
        "organization_page": [f"/page/{p}" for p in local["organization"]],
        "report_viewer": [f"/page/{p}/text" for p in local["report"][:100]],
        "home": ["/"],
        "index_pages": ["/reports", "/reports?sort=-year&page=2", "/organizations?page=3", "/documents?sort=-count",
                        "/indicators", "/measures?page=10", "/years", "/reports?year=2022"],
        "search": [f"/search?q={quote(q)}" for q in ("法律援助", "行政复议", "政务服务")] + [f"/search/suggest?q={quote('司法')}"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default_store = "/work/benchdata/store10k"
    if not Path(default_store, "CURRENT").exists() or any(Path("/work/benchdata").glob("store10k.*ing")):
        default_store = "/work/benchdata/store1k"
    parser.add_argument("--store", default=default_store)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--entities", type=int, default=100, help="per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--serve-peer", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=0, help="fazhi serve --processes (0: its default)")
    parser.add_argument("--out", default="pages")
    args = parser.parse_args()
    if args.serve_peer:
        from waitress import serve

        serve(peer_app(args.store), host="127.0.0.1", port=args.port, threads=args.threads, ident="peer")
        return
    entities = sample_entities(args.store, args.entities, args.seed)
    runs = scenarios(entities)
    results = {}
    fazhi_port, peer_port = free_port(), free_port()
    started = time.perf_counter()
    fazhi = fazhi_server(args.store, fazhi_port, args.threads, args.processes)
    startup = time.perf_counter() - started
    warm(fazhi_port, READY)
    ready = time.perf_counter() - started
    try:
        for name, paths in runs.items():
            t = time.perf_counter()
            warm(fazhi_port, paths)
            results[name] = {"warm_seconds": round(time.perf_counter() - t, 2),
                             **run_load(fazhi_port, paths, args.clients, args.requests)}
            print(name, results[name], flush=True)
    finally:
        fazhi.terminate()
        fazhi.wait()
    uncached_port = free_port()
    uncached = fazhi_server(args.store, uncached_port, args.threads, args.processes, page_cache=False)
    try:
        warm(uncached_port, READY)
        for name in ("entity_page", "data_document_ttl", "report_viewer"):
            paths = runs[name]
            t = time.perf_counter()
            warm(uncached_port, paths)
            results[name + "_uncached"] = {"first_view_ms_mean": round((time.perf_counter() - t) / len(paths) * 1000, 2),
                                           **run_load(uncached_port, paths, args.clients, args.requests)}
            print(name + "_uncached", results[name + "_uncached"], flush=True)
    finally:
        uncached.terminate()
        uncached.wait()
    peer = peer_server(args.store, peer_port, args.threads)
    try:
        for name in ("entity_page", "data_document_ttl"):
            paths = runs[name]
            warm(peer_port, paths)
            results["peer_" + name] = run_load(peer_port, paths, args.clients, args.requests)
            print("peer_" + name, results["peer_" + name], flush=True)
    finally:
        peer.terminate()
        peer.wait()
    for name in ("entity_page", "data_document_ttl"):
        theirs = results["peer_" + name]
        for ours in (results[name], results[name + "_uncached"]):
            ours["median_ratio_to_peer"] = round(ours["median_ms"] / theirs["median_ms"], 2)
            ours["throughput_ratio_to_peer"] = round(ours["requests_per_second"] / theirs["requests_per_second"], 2)
    save(f"{args.out}-{Path(args.store).name}", {"store": args.store, "clients": args.clients, "threads": args.threads,
                                             "processes": args.processes or "default",
                                             "requests_per_scenario": args.requests, "server_start_seconds": round(startup, 2),
                                             "tables_and_search_ready_seconds": round(ready, 2),
                                             "entities_per_kind": args.entities, "results": results})


if __name__ == "__main__":
    main()
