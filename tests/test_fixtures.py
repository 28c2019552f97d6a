"""Self-consistency of the hand-annotated report fixtures.

The expectations in tests/fixtures/expected/ are written by hand; these checks catch typos
in them (a metric span that is not in the text, a distractor that sits inside a metric span)
so that an extractor failing against a fixture is failing on the extractor, not the fixture.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = sorted((FIXTURES / "expected").glob("*.json"))
KINDS = {"work", "problems", "plans", "other"}
QUALIFIERS = {"exact", "more-than", "at-least", "about", "at-most"}
SCALE = {"万": 10_000, "亿": 100_000_000}


def report_path(expected: Path) -> Path:
    """The report a expectation file describes: same stem, any extension."""
    (path,) = [p for p in (FIXTURES / "reports").glob(expected.stem + ".*")]
    return path


def visible_text(path: Path, encoding: str) -> str:
    """Decoded text; for HTML, tags, scripts and styles removed and entities resolved."""
    text = path.read_bytes().decode(encoding)
    if path.suffix == ".html":
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


@pytest.fixture(params=EXPECTED, ids=[p.stem for p in EXPECTED])
def case(request):
    exp = json.loads(request.param.read_text(encoding="utf-8"))
    path = report_path(request.param)
    return exp, path, visible_text(path, exp.get("encoding", "utf-8"))


def test_there_are_enough_fixtures():
    assert len(EXPECTED) >= 10


def test_declared_encoding_is_needed(case):
    """A fixture declared GBK must not decode as UTF-8, so the encoding path is exercised."""
    exp, path, _ = case
    if exp.get("encoding", "utf-8") != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")


def test_size_in_range(case):
    exp, path, text = case
    body = re.sub(r"\s", "", text)
    if path.suffix == ".html":
        assert len(body) >= 800
    else:
        assert 800 <= len(body) <= 3000


def test_title_issuer_year(case):
    exp, _, text = case
    assert exp["title"] in re.sub(r"\s*\n\s*", "", text)  # a title may be set on two lines
    assert exp["issuer"]
    written = "".join("〇一二三四五六七八九"[int(d)] for d in str(exp["year"]))  # 二〇二二
    assert any(str(exp["year"]) in t or written in t for t in (exp["title"], text))
    if exp["published"]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", exp["published"])


def walk(sections):
    for s in sections:
        yield s
        yield from walk(s["children"])


def test_sections(case):
    exp, _, text = case
    for s in walk(exp["sections"]):
        assert s["kind"] in KINDS
        assert s["title"] in text, s["title"]


def test_metrics_are_in_text(case):
    exp, _, text = case
    for m in exp["metrics"]:
        assert m["text"] in text, m["text"]
        assert m["indicator"] in m["text"] or m.get("shared_indicator") and m["indicator"] in text, m
        assert m["qualifier"] in QUALIFIERS
        bare = re.sub(r"[ 余多]", "", m["text"])  # unit is recorded without 余/多
        assert m["unit"] in bare or m.get("borderline"), m


def test_metric_normalisation(case):
    exp, _, _ = case
    for m in exp["metrics"]:
        unit = m["unit"]
        if unit[0] in SCALE and len(unit) > 1:
            assert m["quantity_unit"] == unit[1:], m
            assert m["quantity"] == pytest.approx(m["value"] * SCALE[unit[0]]), m
        else:
            assert m["quantity"] == m["value"] and m["quantity_unit"] == unit, m


def test_not_metrics_are_outside_metric_spans(case):
    exp, path, _ = case
    raw = path.read_bytes().decode(exp.get("encoding", "utf-8"))  # scripts and tags included
    for d in exp["not_metrics"]:
        assert d in raw, d
        for m in exp["metrics"]:
            assert d not in m["text"], (d, m["text"])


def test_documents_are_bracketed(case):
    exp, _, text = case
    for d in exp["documents"]:
        assert f"《{d}》" in text or f"〈{d}〉" in text or f"《{d}〉" in text, d


def test_organizations_are_in_text(case):
    exp, _, text = case
    for o in exp["organizations"]:
        assert o in text, o


def test_counts_present(case):
    exp, _, _ = case
    assert set(exp["counts"]) == {"measures", "problems", "plans"}
