"""Analyses kept on disk, one file per (base URI, dataset version, filter).

The corpus network of 10,000 reports takes minutes to build and measure; kept only in memory
it was rebuilt after every restart of the site. A saved analysis is read back in seconds. The
file is JSON (networkx node-link data and the measures), never pickle, so a cache folder is
data, not code; it is written to a temporary name and renamed, so a reader never sees half a
file, and only the most recent ``KEEP`` files are kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

import networkx as nx

from fazhi.analysis.graph import GraphFilter
from fazhi.analysis.measures import Measures

log = logging.getLogger("fazhi.analysis")

FORMAT = 1
KEEP = 16


def path_for(folder: Path, base_uri: str, version: str, f: GraphFilter) -> Path:
    digest = hashlib.sha256(f"{FORMAT}|{base_uri}|{version}|{f.key()}".encode()).hexdigest()[:24]
    return folder / f"network-{digest}.json.gz"


def save(folder: Path, base_uri: str, analysis) -> None:
    """Write ``analysis``; a folder that cannot be written only costs the next start a rebuild."""
    target = path_for(folder, base_uri, analysis.version, analysis.filter)
    record = {"format": FORMAT, "version": analysis.version, "filter": analysis.filter.key(),
              "seconds": analysis.seconds, "measures": dataclasses.asdict(analysis.measures),
              "graph": nx.node_link_data(analysis.graph, edges="edges")}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, gzip.compress(json.dumps(record, ensure_ascii=False).encode(), 5))
        _prune(folder)
    except OSError as exc:
        log.warning("network not saved to %s: %s", folder, exc)


def load(folder: Path, base_uri: str, version: str, f: GraphFilter):
    """The saved analysis, or None when there is none (or it cannot be read)."""
    from fazhi.analysis.cache import Analysis

    path = path_for(folder, base_uri, version, f)
    try:
        record = json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError) as exc:
        log.warning("ignoring unreadable saved network %s: %s", path, exc)
        return None
    if record.get("format") != FORMAT or record.get("version") != version or record.get("filter") != f.key():
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by _prune
    graph = nx.node_link_graph(record["graph"], edges="edges")
    return Analysis(graph, Measures(**record["measures"]), version, f, record["seconds"])


def _write_atomically(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".network-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(folder: Path) -> None:
    saved = sorted(folder.glob("network-*.json.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in saved[KEEP:]:
        old.unlink(missing_ok=True)
