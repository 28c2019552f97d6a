"""Store fixtures: every backend behind one parametrised ``store`` fixture.

The servers start once per session; each test starts from an empty store. Virtuoso tests
skip when ``virtuoso-t`` is not installed, unless FAZHI_REQUIRE_VIRTUOSO=1 (CI) makes that a
failure (.ci/install-virtuoso.sh installs it).
"""

from __future__ import annotations

import os
import shutil

import pytest

from fazhi.store import EmbeddedStore, RemoteStore
from tests.store.servers import oxigraph_server, virtuoso_server

BACKENDS = ["disk", "memory", "oxigraph-server", "virtuoso"]


@pytest.fixture(scope="session")
def oxigraph_urls(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as urls:
        yield urls


@pytest.fixture(scope="session")
def virtuoso_urls(tmp_path_factory):
    if shutil.which("virtuoso-t") is None:
        message = "virtuoso-t is not installed (run .ci/install-virtuoso.sh)"
        if os.environ.get("FAZHI_REQUIRE_VIRTUOSO") == "1":
            pytest.fail(message + " and FAZHI_REQUIRE_VIRTUOSO=1")
        pytest.skip(message)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as urls:
        yield urls


def remote(urls: dict[str, str], **options) -> RemoteStore:
    return RemoteStore(urls["query"], urls["update"], urls["gsp"], timeout=30, **options)


def clear(store) -> None:
    """Drop the graphs earlier tests left (only ours: Virtuoso keeps system graphs)."""
    for graph in store.graphs():
        if graph.startswith(("http://test.fazhi/", "urn:fazhi:")):
            store.drop_graph(graph)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def store(backend, request, tmp_path):
    if backend == "disk":
        made = EmbeddedStore(tmp_path / "store")
    elif backend == "memory":
        made = EmbeddedStore()
    else:
        urls = request.getfixturevalue(backend.split("-")[0] + "_urls")
        made = remote(urls)
        clear(made)
    with made:
        yield made
