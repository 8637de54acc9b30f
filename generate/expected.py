"""The ``<file>.expected.json`` of a model, computed from the model (never by re-reading the file)."""

from __future__ import annotations

import json
from typing import Any

from ogi.generate.identities import check
from ogi.generate.model import ReportModel


def expected(model: ReportModel) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for table in model.tables:
        for c in table.cells:
            key = f"{table.key}/{c.row}/{c.column}"
            cells[key] = c.value
            if c.value is None:
                notes[key] = c.note
    _, requests, review = model.tables
    found = check(requests, review)
    return {
        "file": model.file_name,
        "agency": model.agency,
        "year": model.year,
        "templates": {t.key: t.version for t in model.tables},
        "cells": cells,
        "notes": notes,
        "findings": {"identities": list(found.identities), "culprits": list(found.culprits)},
        "unplaced_rows": 0,
    }


def expected_json(model: ReportModel) -> str:
    return json.dumps(expected(model), ensure_ascii=False, indent=2) + "\n"
