"""The release manifest: what ``fazhi publish-dumps`` wrote, with sizes, digests and counts.

It is the one record the web layer reads to list, describe (DCAT, VoID) and serve the dumps:
nothing about the files is recomputed per request.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass
class DumpFile:
    """One published file; ``path`` is relative to the dumps folder, with ``/`` separators."""

    path: str
    format: str
    media_type: str
    bytes: int
    sha256: str
    statements: int
    unit: str  # "quads" or "triples"
    compression: str = "gzip"
    graph: str = ""  # per-report dumps: the report's graph
    report: str = ""  # … and the report


@dataclass
class Coverage:
    """What the corpus covers: reporting years and areas (GB/T 2260 area IRIs)."""

    first_year: int | None = None
    last_year: int | None = None
    areas: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    dataset: str
    version: str
    modified: str
    generated: str
    base_uri: str
    files: list[DumpFile] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)

    @cached_property
    def by_path(self) -> dict[str, DumpFile]:
        return {f.path: f for f in self.files}

    @property
    def full_dumps(self) -> list[DumpFile]:
        return [f for f in self.files if not f.report]

    @property
    def report_dumps(self) -> list[DumpFile]:
        return [f for f in self.files if f.report]

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items()}
        return json.dumps(data, ensure_ascii=False, indent=1)


def write_manifest(manifest: Manifest, folder: Path) -> Path:
    """Write ``manifest.json`` atomically (readers never see half a file)."""
    target = folder / MANIFEST
    part = folder / (MANIFEST + ".part")
    part.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(part, target)
    return target


def read_manifest(folder: str | os.PathLike) -> Manifest | None:
    """The manifest in ``folder``, or None when no release has been published there."""
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = [DumpFile(**f) for f in data.pop("files", [])]
    coverage = Coverage(**data.pop("coverage", {}))
    return Manifest(files=files, coverage=coverage, **data)


_cache: dict[str, tuple[float, Manifest | None]] = {}


def cached_manifest(folder: str | os.PathLike) -> Manifest | None:
    """:func:`read_manifest`, re-read only when the file's modification time changes."""
    path = Path(folder) / MANIFEST
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    hit = _cache.get(str(path))
    if hit is None or hit[0] != stamp:
        hit = _cache[str(path)] = (stamp, read_manifest(folder))
    return hit[1]
