"""The catalogue of canonical cells, loaded from ``catalogue.json``.

The JSON file is the reviewed contract; this module only gives it types::

    >>> cat = load_catalogue()
    >>> cat.table("requests").version("2021").row("other_other").label
    '其他'
    >>> len(cat.cell_keys("requests", "2019"))
    161
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

TableKey = Literal["active_disclosure", "requests", "review_litigation"]
TABLE_KEYS: tuple[TableKey, ...] = ("active_disclosure", "requests", "review_litigation")
VERSIONS: tuple[str, ...] = ("2019", "2021")
ValueKind = Literal["count", "signed", "money"]


@dataclass(frozen=True)
class LabelSpec:
    """A canonical key with its printed label and the variants seen in real reports."""

    key: str
    label: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class ColumnSpec(LabelSpec):
    kind: ValueKind = "count"


@dataclass(frozen=True)
class RowSpec(LabelSpec):
    columns: tuple[str, ...]
    group: str | None = None
    ordinal: str | None = None
    block: str | None = None


@dataclass(frozen=True)
class VersionSpec:
    """One template version of one table: its rows and columns in printed order."""

    table: str
    version: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]

    def row(self, key: str) -> RowSpec:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"{self.table}/{self.version} has no row {key!r}")

    def column(self, key: str) -> ColumnSpec:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.table}/{self.version} has no column {key!r}")

    def cell_keys(self) -> tuple[tuple[str, str], ...]:
        return tuple((r.key, c) for r in self.rows for c in r.columns)


@dataclass(frozen=True)
class TableSpec:
    key: str
    versions: tuple[VersionSpec, ...]
    groups: tuple[RowSpec, ...] = ()
    extra_rows: tuple[LabelSpec, ...] = ()  # known regional rows that map to no canonical cell

    def version(self, version: str) -> VersionSpec:
        for v in self.versions:
            if v.version == version:
                return v
        raise KeyError(f"{self.key} has no version {version!r}")


@dataclass(frozen=True)
class Catalogue:
    sections: tuple[LabelSpec, ...]
    tables: tuple[TableSpec, ...]

    def table(self, key: str) -> TableSpec:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(f"no table {key!r}")

    def cell_keys(self, table: str, version: str) -> tuple[tuple[str, str], ...]:
        return self.table(table).version(version).cell_keys()

    def column_kind(self, table: str, version: str, column: str) -> ValueKind:
        return self.table(table).version(version).column(column).kind


def _label(d: dict[str, object], key: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    k = key if key is not None else str(d["key"])
    label = str(d["label"])
    variants = tuple(str(v) for v in d.get("variants", [label]))  # type: ignore[attr-defined]
    return k, label, variants


def _active(raw: dict[str, object]) -> TableSpec:
    versions = []
    for ver, spec in raw["versions"].items():  # type: ignore[attr-defined]
        cols = tuple(
            ColumnSpec(*_label(c, k), kind=c["kind"]) for k, c in spec["columns"].items()
        )
        rows = tuple(
            RowSpec(*_label(r), columns=tuple(r["columns"]), block=r.get("block"))
            for r in spec["rows"]
        )
        versions.append(VersionSpec("active_disclosure", ver, rows, cols))
    extra = tuple(LabelSpec(*_label(r)) for r in raw.get("extra_rows", []))  # type: ignore[attr-defined]
    return TableSpec("active_disclosure", tuple(versions), extra_rows=extra)


def _requests(raw: dict[str, object]) -> TableSpec:
    labels: dict[str, dict[str, object]] = raw["column_labels"]  # type: ignore[assignment]
    col_keys: list[str] = raw["columns_all"]  # type: ignore[assignment]
    cols = tuple(ColumnSpec(*_label(labels[k], k), kind="count") for k in col_keys)
    versions = []
    for ver, spec in raw["versions"].items():  # type: ignore[attr-defined]
        rows = tuple(
            RowSpec(*_label(r), columns=tuple(col_keys), group=r["group"], ordinal=r["ordinal"])
            for r in spec["rows"]
        )
        versions.append(VersionSpec("requests", ver, rows, cols))
    groups = tuple(
        RowSpec(*_label(g, k), columns=(), ordinal=g["ordinal"])
        for k, g in raw["groups"].items()  # type: ignore[attr-defined]
    )
    return TableSpec("requests", tuple(versions), groups)


def _review(raw: dict[str, object]) -> TableSpec:
    cols = tuple(ColumnSpec(*_label(c), kind="count") for c in raw["columns"])  # type: ignore[attr-defined]
    col_keys = tuple(c.key for c in cols)
    rows = tuple(RowSpec(*_label(r), columns=col_keys) for r in raw["rows"])  # type: ignore[attr-defined]
    # The review/litigation table is the same in both template versions.
    versions = tuple(VersionSpec("review_litigation", v, rows, cols) for v in VERSIONS)
    return TableSpec("review_litigation", versions)


@cache
def load_catalogue() -> Catalogue:
    text = resources.files("ogi.schemas").joinpath("catalogue.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    sections = tuple(LabelSpec(*_label(s)) for s in raw["sections"])
    t = raw["tables"]
    tables = (_active(t["active_disclosure"]), _requests(t["requests"]), _review(t["review_litigation"]))
    return Catalogue(sections, tables)
