"""What makes the dataset explain itself: the ``catalogue`` and ``comparable`` reference tables (from
the schemas' catalogue) and the Frictionless ``datapackage.json`` (from the layout in :mod:`ogi.tabular`).

A measure is comparable across template versions when it means the same in both: a cell key that both
versions have (``requests/granted/total``, ``active_disclosure/licensing/decisions``), or a request
outcome group that the versions split into different rows (``requests/other/total`` is the 2019 row
``other`` or the sum of the 2021 rows ``other_*``). Never a 2019 column under a 2021 key or back.
"""

from __future__ import annotations

from typing import Any

from ogi.convert.tables import PRIMARY_KEYS, SCHEMA_VERSION
from ogi.schemas import TABLE_KEYS, VERSIONS, load_catalogue
from ogi.tabular import ALL_TABLES, SPECS, TABLE_TITLES, Row, csv_columns

UNITS = {"count": "件", "signed": "件", "money": "万元"}
GROUP_MEASURES = ("denied", "unable", "not_processed", "other")   # groups whose rows differ by version
FRICTIONLESS_TYPES = {"string": "string", "int32": "integer", "int64": "integer", "float64": "number",
                      "list": "array"}


def catalogue_rows() -> list[Row]:
    cat = load_catalogue()
    rows = []
    for table in TABLE_KEYS:
        for version in VERSIONS:
            spec = cat.table(table).version(version)
            for r in spec.rows:
                for key in r.columns:
                    col = spec.column(key)
                    rows.append({"table": table, "row": r.key, "column": key, "template": version,
                                 "row_label": r.label, "column_label": col.label, "row_group": r.group,
                                 "kind": col.kind, "unit": UNITS[col.kind]})
    return rows


def comparable_rows() -> list[Row]:
    cat = load_catalogue()
    labels = {(r["table"], r["row"], r["column"]): (r["row_label"], r["column_label"]) for r in catalogue_rows()}
    rows: list[Row] = []
    for table in TABLE_KEYS:
        both = set(cat.cell_keys(table, VERSIONS[0])) & set(cat.cell_keys(table, VERSIONS[1]))
        for row, column in cat.cell_keys(table, VERSIONS[0]):
            if (row, column) in both and not (table == "requests" and row in GROUP_MEASURES):
                row_label, col_label = labels[(table, row, column)]
                rows.append({"measure": f"{table}/{row}/{column}", "measure_label": f"{row_label}·{col_label}",
                             "table": table, "row": row, "column": column})
    requests = cat.table("requests")
    group_label = {g.key: g.label for g in requests.groups}
    for group in GROUP_MEASURES:
        members = sorted({r.key for v in requests.versions for r in v.rows if r.group == group})
        for column in requests.version(VERSIONS[0]).rows[0].columns:
            col_label = requests.version(VERSIONS[0]).column(column).label
            rows.extend({"measure": f"requests/{group}/{column}", "measure_label": f"{group_label[group]}·{col_label}",
                         "table": "requests", "row": row, "column": column} for row in members)
    return rows


def measures_view_sql() -> str:
    """``measures``: per report and comparable measure, the sum of the cells it is made of (NULL when the
    report has none of them, or only blank ones)."""
    return (
        "CREATE OR REPLACE VIEW measures AS\n"
        "SELECT c.report_id, m.measure, min(m.measure_label) AS measure_label, sum(c.value) AS value, "
        "count(*) AS n_cells\n"
        'FROM cells c JOIN comparable m ON m."table" = c."table" AND m."row" = c."row" AND m."column" = c."column"\n'
        "GROUP BY c.report_id, m.measure"
    )


def _field(table: str, name: str) -> dict[str, Any]:
    spec = {c.name: c for c in SPECS[table]}.get(name)
    if spec is None:   # the report's year in a child table's files
        spec = {c.name: c for c in SPECS["reports"]}["year"]
    field: dict[str, Any] = {"name": name, "type": FRICTIONLESS_TYPES[spec.kind], "title": spec.title,
                             "description": spec.description}
    if spec.kind == "list":   # written as a ';'-joined text in CSV
        field["type"] = "string"
    return field


def datapackage(csv_paths: dict[str, list[str]]) -> dict[str, Any]:
    """A Frictionless data package describing the CSV files (``csv_paths``: table -> paths relative
    to the dataset folder). Every field has a type, a Chinese title and a description."""
    resources = []
    for table in ALL_TABLES:
        paths = csv_paths.get(table)
        if not paths:
            continue
        title, description = TABLE_TITLES[table]
        schema: dict[str, Any] = {"fields": [_field(table, c) for c in csv_columns(table)], "missingValues": [""],
                                  "primaryKey": list(PRIMARY_KEYS[table])}
        resources.append({
            "name": table, "title": title, "description": description, "path": paths if len(paths) > 1 else paths[0],
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema,
        })
    return {
        "name": "ogi-dataset", "title": "政府信息公开工作年度报告数据集",
        "description": "Cells of the three statistical tables, the six sections, metadata and findings of "
                       "Chinese open-government-information annual reports, as extracted by ogi "
                       f"(schema_version {SCHEMA_VERSION}). NULL is an empty field.",
        "profile": "tabular-data-package", "resources": resources,
    }
