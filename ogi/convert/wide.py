"""The ``report_wide`` view: one row per report, one column per canonical cell of both template
versions (``requests__granted__total``); a cell the report does not have is NULL."""

from __future__ import annotations

from ogi.convert.tables import quote
from ogi.schemas import TABLE_KEYS, VERSIONS, load_catalogue

ID_COLUMNS = (
    "report_id", "source", "agency", "year", "region", "status",
    "template_active_disclosure", "template_requests", "template_review_litigation",
)


def wide_cells() -> tuple[tuple[str, str, str], ...]:
    """Every canonical (table, row, column) of both versions, each once, in catalogue order."""
    cat = load_catalogue()
    seen: dict[tuple[str, str, str], None] = {}
    for table in TABLE_KEYS:
        for version in VERSIONS:
            for row, column in cat.cell_keys(table, version):
                seen.setdefault((table, row, column), None)
    return tuple(seen)


def wide_column(table: str, row: str, column: str) -> str:
    return f"{table}__{row}__{column}"


def create_view_sql() -> str:
    """The view's SQL. Each column's filter compares one key, ``table/row/column``, made once per cell row:
    DuckDB binds 226 one-term filters in a third of the time of 226 three-term ones (a fixed cost of
    every build), and no canonical key holds a ``/``, so the two select the same cells."""
    ids = ", ".join(f"r.{quote(c)}" for c in ID_COLUMNS)
    cells = ",\n  ".join(
        f"max(c.value) FILTER (WHERE c._key = '{_key(t, r, k)}') AS {quote(wide_column(t, r, k))}"
        for t, r, k in wide_cells()
    )
    return (
        f"CREATE OR REPLACE VIEW report_wide AS\nSELECT {ids},\n  {cells}\n"
        "FROM reports r LEFT JOIN (SELECT report_id, value, "
        "\"table\" || '/' || \"row\" || '/' || \"column\" AS _key FROM cells) c ON c.report_id = r.report_id\n"
        "WHERE r.duplicate_of IS NULL\n"
        f"GROUP BY {ids}\nORDER BY r.source"
    )


def _key(table: str, row: str, column: str) -> str:
    """A cell's key as the view compares it. ::

        >>> _key("requests", "granted", "total")
        'requests/granted/total'
    """
    if "/" in table + row + column or "'" in table + row + column:
        raise ValueError(f"a canonical key with '/' or a quote: {table}/{row}/{column}")
    return f"{table}/{row}/{column}"
