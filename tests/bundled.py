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
