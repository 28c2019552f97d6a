"""The synthetic corpus generator: deterministic, varied, of the genre, of the right size."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import corpus  # noqa: E402


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, str]]:
    """500 reports, shared by the tests below (generation takes a fraction of a second)."""
    return list(corpus.generate(500, seed=7))


def test_same_seed_same_bytes(sample):
    again = list(corpus.generate(500, seed=7))
    assert [(n, t.encode("utf-8")) for n, t in again] == [(n, t.encode("utf-8")) for n, t in sample]


def test_report_does_not_depend_on_n(sample):
    """Report i is the same whether 10 or 500 are asked for, so benchmarks can grow N."""
    assert list(corpus.generate(10, seed=7)) == sample[:10]


def test_other_seed_other_corpus(sample):
    other = list(corpus.generate(20, seed=8))
    assert [t for _, t in other] != [t for _, t in sample[:20]]


def test_file_names_unique_and_txt(sample):
    names = [n for n, _ in sample]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"\d{6}-\d{6}-\d{4}-[a-z]+\.txt", n) for n in names)


def test_titles_name_year_and_genre(sample):
    for _, text in sample:
        title = next(line for line in text.splitlines() if "法治政府建设" in line)
        assert "年" in title and "法治政府建设" in title
        assert re.search(r"20(19|2[0-4])年", title)


def test_sizes_in_range(sample):
    sizes = [len(t) for _, t in sample]
    assert min(sizes) >= corpus.MIN_CHARS
    assert max(sizes) <= corpus.MAX_CHARS


def test_many_places(sample):
    codes = {n.split("-")[1] for n, _ in sample}
    assert len(codes) >= 50


def test_issuers_of_both_kinds(sample):
    kinds = {n.split("-")[3].removesuffix(".txt") for n, _ in sample}
    assert "gov" in kinds
    assert len(kinds - {"gov"}) >= 5  # several kinds of department
    assert any("我局" in t or "本局" in t for _, t in sample)


def test_numbering_styles_vary(sample):
    texts = [t for _, t in sample]
    assert any(re.search(r"一是.+二是", t) for t in texts)
    assert any(re.search(r"^\d+\.", t, re.M) for t in texts)
    assert any(re.search(r"^\d+、", t, re.M) for t in texts)
    assert any(re.search(r"^（\d+）", t, re.M) for t in texts)
    assert any(re.search(r"^（[一二三四五六七]）", t, re.M) for t in texts)
    assert any(re.search(r"^\([一二三四五六七]\)", t, re.M) for t in texts)
    # reports with no second level at all
    assert any(not re.search(r"^[(（][一二三四五六七][)）]", t, re.M) for t in texts)


def test_sections_of_three_kinds(sample):
    for _, text in sample:
        heads = re.findall(r"^[一二三]、(.+)$", text, re.M)
        assert len(heads) == 3
        assert re.search(r"问题|不足", heads[1])
        assert re.search(r"打算|计划|安排|思路", heads[2])


def test_metric_and_document_counts(sample):
    """Every report cites 5–15 titles and carries plenty of numbers with units."""
    for _, text in sample:
        titles = re.findall(r"《", text)
        assert 5 <= len(titles) <= 15
        numbers = re.findall(r"\d+(?:\.\d+)?\s?(?:万|亿)?(?:余|多)?(?:件|项|次|人次|%|元|条|户|家|名|个|场次|份|卷|篇|册|处|起|宗|天|小时|批次)", text)
        assert len(numbers) >= 15


def test_indicators_recur_across_reports(sample):
    """The same indicator phrase appears in many reports with different values."""
    hits = [re.search(r"受理法律援助案件([\d.]+)", t) for _, t in sample]
    values = {m.group(1) for m in hits if m}
    assert len(values) >= 10


def test_distractors_present(sample):
    texts = "".join(t for _, t in sample)
    for d in ("〔", "12348", "“1+N”", "2.0", "索引号", "发布时间"):
        assert d in texts


def test_years_consistent_with_documents(sample):
    for name, text in sample:
        year = int(name.split("-")[2])
        if year < 2021:
            assert "纲要(2021—2025年)" not in text
            assert "二十大" not in text


def test_cn_number():
    assert [corpus.cn_number(n) for n in (1, 7, 10, 12, 20, 35)] == ["一", "七", "十", "十二", "二十", "三十五"]


def test_speed():
    import time

    t0 = time.perf_counter()
    for _ in corpus.generate(1000, seed=3):
        pass
    assert time.perf_counter() - t0 < 5  # 10,000 in well under a minute
