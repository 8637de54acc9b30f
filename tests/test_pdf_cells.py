"""extract/pdf_cells.py, ogi's copies of pdfplumber's table stages, against pdfplumber itself.

The copies must give pdfplumber's cells bit for bit (the same floats, the same order), on the
ruling of real table pages and on random edge sets built to hit its corner cases: segments on
a half-point grid, near-duplicates within the snap tolerance, touching and overlapping
collinear pieces, grids with ragged ends, integer and float coordinates mixed.
"""

from __future__ import annotations

import doctest
import random
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from ogi.extract import pdf as pdf_reader
from ogi.extract import pdf_cells, pdf_rules, pdfium_bare, pdfium_points
from ogi.extract.pdf_glyphs import Edge

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _plumber_edge(e: Edge) -> dict[str, Any]:
    """An edge as pdfplumber's table finder gets it (a line on the middle of the edge's box)."""
    if e.horizontal:
        y = (e.top + e.bottom) / 2
        return {"x0": e.x0, "x1": e.x1, "top": y, "bottom": y, "doctop": y,
                "width": e.x1 - e.x0, "height": 0.0, "orientation": "h"}
    x = (e.x0 + e.x1) / 2
    return {"x0": x, "x1": x, "top": e.top, "bottom": e.bottom, "doctop": e.top,
            "width": 0.0, "height": e.bottom - e.top, "orientation": "v"}


def plumber(edges: list[Edge]) -> tuple[list[tuple[Any, ...]], list[list[tuple[float, ...]]]]:
    """pdfplumber's merged edges (as ogi's tuples) and its tables of cells."""
    merged = merge_edges([_plumber_edge(e) for e in edges], pdf_cells.SNAP, pdf_cells.SNAP,
                         pdf_cells.SNAP, pdf_cells.SNAP)
    as_tuples = [(e["x0"], e["x1"], e["top"]) if e["orientation"] == "h" else (e["x0"], e["top"], e["bottom"],
                                                                               e["height"]) for e in merged]
    cells = intersections_to_cells(edges_to_intersections(merged, pdf_cells.SNAP, pdf_cells.SNAP))
    return as_tuples, cells_to_tables(cells)


def ogi(edges: list[Edge]) -> tuple[list[tuple[Any, ...]], list[list[tuple[float, ...]]]]:
    h, v = pdf_cells.merge_edges(pdf_cells.split_edges(edges))
    cells = pdf_cells.intersections_to_cells(pdf_cells.edges_to_intersections(h, v))
    return [*h, *v], pdf_cells.cells_to_tables(cells)


def test_docstring_examples() -> None:
    result = doctest.testmod(pdf_cells)
    assert result.attempted > 0
    assert result.failed == 0


def _table_page_edges(path: Path) -> list[list[Edge]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i] for i in range(len(pdf))]
        return [pdf_rules.pdfium_edges(p) for p in pages if pdf_reader.looks_like_table_page(
            p.get_textpage().get_text_range())]
    finally:
        pdf.close()


def test_copied_path_points_match_the_per_segment_calls() -> None:
    """The one-copy reading of path segments gives what pdfium's four calls a segment give, on every path."""
    assert pdfium_points.points_readable()
    pdf = pdfium.PdfDocument(str(SAMPLES / "real" / "r01_huaian_szf_2024.pdf"))
    paths = 0
    try:
        for page in pdf:
            raw = page.raw
            for i in range(pdfium_bare.FPDFPage_CountObjects(raw)):
                obj = pdfium_bare.FPDFPage_GetObject(raw, i)
                if pdfium_bare.FPDFPageObj_GetType(obj) != pdfium.raw.FPDF_PAGEOBJ_PATH:
                    continue
                count = pdfium_bare.FPDFPath_CountSegments(obj)
                by_call = pdfium_points.segments_by_call(obj, count)
                assert pdfium_points.path_segments(obj, pdfium_points.PointOut()) == (by_call if count > 1 else [])
                paths += count > 1
    finally:
        pdf.close()
    assert paths > 100


@pytest.mark.parametrize("path", [SAMPLES / "real" / "r01_huaian_szf_2024.pdf", SAMPLES / "generated" / "gen002_2019.pdf"],
                         ids=lambda p: p.stem)
def test_real_pages_give_pdfplumbers_cells(path: Path) -> None:
    pages = _table_page_edges(path)
    found = 0
    for edges in pages:
        mine, theirs = ogi(edges), plumber(edges)
        assert repr(mine) == repr(theirs)  # repr: floats bit for bit, ints kept ints
        found += sum(len(t) for t in mine[1])
    assert len(pages) >= 2 and found > 150  # the three tables' cells


def _coordinate(rng: random.Random, span: int) -> float:
    value = rng.randrange(0, span * 2) / 2
    pick = rng.random()
    if pick < 0.3:
        value += rng.choice([0.1, 0.2, 0.25, 1 / 3, 0.7, 1.5, 2.9, 3.0, 3.1, -0.1, -1.0, -2.5, -3.0])
    elif pick < 0.35:
        value += rng.uniform(-3.5, 3.5)
    elif pick < 0.4:
        value = int(value)
    return value


def random_edges(rng: random.Random) -> list[Edge]:
    """Segments, near-duplicates and ragged grids in a small square (well formed: x0 <= x1, top <= bottom)."""
    span = rng.choice([10, 20, 40, 80])
    edges: list[Edge] = []
    for _ in range(rng.randrange(0, 30)):
        a, b = _coordinate(rng, span), _coordinate(rng, span)
        length = abs(_coordinate(rng, span)) * rng.random() * 2
        thick = rng.choice([0, 0, 0.25, 0.5, 1.0])
        edges.append(Edge(a, b, a + length, b + thick) if rng.random() < 0.5 else Edge(a, b, a + thick, b + length))
        if rng.random() < 0.3:
            e = rng.choice(edges)
            d = [rng.choice([0, 0.1, 0.5, 1.0, 2.0, 2.9, 3.0, -0.5, -3.0]) for _ in range(4)]
            x0, top, x1, bottom = e.x0 + d[0], e.top + d[1], e.x1 + d[2], e.bottom + d[3]
            edges.append(Edge(min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom)))
    if rng.random() < 0.6:
        xs = sorted({_coordinate(rng, span) for _ in range(rng.randrange(2, 6))})
        ys = sorted({_coordinate(rng, span) for _ in range(rng.randrange(2, 6))})
        for y in ys:
            edges.append(Edge(xs[0] + rng.choice([0, 0.5, -0.5]), y, xs[-1] + rng.choice([0, 0.5, 2]),
                              y + rng.choice([0, 0.5])))
        for x in xs:
            edges.append(Edge(x, ys[0] + rng.choice([0, 1, -1]), x + rng.choice([0, 0.5]),
                              ys[-1] + rng.choice([0, 1, 3])))
    rng.shuffle(edges)
    return edges


def test_random_edge_sets_give_pdfplumbers_cells() -> None:
    rng = random.Random(15)
    cells = 0
    for _ in range(1000):
        edges = random_edges(rng)
        mine, theirs = ogi(edges), plumber(edges)
        assert repr(mine) == repr(theirs), edges
        cells += sum(len(t) for t in mine[1])
    assert cells > 1500  # enough tables among them to test the cell search


def test_grid_cells_are_the_dataclass_cells() -> None:
    """pdf_grid builds its TableCells without the frozen dataclass's ``__init__``: the same objects."""
    from ogi.extract.pdf_grid import _table_cell
    from ogi.schemas import Box, TableCell

    made = _table_cell(1, 2, "文", 3, 4, 5, (1.5, 2.0, 3.25, 4.0))
    expected = TableCell(1, 2, "文", 3, 4, 5, Box(1.5, 2.0, 3.25, 4.0))
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)
    assert made.__dict__ == expected.__dict__ and list(made.__dict__) == list(expected.__dict__)


def test_a_table_clipped_at_the_pages_side_is_closed() -> None:
    """Row rules that cross the grid and run on past its last vertical rule, ending together (a printed page
    clipping the table's last column), get a closing rule; a rule under a heading crosses none and stays open."""
    from ogi.extract.pdf_glyphs import Edge
    from ogi.extract.pdf_grid import edges_to_cell_boxes

    rows = [Edge(0, y, 90, y) for y in (0, 10, 20)]   # three row rules, to x = 90
    cols = [Edge(x, 0, x, 20) for x in (0, 30, 60)]   # the last column's right rule (x = 90) is clipped
    heading = [Edge(0, -20, 50, -20)]
    (table,) = edges_to_cell_boxes(rows + cols + heading)
    assert sorted({b[2] for b in table}) == [30.0, 60.0, 90.0]   # three columns, the clipped one included
    assert len(table) == 6
