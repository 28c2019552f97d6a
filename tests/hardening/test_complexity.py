"""Extraction stays linear in the size of its input, in time and in memory.

A complexity check, not a speed target: each shape of input is extracted at 1×, 4× and 16× a
base size and the cost ratios are compared with the size ratios, with a margin wide enough for
a noisy two-core machine (a quadratic step shows as ×256 at 16×; the bound is ×32). The shapes
are those that once were quadratic: many items, many sections, titles nested deep, one line,
a metadata line with a long run of blanks, pages ending in unclosed tags or comments.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc

import pytest

from fazhi.extract import extract_report

from .hostile import SEED_TEXT

TITLE = "隆昌市2021年度法治政府建设情况报告"
BODY = SEED_TEXT.partition("情况报告\n")[2]
CN = "一二三四五六七八九"


def _shape(name: str, n: int) -> str:
    """About 10,000 characters of the shape at n = 1."""
    if name == "report":
        return TITLE + "\n" + BODY * 3 * n
    if name == "one-long-line":
        return TITLE + "\n" + BODY.replace("\n", "") * 3 * n
    if name == "numbered-items":
        return TITLE + "\n一、工作\n" + "".join(f"{i % 90 + 1}. 受理案件{i}件，办结{i}件，完善制度。\n" for i in range(400 * n))
    if name == "inline-items":
        return TITLE + "\n一、工作\n" + "一是受理案件12件。二是办结8件。三是培训3次。\n" * 400 * n
    if name == "sections":
        return TITLE + "\n" + "".join(f"{CN[i % 9]}、工作情况\n（一）受理案件12件。一是办结。二是完成。\n" for i in range(300 * n))
    if name == "nested-titles":
        return TITLE + "\n" + "《" * 4000 * n + "条例" + "》" * 4000 * n + "\n" + BODY
    if name == "html":
        paragraphs = "".join(f"<div><p>{line}</p></div>" for line in BODY.split("\n"))
        return "<html><body><h1>" + TITLE + "</h1>" + paragraphs * 3 * n + "</body></html>"
    if name == "blank-runs":
        return TITLE + "\n发布时间：2022-02-17" + " " * 3000 * n + "x\n" + BODY
    if name == "html-ending-in-unclosed-tags":
        paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
        return "<html><body><h1>" + TITLE + "</h1>" + paragraphs + "<x " * 2000 * n
    if name == "html-of-unclosed-comments":
        paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
        return "<html><body><h1>" + TITLE + "</h1>" + paragraphs + "<!--" * 2000 * n
    raise ValueError(name)


SHAPES = ["report", "one-long-line", "numbered-items", "inline-items", "sections", "nested-titles", "blank-runs", "html",
          "html-ending-in-unclosed-tags", "html-of-unclosed-comments"]
SCALES = (1, 4, 16)
MARGIN = 2  # allowed: cost ratio < MARGIN × size ratio


def _cpu_seconds(data: bytes, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        began = time.process_time()
        extract_report(data)
        times.append(time.process_time() - began)
    return statistics.median(times)


def _peak_bytes(data: bytes) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        extract_report(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("shape", SHAPES)
def test_time_grows_linearly(shape):
    inputs = [_shape(shape, n).encode("utf-8") for n in SCALES]
    cost = [_cpu_seconds(data) for data in inputs]
    for data, seconds in zip(inputs[1:], cost[1:]):
        size_ratio = len(data) / len(inputs[0])
        assert seconds / cost[0] < MARGIN * size_ratio, (shape, [round(c, 3) for c in cost])


@pytest.mark.parametrize("shape", SHAPES)
def test_peak_memory_grows_linearly(shape):
    small, large = (_shape(shape, n).encode("utf-8") for n in SCALES[:2])  # tracemalloc is slow
    ratio = _peak_bytes(large) / _peak_bytes(small)
    assert ratio < MARGIN * len(large) / len(small), (shape, ratio)
