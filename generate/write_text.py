"""Write a model as plain text copied from a web page, or as markdown with pipe tables.

Copied text (like ``shared/seed/000_*.txt``): one table cell per line, each starting with a tab; a
cell's further lines continue without a tab; a blank line ends a row. A cell covered by a merge
from the row above shows as an empty cell; slots covered from the left are left out.
"""

from __future__ import annotations

import random

from ogi.generate.grids import Grid, report_grids
from ogi.generate.model import ReportModel

NBSP = "\u00a0"


def _row_cells(grid: Grid, r: int) -> list[tuple[str, str]]:
    """(kind, text) of the cells a browser copies for row r."""
    covering = grid.covering()
    out = []
    for c in range(grid.n_cols):
        cell = covering.get((r, c))
        if cell is None or cell.col != c:
            continue
        out.append((cell.kind, cell.text if cell.row == r else ""))
    return out


def _copied_table(grid: Grid, rng: random.Random, nbsp: bool) -> str:
    rows = []
    for r in range(grid.n_rows):
        lines = []
        for kind, text in _row_cells(grid, r):
            if nbsp and kind == "value" and text:
                text = NBSP + text if rng.random() < 0.5 else text + NBSP
            lines.append("\t" + text + "\n")
        rows.append("".join(lines) + "\n")
    return "".join(rows) + "\n\n"


def model_to_text(model: ReportModel) -> bytes:
    rng = random.Random(f"ogi-generate/text/{model.seed}")
    grids = report_grids(model)
    out = [model.title + "\n", *(p + "\n" for p in model.preamble)]
    for section in model.sections:
        out.append(("\n" if rng.random() < 0.5 else "") + section.heading + "\n")
        out += [p + "\n" for p in section.paragraphs]
        if section.key in grids:
            out.append(_copied_table(grids[section.key], rng, model.layout.nbsp_padding))
    out += [line + "\n" for line in model.signature]
    return "".join(out).encode("utf-8")


def _md_cell(text: str, linebreak: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>" if linebreak == "br" else " ")


def _md_table(grid: Grid, fill: str, linebreak: str) -> str:
    covering = grid.covering()
    lines = []
    for r in range(grid.n_rows):
        cells = []
        for c in range(grid.n_cols):
            cell = covering.get((r, c))
            anchor = cell is not None and cell.row == r and cell.col == c
            text = cell.text if cell is not None and (anchor or fill == "repeat") else ""
            cells.append(_md_cell(text, linebreak))
        lines.append("| " + " | ".join(cells) + " |")
        if r == 0:
            lines.append("|" + "|".join(" --- " for _ in range(grid.n_cols)) + "|")
    return "\n".join(lines) + "\n\n"


def model_to_markdown(model: ReportModel) -> bytes:
    grids = report_grids(model)
    out = [f"# {model.title}\n\n", *(p + "\n\n" for p in model.preamble)]
    for section in model.sections:
        out.append(f"## {section.heading}\n\n")
        out += [p + "\n\n" for p in section.paragraphs]
        if section.key in grids:
            out.append(_md_table(grids[section.key], model.layout.md_fill, model.layout.md_linebreak))
    out += [line + "\n\n" for line in model.signature]
    return "".join(out).encode("utf-8")
