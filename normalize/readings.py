"""A label cell read more than one way (OCR: page pass and cell pass) → the reading that fits the catalogue.

Readers that are unsure of a label's text keep their other readings on the cell
(``TableCell.alternatives``). The reading kept is the one whose text is closest to any label the
catalogue knows (rows, groups, columns, sections, known regional rows of every table), with an intact
ordinal breaking a tie and the reader's own choice winning any remaining tie; an alternative is only taken
when it scores at least the matcher's cutoff (a reading that would match nothing is no better, and a bare
ordinal such as ``（六）`` scores nothing but still names its group). A cell whose reader's
choice looks like a value is never changed: figures come from the digits pass only::

    >>> from ogi.schemas import TableCell
    >>> best_reading(TableCell(0, 0, "《一》也以公开", alternatives=("(一)予以公开",)))
    '(一)予以公开'
    >>> best_reading(TableCell(0, 0, "行政许可", alternatives=("行政许司",)))
    '行政许可'
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ogi.normalize.matcher import CUTOFF, text_score
from ogi.normalize.textnorm import split_ordinal
from ogi.normalize.values import looks_like_value
from ogi.schemas import Table, TableCell, load_catalogue


@lru_cache(maxsize=1)
def known_labels() -> tuple[str, ...]:
    """Every label variant of the catalogue, once."""
    catalogue = load_catalogue()
    found: set[str] = set()
    for section in catalogue.sections:
        found.update(section.variants)
    for table in catalogue.tables:
        for spec in (*table.groups, *table.extra_rows):
            found.update(spec.variants)
        for version in table.versions:
            for label in (*version.rows, *version.columns):
                found.update(label.variants)
    return tuple(sorted(found))


def best_reading(cell: TableCell) -> str:
    """The cell's text, or the alternative reading that matches a catalogue label strictly better."""
    if not cell.alternatives or looks_like_value(cell.text):
        return cell.text
    readings = [r for r in (cell.text, *cell.alternatives) if not looks_like_value(r)]
    scored = [(text_score(r, known_labels()), bool(split_ordinal(r)[0]), -i, r) for i, r in enumerate(readings)]
    best = max(scored)
    return best[3] if best[0] >= CUTOFF else cell.text  # an alternative that would match nothing is no better


def with_best_readings(table: Table) -> Table:
    """The table with each multiply-read cell's text set to its best reading."""
    if not any(c.alternatives for c in table.cells):
        return table
    return replace(table, cells=tuple(replace(c, text=best_reading(c)) if c.alternatives else c
                                      for c in table.cells))
