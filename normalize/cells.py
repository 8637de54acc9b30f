"""Shared by the table parsers: one source value → one CellValue (+ a finding if unparseable).

A table holds a few hundred cells and each is made twice (placed, then given the table's template), so a
cell is made from its fields directly rather than through the frozen dataclass's ``__init__`` (one
``object.__setattr__`` a field, most of a table parser's own time): :class:`CellValue` has no
``__post_init__``, so the object is the same (``tests/test_cells.py`` holds both to that)::

    >>> c = new_cell(dict(table="requests", row="granted", column="total", value=5, raw="5"))
    >>> c == CellValue("requests", "granted", "total", 5, "5")
    True
    >>> with_template(c, "2021").template
    '2021'
"""

from __future__ import annotations

from dataclasses import MISSING as _MISSING
from dataclasses import dataclass, field, fields
from typing import Any

from ogi.normalize.rows import SourceValue
from ogi.normalize.values import parse_value
from ogi.schemas import CellValue, Finding, Severity, cell_key
from ogi.schemas.catalogue import ValueKind
from ogi.schemas.records import PlacedBy

_DEFAULTS = {f.name: f.default for f in fields(CellValue)}  # every field in order; a required one holds MISSING
_NAMES = _DEFAULTS.keys()


def new_cell(values: dict[str, Any]) -> CellValue:
    """The CellValue of these field values (every required field given; the others take their defaults)."""
    if values.keys() != _NAMES:
        unknown = values.keys() - _NAMES
        missing = [k for k, v in _DEFAULTS.items() if v is _MISSING and k not in values]
        if unknown or missing:
            raise TypeError(f"CellValue: unknown fields {sorted(unknown)}, missing fields {missing}")
        values = {**_DEFAULTS, **values}
    return _made(values)


def _made(values: dict[str, Any]) -> CellValue:
    """The CellValue of a dict of every field (no check)."""
    cell = object.__new__(CellValue)
    cell.__dict__.update(values)
    return cell


def with_template(cell: CellValue, template: str) -> CellValue:
    """``cell`` with its ``template`` set (``dataclasses.replace`` without ``__init__``)."""
    new = object.__new__(CellValue)
    state = new.__dict__
    state.update(cell.__dict__)
    state["template"] = template
    return new


@dataclass(frozen=True)
class TableResult:
    key: str
    template: str
    cells: tuple[CellValue, ...]
    findings: tuple[Finding, ...] = ()
    page: int | None = None


@dataclass
class CellCollector:
    """Collects cells for one table, keeping the first of any duplicate key and recording why."""

    table: str
    cells: dict[tuple[str, str], CellValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def add(
        self, row: str, column: str, src: SourceValue, kind: ValueKind, template: str, score: float, label: str,
        placed_by: PlacedBy = "label",
    ) -> None:
        if src.ambiguous:
            key = cell_key(self.table, row, column)
            self.findings.append(Finding(
                "unplaced_value", Severity.WARNING,
                f"{key}: the digits {src.raw.strip()!r} run together and can be split into cells more than "
                "one way; this cell's value differs between the splits, so it is not emitted",
                self.table, (key,), page=src.page,
            ))
            return
        parsed = parse_value(src.raw, kind)
        if not parsed.ok:
            key = cell_key(self.table, row, column)
            self.findings.append(Finding(
                "unparsed_value", Severity.WARNING,
                f"{key}: printed {src.raw.strip()!r} is not a number or a known null token; value left empty",
                self.table, (key,), page=src.page,
            ))
        if (row, column) in self.cells:
            key = cell_key(self.table, row, column)
            self.findings.append(Finding(
                "duplicate_cell", Severity.WARNING,
                f"{key} appears twice (second printed {src.raw.strip()!r}, label {label!r}); the first was kept",
                self.table, (key,), page=src.page,
            ))
            return
        cell = object.__new__(CellValue)  # _made, inlined: this runs for every cell of every table
        cell.__dict__.update({
            "table": self.table, "row": row, "column": column, "value": parsed.value, "raw": src.raw.strip(),
            "unit": parsed.unit, "note": parsed.note, "template": template, "page": src.page,
            "match_score": round(score, 1), "label": label, "placed_by": placed_by, "confidence": src.confidence,
            "bbox": src.bbox,
        })
        self.cells[(row, column)] = cell

    def cells_as(self, template: str) -> tuple[CellValue, ...]:
        """The collected cells, in the order they were placed, each with the table's ``template``."""
        return tuple(with_template(c, template) for c in self.cells.values())

    def warn(self, code: str, message: str, page: int | None = None, cells: tuple[str, ...] = ()) -> None:
        self.findings.append(Finding(code, Severity.WARNING, message, self.table, cells, page=page))
