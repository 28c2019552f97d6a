"""Sitemaps over every entity page, written to files once per dataset version.

The sitemaps protocol allows 50,000 URLs per file; past that, a sitemap index lists the parts.
Entities are read class by class: those that belong to one report (sections, measures,
observations…) live in one graph each, so they stream without DISTINCT; shared ones
(organisations, documents, areas, years, indicator phrases) need DISTINCT and are far fewer.
Memory stays flat: URLs go to the current file as they arrive.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from fazhi.store import Store

LIMIT = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
OWN = ("def/fz#Report", "def/fz#ReportSection", "def/fz#Measure", "def/fz#Problem",
       "def/fz#PlannedMeasure", "http://purl.org/linked-data/cube#Observation")
SHARED = ("http://www.w3.org/ns/org#Organization", "def/fz#GovernmentDocument",
          "def/fz#AdministrativeDivision", "http://www.w3.org/2006/time#DateTimeInterval",
          "http://www.w3.org/2004/02/skos/core#Concept")


def entity_urls(store: Store, base_uri: str):
    """Page URLs of every entity: ``/page/…`` for ``id/`` IRIs, the IRI itself for ``def/`` terms."""
    for kind in OWN + SHARED:
        cls = kind if "://" in kind else base_uri + kind
        distinct = "DISTINCT" if kind in SHARED else ""
        for row in store.query(f"SELECT {distinct} ?s WHERE {{ ?s a <{cls}> FILTER(isIRI(?s)) }}"):
            url = page_url(row["s"].value, base_uri)
            if url:
                yield url


def page_url(iri: str, base_uri: str) -> str | None:
    if iri.startswith(base_uri + "id/"):
        return base_uri + "page/" + iri[len(base_uri):]
    if iri.startswith(base_uri + "def/"):
        return iri
    return None


def write_sitemaps(store: Store, base_uri: str, folder: Path, lastmod: str = "") -> int:
    """Write ``sitemap-N.xml`` files into ``folder`` (atomically, all or none); return N files."""
    folder.mkdir(parents=True, exist_ok=True)
    count, handle, n = 0, None, 0
    for url in entity_urls(store, base_uri):
        if handle is None or n >= LIMIT:
            _close(handle)
            count += 1
            handle, n = _open(folder, count), 0
        handle.write(f"<url><loc>{escape(url)}</loc>{_lastmod(lastmod)}</url>\n")
        n += 1
    _close(handle)
    for i in range(1, count + 1):
        os.replace(folder / f"sitemap-{i}.xml.part", folder / f"sitemap-{i}.xml")
    return count


def _open(folder: Path, number: int):
    handle = open(folder / f"sitemap-{number}.xml.part", "w", encoding="utf-8")
    handle.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n')
    return handle


def _close(handle) -> None:
    if handle is not None:
        handle.write("</urlset>\n")
        handle.close()


def _lastmod(stamp: str) -> str:
    return f"<lastmod>{escape(stamp)}</lastmod>" if stamp else ""


def sitemap_index(base_uri: str, count: int, lastmod: str = "") -> str:
    """The sitemap index listing ``count`` sitemap files."""
    entries = "".join(f"<sitemap><loc>{escape(base_uri)}sitemaps/{i}.xml</loc>{_lastmod(lastmod)}</sitemap>\n"
                      for i in range(1, count + 1))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n{entries}</sitemapindex>\n'
