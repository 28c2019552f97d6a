"""The store: one small interface (:class:`Store`), an embedded and a remote backend.

``open_store(config)`` picks the backend: a remote SPARQL 1.1 server when ``endpoint`` is set,
else the embedded pyoxigraph store in the folder ``config.store``.
"""

from __future__ import annotations

from fazhi.config import Config
from fazhi.store.base import QueryResult, Store
from fazhi.store.embedded import EmbeddedStore
from fazhi.store.remote import RemoteStore

__all__ = ["EmbeddedStore", "QueryResult", "RemoteStore", "Store", "open_store"]


def open_store(config: Config, *, read_only: bool = False) -> Store:
    """Open the store ``config`` describes; ``read_only`` refuses every write.

    :raises StoreUnavailable: the folder is locked or unwritable.
    """
    if config.is_remote:
        return RemoteStore.from_config(config, read_only=read_only)
    return EmbeddedStore(config.store, read_only=read_only)
