"""Shared pieces of the hardening tests: running the real ``fazhi`` CLI in a subprocess (so
that a hang is a timeout, not a stuck suite), and reading a store's report graphs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = str(ROOT / "src")
BASE = "https://fazhi.example.org/"
REPORT_GRAPHS = BASE + "graph/report/"


def child_env() -> dict[str, str]:
    """The environment of a child ``fazhi``: this checkout's code, no stray FAZHI_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env["PYTHONPATH"] = os.pathsep.join([SRC, str(ROOT)])
    return env


def run_fazhi(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi", *map(str, args)], capture_output=True,
                          text=True, env=child_env(), cwd=ROOT, timeout=timeout)


def error_line(result: subprocess.CompletedProcess) -> str:
    """The one error line of a failed command (progress labels aside); asserts there is one."""
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("fazhi: error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def report_graph_counts(store) -> dict[str, int]:
    """Triples per report graph: what 'complete or absent' is checked against."""
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"].value: int(r["n"].value) for r in rows if r["g"].value.startswith(REPORT_GRAPHS)}
