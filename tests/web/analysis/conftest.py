"""An app over the bundled reports (data/reports + tests/fixtures/reports) for the analysis routes."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.config import Config
from fazhi.store import EmbeddedStore
from fazhi.web import create_app
from tests.bundled import ingest_bundled

BASE = Config.base_uri


@pytest.fixture(scope="session")
def analysis_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("analysis-web") / "store"
    result = ingest_bundled(folder, base_uri=BASE)
    assert result.reports >= 11 and not result.failures
    return folder


@pytest.fixture(scope="session")
def analysis_app(analysis_store):
    return create_app(Config(store=str(analysis_store)), EmbeddedStore(analysis_store, read_only=True))


@pytest.fixture()
def client(analysis_app):
    return analysis_app.test_client()


@pytest.fixture(scope="session")
def sample(analysis_app) -> dict:
    """A report, its issuer and an indicator with observations, read from the store."""
    from fazhi.web import get_store

    store = get_store(analysis_app)
    fz = f"<{BASE}def/fz#"
    row = next(iter(store.query(
        f"SELECT ?r ?o ?i WHERE {{ ?r a {fz}Report> ; <http://purl.org/dc/terms/creator> ?o . "
        f"?obs <http://www.w3.org/ns/prov#wasDerivedFrom> ?r ; {fz}indicator> ?p . "
        f"?p <http://www.w3.org/2004/02/skos/core#exactMatch> ?i }} ORDER BY ?r ?i LIMIT 1")))
    return {"report": row["r"].value, "issuer": row["o"].value,
            "indicator": row["i"].value.rsplit("/", 1)[1]}
