"""``ogi show DATASET_DIR --html``: the overview of a converted dataset, and a review page per report.

Reads ``DIR/ogi.duckdb`` (made by ``ogi convert``), counting each document once (``duplicate_of IS NULL``).
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import duckdb

from ogi.api import read
from ogi.atomic import atomic_open
from ogi.normalize.messages import Lang
from ogi.schemas import FINDING_CODES, OgiError, UnreadableFile
from ogi.show.assets import REVIEW_CSS
from ogi.show.charts import bar_chart, share_chart
from ogi.show.html import write_report_page
from ogi.show.model import report_view

IDENTITY = ("H1", "H2", "H3", "H4", "likely_culprit")
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org")
OUTCOMES = {"granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开", "unable": "无法提供",
            "not_processed": "不予处理", "other": "其他处理"}


def _e(x: object) -> str:
    return html.escape("" if x is None else str(x))


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def _outcome(row: str) -> str | None:
    return next((o for o in OUTCOMES if row == o or row.startswith(o + "_")), None)


Series = list[tuple[str, float]]


def _request_series(con: duckdb.DuckDBPyConnection) -> tuple[Series, list[tuple[str, dict[str, float]]]]:
    """Requests received by year, and each year's outcome counts (a row's 总计, or its parts where blank)."""
    cells = _rows(con, """
        SELECT r.year, c.report_id, c."row", c."column", c.value FROM cells c JOIN reports r USING (report_id)
        WHERE c."table" = 'requests' AND r.duplicate_of IS NULL AND r.year IS NOT NULL""")
    grid: dict[tuple[int, str, str], dict[str, float | None]] = defaultdict(dict)
    for year, rid, row, col, value in cells:
        grid[(year, rid, row)][col] = value
    received: defaultdict[int, float] = defaultdict(float)
    outcomes: defaultdict[int, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (year, _, row), cols in grid.items():
        total = cols.get("total")
        n = float(total) if total is not None else sum(float(cols.get(a) or 0) for a in APPLICANTS)
        if row == "new_received":
            received[year] += n
        elif (o := _outcome(row)) is not None:
            outcomes[year][o] += n
    years = sorted(set(received) | set(outcomes))
    return ([(str(y), received[y]) for y in years],
            [(str(y), dict(outcomes[y])) for y in years if outcomes[y]])


def _table(head: list[str], body: list[list[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in body)
    return f'<table class="view"><thead><tr>{th}</tr></thead><tbody>{rows}</tbody></table>'


def _report_pages(reports: list[tuple[Any, ...]], out: Path, lang: Lang) -> dict[str, str]:
    """Build a review page for each report whose source file is still there; report_id → relative link."""
    links: dict[str, str] = {}
    for rid, source, *_ in reports:
        path = Path(source)
        if "!/" in source or not path.is_file():
            continue
        try:
            report = read(path)
            write_report_page(report, report_view(report, lang), out / "reports" / f"{rid}.html")
        except OgiError:
            continue
        links[rid] = f"reports/{rid}.html"
    return links


def overview_html(con: duckdb.DuckDBPyConnection, links: dict[str, str], reports: list[tuple[Any, ...]]) -> str:
    status = _rows(con, """SELECT coalesce(CAST(year AS VARCHAR), '?') y, status, count(*) FROM reports
                           WHERE duplicate_of IS NULL GROUP BY ALL ORDER BY y""")
    by_year: dict[str, Counter[str]] = defaultdict(Counter)
    for y, s, n in status:
        by_year[y][s] = n
    statuses = ["ok", "partial", "failed"]
    status_table = _table(["year", *statuses, "all"], [
        [y, *(str(c[s]) for s in statuses), str(sum(c.values()))] for y, c in by_year.items()])
    common = _rows(con, """SELECT code, severity, count(*) n, count(DISTINCT report_id) FROM findings
                           GROUP BY ALL ORDER BY n DESC, code LIMIT 15""")
    common_table = _table(["code", "severity", "findings", "reports", "meaning"], [
        [_e(c), _e(s), str(n), str(r), _e(FINDING_CODES.get(c, ""))] for c, s, n, r in common])
    codes = ", ".join(f"'{c}'" for c in IDENTITY)
    breaks = _rows(con, f"""SELECT coalesce(r.agency, '(unknown)'), r.year, r.report_id, count(*) n
                            FROM findings f JOIN reports r USING (report_id)
                            WHERE f.code IN ({codes}) AND r.duplicate_of IS NULL
                            GROUP BY ALL ORDER BY n DESC, 1, 2 LIMIT 50""")
    breaks_table = _table(["agency", "year", "identity findings", ""], [
        [_e(a), _e(y), str(n), _link(links, rid)] for a, y, rid, n in breaks])
    received, outcomes = _request_series(con)
    charts = bar_chart("政府信息公开申请：本年新收（件） · requests received by year", received)
    charts += share_chart("办理结果构成 · outcome shares by year", outcomes, OUTCOMES)
    list_table = _table(["report", "status", "agency", "year", "findings", ""], [
        [_e(Path(src).name), _e(st), _e(ag), _e(y), _e(nf), _link(links, rid)]
        for rid, src, st, ag, y, nf in reports])
    total = sum(sum(c.values()) for c in by_year.values())
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">"
        f"<title>ogi dataset overview</title><style>{REVIEW_CSS} .chart{{display:inline-block;margin:8px}}"
        "</style></head><body>"
        f"<header><h1>Dataset overview</h1><p>{total} reports</p></header><main>"
        f'<section id="charts"><h2>Charts</h2>{charts}</section>'
        f'<section id="status"><h2>Reports per status and year</h2>{status_table}</section>'
        f'<section id="common"><h2>Most common findings</h2>{common_table}</section>'
        f'<section id="breaks"><h2>Agencies with identity breaks</h2>{breaks_table}</section>'
        f'<section id="reports"><h2>Reports</h2>{list_table}</section></main></body></html>\n'
    )


def _link(links: dict[str, str], rid: str) -> str:
    return f'<a href="{_e(links[rid])}">review</a>' if rid in links else ""


def write_overview(folder: Path, out: Path, lang: Lang = "zh") -> Path:
    """Write ``out/index.html`` (and ``out/reports/<report_id>.html``) for the dataset in ``folder``."""
    db = folder / "ogi.duckdb"
    if not db.is_file():
        raise UnreadableFile(str(folder), "no ogi.duckdb here: is it a folder made by `ogi convert`?")
    con = duckdb.connect(str(db), read_only=True)
    try:
        reports = _rows(con, """SELECT report_id, source, status, agency, year, n_findings FROM reports
                                WHERE duplicate_of IS NULL ORDER BY source""")
        links = _report_pages(reports, out, lang)
        page = overview_html(con, links, reports)
    finally:
        con.close()
    target = out / "index.html"
    with atomic_open(target, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page)
    return target
