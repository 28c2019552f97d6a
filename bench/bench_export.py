"""Export speed and peak memory per format, against ``oxigraph dump`` on the same store.

Each run is its own process, so its peak RSS is its own: fazhi's runs report
``ru_maxrss`` themselves, ``oxigraph dump`` is measured by GNU time. The peer writes N-Quads
(its fastest format, graph names kept) to a file in the same folder as ours; the ratio of
each of our formats to it is the figure to watch (target ≤ 1.5×), and peak memory should not
grow with the store (compare the 1,000- and 10,000-report stores).

    python bench/bench_export.py --store /work/benchdata/store1k --store /work/benchdata/store10k \
        --formats nq,nt,ttl --runs 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import save

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {src!r})
from fazhi.export import FORMATS, export
from fazhi.store import EmbeddedStore
store = EmbeddedStore({store!r}, read_only=True)
started = time.perf_counter()
with open({out!r}, "wb") as out:
    count = export(store, FORMATS[{fmt!r}], out, base_uri="https://fazhi.example.org/")
print(json.dumps({{"seconds": time.perf_counter() - started, "statements": count,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
SRC = str(Path(__file__).resolve().parents[1] / "src")


def run_fazhi(store: str, fmt: str, out: Path) -> dict:
    code = CHILD.format(src=SRC, store=store, out=str(out), fmt=fmt)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["bytes"] = out.stat().st_size
    return result


def run_oxigraph(store: str, out: Path) -> dict:
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", oxigraph, "dump", "--location", store,
                           "--file", str(out), "--format", "nq"], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "bytes": out.stat().st_size}


def bench_store(store: str, formats: list[str], runs: int, scratch: Path) -> dict:
    results: dict[str, dict] = {}
    for name in ["oxigraph-nq", *formats]:
        samples = []
        for _ in range(runs):
            out = scratch / f"out.{name}"
            samples.append(run_oxigraph(store, out) if name == "oxigraph-nq" else run_fazhi(store, name, out))
            out.unlink()
        results[name] = {"median_seconds": statistics.median(s["seconds"] for s in samples),
                         "peak_mb": max(s["peak_mb"] for s in samples), "bytes": samples[-1]["bytes"],
                         "statements": samples[-1].get("statements"), "seconds": [s["seconds"] for s in samples]}
        print(store, name, json.dumps(results[name]), flush=True)
    peer = results["oxigraph-nq"]["median_seconds"]
    for name in formats:
        results[name]["ratio_to_oxigraph_nq"] = round(results[name]["median_seconds"] / peer, 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", action="append", required=True, help="store folder (repeatable)")
    parser.add_argument("--formats", default="nq,trig,jsonld,ttl,nt,rdf")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scratch", default=None, help="folder for the output files (default: a temp folder)")
    args = parser.parse_args()
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="fazhi-bench-export-"))
    formats = args.formats.split(",")
    stores = {store: bench_store(store, formats, args.runs, scratch) for store in args.store}
    save("export", {"runs": args.runs, "stores": stores})


if __name__ == "__main__":
    main()
