"""The reports every store-building test ingests: the one shipped in data/ and the samples."""

from __future__ import annotations

from pathlib import Path

from fazhi.ingest import REPORT_SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
REPORT_FOLDERS = [ROOT / "data" / "reports", ROOT / "tests" / "fixtures" / "reports"]


def count_reports(*folders: Path) -> int:
    """How many report files ingest will find in ``folders`` (sidecars are not reports)."""
    return sum(1 for folder in folders for path in folder.rglob("*")
               if path.is_file() and path.suffix.lower() in REPORT_SUFFIXES)


#: Every sample report has its own issuer and year, so each becomes one report graph.
BUNDLED_REPORTS = count_reports(*REPORT_FOLDERS)


def ingest_bundled(folder: Path, *extra: Path, base_uri: str = "https://fazhi.example.org/"):
    """The bundled reports (and the report folders ``extra``) ingested into a new store at
    ``folder``, closed again; returns ingest's summary for the caller's own checks."""
    from fazhi.ingest import ingest
    from fazhi.store import EmbeddedStore

    with EmbeddedStore(folder) as store:
        return ingest([*REPORT_FOLDERS, *extra], store, base_uri=base_uri, validate=False, workers=1)
