"""The rows of one converted document, packed for the journal (zlib-compressed JSON).

Rows are stored without ``report_id`` (and the report row without its per-path columns): the
same content converted once serves every path it was found under.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ogi.tabular import CELL_COLUMNS, FINDING_COLUMNS, SECTION_COLUMNS

PER_PATH = ("report_id", "source", "file_name", "status", "message")
CELL_FIELDS = CELL_COLUMNS[1:]
SECTION_FIELDS = SECTION_COLUMNS[2:]   # without report_id and seq (the row's position)
FINDING_FIELDS = FINDING_COLUMNS[2:]


@dataclass(frozen=True)
class Payload:
    report: dict[str, Any] = field(default_factory=dict)
    cells: Sequence[Sequence[Any]] = ()
    sections: Sequence[Sequence[Any]] = ()
    findings: Sequence[Sequence[Any]] = ()


def pack(p: Payload) -> bytes:
    doc = {"report": p.report, "cells": p.cells, "sections": p.sections, "findings": p.findings}
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def unpack(blob: bytes) -> Payload:
    """The payload as packed; its rows come back as lists (not copied into tuples)."""
    doc = json.loads(zlib.decompress(blob))
    return Payload(doc["report"], doc["cells"], doc["sections"], doc["findings"])
