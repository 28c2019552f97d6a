"""Embedded store behaviour beyond the contract: opening, locking, crashes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from fazhi.config import Config
from fazhi.errors import StoreUnavailable
from fazhi.store import EmbeddedStore, RemoteStore, open_store
from tests.store import writer

G = "http://test.fazhi/graph/1"
ONE = [Triple(NamedNode("http://test.fazhi/s"), NamedNode("http://test.fazhi/p"), Literal("法"))]
SRC = str(Path(__file__).resolve().parents[2] / "src")
ROOT = str(Path(__file__).resolve().parents[2])


def test_creates_the_folder(tmp_path):
    with EmbeddedStore(tmp_path / "a" / "b"):
        pass
    assert (tmp_path / "a" / "b").is_dir()


def test_second_writer_is_told_the_folder_is_locked(tmp_path):
    with EmbeddedStore(tmp_path / "s"):
        with pytest.raises(StoreUnavailable, match="locked by another process"):
            EmbeddedStore(tmp_path / "s")


def test_unusable_folder_is_unavailable(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreUnavailable, match="file/store"):
        EmbeddedStore(tmp_path / "file" / "store")


def test_readers_in_other_processes_see_committed_graphs(tmp_path):
    with EmbeddedStore(tmp_path / "s") as store:
        store.replace_graph(G, ONE)
        store._store.flush()
        code = ("from fazhi.store import EmbeddedStore; import sys; "
                "s = EmbeddedStore(sys.argv[1], read_only=True); print(s.count())")
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], check=True,
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC})
    assert out.stdout.strip() == "1"


def test_open_store_picks_the_backend(tmp_path):
    with open_store(Config(store=str(tmp_path / "s"))) as store:
        assert isinstance(store, EmbeddedStore) and store.writable
    remote = open_store(Config(endpoint="http://127.0.0.1:9/q"), read_only=True)
    assert isinstance(remote, RemoteStore) and not remote.writable


@pytest.mark.slow
def test_kill_9_leaves_the_graph_old_or_new_never_partial(tmp_path):
    path = tmp_path / "s"
    allowed = {0, *writer.SIZES}
    rng = random.Random(2021)
    seen = set()
    for _ in range(6):
        _run_and_kill(path, rng.uniform(0.3, 4.0))
        with EmbeddedStore(path, read_only=True) as store:
            seen.add(store.count(writer.GRAPH))
    assert seen <= allowed, f"partial graph after kill -9: {seen - allowed}"


def _run_and_kill(path: Path, after: float) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, ROOT])}
    process = subprocess.Popen([sys.executable, "-m", "tests.store.writer", str(path)],
                               stdout=subprocess.PIPE, env=env, cwd=ROOT)
    assert process.stdout.readline().strip() == b"ready"
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()
