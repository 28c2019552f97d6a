"""Shared inputs for the extractor tests: the seed report and its gold annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.extract import extract_report, read_report

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "reports" / "longchang-2021.txt"
GOLD = ROOT / "tests" / "fixtures" / "gold" / "longchang-2021.json"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def seed():
    return read_report(SEED)


@pytest.fixture(scope="session")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def metrics_of(text: str, **kwargs):
    """The metrics (targets included) the extractor finds in a short report-like text."""
    report = extract_report(text, **kwargs)
    return report.metrics + report.targets


def wrap(body: str, title: str = "隆昌市2021年度法治政府建设情况报告") -> str:
    """A minimal report around ``body``: a title, one work section, the body paragraph."""
    return f"{title}\n\n一、工作开展情况\n\n{body}\n\n二、存在的问题\n\n一是法治意识有待提高。二是执法队伍力量不足。\n"
