"""The invariant every extraction must keep, on any input: each span slices ``Report.text``
to the text recorded with it, inside the text's bounds. Works on a Report or its JSON dict."""

from __future__ import annotations

from typing import Any


def _get(obj: Any, name: str):
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def check_spans(report: Any) -> None:
    """Assert that every span of ``report`` is consistent with its text."""
    text = _get(report, "text")
    check = _Checker(text)
    if _get(report, "title_start") is not None:
        check("title", _get(report, "title_start"), _get(report, "title_end"), _get(report, "title"))
    for section in _get(report, "sections"):
        check("section", _get(section, "start"), _get(section, "end"))
        check("section title", _get(section, "title_start"), _get(section, "title_end"), _get(section, "title"))
    for kind in ("measures", "problems", "plans"):
        for item in _get(report, kind):
            check(kind, _get(item, "start"), _get(item, "end"), _get(item, "text"))
    for metric in _get(report, "metrics") + _get(report, "targets"):
        _check_metric(check, metric)
    for org in _get(report, "organizations"):
        check("organization", _get(org, "start"), _get(org, "end"), _get(org, "name"))
    for doc in _get(report, "documents"):
        check("document", _get(doc, "start"), _get(doc, "end"))
        assert text[_get(doc, "start"):_get(doc, "end")].strip() == _get(doc, "title")
    for year in _get(report, "years"):
        check("year", _get(year, "start"), _get(year, "end"))


def _check_metric(check: "_Checker", metric: Any) -> None:
    start, end = _get(metric, "start"), _get(metric, "end")
    check("metric", start, end, _get(metric, "text"))
    check("metric number", _get(metric, "number_start"), _get(metric, "number_end"))
    assert start <= _get(metric, "number_start") < _get(metric, "number_end") <= end, metric
    if _get(metric, "indicator_start") is not None:
        check("indicator", _get(metric, "indicator_start"), _get(metric, "indicator_end"), _get(metric, "indicator"))


class _Checker:
    def __init__(self, text: str):
        self.text = text

    def __call__(self, what: str, start: int, end: int, expected: str | None = None) -> None:
        assert isinstance(start, int) and isinstance(end, int), (what, start, end)
        assert 0 <= start <= end <= len(self.text), f"{what} span {start}:{end} outside 0:{len(self.text)}"
        if expected is not None:
            assert self.text[start:end] == expected, f"{what} {start}:{end} is {self.text[start:end]!r}, not {expected!r}"
