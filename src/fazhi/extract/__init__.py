"""Report text in, dataclasses out: the extractor's one public entry point.

Pure and deterministic: :func:`extract_report` does no I/O; :func:`read_report` only reads the
file. Every span refers to ``Report.text``.
"""

from __future__ import annotations

import os
from bisect import bisect_right

from fazhi.errors import InputError
from fazhi.extract.decode import DEFAULT_MAX_BYTES, decode_bytes, normalise_text
from fazhi.extract.documents import find_documents, inside_titles
from fazhi.extract.items import find_items
from fazhi.extract.lines import body_start_index, find_tail, split_lines
from fazhi.extract.metadata import find_years, read_metadata
from fazhi.extract.metrics import find_metrics
from fazhi.extract.model import PLANS, Item, Metric, Report, YearMention
from fazhi.extract.organizations import find_organizations
from fazhi.extract.page import read_page
from fazhi.extract.sections import find_sections

__all__ = ["extract_report", "read_limited", "read_report", "Report"]


def read_report(path: str | os.PathLike, *, issuer: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read and extract one report file; errors name the file."""
    name = str(path)
    try:
        data = read_limited(path, max_bytes)
        return extract_report(data, issuer=issuer, max_bytes=max_bytes)
    except InputError as exc:
        raise InputError(exc.reason, source=name) from None
    except OSError as exc:
        raise InputError(_os_reason(exc), source=name) from None


def read_limited(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, reading at most one byte past the limit, so that a device such as
    /dev/zero, a pipe or a file still growing cannot make it read without end."""
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"file is over the {max_bytes:,}-byte limit")
    return data


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a report file"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def extract_report(data: bytes | str, *, issuer: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Extract everything the extractor knows how to find from one report."""
    if isinstance(data, bytes):
        decoded, encoding = decode_bytes(data, max_bytes=max_bytes)
    else:
        decoded, encoding = normalise_text(data), "utf-8"
    page = read_page(decoded)
    report = Report(text=page.text, title=page.title, encoding=encoding,
                    source_format=page.source_format, metadata=dict(page.metadata))
    _fill(report, page, issuer)
    return report


def _fill(report: Report, page, issuer: str | None) -> None:
    text = report.text
    lines = split_lines(text)
    tail = find_tail(lines)
    body_lines = lines[body_start_index(lines, page.title_end):tail.body_end_index]
    body = (body_lines[0].start, body_lines[-1].end) if body_lines else (0, 0)
    meta = read_metadata(text, page.title, page.metadata, tail, text[body[0]:body[1]], issuer)
    _set_metadata(report, page, meta)
    report.sections = find_sections(body_lines, body[1])
    items = find_items(text, body_lines, report.sections, body)
    report.measures, report.problems, report.plans = _by_kind(items)
    report.documents = find_documents(text)
    titles = inside_titles(report.documents)
    report.organizations = find_organizations(text, titles, meta.issuer_area)
    org_spans = {o.start: o.end for o in report.organizations}
    metrics = find_metrics(text, _blocker(len(text), titles, body), org_spans)
    _place_metrics(report, metrics, items)
    _place_documents(report, items)
    report.years = [YearMention(y, s, e) for y, s, e in find_years(text)]


def _set_metadata(report: Report, page, meta) -> None:
    report.title_start = page.title_start
    report.title_end = page.title_end
    report.issuer, report.issuer_source = meta.issuer, meta.issuer_source
    report.issuer_area = meta.issuer_area.code if meta.issuer_area else None
    report.year, report.published, report.signed = meta.year, meta.published, meta.signed
    report.source_org = meta.source_org
    if not meta.issuer:
        report.warnings.append("issuer not found: give it with --issuer")
    if meta.year is None:
        report.warnings.append("reporting year not found")


def _by_kind(items: list[Item]) -> tuple[list[Item], list[Item], list[Item]]:
    return ([i for i in items if i.kind == "measure"], [i for i in items if i.kind == "problem"],
            [i for i in items if i.kind == "plan"])


def _blocker(size: int, titles: list[tuple[int, int]], body: tuple[int, int]):
    """Positions where no metric may start: outside the body, inside 《》 titles."""
    marks = bytearray(size + 1)
    marks[:body[0]] = b"\x01" * body[0]
    marks[body[1]:] = b"\x01" * (size + 1 - body[1])
    for start, end in titles:
        marks[start:end] = b"\x01" * (end - start)
    return lambda pos: bool(marks[pos])


def _place_metrics(report: Report, metrics: list[Metric], items: list[Item]) -> None:
    """Attach each metric to its item and section; figures in plans sections are targets."""
    item_at, section_at = _span_finder(items), _section_finder(report.sections)
    for metric in metrics:
        item = item_at(metric.number_start)
        metric.measure = item.id if item else None
        section = section_at(metric.number_start)
        metric.section = section.id if section else None
        is_target = (item is not None and item.kind == "plan") or (section is not None and section.kind == PLANS)
        (report.targets if is_target else report.metrics).append(metric)


def _place_documents(report: Report, items: list[Item]) -> None:
    item_at = _span_finder(items)
    for document in report.documents:
        item = item_at(document.start)
        document.item = item.id if item else None


def _span_finder(spans: list):
    """``pos`` → the span holding it. Items are disjoint, so bisection finds it in O(log n)
    (a scan per metric made reports with thousands of items quadratic)."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]

    def find(pos: int):
        k = bisect_right(starts, pos) - 1
        return ordered[k] if k >= 0 and pos < ordered[k].end else None

    return find


def _section_finder(sections):
    """``pos`` → the innermost section holding it. Sections nest (a child lies inside its
    parent), so every section holding ``pos`` is an ancestor of the last one opened before it."""
    ordered = sorted(sections, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    by_id = {s.id: s for s in sections}

    def find(pos: int):
        k = bisect_right(starts, pos) - 1
        section = ordered[k] if k >= 0 else None
        while section is not None and not section.start <= pos < section.end:
            section = by_id.get(section.parent) if section.parent else None
        return section

    return find
