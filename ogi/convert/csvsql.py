"""CSV lines spelled inside DuckDB, the same bytes as :mod:`ogi.writers` gives.

``ogi convert`` writes hundreds of thousands of CSV rows; formatting them value by value in Python was
most of the consolidation's time. Here one SQL expression a table turns each row into its finished
line (fields joined with ``,``, ``\\n`` at the end), so Python only writes byte ranges of DuckDB's Arrow
buffers. The spelling is that of :func:`ogi.writers.format_value` and :func:`ogi.writers.csv_writer`
(``test_convert_csvsql.py`` compares them on random values):

* NULL → empty field; text quoted with ``"`` (inner ``"`` doubled) when it holds ``,``, ``"`` or ``\\n``
  (what Python's ``csv`` module quotes with ``\\n`` line ends; a ``\\r`` is not quoted);
* integers as digits; a float that is whole as an integer (``13``, ``-0.0`` → ``0``), ``nan``, ``inf``,
  ``-inf``, any other float in shortest round-trip form (DuckDB's cast to text, which is Python's ``repr``);
* a list joined with ``;``.

Where the SQL spelling is not known to match, the line is NULL and the caller formats that row in
Python: a whole float of magnitude 2**63 or more (``str(int(v))`` has every digit), a list with a NULL
element (``str(None)``).
"""

from __future__ import annotations

from ogi.tabular import KINDS, Kind

_NEEDS_QUOTES = "'[,\"\\n]'"
_WHOLE_LIMIT = "9.2e18"   # below 2**63: the BIGINT cast of a whole double is exact


def _text(x: str) -> str:
    return f"CASE WHEN {x} IS NULL THEN '' ELSE {_quoted(x)} END"


def _quoted(x: str) -> str:
    """A text that is not NULL, quoted where needed (``concat``, not ``||``: see :func:`line_sql`)."""
    return (f"CASE WHEN regexp_matches({x}, {_NEEDS_QUOTES}) "
            f"THEN concat('\"', replace({x}, '\"', '\"\"'), '\"') ELSE {x} END")


def _float(x: str) -> str:
    return (f"CASE WHEN {x} IS NULL THEN '' WHEN isnan({x}) THEN 'nan' "
            f"WHEN isinf({x}) THEN CASE WHEN {x} > 0 THEN 'inf' ELSE '-inf' END "
            f"WHEN {x} = trunc({x}) THEN CASE WHEN abs({x}) < {_WHOLE_LIMIT} "
            f"THEN CAST(CAST({x} AS BIGINT) AS VARCHAR) END "
            f"ELSE CAST({x} AS VARCHAR) END")


def _list(x: str) -> str:
    joined = f"array_to_string({x}, ';')"
    return f"CASE WHEN {x} IS NULL THEN '' WHEN {_whole_list(x)} THEN {_quoted(joined)} END"


def _whole_list(x: str) -> str:
    return f"list_count({x}) = len({x})"   # no NULL element


def _spelled_sql(x: str, kind: Kind) -> str | None:
    """When :func:`field_sql` of ``x`` is not NULL, tested on ``x`` itself (``None``: always), so a line
    does not compute its float and list fields twice."""
    if kind == "float64":
        return f"({x} IS NULL OR isnan({x}) OR isinf({x}) OR {x} <> trunc({x}) OR abs({x}) < {_WHOLE_LIMIT})"
    if kind == "list":
        return f"({x} IS NULL OR {_whole_list(x)})"
    return None


def field_sql(x: str, kind: Kind) -> str:
    """The CSV field of the SQL expression ``x`` of ``kind`` (NULL where Python must spell it)."""
    if kind == "string":
        return _text(x)
    if kind in ("int32", "int64"):
        return f"coalesce(CAST({x} AS VARCHAR), '')"
    if kind == "float64":
        return _float(x)
    return _list(x)


def line_sql(table: str, exprs: dict[str, str]) -> str:
    """One row's CSV line (``\\n`` included) from ``exprs`` (column → SQL expression, in file order).

    One ``concat`` call, not a chain of ``||``: DuckDB kept each intermediate string of a ``||`` chain
    while it scanned, so the export's memory grew with the rows of a table (about 5 KB a ``reports``
    row). ``concat`` skips a NULL where ``||`` gives NULL, so the line is NULL, as before, when a field
    is (a float or a list that Python spells)."""
    kinds = [KINDS.get((table, c)) or _kind(c) for c in exprs]
    fields = [field_sql(x, kind) for x, kind in zip(exprs.values(), kinds, strict=True)]
    line = "concat(" + ", ',', ".join(fields) + ", chr(10))"
    spelled = [t for x, kind in zip(exprs.values(), kinds, strict=True) if (t := _spelled_sql(x, kind)) is not None]
    return f"CASE WHEN {' AND '.join(spelled)} THEN {line} END" if spelled else line


def _kind(column: str) -> Kind:
    """A column's kind in any table (``year`` of the child files is that of ``reports``)."""
    return KINDS[("reports", column)]
