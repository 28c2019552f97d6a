"""What every page request needs from the data, kept fresh while ``fazhi ingest`` runs.

The web app opens the embedded store read-only so that ingest can write at the same time, but
a read-only pyoxigraph store is a snapshot: it never sees later writes. So, at most every
``CHECK_SECONDS``, one request looks at the store folder's files; when they changed, a new
read-only store is opened and its dataset summary read. Only when the summary's ``version``
differs (ingest writes the summary last, once the reports are in) is the new store swapped in,
so a page never shows a half-ingested corpus. Requests that are running keep the snapshot they
started with. Remote stores are re-read on the same interval (one cheap summary query).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

from flask import Flask, current_app

from fazhi.dataset import DatasetSummary, read_summary
from fazhi.errors import FazhiError, StoreUnavailable
from fazhi.store import EmbeddedStore, Store
from fazhi.web.labels import NameCache, TermLabels
from fazhi.web.links import Linker

log = logging.getLogger("fazhi.web")

CHECK_SECONDS = 2.0


@dataclass
class Snapshot:
    """One consistent view: a store and the summary read from it."""

    store: Store
    summary: DatasetSummary
    opened_at: float = field(default_factory=time.monotonic)
    #: False when the store could not be read at start-up (a remote server down): the site
    #: then answers 503 until a refresh reads it, rather than show an empty dataset.
    known: bool = True

    @property
    def version(self) -> str:
        return self.summary.version

    @property
    def empty(self) -> bool:
        return not self.summary.version and self.summary.graphs == 0

    @property
    def etag(self) -> str:
        return f'"{self.summary.version or "empty"}"'

    @property
    def last_modified(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.summary.modified.replace("Z", "+00:00"))
        except ValueError:
            return None

    @property
    def http_date(self) -> str | None:
        moment = self.last_modified
        return format_datetime(moment.astimezone(timezone.utc), usegmt=True) if moment else None


class PageCache:
    """Rendered entity pages and data documents of the current version, least recently used
    dropped first, bounded in bytes. Popular entities (a province's government, this year's
    reports) are asked for far more often than the rest; the data changes only with ingest."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, body: bytes, mimetype: str) -> None:
        if self.max_bytes <= 0 or len(body) > self.max_bytes // 16:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self.size += len(body) - (len(old[0]) if old else 0)
            self._items[key] = (body, mimetype)
            while self.size > self.max_bytes and self._items:
                _, (dropped, _) = self._items.popitem(last=False)
                self.size -= len(dropped)


class Site:
    """The app's view of the data; ``snapshot()`` is what a request reads from."""

    def __init__(self, app: Flask):
        self.app = app
        self.config = app.config["FAZHI"]
        self.terms = TermLabels(self.config.base_uri)
        self.linker = Linker(self.config.base_uri)
        self.names = NameCache()
        self.pages = PageCache(self.config.page_cache_bytes)
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._stamp = self._folder_stamp()
        self._current = self._first_snapshot(app.extensions["fazhi.store"])
        self._derived: dict[tuple[str, str], object] = {}
        self._build_locks: dict = {}
        self._lock_guard = threading.Lock()
        self._warmers: list = []
        self._refreshing: threading.Thread | None = None
        self._warm_started = False
        self._memo: dict[str, object] = {}
        self._memo_version = self._current.version

    def snapshot(self) -> Snapshot:
        """:raises StoreUnavailable: the store has not answered since the site started."""
        if not self._current.known:
            raise StoreUnavailable("the data store has not answered yet; the site keeps trying")
        return self._current

    def maybe_refresh(self) -> None:
        """Called before each request: cheap unless the interval has passed; the check itself
        (and any index building for a new version) runs in a background thread."""
        if not self._warm_started:
            self.start_warming()
        if time.monotonic() - self._checked < CHECK_SECONDS or not self._lock.acquire(blocking=False):
            return
        try:
            self._checked = time.monotonic()
            if self._refreshing is None or not self._refreshing.is_alive():
                self._refreshing = threading.Thread(target=self._refresh_safely, name="fazhi-refresh", daemon=True)
                self._refreshing.start()
        finally:
            self._lock.release()

    def _refresh_safely(self) -> None:
        try:
            self._refresh()
        except FazhiError as exc:  # a store mid-write that cannot be opened yet: try later
            log.warning("store refresh skipped: %s", exc)
        except Exception:
            log.exception("store refresh failed")

    def derived(self, name: str, build, snap: Snapshot | None = None):
        """A value computed from a snapshot (search index, class tables), built once per
        dataset version: concurrent askers wait for the one build rather than repeat it."""
        snap = snap or self._current
        key = (name, snap.version)
        value = self._derived.get(key)
        if value is not None:
            return value
        with self._build_lock(key):
            value = self._derived.get(key)
            if value is None:
                value = build(self._patient(snap))
                kept = {k: v for k, v in self._derived.items() if k[1] in (snap.version, self._current.version)}
                kept[key] = value
                self._derived = kept
        return value

    def _patient(self, snap: Snapshot) -> Snapshot:
        """``snap`` with the full remote wait: corpus-wide tables may take a remote server
        longer than a page is allowed to wait."""
        return dataclasses.replace(snap, store=snap.store.with_timeout(self.config.remote_timeout))

    def _build_lock(self, key) -> threading.Lock:
        with self._lock_guard:
            return self._build_locks.setdefault(key, threading.Lock())

    def on_new_version(self, warmer) -> None:
        """Register ``warmer(snapshot)``: run in the background for the starting snapshot and
        for every new one *before* it is swapped in, so no request waits for an index build."""
        self._warmers.append(warmer)

    def warm(self, snap: Snapshot) -> None:
        """Run every warmer, each in its own thread (the store answers them side by side)."""
        threads = [threading.Thread(target=self._warm_one, args=(w, snap), daemon=True) for w in self._warmers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _warm_one(self, warmer, snap: Snapshot) -> None:
        with self.app.app_context():
            try:
                warmer(snap)
            except Exception:  # a failed warm-up only means the first request builds it
                log.exception("warming %s failed", getattr(warmer, "__name__", warmer))

    def start_warming(self, wait: bool = False) -> None:
        """Warm the starting snapshot (once; later versions warm on refresh): in the background,
        or, with ``wait``, before returning (a server process joining others that already
        answer takes no request before its search index and tables are built)."""
        with self._lock_guard:
            if self._warm_started:
                return
            self._warm_started = True
        if wait:
            self.warm(self._current)
            return
        threading.Thread(target=self.warm, args=(self._current,), name="fazhi-warm", daemon=True).start()

    def memo(self, key: str, build, limit: int = 256):
        """A small cache of rendered pages for the current version (home, index pages):
        they depend only on the data and the URL, and everyone asks for the same few."""
        snap = self._current
        memo = self._memo if self._memo_version == snap.version else {}
        value = memo.get(key)
        if value is None:
            value = build()
            memo = {} if len(memo) >= limit else dict(memo)
            memo[key] = value
            self._memo, self._memo_version = memo, snap.version
        return value

    def _refresh(self) -> None:
        store, stamp = self._current.store, None
        if isinstance(store, EmbeddedStore) and store.path is not None and not store.writable:
            stamp = self._folder_stamp()
            if stamp == self._stamp:
                return
            fresh = EmbeddedStore(store.path, read_only=True)
        elif isinstance(store, EmbeddedStore):
            return  # in memory or writable: it sees its own writes
        else:
            fresh = store
        # Read directly, not through _first_snapshot: a store that cannot answer now (a remote
        # server down, a folder mid-write) must keep the current snapshot, not swap in an
        # empty dataset; _refresh_safely logs it and the next check tries again. The folder's
        # stamp is only recorded once it was read, or a failed open would never be retried.
        summary = read_summary(fresh, self.config.base_uri)
        if stamp is not None:
            self._stamp = stamp
        current = self._current
        if not current.known or summary.version != current.version or summary.modified != current.summary.modified:
            snap = Snapshot(fresh, summary)
            self.warm(snap)
            self._swap(snap)

    def _swap(self, snap: Snapshot) -> None:
        log.info("dataset version %s → %s", self._current.version, snap.version)
        self.names = NameCache()
        self.pages = PageCache(self.pages.max_bytes)
        self._current = snap
        self.app.extensions["fazhi.store"] = snap.store

    def _first_snapshot(self, store: Store) -> Snapshot:
        try:
            return Snapshot(store, read_summary(store, self.config.base_uri))
        except StoreUnavailable as exc:
            log.warning("store unavailable at start: %s", exc)
            return Snapshot(store, DatasetSummary(), known=False)
        except FazhiError as exc:
            log.warning("no dataset summary: %s", exc)
            return Snapshot(store, DatasetSummary())

    def _folder_stamp(self) -> tuple:
        """Names, sizes and times of the store's files: RocksDB adds files as it writes."""
        store = self.app.extensions["fazhi.store"]
        path = getattr(store, "path", None)
        if not isinstance(path, Path) or not path.is_dir():
            return ()
        try:
            return tuple(sorted((e.name, e.stat().st_mtime_ns) for e in _entries(path)))
        except OSError:
            return ()


def _entries(path: Path):
    return (e for e in path.iterdir() if e.name in ("CURRENT",) or e.name.startswith("MANIFEST") or e.suffix == ".sst")


def get_site(app: Flask | None = None) -> Site:
    return (app or current_app).extensions["fazhi.site"]


def init_site(app: Flask) -> Site:
    """Create the app's Site once, whichever blueprint asks first."""
    site = app.extensions.get("fazhi.site")
    if site is None:
        site = app.extensions["fazhi.site"] = Site(app)
        app.before_request(site.maybe_refresh)
    return site
