"""Metadata sidecars: ``report.txt`` may have a ``report.json`` beside it.

Some facts about a report are not in its text, or not reliably: the page it was taken from, the
issuer of a report that never names itself. A sidecar states them once, next to the file, and
both ``fazhi extract`` and ``fazhi ingest`` honour it (an explicit ``--issuer`` still wins).

Keys (all optional): ``issuer`` (full name), ``year`` (the year reported on), ``published``
(ISO date), ``title``, ``source_url`` (the page the report was taken from).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from fazhi.errors import InputError

_KEYS = {"issuer", "year", "published", "title", "source_url"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Sidecar:
    issuer: str | None = None
    year: int | None = None
    published: str | None = None
    title: str | None = None
    source_url: str | None = None


def sidecar_path(report_path: str | Path) -> Path:
    return Path(report_path).with_suffix(".json")


def read_sidecar(report_path: str | Path) -> Sidecar:
    """The sidecar of ``report_path``, or an empty one; a malformed sidecar is an InputError."""
    path = sidecar_path(report_path)
    if not path.is_file():
        return Sidecar()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable metadata sidecar: {exc}", source=str(path)) from None
    return _validated(data, str(path))


def _validated(data: object, source: str) -> Sidecar:
    if not isinstance(data, dict) or set(data) - _KEYS:
        unknown = sorted(set(data) - _KEYS) if isinstance(data, dict) else "not an object"
        raise InputError(f"metadata sidecar: unknown keys {unknown}; allowed: {sorted(_KEYS)}", source=source)
    year = data.get("year")
    if year is not None and not (isinstance(year, int) and 1949 <= year <= 2100):
        raise InputError("metadata sidecar: year must be a number such as 2021", source=source)
    published = data.get("published")
    if published is not None and not (isinstance(published, str) and _DATE.match(published)):
        raise InputError("metadata sidecar: published must be an ISO date such as 2022-02-17", source=source)
    url = data.get("source_url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise InputError("metadata sidecar: source_url must be an http(s) URL", source=source)
    return Sidecar(data.get("issuer"), year, published, data.get("title"), url)


def apply_sidecar(report, sidecar: Sidecar, explicit_issuer: str | None = None) -> None:
    """Let the sidecar's statements win over what the text yielded (the issuer is applied at
    extraction time, since resolving 我市/我局 depends on it; this only records its origin)."""
    if sidecar.issuer and not explicit_issuer:
        report.issuer_source = "sidecar"
    if sidecar.year is not None:
        report.year = sidecar.year
    if sidecar.published:
        report.published = sidecar.published
    if sidecar.title:
        report.title = sidecar.title
