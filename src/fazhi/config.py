"""Settings for a fazhi deployment.

Precedence: defaults < a TOML config file (``FAZHI_CONFIG`` or ``--config``) < ``FAZHI_*``
environment variables < explicit keyword overrides (CLI flags). Reading the environment happens
only when :func:`load_config` is called, never at import time.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from fazhi.errors import ConfigError
from fazhi.paths import checkout_root

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ENV_PREFIX = "FAZHI_"


def _default_store() -> str:
    root = checkout_root()
    base = root / "data" if root else Path.home() / ".local" / "share" / "fazhi"
    return str(base / "store")


def _default_dumps() -> str:
    root = checkout_root()
    base = root / "data" if root else Path.home() / ".local" / "share" / "fazhi"
    return str(base / "dumps")


@dataclass(frozen=True)
class Config:
    """Every setting, with its default. Field names map to ``FAZHI_<NAME>`` variables."""

    #: Base under which every URI is minted (must end with "/").
    base_uri: str = "https://fazhi.example.org/"
    #: Folder of the embedded store (ignored when ``endpoint`` is set).
    store: str = field(default_factory=_default_store)
    #: SPARQL 1.1 query endpoint of a remote store; empty means "use the embedded store".
    endpoint: str = ""
    #: SPARQL 1.1 update endpoint of the remote store (needed to write).
    update_endpoint: str = ""
    #: Graph Store Protocol endpoint of the remote store (optional, for fast loads).
    gsp_endpoint: str = ""
    #: Seconds to wait for a remote store before giving up.
    remote_timeout: float = 30.0
    #: Seconds a web page waits for a remote store: a frozen or overloaded server then costs
    #: a reader a short wait and a 503 with Retry-After, not ``remote_timeout``. SPARQL endpoint
    #: queries keep their own limit (``query_timeout``).
    remote_page_timeout: float = 8.0
    #: Largest SPARQL Update request body sent to a remote store, in bytes (form-encoded).
    #: Oxigraph's server refuses bodies over 1 MiB; a graph replacement that fits in one
    #: request is atomic, larger ones take the Graph Store Protocol or a staging graph.
    remote_update_bytes: int = 1_000_000
    #: Most triples in one remote SPARQL Update request: Virtuoso 7's parser runs out of
    #: memory near 5,000 lines of INSERT DATA.
    remote_update_triples: int = 4_000
    #: Where ``fazhi publish-dumps`` writes releases and ``/dumps/`` serves them from.
    dumps_dir: str = field(default_factory=_default_dumps)
    #: Where the site saves what is slow to compute per dataset version (the corpus network),
    #: so that a restart reads it back instead of rebuilding it. Empty: beside the embedded
    #: store (``<store>-cache``); a remote store's site then keeps it in memory only.
    cache_dir: str = ""
    host: str = "127.0.0.1"
    port: int = 8080
    threads: int = 8
    #: Server processes sharing the port (each with ``threads`` threads and its own SPARQL
    #: workers); 0 means one per CPU core, at most 4.
    processes: int = 0
    #: Bytes of rendered entity pages and data documents kept per server process for the
    #: current dataset version; 0 renders every request afresh.
    page_cache_bytes: int = 64 * 1024 * 1024
    #: Dataset metadata for DCAT/VoID.
    publisher_name: str = "fazhi"
    publisher_url: str = ""
    contact_email: str = "opendata@example.org"
    license: str = "https://creativecommons.org/licenses/by/4.0/"
    dataset_title: str = "法治政府建设情况报告知识图谱"
    #: Date the dataset was first published (ISO date, e.g. 2024-06-01), for DCAT ``dct:issued``;
    #: empty leaves it out.
    dataset_issued: str = ""
    #: SPARQL endpoint protection.
    query_timeout: float = 10.0
    max_rows: int = 10000
    max_concurrent_queries: int = 2
    max_request_bytes: int = 1_000_000
    #: Largest report file accepted by extraction and ingest, in bytes.
    max_report_bytes: int = 20 * 1024 * 1024

    def replace(self, **changes: Any) -> "Config":
        return dataclasses.replace(self, **changes)

    @property
    def is_remote(self) -> bool:
        return bool(self.endpoint)

    @property
    def saved_analyses_dir(self) -> str | None:
        """``cache_dir``, else ``<store>-cache`` beside an embedded store's folder, else None."""
        if self.cache_dir:
            return self.cache_dir
        if self.is_remote or not self.store:
            return None
        store = Path(self.store)
        return str(store.with_name(store.name + "-cache"))


def _coerce(name: str, raw: Any, kind: type) -> Any:
    try:
        if kind is bool:
            return str(raw).lower() in {"1", "true", "yes", "on"}
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot read {raw!r} as {kind.__name__}") from exc


def _types() -> dict[str, type]:
    defaults = Config()
    return {f.name: type(getattr(defaults, f.name)) for f in fields(Config)}


def _from_mapping(values: Mapping[str, Any], origin: str) -> dict[str, Any]:
    types = _types()
    out = {}
    for key, raw in values.items():
        name = key.lower()
        if name not in types:
            raise ConfigError(f"{origin}: unknown setting {key!r}")
        out[name] = _coerce(name, raw, types[name])
    return out


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """``FAZHI_<SETTING>`` variables; other ``FAZHI_*`` names (test switches, typos) are not
    settings and are left alone, unlike unknown keys in a config file, which are errors."""
    known = set(_types())
    picked = {
        k[len(ENV_PREFIX):]: v
        for k, v in environ.items()
        if k.startswith(ENV_PREFIX) and k[len(ENV_PREFIX):].lower() in known and v != ""
    }
    return _from_mapping(picked, "environment")


def _from_file(path: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"config file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: {exc}") from exc
    return _from_mapping(data.get("fazhi", data), f"config file {path}")


def load_config(
    config_file: str | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Config:
    """Build the configuration from file, environment and explicit overrides."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or environ.get(ENV_PREFIX + "CONFIG")
    if path:
        values.update(_from_file(path))
    values.update(_from_env(environ))
    values.update({k: v for k, v in overrides.items() if v is not None})
    config = Config(**values)
    if not config.base_uri.endswith("/"):
        config = config.replace(base_uri=config.base_uri + "/")
    return config
