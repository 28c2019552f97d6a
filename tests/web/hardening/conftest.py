"""Fixtures for the hardening tests: the bundled reports plus one hostile report, ingested once.

The hostile report (``reports/hostile-2022.txt`` and its sidecar) is an ordinary report in
the genre whose title, issuer, section titles, document titles, measure texts and indicator
phrases carry markup, template syntax, SQL and SPARQL fragments, CDATA ends, bidi controls and
zero-width characters; the sidecar gives it a 5,000-character title. Everything the site
shows of it must come out as the literal text.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path

import pytest

from fazhi.config import load_config
from fazhi.store import EmbeddedStore
from tests.bundled import BUNDLED_REPORTS, ingest_bundled

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "reports"
BASE = "https://fazhi.example.org/"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{7*7}}"
SQL = "'; DROP TABLE reports; --"
SPARQL = "} ; DROP ALL ; #"
CDATA = "]]>"
BIDI = "\u202e\u200b\u200d\u2067"
PAYLOADS = (SCRIPT, IMG, TEMPLATE, SQL, SPARQL, CDATA, BIDI)


def hostile_sidecar() -> dict:
    return json.loads((HOSTILE / "hostile-2022.json").read_text(encoding="utf-8"))


def build_hostile_store(folder: Path) -> Path:
    result = ingest_bundled(folder, HOSTILE, base_uri=BASE)
    assert result.reports == BUNDLED_REPORTS + 1 and not result.failures, result
    return folder


@pytest.fixture(scope="session")
def hostile_store_dir(tmp_path_factory) -> Path:
    return build_hostile_store(tmp_path_factory.mktemp("hostile-store") / "store")


@pytest.fixture(scope="session")
def hostile_config(hostile_store_dir, tmp_path_factory):
    return load_config(environ={}, store=str(hostile_store_dir), base_uri=BASE,
                       dumps_dir=str(tmp_path_factory.mktemp("hostile-dumps")))


@pytest.fixture(scope="session")
def hostile_app(hostile_config):
    from fazhi.publish import publish_dumps
    from fazhi.web import create_app

    app = create_app(hostile_config)
    app.config["TESTING"] = True
    publish_dumps(app.extensions["fazhi.store"], hostile_config)
    yield app
    runner = app.extensions.get("fazhi.sparql.runner")
    if runner is not None:
        runner.close()


@pytest.fixture()
def hclient(hostile_app):
    return hostile_app.test_client()


@pytest.fixture(scope="session")
def hostile_ro(hostile_store_dir):
    """A second read-only view of the store, for tests to find IRIs with SPARQL."""
    return EmbeddedStore(hostile_store_dir, read_only=True)


@pytest.fixture(scope="session")
def hostile_iris(hostile_ro) -> dict:
    """IRIs of the hostile report and its parts, by kind."""
    # The hostile report's graph is the one whose report title holds the script payload (the
    # township sample is keyed under x- too). The report's own resources are subjects in its
    # graph; the shared entities it names (areas, organisations, documents) are described in
    # the registry and linked from it.
    rows = hostile_ro.query(
        "SELECT DISTINCT ?s WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { GRAPH ?g { ?x ?p ?s } ?s ?q ?r } "
        f"GRAPH ?g {{ ?hostile a <{BASE}def/fz#Report> ; <http://purl.org/dc/terms/title> ?title }} "
        "FILTER(CONTAINS(?title, '<script>')) FILTER(isIRI(?s) && STRSTARTS(STR(?s), "
        f"'{BASE}')) }}")
    found: dict[str, list[str]] = {}
    for row in rows:
        iri = row["s"].value
        if "#" in iri:
            continue  # a fragment of another IRI's document
        kind = iri[len(BASE):].split("/")[1] if iri.startswith(BASE + "id/") else "other"
        if "/measure/" in iri or "/problem/" in iri or "/plan/" in iri:
            kind = "item"
        elif "/section/" in iri:
            kind = "section"
        elif iri.endswith("/text"):
            kind = "text"
        found.setdefault(kind, []).append(iri)
    reports = [i for i in found.get("report", []) if i.count("/") == BASE.count("/") + 4]
    found["the-report"] = reports
    return found


@contextlib.contextmanager
def serve(store: Path, *extra: str, env: dict | None = None, timeout: float = 30.0):
    """``fazhi serve`` on a free port with extra environment; yields (base URL, process)."""
    from tests.web.conftest import (
        _wait_until_up,
        fazhi_command,
        free_port,
        subprocess_env,
    )

    port = free_port()
    process = subprocess.Popen(fazhi_command("serve", "--store", str(store), "--port", str(port),
                                             "--base-uri", BASE, *extra),
                               env={**subprocess_env(), **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, timeout)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
