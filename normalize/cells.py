"""Shared by the table parsers: one source value → one CellValue (+ a finding if unparseable)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ogi.normalize.rows import SourceValue
from ogi.normalize.values import parse_value
from ogi.schemas import CellValue, Finding, Severity, cell_key
from ogi.schemas.catalogue import ValueKind
from ogi.schemas.records import PlacedBy


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
        key = cell_key(self.table, row, column)
        if src.ambiguous:
            self.findings.append(Finding(
                "unplaced_value", Severity.WARNING,
                f"{key}: the digits {src.raw.strip()!r} run together and can be split into cells more than "
                "one way; this cell's value differs between the splits, so it is not emitted",
                self.table, (key,), page=src.page,
            ))
            return
        parsed = parse_value(src.raw, kind)
        if not parsed.ok:
            self.findings.append(Finding(
                "unparsed_value", Severity.WARNING,
                f"{key}: printed {src.raw.strip()!r} is not a number or a known null token; value left empty",
                self.table, (key,), page=src.page,
            ))
        if (row, column) in self.cells:
            self.findings.append(Finding(
                "duplicate_cell", Severity.WARNING,
                f"{key} appears twice (second printed {src.raw.strip()!r}, label {label!r}); the first was kept",
                self.table, (key,), page=src.page,
            ))
            return
        self.cells[(row, column)] = CellValue(
            self.table, row, column, parsed.value, src.raw.strip(), parsed.unit, parsed.note,
            template, src.page, round(score, 1), label, placed_by, bbox=src.bbox, confidence=src.confidence,
        )

    def warn(self, code: str, message: str, page: int | None = None, cells: tuple[str, ...] = ()) -> None:
        self.findings.append(Finding(code, Severity.WARNING, message, self.table, cells, page=page))
