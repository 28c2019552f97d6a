"""Shared web fixtures: the bundled reports ingested once into an on-disk store, an app, a client.

The store is built once per session in a tmp folder by the real ingest (no validation, for
speed), then opened read-only by the app exactly as ``fazhi serve`` opens it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.config import load_config
from fazhi.store import EmbeddedStore
from tests.bundled import REPORT_FOLDERS, ingest_bundled

ROOT = Path(__file__).resolve().parents[2]
REPORTS = REPORT_FOLDERS
BASE = "https://fazhi.example.org/"


def build_store(folder: Path) -> Path:
    """Ingest the bundled reports into ``folder`` (the store is closed when this returns)."""
    ingest_bundled(folder, base_uri=BASE)
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


# ---------------------------------------------------------------- a real `fazhi serve` process

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fazhi_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from fazhi.cli import cli; cli()", *args]


def subprocess_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return {k: v for k, v in env.items() if not k.startswith("FAZHI_") or k == "FAZHI_REQUIRE_BROWSER"}


@contextlib.contextmanager
def fazhi_server(store: Path, *extra: str, timeout: float = 30.0):
    """``fazhi serve`` on a free port of 127.0.0.1; yields its base URL, stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(fazhi_command("serve", "--store", str(store), "--port", str(port),
                                             "--base-uri", BASE, *extra),
                               env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"fazhi serve exited: {process.stdout.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers HTTP (503 while its data store is down is an answer)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"fazhi serve did not answer on {url} within {timeout} s")
