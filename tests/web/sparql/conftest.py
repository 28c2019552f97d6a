"""Fixtures for the SPARQL endpoint: stores built from the bundled reports and the W3C
protocol test data, apps over them, and real waitress servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
from waitress.server import create_server

from fazhi.config import Config
from fazhi.store import EmbeddedStore
from fazhi.web import create_app
from tests.bundled import ingest_bundled

W3C = Path(__file__).resolve().parent / "w3c"
BASE = Config.base_uri


@pytest.fixture(scope="session")
def reports_store(tmp_path_factory) -> Path:
    """The bundled reports (data/reports + tests/fixtures/reports) ingested into a folder."""
    folder = tmp_path_factory.mktemp("sparql-store") / "store"
    result = ingest_bundled(folder, base_uri=BASE)
    assert result.reports >= 11 and not result.failures
    return folder


@pytest.fixture(scope="session")
def w3c_store(tmp_path_factory) -> Path:
    """The W3C protocol tests' data: each data*.nt in the graph its manifest entry names."""
    folder = tmp_path_factory.mktemp("w3c-store") / "store"
    store = ox.Store(str(folder))
    for n in (1, 2, 3):
        graph = ox.NamedNode(f"http://kasei.us/2009/09/sparql/data/data{n}.rdf")
        for triple in ox.parse(path=str(W3C / f"data{n}.nt"), format=ox.RdfFormat.N_TRIPLES):
            store.add(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    store.flush()
    del store
    return folder


def make_app(folder: Path, **settings):
    config = Config(store=str(folder), **settings)
    return create_app(config, EmbeddedStore(folder, read_only=True))


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` with waitress on a free port of 127.0.0.1; yields the base URL."""
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=_run, args=(server,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        runner = app.extensions.get("fazhi.sparql.runner")
        if runner is not None:
            runner.close()


@pytest.fixture(scope="session")
def app(reports_store):
    return make_app(reports_store)


@pytest.fixture(scope="session")
def base_url(app) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def endpoint(base_url) -> str:
    return base_url + "/sparql"


def _run(server) -> None:
    try:
        server.run()
    except OSError:  # the socket closed under the loop at shutdown
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
