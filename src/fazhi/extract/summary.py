"""A readable summary of an extracted report, for people (``fazhi extract --format text``)."""

from __future__ import annotations

from fazhi.extract.model import Report

_QUALIFIER_MARK = {"more-than": "余", "at-least": "以上", "about": "约", "at-most": "以内", "exact": ""}


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
    mark = _QUALIFIER_MARK.get(metric.qualifier, "")
    return (f"  {metric.indicator or '?'}: {metric.value}{mark}{metric.unit}"
            f"  (= {metric.quantity} {metric.quantity_unit})  [{metric.start}:{metric.end}]")
