"""Temporal and spatial coverage of the corpus: the reporting years and areas it holds.

Computed when a release is published (and stored in its manifest) or once per dataset version
by the web layer, never per request.
"""

from __future__ import annotations

import re

from fazhi.publish.manifest import Coverage
from fazhi.store import Store

_YEAR = re.compile(r"/id/year/(\d{4})$")


def compute_coverage(store: Store, base_uri: str) -> Coverage:
    """First and last reporting year, and every area a report is about."""
    fz = base_uri + "def/fz#"
    years = sorted(
        int(m.group(1))
        for row in store.query(f"SELECT DISTINCT ?y WHERE {{ ?r <{fz}reportingYear> ?y }}")
        if (m := _YEAR.search(row["y"].value))
    )
    areas = sorted(row["a"].value for row in store.query(
        f"SELECT DISTINCT ?a WHERE {{ ?r a <{fz}Report> ; <http://purl.org/dc/terms/spatial> ?a "
        "FILTER(isIRI(?a)) }"))
    return Coverage(first_year=years[0] if years else None, last_year=years[-1] if years else None,
                    areas=areas)
