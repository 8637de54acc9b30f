"""schemas Table.grid / Table.slot_cells: one span expansion, two views of the same slots (covered by a merged
cell vs empty vs anchor), the first cell to reach a slot keeping it."""

from __future__ import annotations

from ogi.schemas import GridSlot, Table, TableCell

SPANS = Table((
    TableCell(0, 0, "申请人情况", colspan=3), TableCell(1, 0, "（三）不予公开", rowspan=2), TableCell(1, 1, "1.国家秘密"),
    TableCell(1, 2, "0"), TableCell(2, 1, "2.其他"), TableCell(2, 2, "5"), TableCell(3, 2, "7"),
    TableCell(2, 2, "overlaps"),  # a second cell on a taken slot: the first keeps it
    TableCell(4, 0, "wide", rowspan=1, colspan=2), TableCell(4, 1, "under wide"),
))


def test_slot_cells_are_the_grid_as_pairs() -> None:
    grid, pairs = SPANS.grid(), SPANS.slot_cells()
    assert len(grid) == len(pairs) == SPANS.n_rows
    for grid_row, pair_row in zip(grid, pairs, strict=True):
        assert len(grid_row) == len(pair_row) == SPANS.n_cols
        for slot, pair in zip(grid_row, pair_row, strict=True):
            assert (slot is None) == (pair is None)
            if slot is not None and pair is not None:
                assert slot == GridSlot(pair[0].text, pair[1], pair[0]) and slot.cell is pair[0]


def test_covered_empty_and_first_comer() -> None:
    pairs = SPANS.slot_cells()
    assert [(p[0].text, p[1]) if p else None for p in pairs[0]] == [("申请人情况", False), ("申请人情况", True),
                                                                     ("申请人情况", True)]
    assert pairs[2][0] is not None and pairs[2][0] == (SPANS.cells[1], True)  # covered from above
    assert pairs[2][2] is not None and pairs[2][2][0].text == "5"
    assert pairs[3][0] is None and pairs[3][1] is None  # empty, not covered
    assert pairs[4][1] is not None and pairs[4][1] == (SPANS.cells[8], True)  # the span came first
