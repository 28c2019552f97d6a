"""An app over the shared test store, with a release published into its dumps folder."""

from __future__ import annotations

import pytest

from fazhi.publish import publish_dumps
from fazhi.web import create_app
from tests.web.publish.stores import publish_config, shared_store


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site-dumps")
    config = publish_config(folder)
    return config, publish_dumps(shared_store(), config)


@pytest.fixture(scope="session")
def app(published):
    config, _ = published
    return create_app(config, shared_store())


@pytest.fixture()
def client(app):
    return app.test_client()
