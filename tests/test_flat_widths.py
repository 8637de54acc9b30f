"""Blank cells told by whitespace widths in flattened tables: only where one width model explains the table."""

from __future__ import annotations

import doctest

from ogi.normalize import flat_widths
from ogi.normalize.flat_widths import width_readings
from ogi.normalize.flattened import split_readings


def test_doctests() -> None:
    assert doctest.testmod(flat_widths).failed == 0


def test_padded_cells_place_a_lone_pair() -> None:
    # cells padded by one space each side, a blank cell "   ": c = 2, u = 3 (a crawler joining by a space)
    rows = [("3                 3 ", split_readings("3                 3", 7, blanks=True)),
            ("13  2  8        4  27 ", split_readings("13  2  8        4  27", 7, blanks=True))]
    out = width_readings(rows)
    assert out[0] == (("3", "", "", "", "", "", "3"),)
    assert out[1] == (("13", "2", "8", "", "", "4", "27"),)


def test_joined_digits_keep_their_splits() -> None:
    # cells joined by nothing, a blank cell one space: c = 0, u = 1; 131 is still 13|1 or 1|31 (the identities
    # decide), but two spaces are two blank cells
    rows = [("131  2 16", split_readings("131  2 16", 7, blanks=True)),
            ("0000000", split_readings("0000000", 7, blanks=True))]
    out = width_readings(rows)
    assert {("13", "1", "", "", "2", "", "16"), ("1", "31", "", "", "2", "", "16")} <= set(out[0])
    assert all(r[2:4] == ("", "") for r in out[0] if r[0] != "131")
    assert len(out[0]) < len(rows[0][1])


def test_irregular_whitespace_is_no_evidence() -> None:
    # a row that prints all seven cells with gaps of 1 and 2: no (c, u) explains it, so widths tell nothing
    rows = [("3  3", split_readings("3  3", 7, blanks=True)), ("1   1", split_readings("1   1", 7, blanks=True)),
            ("1 2  3 4 5 6 21", split_readings("1 2  3 4 5 6 21", 7, blanks=True))]
    out = width_readings(rows)
    assert [len(r) for r in out] == [len(r) for _, r in rows]


def test_a_model_that_fits_only_by_breaking_a_rows_total_is_not_kept() -> None:
    # c = 0, u = 1 reads 131 as 13|1 (13 + 1 + 2 = 16); c = 1, u = 1 would keep 131 whole and break the total
    def h3(r: tuple[str, ...]) -> bool:
        return sum(int(v or 0) for v in r[:6]) == int(r[6] or 0)

    rows = [("131  2 16", split_readings("131  2 16", 7, blanks=True)),
            ("1   2 1", split_readings("1   2 1", 7, blanks=True))]
    out = width_readings(rows, h3)
    assert ("1", "", "", "", "2", "", "1") in out[1]  # printed so: the row breaks H3 under every model
    assert all(r[1:4] == ("", "", "") for r in out[1])
