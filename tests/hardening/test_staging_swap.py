"""Crash recovery of ``EmbeddedStore.load_fresh``: a process killed at any step of the staging
swap leaves a store that opens, empty or complete, with no leftover folders once opened; stale
staging/retired folders never break an open or an ingest, and a folder someone else named
``store.old`` is never deleted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fazhi.errors import StoreUnavailable
from fazhi.ingest import ingest
from fazhi.store import EmbeddedStore

from .conftest import BASE, ROOT, child_env, report_graph_counts
from .swap_child import GRAPHS, TRIPLES, chunks

STEPS = ["loading", "staged", "first-rename", "second-rename", "retired-removed", "none"]
#: After a kill at each step, the store holds everything (True) or nothing (False).
COMPLETE_AFTER = {"loading": False, "staged": False, "first-rename": True, "second-rename": True,
                  "retired-removed": True, "none": True}


def _kill_at(path, step: str) -> int:
    child = subprocess.run([sys.executable, "-m", "tests.hardening.swap_child", str(path), step],
                           capture_output=True, env=child_env(), cwd=ROOT, timeout=60)
    return child.returncode


def _counts(store: EmbeddedStore) -> dict[str, int]:
    return {g: store.count(g) for g in store.graphs()}


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_leaves_a_store_that_opens_empty_or_complete(tmp_path, step):
    path = tmp_path / "store"
    code = _kill_at(path, step)
    assert code == (0 if step == "none" else -9)
    with EmbeddedStore(path) as store:
        counts = _counts(store)
        assert counts == ({f"urn:g:{g}": TRIPLES for g in range(GRAPHS)} if COMPLETE_AFTER[step] else {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"], "leftovers beside the store"
    if not counts:  # the next fresh load succeeds where the killed one stopped
        with EmbeddedStore(path) as store:
            store.load_fresh(chunks(kill_after_first=False))
            assert len(_counts(store)) == GRAPHS


def test_stale_staging_and_retired_folders_do_not_break_open_or_ingest(tmp_path):
    path = tmp_path / "store"
    for leftover in ("store.loading", "store.old"):
        (tmp_path / leftover).mkdir()
        (tmp_path / leftover / "000042.sst").write_bytes(b"\x00" * 4096)
    (tmp_path / "store.old" / "RETIRED-BY-FAZHI").touch()
    with EmbeddedStore(path) as store:
        summary = ingest([ROOT / "data" / "reports"], store, base_uri=BASE, validate=False, workers=1)
        assert summary.reports == 1 and len(report_graph_counts(store)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_folder_someone_named_store_old_is_never_removed(tmp_path):
    backup = tmp_path / "store.old"
    backup.mkdir()
    (backup / "precious.ttl").write_text("<urn:a> <urn:b> <urn:c> .")
    with EmbeddedStore(tmp_path / "store") as store:
        with pytest.raises(StoreUnavailable, match="store.old is in the way"):
            store.load_fresh(chunks(kill_after_first=False))
        assert store.is_empty
    assert (backup / "precious.ttl").exists()
