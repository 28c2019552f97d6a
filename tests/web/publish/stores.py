"""The test store of the publishing tests: the bundled reports, ingested once per session."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fazhi.config import Config, load_config
from fazhi.ingest import ingest
from fazhi.store import EmbeddedStore
from tests.bundled import BUNDLED_REPORTS, REPORT_FOLDERS

ROOT = Path(__file__).resolve().parents[3]
REPORTS = REPORT_FOLDERS
BASE = "https://fazhi.example.org/"

_shared: dict[str, object] = {}


def shared_store() -> EmbeddedStore:
    """An on-disk store holding the bundled reports (and its dataset summary)."""
    if "store" not in _shared:
        folder = Path(tempfile.mkdtemp(prefix="fazhi-publish-"))
        store = EmbeddedStore(folder / "store")
        summary = ingest(REPORTS, store, base_uri=BASE, validate=False, workers=1)
        assert summary.reports == BUNDLED_REPORTS, summary.failures
        _shared["store"], _shared["folder"] = store, folder
    return _shared["store"]


def publish_config(dumps_dir: Path, **changes) -> Config:
    shared_store()
    return load_config(environ={}, base_uri=BASE, store=str(_shared["folder"] / "store"),
                       dumps_dir=str(dumps_dir), **changes)


def distinct_triples(store) -> int:
    """Triples of the union of all graphs, each counted once (what a triple format holds)."""
    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"))
    return int(rows[0]["n"].value)
