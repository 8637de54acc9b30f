"""For sources without page images: the source tables as HTML, and which source cell each value came from.

A value is tied to a source cell when the cell prints exactly the value's raw text in a row whose text
holds the value's printed label, taking rows and cells in printed order; a value that cannot be tied so
is left without an outline rather than pointed at a guess.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence

from ogi.schemas import CellValue, Document, Table

_IGNORED = str.maketrans("", "", " \t\r\n\u3000")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_IGNORED)


def anchor(block: int, row: int, col: int) -> str:
    return f"s{block}-{row}-{col}"


def source_tables(doc: Document) -> list[tuple[int, Table]]:
    return [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Table)]


def _tie_row(cells: Sequence[CellValue], grid_row: Sequence[tuple[int, str]]) -> dict[str, int]:
    """Cells of one canonical row (in column order) → source column, matched by raw text in order."""
    out: dict[str, int] = {}
    pos = 0
    for c in cells:
        for j in range(pos, len(grid_row)):
            if grid_row[j][1] == _norm(c.raw):
                out[c.key] = grid_row[j][0]
                pos = j + 1
                break
    return out


def tie_cells(doc: Document, cells: Sequence[CellValue]) -> dict[str, str]:
    """Cell key → anchor id of the source cell it was read from, where that can be told."""
    ties: dict[str, str] = {}
    rows: dict[tuple[str, str], list[CellValue]] = {}
    for c in cells:
        rows.setdefault((c.table, c.row), []).append(c)
    source_rows: list[tuple[int, int, str, list[tuple[int, str]]]] = []
    for b, table in source_tables(doc):
        for r, grid_row in enumerate(table.grid()):
            slots = [(j, _norm(s.text)) for j, s in enumerate(grid_row) if s is not None and not s.covered]
            source_rows.append((b, r, "".join(_norm(s.text) for s in grid_row if s is not None), slots))
    used: set[tuple[int, int]] = set()
    for row_cells in rows.values():
        label = _norm(row_cells[0].label)
        if not label:
            continue
        for b, r, text, slots in source_rows:
            if (b, r) in used or label not in text:
                continue
            tied = _tie_row(row_cells, [(j, t) for j, t in slots if label not in t])
            if tied:
                used.add((b, r))
                ties.update({k: anchor(b, r, j) for k, j in tied.items()})
                break
    return ties


def table_html(block: int, table: Table) -> str:
    """One source table as printed: spans kept, every anchor cell with an id."""
    by_row: dict[int, list[str]] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        span = f' rowspan="{c.rowspan}"' if c.rowspan > 1 else ""
        span += f' colspan="{c.colspan}"' if c.colspan > 1 else ""
        by_row.setdefault(c.row, []).append(f'<td id="{anchor(block, c.row, c.col)}"{span}>{html.escape(c.text)}</td>')
    body = "".join(f"<tr>{''.join(tds)}</tr>" for _, tds in sorted(by_row.items()))
    return f'<table class="src">{body}</table>'
