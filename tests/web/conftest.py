"""Shared web fixtures: the bundled reports ingested once into an on-disk store, an app, a client.

The store is built once per session in a tmp folder by the real ingest (no validation, for
speed), then opened read-only by the app exactly as ``fazhi serve`` opens it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.config import load_config
from fazhi.ingest import ingest
from fazhi.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
REPORTS = [ROOT / "data" / "reports", ROOT / "tests" / "fixtures" / "reports"]
BASE = "https://fazhi.example.org/"


def build_store(folder: Path) -> Path:
    """Ingest the bundled reports into ``folder`` (the store is closed when this returns)."""
    with EmbeddedStore(folder) as store:
        ingest(REPORTS, store, base_uri=BASE, validate=False, workers=1)
    return folder


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("web-store") / "store")


@pytest.fixture(scope="session")
def config(store_dir, tmp_path_factory):
    return load_config(environ={}, store=str(store_dir), base_uri=BASE,
                       dumps_dir=str(tmp_path_factory.mktemp("dumps")))


@pytest.fixture(scope="session")
def app(config):
    from fazhi.web import create_app

    app = create_app(config)
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def ro_store(store_dir):
    """A second read-only view of the same store, for tests to find IRIs with SPARQL."""
    return EmbeddedStore(store_dir, read_only=True)
