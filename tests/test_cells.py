"""normalize/cells.py: a cell made from its fields is the CellValue its constructor makes, and the collector
keeps the first of a duplicate, says why it drops a value, and gives every cell the table's template."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from ogi.normalize.cells import CellCollector, new_cell, with_template
from ogi.normalize.rows import SourceValue
from ogi.schemas import Box, CellValue

FULL = CellValue("requests", "granted", "total", 1.5, "1.5", "万元", "converted_from_yuan", "2021", 3, 97.5,
                 "予以公开", "order", 0.91, Box(1.0, 2.0, 3.0, 4.0))


def test_cellvalue_has_no_post_init() -> None:
    """new_cell skips __init__: it is the same object only while CellValue checks nothing when made."""
    assert not hasattr(CellValue, "__post_init__")


def test_new_cell_is_the_constructors_cell() -> None:
    made = new_cell({f.name: getattr(FULL, f.name) for f in fields(CellValue)})
    assert made == FULL and repr(made) == repr(FULL) and hash(made) == hash(FULL)
    assert list(made.__dict__) == list(FULL.__dict__)
    short = new_cell({"table": "requests", "row": "granted", "column": "total", "value": None, "raw": ""})
    assert short == CellValue("requests", "granted", "total", None, "")


def test_new_cell_refuses_unknown_and_missing_fields() -> None:
    with pytest.raises(TypeError, match="unknown fields"):
        new_cell({"table": "requests", "row": "granted", "column": "total", "value": 1, "raw": "1", "colour": 1})
    with pytest.raises(TypeError, match="missing fields"):
        new_cell({"table": "requests", "row": "granted", "column": "total"})


def test_a_made_cell_stays_frozen() -> None:
    made = with_template(FULL, "2019")
    with pytest.raises(AttributeError):
        made.template = "2021"  # type: ignore[misc]


def test_with_template_is_replace() -> None:
    for template in ("2019", "2021", ""):
        assert with_template(FULL, template) == replace(FULL, template=template)
    assert FULL.template == "2021"  # the original is untouched


def test_collector_parses_keeps_the_first_and_sets_the_template() -> None:
    col = CellCollector("requests")
    col.add("granted", "total", SourceValue(" 12 ", page=2), "count", "", 99.94, "予以公开")
    col.add("granted", "total", SourceValue("13", page=2), "count", "", 100.0, "予以公开")
    col.add("granted", "natural_person", SourceValue("x1", page=2), "count", "", 100.0, "予以公开")
    col.add("granted", "other_org", SourceValue("1 2", ambiguous=True), "count", "", 100.0, "予以公开")
    assert [f.code for f in col.findings] == ["duplicate_cell", "unparsed_value", "unplaced_value"]
    assert [f.cells for f in col.findings] == [("requests/granted/total",), ("requests/granted/natural_person",),
                                               ("requests/granted/other_org",)]
    cells = col.cells_as("2021")
    assert cells == (
        CellValue("requests", "granted", "total", 12, "12", "", "", "2021", 2, 99.9, "予以公开"),
        CellValue("requests", "granted", "natural_person", None, "x1", "", "unparsed", "2021", 2, 100.0, "予以公开"),
    )
    assert all(list(c.__dict__) == [f.name for f in fields(CellValue)] for c in cells)  # every field, in order
