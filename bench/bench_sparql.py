"""SPARQL endpoint throughput: fazhi (every protection on) against peers on the same data.

Peers, each serving the same store on 127.0.0.1, measured in the same run:
- ``flask``: a minimal Flask wrapper around pyoxigraph (no guard, no limits, no workers):
  the ceiling fazhi's protections are measured against;
- ``oxigraph``: ``oxigraph serve-read-only --union-default-graph`` (pip package ``oxigraph``);
- ``rdflib``: rdflib-endpoint over an rdflib Dataset loaded from the store's N-Quads dump
  (``pip install rdflib-endpoint uvicorn`` into the venv; not a fazhi dependency).

For each query (the worked examples and an entity DESCRIBE of a random report) N clients on
keep-alive connections send requests for a fixed time; we report requests/s, median and p99
latency, errors, and fazhi's ratios to each peer.

    python bench/bench_sparql.py --store /work/benchdata/store1k --seconds 5
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from common import save  # noqa: E402  (puts src/ on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DESCRIBE = "entity-describe"
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


# ------------------------------------------------------------------ servers (run as children)
def serve_flask(store: str, port: int) -> None:
    import pyoxigraph as ox
    import waitress
    from flask import Flask, Response, request

    db = ox.Store.read_only(store)
    app = Flask("minimal")

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        result = db.query(request.values["query"], use_default_graph_as_union=True)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            return Response(result.serialize(format=ox.QueryResultsFormat.JSON), mimetype=JSON)
        return Response(ox.serialize(result, format=ox.RdfFormat.TURTLE), mimetype=TURTLE)

    waitress.serve(app, host="127.0.0.1", port=port, threads=8, _quiet=True)


def serve_rdflib(store: str, port: int) -> None:
    import pyoxigraph as ox
    import rdflib
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    data = b"".join(ox.serialize(list(ox.Store.read_only(store).quads_for_pattern(None, None, None, None)),
                                 format=ox.RdfFormat.N_QUADS) for _ in [0])
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", public_url=f"http://127.0.0.1:{port}/sparql")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error")


SERVERS = {"flask": serve_flask, "rdflib": serve_rdflib}
#: ``fazhi serve --processes`` for the fazhi peer (0: its default, one per core).
PROCESSES = 0


def start(peer: str, store: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    if peer == "oxigraph":
        oxigraph = Path(sys.executable).with_name("oxigraph")
        command = [str(oxigraph), "serve-read-only", "--location", store,
                   "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "10"]
        path = "/query"
    elif peer == "fazhi":  # the real server, default limits: 10 s, 10,000 rows, 2 workers per process
        command = [sys.executable, "-c", "from fazhi.cli import cli; cli()", "serve", "--store", store,
                   "--host", "127.0.0.1", "--port", str(port), "--processes", str(PROCESSES)]
        path = "/sparql"
    else:
        command = [sys.executable, __file__, "--serve", peer, "--port", str(port), "--store", store]
        path = "/sparql"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _wait_for(port, process, 900 if peer == "rdflib" else 60)
    return process, f"http://127.0.0.1:{port}{path}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("server did not start")


# ------------------------------------------------------------------ load
def workload(store: str) -> dict[str, list[tuple[str, str]]]:
    """query name → list of (query text, Accept); DESCRIBE gets many report IRIs."""
    import pyoxigraph as ox

    from fazhi.sparql.examples import load_examples

    db = ox.Store.read_only(store)
    reports = [r["r"].value for r in db.query(
        "SELECT ?r WHERE { GRAPH ?g { ?r a <https://fazhi.example.org/def/fz#Report> } } LIMIT 500")]
    del db
    work = {e.name: [(e.query, JSON)] for e in load_examples()}
    work[DESCRIBE] = [(f"DESCRIBE <{iri}>", TURTLE) for iri in reports]
    return work


def hammer(url: str, requests: list[tuple[str, str]], clients: int, seconds: float,
           request_timeout: float) -> dict:
    parts = urllib.parse.urlsplit(url)
    latencies: list[float] = []
    errors: list[int] = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=request_timeout)
        while time.monotonic() < stop:
            query, accept = rng.choice(requests)
            path = parts.path + "?" + urllib.parse.urlencode({"query": query})
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=request_timeout)
            took = time.perf_counter() - started
            with lock:
                (latencies if status == 200 else errors).append(took if status == 200 else status)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return _stats(latencies, errors, elapsed)


def _stats(latencies: list[float], errors: list[int], elapsed: float) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else None
    return {"requests": len(ordered), "rps": round(len(ordered) / elapsed, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 2) if ordered else None,
            "p99_ms": round(p99 * 1000, 2) if p99 is not None else None,
            "errors": len(errors), "error_statuses": sorted(set(errors))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default=_default_store())
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--peers", default="fazhi,flask,oxigraph,rdflib")
    parser.add_argument("--queries", default="", help="comma-separated query names (default all)")
    parser.add_argument("--request-timeout", type=float, default=60.0)
    parser.add_argument("--processes", type=int, default=0, help="fazhi serve --processes (0: its default)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        SERVERS[args.serve](args.store, args.port)
        return
    global PROCESSES
    PROCESSES = args.processes
    work = workload(args.store)
    if args.queries:
        work = {k: v for k, v in work.items() if k in args.queries.split(",")}
    results = {}
    for peer in args.peers.split(","):
        process, url = start(peer, args.store)
        try:
            results[peer] = {}
            for name, reqs in work.items():
                measured = hammer(url, reqs, args.clients, args.seconds, args.request_timeout)
                results[peer][name] = measured
                print(f"{peer:>9} {name:<36} {measured['rps']:>8} req/s  p50 {measured['p50_ms']} ms"
                      f"  p99 {measured['p99_ms']} ms  errors {measured['errors']}", flush=True)
        finally:
            process.kill()
            process.wait()
    save("sparql", {"store": args.store, "clients": args.clients, "seconds": args.seconds,
                    "results": results, "ratios": _ratios(results)})


def _ratios(results: dict) -> dict:
    """fazhi's requests/s over each peer's, per query."""
    ours = results.get("fazhi", {})
    out = {}
    for peer, measured in results.items():
        if peer == "fazhi":
            continue
        out[peer] = {q: round(ours[q]["rps"] / m["rps"], 2) if m["rps"] else None
                     for q, m in measured.items() if q in ours}
    return out


def _default_store() -> str:
    for candidate in ("/work/benchdata/store10k", "/work/benchdata/store1k"):
        busy = any(Path(candidate + s).exists() for s in (".building", ".loading"))
        if Path(candidate).is_dir() and not busy:
            return candidate
    return str(ROOT / "data" / "store")


if __name__ == "__main__":
    main()
