"""Lay the three tables of a model out as grids of cells with spans, the way the templates print them.

A :class:`Grid` is what every writer renders (DOCX merges, HTML rowspan/colspan, text, markdown).
Text may hold ``\\n`` for a line break inside a cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.generate import labels as lb
from ogi.generate.model import LabelStyle, PrintedCell, ReportModel, TableModel
from ogi.generate.values import APPLICANTS, DENIED, NOT_PROCESSED, OTHER_SPLIT, REQUEST_COLUMNS, UNABLE
from ogi.schemas import load_catalogue


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "value"  # corner | head | label | group | banner | value


@dataclass(frozen=True)
class Grid:
    key: str
    cells: tuple[GridCell, ...]
    widths: tuple[float, ...]  # relative column widths
    header_rows: int  # rows repeated at the top of each page when the layout says so

    @property
    def n_rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def anchors(self) -> dict[tuple[int, int], GridCell]:
        return {(c.row, c.col): c for c in self.cells}

    def covering(self) -> dict[tuple[int, int], GridCell]:
        """Every slot mapped to the cell that covers it (anchors included)."""
        out: dict[tuple[int, int], GridCell] = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[(r, k)] = c
        return out


def _sorted(cells: list[GridCell]) -> tuple[GridCell, ...]:
    return tuple(sorted(cells, key=lambda c: (c.row, c.col)))


def _value(row: int, col: int, cell: PrintedCell, colspan: int = 1) -> GridCell:
    return GridCell(row, col, cell.text, colspan=colspan, kind="value")


ACTIVE_BLOCKS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "2019": (("一", ("regulations", "normative_documents")), ("五", ("licensing", "other_services")),
             ("六", ("penalties", "coercion")), ("八", ("fees",)), ("九", ("procurement",))),
    "2021": (("一", ("regulations", "normative_documents")), ("五", ("licensing",)),
             ("六", ("penalties", "coercion")), ("八", ("fees",))),
}


def active_grid(table: TableModel, style: LabelStyle) -> Grid:
    """Table 二: per block a banner row, a header row 信息内容 …, then data rows; 4 columns."""
    spec = load_catalogue().table("active_disclosure").version(table.version)
    cells: list[GridCell] = []
    r = 0
    for block, rows in ACTIVE_BLOCKS[table.version]:
        cells.append(GridCell(r, 0, lb.active_banner(block, style), colspan=4, kind="banner"))
        cols = spec.row(rows[0]).columns
        spans = _spans(len(cols))
        cells.append(GridCell(r + 1, 0, "信息内容", kind="head"))
        at = 1
        for col, span in zip(cols, spans, strict=True):
            label = lb.header(lb.brackets(spec.column(col).label, style), style)
            cells.append(GridCell(r + 1, at, label, colspan=span, kind="head"))
            at += span
        r += 2
        for row in rows:
            cells.append(GridCell(r, 0, lb.active_row_label(row, table.version, style), kind="label"))
            at = 1
            for col, span in zip(cols, spans, strict=True):
                cells.append(_value(r, at, table.cell(row, col), span))
                at += span
            r += 1
    return Grid("active_disclosure", _sorted(cells), (2.6, 1.5, 1.5, 1.5), header_rows=0)


def _spans(n: int) -> tuple[int, ...]:
    """Spread n value columns over the three value slots of table 二 (the last one takes the rest)."""
    return {1: (3,), 2: (1, 2), 3: (1, 1, 1)}[n]


def _requests_label_cells(version: str, rows: tuple[str, ...], style: LabelStyle, top: int) -> list[GridCell]:
    """The three label columns of table 三: 三、本年度办理结果 | group | item."""
    cells: list[GridCell] = []
    pos = {row: top + i for i, row in enumerate(rows)}
    results = [r for r in rows if r not in ("new_received", "carried_over", "carried_forward")]
    cells.append(GridCell(pos[results[0]], 0, "三、本年度办理结果", rowspan=len(results), kind="group"))
    groups = (("denied", DENIED), ("unable", UNABLE), ("not_processed", NOT_PROCESSED), ("other", OTHER_SPLIT))
    grouped = {item: (g, members) for g, members in groups for item in members}
    for row in rows:
        if row in ("new_received", "carried_over", "carried_forward"):
            cells.append(GridCell(pos[row], 0, lb.requests_single_label(row, style), colspan=3, kind="label"))
        elif row in grouped:
            group, members = grouped[row]
            if row == members[0]:
                cells.append(GridCell(pos[row], 1, lb.requests_group_label(group, style),
                                      rowspan=len(members), kind="group"))
            cells.append(GridCell(pos[row], 2, lb.requests_item_label(row, style), kind="label"))
        else:
            cells.append(GridCell(pos[row], 1, lb.requests_single_label(row, style), colspan=2, kind="label"))
    return cells


def requests_grid(table: TableModel, style: LabelStyle) -> Grid:
    """Table 三: 3 label columns + 7 value columns; three header rows with merged cells."""
    cells = [
        GridCell(0, 0, lb.requests_corner(style), rowspan=3, colspan=3, kind="corner"),
        GridCell(0, 3, "申请人情况", colspan=7, kind="head"),
        GridCell(1, 3, lb.requests_column_label("natural_person", style), rowspan=2, kind="head"),
        GridCell(1, 4, style.legal_person, colspan=5, kind="head"),
        GridCell(1, 9, lb.requests_column_label("total", style), rowspan=2, kind="head"),
    ]
    for i, col in enumerate(APPLICANTS[1:]):
        cells.append(GridCell(2, 4 + i, lb.requests_column_label(col, style), kind="head"))
    cells += _requests_label_cells(table.version, table.rows, style, top=3)
    for i, row in enumerate(table.rows):
        for j, col in enumerate(REQUEST_COLUMNS):
            cells.append(_value(3 + i, 3 + j, table.cell(row, col)))
    widths = (1.1, 1.5, 4.2, *([1.2] * 7))
    return Grid("requests", _sorted(cells), widths, header_rows=3)


REVIEW_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def review_grid(table: TableModel, vertical: str) -> Grid:
    """Table 四: 行政复议 (5) | 行政诉讼 (未经复议直接起诉 5, 复议后起诉 5); one row of 15 numbers."""
    v = lambda t: lb.review_vertical(t, vertical)  # noqa: E731
    cells = [
        GridCell(0, 0, "行政复议", colspan=5, kind="head"),
        GridCell(0, 5, "行政诉讼", colspan=10, kind="head"),
        GridCell(1, 5, "未经复议直接起诉", colspan=5, kind="head"),
        GridCell(1, 10, "复议后起诉", colspan=5, kind="head"),
    ]
    for i, label in enumerate(REVIEW_OUTCOMES):
        cells.append(GridCell(1, i, v(label), rowspan=2, kind="head"))
        cells.append(GridCell(2, 5 + i, v(label), kind="head"))
        cells.append(GridCell(2, 10 + i, v(label), kind="head"))
    for i, row in enumerate(table.rows):
        for j, col in enumerate(table.columns_of(row)):
            cells.append(_value(3, i * 5 + j, table.cell(row, col)))
    return Grid("review_litigation", _sorted(cells), (1.0,) * 15, header_rows=3)


def report_grids(model: ReportModel) -> dict[str, Grid]:
    active, requests, review = model.tables
    return {
        "active_disclosure": active_grid(active, model.labels),
        "requests": requests_grid(requests, model.labels),
        "review_litigation": review_grid(review, model.layout.vertical_headers),
    }
