"""A readable summary of an extracted report, for people (``fazhi extract --format text``)."""

from __future__ import annotations

from fazhi.extract.model import Report

_PREFIX = {"about": "约", "more-than": "超过"}
_SUFFIX = {"at-least": "以上", "at-most": "以内"}


def summary_text(report: Report) -> str:
    lines = [
        f"标题 title:      {report.title or '—'}",
        f"报告主体 issuer:  {report.issuer or '—'}  ({report.issuer_source or 'unknown'})",
        f"年度 year:       {report.year or '—'}",
        f"发布 published:  {report.published or '—'}   落款 signed: {report.signed or '—'}",
        f"来源 source:     {report.source_org or '—'}",
        f"counts: {len(report.sections)} sections, {len(report.measures)} measures, "
        f"{len(report.problems)} problems, {len(report.plans)} plans, {len(report.metrics)} metrics, "
        f"{len(report.documents)} documents, {len(report.organizations)} organization mentions",
        "",
        "sections:",
    ]
    lines += [f"  {'  ' * (s.level - 1)}{s.marker}{s.title}  [{s.kind}]" for s in report.sections]
    lines += ["", "metrics:"]
    lines += [_metric_line(m) for m in report.metrics]
    lines += ["", "documents:"] + [f"  《{d.title}》" for d in report.documents]
    names = sorted({o.full_name or o.name for o in report.organizations})
    lines += ["", "organizations:"] + [f"  {n}" for n in names]
    lines += [f"warning: {w}" for w in report.warnings]
    return "\n".join(lines)


def _metric_line(metric) -> str:
    return (f"  {metric.indicator or '?'}: {_amount(metric)}"
            f"  (= {metric.quantity} {metric.quantity_unit})  [{metric.start}:{metric.end}]")


def _amount(metric) -> str:
    """The figure the way a reader says it: 约180人次, 1.6万余条, 98%以上, 超过300份."""
    unit = metric.unit_raw or metric.unit
    prefix = "" if "余" in unit or "多" in unit else _PREFIX.get(metric.qualifier, "")
    return f"{prefix}{metric.value}{unit}{_SUFFIX.get(metric.qualifier, '')}"
