"""Metadata sidecars beside report files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fazhi.errors import InputError
from fazhi.ingest import ingest
from fazhi.sidecar import Sidecar, read_sidecar
from fazhi.store import EmbeddedStore

SEED = Path(__file__).resolve().parents[1] / "data" / "reports" / "longchang-2021.txt"


def test_no_sidecar_is_an_empty_one(tmp_path):
    assert read_sidecar(tmp_path / "report.txt") == Sidecar()


@pytest.mark.parametrize("content, reason", [
    ("{not json", "unreadable"),
    (json.dumps({"isuer": "x"}), "unknown keys"),
    (json.dumps({"year": "2021"}), "year"),
    (json.dumps({"published": "17/02/2022"}), "ISO date"),
    (json.dumps({"source_url": "file:///etc/passwd"}), "http"),
])
def test_malformed_sidecars_are_refused_with_the_reason(tmp_path, content, reason):
    (tmp_path / "report.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        read_sidecar(tmp_path / "report.txt")


def test_ingest_honours_the_sidecar(tmp_path):
    shutil.copy(SEED, tmp_path / "r.txt")
    url = "https://www.longchang.gov.cn/report-2021.html"
    (tmp_path / "r.json").write_text(json.dumps({"source_url": url, "published": "2022-02-18"}), encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        ingest([tmp_path / "r.txt"], store, base_uri="https://fazhi.example.org/", validate=False)
        rows = list(store.query("SELECT ?src ?issued WHERE { ?r <http://purl.org/dc/terms/source> ?src ; "
                                "<http://purl.org/dc/terms/issued> ?issued }"))
    assert rows[0]["src"].value == url and rows[0]["issued"].value == "2022-02-18"
