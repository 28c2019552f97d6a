"""A bounded soak test of ``fazhi serve``: a mixed load for a fixed time, on loopback only.

    python bench/soak.py [--store DIR] [--seconds 600] [--clients 8] [--dumps DIR]

Starts ``fazhi serve`` on a free port of 127.0.0.1 over an on-disk store (default
/work/benchdata/store1k) and runs ``--clients`` client threads, each on its own keep-alive
connection, mixing entity pages, data documents, searches and suggestions, SPARQL queries,
class indexes (HTML, CSV, JSON) and dump downloads (live per-report dumps, and the release
files when ``--dumps`` holds one made by ``fazhi publish-dumps``). One more thread sends a
runaway SPARQL query every ``--runaway-every`` seconds with ``timeout=`` set: those must come
back as 503 at the time limit, and are counted apart as intended. It stops by itself after
``--seconds``, stops the server, and writes bench/results/soak.json:

- errors: every non-intended status >= 400 or connection failure, by route and status, with
  examples (target: none);
- per route and minute: count, p50 and p99 latency (ms);
- the server's RSS (all its server processes, and apart its SPARQL worker processes) every few
  seconds (target: flat after warm-up), with the growth from the end of minute 1 to the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

from common import save

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://fazhi.example.org/"
SEARCH_WORDS = ["行政复议", "法律援助", "司法局", "人民政府", "执法", "普法", "合法性审查", "政务公开",
                "行政诉讼", "营商环境", "法治", "公共法律服务", "调解", "备案审查", "依法行政"]
SPARQL_QUERIES = [
    "PREFIX fz: <{b}def/fz#> PREFIX dct: <http://purl.org/dc/terms/> "
    "SELECT ?r ?t WHERE {{ ?r a fz:Report ; dct:title ?t }} LIMIT 20",
    "SELECT ?p (COUNT(*) AS ?n) WHERE {{ <{r}> ?p ?o }} GROUP BY ?p",
    "DESCRIBE <{r}>",
    "ASK {{ <{r}> ?p ?o }}",
    "PREFIX dct: <http://purl.org/dc/terms/> SELECT ?part ?t WHERE {{ ?part dct:isPartOf+ <{r}> ; "
    "dct:title ?t }} LIMIT 50",
]
#: A cross product of the whole store: never finishes within any time limit.
LOG = ROOT / "bench" / "results" / "soak-server.log"
#: Seconds without a single answered request that count as a stall.
STALL = 20.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Share of each kind of request in the clients' mix.
MIX = {"page": 30, "data": 8, "search": 12, "suggest": 5, "sparql": 12, "index": 15,
       "index-export": 5, "dump-live": 6, "dump-release": 3, "home": 4}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------------ the server
def start_server(store: str, port: int, threads: int, dumps: str | None, processes: int = 0) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    if dumps:
        env["FAZHI_DUMPS_DIR"] = dumps
    # SIGUSR1 makes fazhi serve print every thread's stack (the watchdog asks for it on a stall).
    command = [sys.executable, "-c", "from fazhi.cli import cli; cli()", "serve", "--store", store,
               "--port", str(port), "--threads", str(threads), "--processes", str(processes), "--base-uri", BASE]
    LOG.parent.mkdir(exist_ok=True)
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=LOG.open("wb"))


def wait_up(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("fazhi serve exited: " + LOG.read_text(errors="replace")[-2000:])
        try:  # up, with its class tables and search index built
            if all(get(port, path, timeout=120)[0] == 200 for path in ("/reports.json?size=1", "/search?q=" + quote("法治"))):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("fazhi serve did not come up")


def get(port: int, target: str, timeout: float = 60) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


# ------------------------------------------------------------------ what to ask for
class Targets:
    """URLs sampled from the running site: entities of every kind, reports, release files."""

    def __init__(self, port: int, rng: random.Random):
        self.rng = rng
        self.entities: list[str] = []
        self.reports: list[str] = []
        for index, size in (("reports", 500), ("organizations", 300), ("documents", 300),
                            ("measures", 300), ("indicators", 100), ("years", 50)):
            status, body = get(port, f"/{index}.json?size={size}")
            items = json.loads(body)["items"] if status == 200 else []
            self.entities += [i["iri"] for i in items]
            if index == "reports":
                self.reports = [i["iri"] for i in items]
        self.release = self._release(port)

    def _release(self, port: int) -> list[str]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/dumps/", headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        if response.status != 200:
            return []
        files = json.loads(body).get("files", [])
        small = [f["path"] for f in files if f.get("size", 0) < 5_000_000]
        return small or [f["path"] for f in files][:5]

    def local(self, iri: str) -> str:
        return iri[len(BASE):]

    def pick(self, kind: str) -> tuple[str, str]:
        """(route label, target) for one request of ``kind``."""
        rng = self.rng
        if kind == "page":
            return "page", "/page/" + quote(self.local(rng.choice(self.entities)))
        if kind == "data":
            ext = rng.choice(["ttl", "jsonld", "nt", "rdf"])
            return "data", f"/data/{quote(self.local(rng.choice(self.entities)))}.{ext}"
        if kind == "search":
            return "search", "/search?" + urlencode({"q": rng.choice(SEARCH_WORDS), "page": rng.choice([1, 1, 2])})
        if kind == "suggest":
            return "suggest", "/search/suggest?" + urlencode({"q": rng.choice(SEARCH_WORDS)[:rng.choice([1, 2, 3])]})
        if kind == "sparql":
            query = rng.choice(SPARQL_QUERIES).format(b=BASE, r=rng.choice(self.reports))
            fmt = rng.choice(["json", "csv", "xml"]) if not query.startswith("DESCRIBE") else "ttl"
            return "sparql", "/sparql?" + urlencode({"query": query, "format": fmt})
        if kind == "index":
            name = rng.choice(["reports", "organizations", "documents", "measures", "indicators", "years"])
            sort = rng.choice(["label", "-year", "count", "-count"])
            return "index", f"/{name}?page={rng.randint(1, 5)}&sort={sort}"
        if kind == "index-export":
            name = rng.choice(["reports", "organizations", "documents", "measures"])
            return "index-export", f"/{name}.{rng.choice(['csv', 'json'])}?size=200&page={rng.randint(1, 3)}"
        if kind == "dump-live":
            key = self.local(rng.choice(self.reports))[len("id/report/"):]
            return "dump-live", f"/dumps/report/{quote(key)}.{rng.choice(['ttl', 'nt', 'jsonld', 'nq'])}"
        if kind == "dump-release" and self.release:
            return "dump-release", "/dumps/" + quote(rng.choice(self.release))
        return "home", rng.choice(["/", "/catalog", "/.well-known/void", "/network", "/dumps/"])


# ------------------------------------------------------------------ load
class Recorder:
    def __init__(self, started: float):
        self.started = started
        self.lock = threading.Lock()
        self.samples: dict[tuple[str, int], list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_examples: list[str] = []
        self.intended: dict[str, int] = defaultdict(int)
        self.count = 0

    def add(self, route: str, status: int, seconds: float, target: str, detail: str = "") -> None:
        minute = int((time.monotonic() - self.started) // 60)
        with self.lock:
            self.count += 1
            self.samples[(route, minute)].append(seconds * 1000)
            if status >= 400 or status == 0:
                key = f"{route} {status}"
                self.errors[key] += 1
                if len(self.error_examples) < 30:
                    self.error_examples.append(f"{key} {target[:200]} {detail[:200]}")

    def add_intended(self, route: str, status: int, seconds: float) -> None:
        with self.lock:
            self.intended[f"{route} {status} ({'ok' if status == 503 else 'NOT 503'})"] += 1
            self.samples[(route, int((time.monotonic() - self.started) // 60))].append(seconds * 1000)


def client(port: int, targets: Targets, recorder: Recorder, stop_at: float) -> None:
    kinds = [k for k, w in MIX.items() for _ in range(w)]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < stop_at:
        route, target = targets.pick(targets.rng.choice(kinds))
        started = time.monotonic()
        try:
            conn.request("GET", target, headers={"Accept-Encoding": "identity"})
            response = conn.getresponse()
            body = response.read()
            status, detail = response.status, body[:300].decode("utf-8", "replace") if response.status >= 400 else ""
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            status, detail = 0, repr(exc)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if status == 503 and target == "/network" and "Being computed" in detail:
            # by design: the corpus network is built once per version, in the background
            recorder.add_intended("network-building", status, time.monotonic() - started)
            continue
        recorder.add(route, status, time.monotonic() - started, target, detail)
    conn.close()


def runaways(port: int, recorder: Recorder, stop_at: float, every: float, limit: float) -> None:
    target = "/sparql?" + urlencode({"query": RUNAWAY, "format": "json", "timeout": f"{limit:g}"})
    while time.monotonic() + every < stop_at:
        time.sleep(every)
        started = time.monotonic()
        try:
            status, _ = get(port, target, timeout=limit + 30)
        except OSError:
            status = 0
        recorder.add_intended("sparql-runaway", status, time.monotonic() - started)


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children(current)
    return found


def is_query_worker(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"fazhi.sparql.worker" in f.read()
    except OSError:
        return False


def memory(pid: int, series: list, stop_at: float, started: float, every: float = 5.0) -> None:
    """RSS of the server processes (the supervisor and its server workers) and, apart, of the
    SPARQL query workers they start."""
    while time.monotonic() < stop_at:
        tree = process_tree(pid)
        workers = [p for p in tree if is_query_worker(p)]
        servers = [p for p in tree if p not in workers]
        series.append({"t": round(time.monotonic() - started, 1),
                       "server_rss_mb": round(sum(rss_kb(p) for p in servers) / 1024, 1),
                       "server_processes": len(servers),
                       "workers_rss_mb": round(sum(rss_kb(c) for c in workers) / 1024, 1), "workers": len(workers)})
        time.sleep(every)


def watchdog(pid: int, recorder: Recorder, stop_at: float, stalls: list) -> None:
    """On a stall (no answer at all for STALL seconds), note it and have the server dump its
    threads' stacks into the log, once."""
    last, seen = recorder.count, time.monotonic()
    while time.monotonic() < stop_at:
        time.sleep(1)
        if recorder.count != last:
            last, seen = recorder.count, time.monotonic()
        elif time.monotonic() - seen > STALL and not stalls:
            stalls.append(round(seen - recorder.started, 1))
            os.kill(pid, signal.SIGUSR1)


# ------------------------------------------------------------------ report
def percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 1), "p99_ms": round(p99, 1)}


def summarise(recorder: Recorder, series: list, seconds: float) -> dict:
    per_minute: dict[str, dict] = defaultdict(dict)
    overall: dict[str, list[float]] = defaultdict(list)
    for (route, minute), values in sorted(recorder.samples.items()):
        per_minute[route][str(minute)] = percentiles(values)
        overall[route] += values
    after_warmup = [s for s in series if s["t"] >= 60] or series
    first, last = after_warmup[0], series[-1]
    return {
        "requests": recorder.count, "requests_per_s": round(recorder.count / seconds, 1),
        "errors_total": sum(recorder.errors.values()), "errors": dict(recorder.errors),
        "error_examples": recorder.error_examples, "intended_503": dict(recorder.intended),
        "routes": {r: percentiles(v) for r, v in sorted(overall.items())},
        "per_route_per_minute": per_minute,
        "rss": {"after_warmup_mb": first["server_rss_mb"], "end_mb": last["server_rss_mb"],
                "peak_mb": max(s["server_rss_mb"] for s in series),
                "growth_after_warmup_mb": round(last["server_rss_mb"] - first["server_rss_mb"], 1),
                "workers_end_mb": last["workers_rss_mb"], "series": series},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default="/work/benchdata/store1k")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8, help="server threads per process")
    parser.add_argument("--processes", type=int, default=0, help="server processes (0: fazhi's default)")
    parser.add_argument("--dumps", default=None, help="a release folder (fazhi publish-dumps --out)")
    parser.add_argument("--runaway-every", type=float, default=15.0)
    parser.add_argument("--runaway-limit", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="soak")
    args = parser.parse_args()

    port = free_port()
    process = start_server(args.store, port, args.threads, args.dumps, args.processes)
    try:
        boot = time.monotonic()
        wait_up(port, process)
        targets = Targets(port, random.Random(args.seed))
        print(f"soak: server up in {time.monotonic() - boot:.1f} s; {len(targets.entities)} entities, "
              f"{len(targets.release)} release files; running {args.seconds:g} s", file=sys.stderr)
        started = time.monotonic()
        stop_at = started + args.seconds
        recorder, series, stalls = Recorder(started), [], []
        threads = [threading.Thread(target=memory, args=(process.pid, series, stop_at, started), daemon=True),
                   threading.Thread(target=watchdog, args=(process.pid, recorder, stop_at, stalls), daemon=True),
                   threading.Thread(target=runaways, args=(port, recorder, stop_at, args.runaway_every,
                                                           args.runaway_limit), daemon=True)]
        for n in range(args.clients):
            own = Targets.__new__(Targets)
            own.__dict__.update(targets.__dict__, rng=random.Random(args.seed * 1000 + n))
            threads.append(threading.Thread(target=client, args=(port, own, recorder, stop_at), daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    result = summarise(recorder, series, elapsed)
    save(args.out, {"store": args.store, "seconds": round(elapsed, 1), "clients": args.clients,
                    "server_threads": args.threads, "server_processes": args.processes, "dumps": args.dumps, "mix": MIX,
                    "runaway": {"every_s": args.runaway_every, "limit_s": args.runaway_limit},
                    "stalled_at_s": stalls, "server_log": str(LOG), **result})


if __name__ == "__main__":
    main()
