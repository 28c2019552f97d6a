"""``kill -9`` of ``fazhi ingest`` at random moments: every report graph stays complete or
absent, the dataset summary absent or whole, and the next ingest completes the store.

Two paths are killed ten times each: the bulk initial load into an EMPTY store (staging folder
swapped in at the end) and per-report transactions into a NON-EMPTY one. Each child runs the
real command line in its own process group, which is killed whole (pool workers included).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from fazhi.dataset import current_version, read_summary, summary_graph, summary_lines
from fazhi.ingest import FRESH_LOAD_MIN_REPORTS, ingest
from fazhi.rdf import Minter, validate_triples
from fazhi.validation import report_with_registry
from fazhi.store import EmbeddedStore

from .conftest import BASE, ROOT, child_env, report_graph_counts

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

KILLS_PER_PATH = 10
SEED = ROOT / "data" / "reports" / "longchang-2021.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "reports"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """25 small reports of 25 different issuers/years: the bundled ones and synthetic ones."""
    folder = tmp_path_factory.mktemp("reports")
    for source in [SEED, *sorted(FIXTURES.iterdir())]:
        shutil.copy(source, folder / source.name)
    for name, text in corpus.generate(14, seed=3):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Children:
    """Ready ``fazhi`` processes, one started ahead while the current one runs."""

    def __init__(self):
        self.spare: subprocess.Popen | None = None

    def __enter__(self) -> "Children":
        return self

    def __exit__(self, *exc_info) -> None:
        if self.spare is not None:
            os.killpg(self.spare.pid, signal.SIGKILL)
            self.spare.wait(timeout=30)

    def start(self, store: Path, folder: Path) -> tuple[subprocess.Popen, float]:
        """Run ``fazhi ingest FOLDER --store STORE`` in a ready child; returns it and when."""
        child = self.spare or self._spawn()
        assert child.stdout.readline().strip() == b"ready"
        self.spare = self._spawn()
        args = ["ingest", str(folder), "--store", str(store), "--no-validate"]
        child.stdin.write(json.dumps(args).encode() + b"\n")
        child.stdin.flush()
        return child, time.perf_counter()

    @staticmethod
    def _spawn() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "tests.hardening.ingest_child"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=child_env(), cwd=ROOT,
                                start_new_session=True)

    def clean_run(self, store: Path, folder: Path) -> float:
        """One uninterrupted run; its duration bounds the moments sampled for kills."""
        child, began = self.start(store, folder)
        assert child.wait(timeout=120) == 0
        return time.perf_counter() - began

    def killed_run(self, store: Path, folder: Path, after: float) -> None:
        child, began = self.start(store, folder)
        while child.poll() is None and time.perf_counter() - began < after:
            time.sleep(0.005)
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)  # the child's own group: it and its pool workers
        child.wait(timeout=30)


def _summary_is_absent_or_whole(store: EmbeddedStore, counts: dict[str, int]) -> None:
    summary = read_summary(store, BASE)
    stored = store.count(summary_graph(BASE))
    if not summary.version:
        assert stored == 0, "a summary graph without its version"
        return
    assert stored == len(summary_lines(summary, BASE)), "summary graph written in part"
    registry = store.count(Minter(BASE).registry_graph().value)
    assert summary.graphs <= len(counts) + 1 and summary.triples <= sum(counts.values()) + registry


class Checker:
    """After each kill: graphs complete or absent; one graph of each path SHACL-validated."""

    def __init__(self, expected: dict[str, int]):
        self.expected, self.validated, self.seen = expected, False, []

    def __call__(self, path: Path, must_hold: set[str] = frozenset()) -> dict[str, int]:
        with EmbeddedStore(path) as store:  # a writable open, as the next ingest's
            counts = report_graph_counts(store)
            partial = {g: n for g, n in counts.items() if n != self.expected.get(g)}
            assert not partial, f"partial graphs after kill -9: {partial}"
            assert must_hold <= set(counts), "a graph present before the run went missing"
            _summary_is_absent_or_whole(store, counts)
            if counts and not self.validated:
                self._validate(store, min(counts, key=counts.get))
        self.seen.append(len(counts))
        return counts

    def _validate(self, store: EmbeddedStore, graph: str) -> None:
        """The report graph with the registry's descriptions of what it links to."""
        data = report_with_registry(store, graph, Minter(BASE).registry_graph().value)
        triples = list(parse(data, format=RdfFormat.N_TRIPLES))
        assert not [v for v in validate_triples(triples, BASE) if v.severity == "Violation"]
        self.validated = True


def _complete(path: Path, folder: Path, expected: dict[str, int]) -> None:
    """The next ingest, uninterrupted: every graph complete, the summary describes them."""
    with EmbeddedStore(path) as store:
        summary = ingest([folder], store, base_uri=BASE, validate=False, workers=1)
        assert not summary.failures
        assert report_graph_counts(store) == expected
        stored = read_summary(store, BASE)
        assert stored.version == current_version(store, BASE)
        registry = store.count(Minter(BASE).registry_graph().value)
        assert (stored.graphs, stored.triples) == (len(expected), sum(expected.values()) + registry)


def test_kill_9_during_the_bulk_load_into_an_empty_store(reports, tmp_path):
    assert len(list(reports.iterdir())) >= FRESH_LOAD_MIN_REPORTS
    with Children() as children:
        duration = children.clean_run(tmp_path / "clean", reports)
        with EmbeddedStore(tmp_path / "clean", read_only=True) as store:
            expected = report_graph_counts(store)
        assert len(expected) == len(list(reports.iterdir()))
        check, rng, path = Checker(expected), random.Random(20240), tmp_path / "store"
        for _ in range(KILLS_PER_PATH):
            children.killed_run(path, reports, rng.uniform(0, duration))
            if check(path):  # killed after the swap: the next ingest completes it; start empty again
                _complete(path, reports, expected)
                shutil.rmtree(path)
    _complete(path, reports, expected)
    assert not list(tmp_path.glob("store.*")), "staging or retired folders left behind"
    assert 0 in check.seen, check.seen  # some kills did land before the swap


def _variant(source: Path, folder: Path, run: int) -> Path:
    """The same reports with other bytes (run-many trailing newlines): every run re-loads
    every report, so that each kill lands inside real work, not in a run of no-ops."""
    target = folder / f"run{run}"
    target.mkdir()
    for path in source.iterdir():
        (target / path.name).write_bytes(path.read_bytes() + b"\n" * run)
    return target


def test_kill_9_during_per_report_loading_into_a_non_empty_store(reports, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    for path in sorted(reports.iterdir())[:FRESH_LOAD_MIN_REPORTS // 2]:
        shutil.copy(path, small / path.name)
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        ingest([SEED], store, base_uri=BASE, validate=False, workers=1)
        before = set(report_graph_counts(store))
    clean = tmp_path / "clean"
    shutil.copytree(path, clean)
    with Children() as children:
        duration = children.clean_run(clean, _variant(small, tmp_path, 0))
        with EmbeddedStore(clean, read_only=True) as store:
            expected = report_graph_counts(store)
        check, rng = Checker(expected), random.Random(20241)
        for run in range(1, KILLS_PER_PATH + 1):
            children.killed_run(path, _variant(small, tmp_path, run), rng.uniform(0, duration))
            check(path, must_hold=before)
    _complete(path, _variant(small, tmp_path, KILLS_PER_PATH + 1), expected)


def test_a_summary_left_stale_by_a_killed_run_is_refreshed_by_the_next(tmp_path):
    """A run killed after its last report's transaction but before the summary refresh leaves
    the reports loaded and the summary describing the store before them; the next run finds
    nothing new to load, and must still refresh it."""
    from fazhi.ingest import Job, prepare

    report = FIXTURES / "wuxing-2021.txt"
    with EmbeddedStore(tmp_path / "store") as store:
        ingest([SEED], store, base_uri=BASE, validate=False, workers=1)
        done = prepare(Job(str(report), BASE, None, False, 20 * 1024 * 1024, "2024-01-01T00:00:00Z"))
        store.replace_graph_lines(done.graph, done.lines)  # what the killed run committed
        assert read_summary(store, BASE).graphs == 1
        summary = ingest([report], store, base_uri=BASE, validate=False, workers=1)
        assert (summary.reports, summary.unchanged) == (0, 1)
        stored = read_summary(store, BASE)
        assert stored.graphs == 2 and stored.version == current_version(store, BASE)
