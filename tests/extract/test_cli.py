"""``fazhi extract``: JSON and text output, and one-line errors with exit code 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fazhi.cli import cli
from fazhi.extract.decode import DEFAULT_MAX_BYTES

from .conftest import SEED

TOP_KEYS = {"text", "title", "issuer", "year", "published", "sections", "measures", "metrics",
            "organizations", "documents", "problems", "plans"}
METRIC_KEYS = {"value", "unit", "qualifier", "quantity", "quantity_unit", "indicator", "start", "end"}


def run(*args):
    return CliRunner().invoke(cli, ["extract", *map(str, args)])


def test_json_output():
    result = run(SEED)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert TOP_KEYS <= set(data)
    assert data["issuer"] == "隆昌市人民政府" and data["year"] == 2021 and data["published"] == "2022-02-17"
    assert data["metrics"] and all(METRIC_KEYS <= set(m) for m in data["metrics"])
    rate = next(m for m in data["metrics"] if m["indicator"] == "全程网办率")
    assert (rate["value"], rate["unit"], rate["start"], rate["end"]) == (98.33, "%", 631, 643)
    assert data["text"][rate["start"]:rate["end"]] == "全程网办率达98.33%"


def test_issuer_option():
    data = json.loads(run(SEED, "--issuer", "内江市人民政府").stdout)
    assert data["issuer"] == "内江市人民政府"


def test_text_output():
    result = run(SEED, "--format", "text")
    assert result.exit_code == 0
    out = result.stdout
    assert "隆昌市2021年度法治政府建设情况报告" in out and "隆昌市人民政府" in out
    assert "全程网办率: 98.33%" in out
    assert "调解成功: 98%以上" in out and "1.6万余条" in out  # figures read as written
    assert "《隆昌市行政复议体制改革方案》" in out
    assert "20 measures, 3 problems, 5 plans" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def _bad(path, reason):
    result = run(path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0], lines[0]
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout == ""


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _bad(path, "empty")


def test_binary_file(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02\x00" * 400)
    _bad(path, "binary")


def test_folder(tmp_path):
    _bad(tmp_path, "folder")


def test_missing_file(tmp_path):
    _bad(tmp_path / "nope.txt", "no such file")


def test_html_without_report(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>隆昌市人民政府</title></head><body><nav>首页 政务公开</nav>"
                    "<p>当前位置：首页 &gt; 政务公开</p><footer>版权所有 隆昌市人民政府</footer></body></html>", encoding="utf-8")
    _bad(path, "no report text")


def test_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: no need to write 20 MB
    _bad(path, "limit")
