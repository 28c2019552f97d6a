"""A full disk and an unwritable store during ingest: one clear line that says what to fix,
exit 2, and a store that still opens with every graph complete (untouched on the bulk path).

The full disk is a small tmpfs mounted for the test (root only; skipped where mounting is not
permitted), topped up with a filler file so that the store runs out of room early in the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from fazhi.ingest import FRESH_LOAD_MIN_REPORTS, ingest
from fazhi.store import EmbeddedStore

from .conftest import BASE, ROOT, error_line, report_graph_counts, run_fazhi

SEED = ROOT / "data" / "reports" / "longchang-2021.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "reports"


@contextmanager
def small_disk(folder: Path, size: str = "48m"):
    """A tmpfs of ``size`` at ``folder``; unmounted afterwards. Skips the test if not allowed."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True, capture_output=True)


def _fill(disk: Path, leave: int) -> Path:
    """Take all but ``leave`` bytes of the disk's free space."""
    stats = os.statvfs(disk)
    filler = disk / "filler"
    filler.write_bytes(b"\0" * max(0, stats.f_bavail * stats.f_frsize - leave))
    return filler


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory) -> Path:
    """Enough distinct reports for the bulk path (synthetic, from bench/corpus.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    folder = tmp_path_factory.mktemp("many")
    for name, text in corpus.generate(FRESH_LOAD_MIN_REPORTS + 5, seed=5):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_full_disk_during_the_bulk_load_leaves_the_store_empty_and_frees_the_space(tmp_path, many_reports):
    with small_disk(tmp_path / "disk") as disk:
        store = disk / "store"
        EmbeddedStore(store).close()
        _fill(disk, leave=1024 * 1024)
        used = shutil.disk_usage(disk).used
        result = run_fazhi("ingest", many_reports, "--store", store, "--no-validate")
        assert result.returncode == 2
        line = error_line(result)
        assert str(store) in line and "full" in line and "free some space" in line
        assert not (disk / "store.loading").exists(), "the failed staging folder still takes the space"
        assert shutil.disk_usage(disk).used <= used + 256 * 1024
        with EmbeddedStore(store) as opened:
            assert opened.is_empty


def test_full_disk_during_per_report_loading_keeps_every_graph_whole(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        store = disk / "store"
        with EmbeddedStore(store) as opened:
            ingest([SEED], opened, base_uri=BASE, validate=False, workers=1)
            before = report_graph_counts(opened)
        filler = _fill(disk, leave=512 * 1024)
        result = run_fazhi("ingest", FIXTURES, "--store", store, "--no-validate", "--jobs", "1")
        assert result.returncode == 2
        line = error_line(result)
        assert "full" in line and str(store) in line
        filler.unlink()  # room again: the next ingest completes the store
        with EmbeddedStore(store) as opened:
            after = report_graph_counts(opened)
            assert {g: after[g] for g in before} == before
            ingest([FIXTURES], opened, base_uri=BASE, validate=False, workers=1)
            complete = report_graph_counts(opened)
    with EmbeddedStore(tmp_path / "clean") as clean:
        ingest([SEED, FIXTURES], clean, base_uri=BASE, validate=False, workers=1)
        assert complete == report_graph_counts(clean)
        assert all(complete[g] == n for g, n in after.items()), "a graph was left partial"


def test_a_file_where_the_store_folder_should_be(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    result = run_fazhi("ingest", SEED, "--store", blocker / "store", "--no-validate")
    assert result.returncode == 2
    line = error_line(result)
    assert f"{blocker} is a file, not a folder" in line and "--store" in line


def test_store_on_a_read_only_file_system(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        store = disk / "store"
        with EmbeddedStore(store) as opened:
            ingest([SEED], opened, base_uri=BASE, validate=False, workers=1)
            before = report_graph_counts(opened)
        _remount(disk, "ro")
        for target in (store, disk / "new-store"):
            result = run_fazhi("ingest", FIXTURES, "--store", target, "--no-validate")
            assert result.returncode == 2
            line = error_line(result)
            assert "read-only file system" in line and "remount it read-write" in line and str(target) in line
        _remount(disk, "rw")
        with EmbeddedStore(store) as opened:
            assert report_graph_counts(opened) == before
