"""``fazhi publish-dumps``: write a release of the dataset into the dumps folder.

A release is one gzipped file per format (``fazhi.nq.gz``…), one gzipped Turtle file per
report (``reports/{area}/{org}/{year}.ttl.gz``), ``manifest.json`` with each file's size,
SHA-256 and statement count, and ``catalog.ttl``, the same facts as DCAT-AP.

Each file is written beside its final name and renamed into place, and the manifest last, so
a server reading the folder during a release sees the old release or the new one. gzip headers
carry no timestamp: the same data gives byte-identical files, so digests only change with the
data.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable

from fazhi.config import Config
from fazhi.dataset import dataset_iri, read_summary
from fazhi.errors import StoreUnavailable
from fazhi.export import FORMATS, Format, export
from fazhi.publish.coverage import compute_coverage
from fazhi.publish.manifest import DumpFile, Manifest, write_manifest
from fazhi.store import Store

FULL_DUMP = "fazhi.{ext}.gz"
REPORTS = "reports"
CATALOG_FILE = "catalog.ttl"


class _Digest:
    """A write-only file wrapper that hashes and counts the bytes going through it."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


def write_dump(store: Store, fmt: Format, target: Path, *, base_uri: str, graph: str | None = None) -> DumpFile:
    """Write one gzipped dump to ``target`` (atomically) and describe it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    with open(part, "wb") as raw:
        digest = _Digest(raw)
        with gzip.GzipFile(fileobj=digest, mode="wb", compresslevel=6, mtime=0) as out:
            count = export(store, fmt, out, base_uri=base_uri, graph=graph)
    os.replace(part, target)
    return DumpFile(path="", format=fmt.key, media_type=fmt.media_type, bytes=digest.size,
                    sha256=digest.sha.hexdigest(), statements=count,
                    unit="quads" if fmt.keeps_graphs and graph is None else "triples")


def report_dump_path(graph: str, base_uri: str) -> str | None:
    """``reports/{area}/{org}/{year}.ttl.gz`` for a report graph; None for other graphs."""
    prefix = base_uri + "graph/report/"
    if not graph.startswith(prefix):
        return None
    return f"{REPORTS}/{graph[len(prefix):]}.ttl.gz"


def publish_dumps(store: Store, config: Config, out_dir: str | os.PathLike | None = None,
                  progress: Callable[[str], None] | None = None) -> Manifest:
    """Write a full release into ``out_dir`` (default ``config.dumps_dir``); return its manifest."""
    folder = Path(out_dir or config.dumps_dir)
    _prepare(folder)
    base = config.base_uri
    summary = read_summary(store, base)
    manifest = Manifest(dataset=dataset_iri(base), version=summary.version, modified=summary.modified,
                        generated=_now(), base_uri=base, coverage=compute_coverage(store, base))
    for fmt in FORMATS.values():
        manifest.files.append(_full_dump(store, fmt, folder, base))
        _tell(progress, FULL_DUMP.format(ext=fmt.extension))
    manifest.files += _report_dumps(store, folder, base, progress)
    _remove_stale(folder, {f.path for f in manifest.files})
    _write_catalog(manifest, config, folder)
    write_manifest(manifest, folder)
    return manifest


def _prepare(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailable(f"cannot create the dumps folder {folder}: {exc.strerror}") from exc
    if not os.access(folder, os.W_OK):
        raise StoreUnavailable(f"the dumps folder {folder} is not writable")


def _full_dump(store: Store, fmt: Format, folder: Path, base: str) -> DumpFile:
    name = FULL_DUMP.format(ext=fmt.extension)
    entry = write_dump(store, fmt, folder / name, base_uri=base)
    entry.path = name
    return entry


def _report_dumps(store: Store, folder: Path, base: str, progress) -> list[DumpFile]:
    entries = []
    for graph in store.graphs():
        path = report_dump_path(graph, base)
        if path is None:
            continue
        entry = write_dump(store, FORMATS["ttl"], folder / path, base_uri=base, graph=graph)
        entry.path, entry.graph = path, graph
        entry.report = base + "id/report/" + graph[len(base + "graph/report/"):]
        entries.append(entry)
        _tell(progress, path)
    return entries


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Per-report files of reports no longer in the store go (their graphs were dropped)."""
    reports = folder / REPORTS
    if not reports.is_dir():
        return
    for path in reports.rglob("*.ttl.gz"):
        if path.relative_to(folder).as_posix() not in keep:
            path.unlink()


def _write_catalog(manifest: Manifest, config: Config, folder: Path) -> None:
    from fazhi.publish.dcat import catalog_graph

    part = folder / (CATALOG_FILE + ".part")
    catalog_graph(config, manifest=manifest).serialize(part, format="turtle")
    os.replace(part, folder / CATALOG_FILE)


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _tell(progress, what: str) -> None:
    if progress is not None:
        progress(what)
