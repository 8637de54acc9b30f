"""The readable one-report summary printed by ``ogi extract``."""

from __future__ import annotations

from collections import Counter

from ogi.schemas import Report, Severity, load_catalogue


def render_summary(report: Report) -> str:
    m = report.metadata
    lines = [
        f"file      {report.source}",
        f"format    {report.format}" + (f", {report.pages} pages" if report.pages else ""),
        f"agency    {m.agency or '(unknown)'}" + (f"  [from {m.agency_source}]" if m.agency_source else ""),
        f"year      {m.year or '(unknown)'}" + (f"  [from {m.year_source}]" if m.year_source else ""),
        f"status    {report.status.value}",
        "",
        "tables",
    ]
    by_key = {t.key: t for t in report.tables}
    for spec in load_catalogue().tables:
        t = by_key.get(spec.key)
        if t is None:
            lines.append(f"  {spec.key:<18} not found")
        else:
            page = f", page {t.page}" if t.page else ""
            lines.append(f"  {spec.key:<18} template {t.template or '?'}: {t.n_cells}/{t.n_expected} cells{page}")
    found = {s.key for s in report.sections}
    lines.append("")
    lines.append("sections  " + " ".join(
        (s.key if s.key in found else f"({s.key} missing)") for s in load_catalogue().sections
    ))
    counts = Counter(f.severity for f in report.findings)
    lines.append("")
    lines.append(
        f"findings  {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info"
    )
    for f in report.findings:
        if f.severity is not Severity.INFO:
            lines.append(f"  [{f.code}] {f.message}")
    return "\n".join(lines) + "\n"
