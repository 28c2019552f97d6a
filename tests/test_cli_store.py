"""The store commands end to end through click: ingest, stats, validate, and their exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from fazhi.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "reports" / "longchang-2021.txt"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ingest_then_stats(tmp_path):
    store = str(tmp_path / "store")
    result = _run("ingest", str(SEED), "--store", store, "--no-validate")
    assert result.exit_code == 0, result.output
    assert "1 reports loaded" in result.output
    stats = _run("stats", "--store", store)
    counts = dict(line.split() for line in stats.output.strip().splitlines())
    assert counts["reports"] == "1" and counts["observations"] == "64" and counts["documents"] == "16"


def test_ingest_with_a_bad_file_exits_1_and_keeps_the_good_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "broken.html").write_text("<html><body><nav>首页</nav></body></html>", encoding="utf-8")
    store = str(tmp_path / "store")
    result = _run("ingest", str(folder), "--store", store, "--no-validate")
    assert result.exit_code == 1
    assert "skipped" in result.output and "broken.html" in result.output and "not a report" in result.output
    assert "1 reports loaded" in result.output


def test_validate_store_passes_on_the_seed(tmp_path):
    store = str(tmp_path / "store")
    _run("ingest", str(SEED), "--store", store, "--no-validate")
    result = _run("validate", "--store", store)
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


def test_validate_reports_violations_in_an_rdf_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix qb: <http://purl.org/linked-data/cube#> .\n"
        "<https://fazhi.example.org/id/observation/x/y/2021/1> a qb:Observation .\n", encoding="utf-8")
    result = _run("validate", str(bad))
    assert result.exit_code == 1
    assert "Violation" in result.output


def test_unwritable_store_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = _run("ingest", str(SEED), "--store", str(blocker / "store"))
    assert result.exit_code == 2
    assert "error" in result.output and "Traceback" not in result.output
