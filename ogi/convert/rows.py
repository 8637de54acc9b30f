"""Dataset rows for one input: its ``reports`` row, with manifest values applied, and (Python's path
for the first path of a content, see :mod:`ogi.convert.jsonrows`) the rows of its cells, sections and
findings as columns (:class:`Columns`), transposed from the payload in one step."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from ogi.convert.inputs import InputItem
from ogi.convert.journal import StoredResult
from ogi.convert.manifest import ManifestEntry
from ogi.convert.tables import COLUMNS
from ogi.names import shown

Row = tuple[Any, ...]
Columns = list[Sequence[Any]]   # one sequence per column of the table, in its order, all of one length


def report_id_for(sha256: str | None, source: str) -> str:
    """16 hex of the content's sha256; for an input never read, of its source path."""
    if sha256 is not None:
        return sha256[:16]
    return hashlib.sha256(("path:" + source).encode()).hexdigest()[:16]


def child_columns(rid: str, rows: Sequence[Sequence[Any]], width: int, numbered: bool) -> Columns | None:
    """``rows`` (without ``report_id``, and without ``seq`` when ``numbered``) as the table's columns."""
    if not rows:
        return None
    n = len(rows)
    head: Columns = [[rid] * n, list(range(n))] if numbered else [[rid] * n]
    columns = head + list(zip(*rows, strict=True))
    if len(columns) != width:
        raise ValueError(f"a payload row has {len(columns) - len(head)} fields, expected {width - len(head)}")
    return columns


def _apply_manifest(base: dict[str, Any], entry: ManifestEntry | None) -> None:
    if entry is None:
        return
    if entry.agency is not None:
        base["agency"], base["agency_source"] = entry.agency, "manifest"
    if entry.year is not None:
        base["year"], base["year_source"] = entry.year, "manifest"
    if entry.region is not None:
        base["region"] = entry.region
    base["url"] = entry.url


def report_row(item: InputItem, sha256: str | None, canonical: str, result: StoredResult | None,
               entry: ManifestEntry | None, report: dict[str, Any]) -> Row:
    """The ``reports`` row of ``item``; ``canonical`` is the first source with the same content (maybe
    itself), ``report`` the payload's report fields (:func:`ogi.convert.payload.unpack_report`)."""
    rid = report_id_for(sha256, item.source)
    name = item.member if item.member is not None else item.path
    base: dict[str, Any] = {
        "report_id": rid, "source": item.source, "file_name": shown(PurePosixPath(name.replace("\\", "/")).name),
        "content_sha256": sha256, "archive": shown(item.path) if item.member is not None else None,
        "size_bytes": item.size, "duplicate_of": canonical if canonical != item.source else None,
    }
    if item.refused:
        base.update(status="failed", message=f"{item.source}: {item.refused}", error_type=item.error_type)
    elif result is None:
        base.update(status="failed", message=f"{item.source}: not converted (the file changed during the run; "
                    "run again)", error_type="NotConverted")
    else:
        base.update(report)
        failed = result.status == "failed"
        message = f"{item.source}: {result.message}" if failed else result.message
        base.update(status=result.status, message=message, error_type=result.error_type or None)
    _apply_manifest(base, entry)
    for key in ("format", "message", "url"):   # absent text is NULL, never ''
        base[key] = base.get(key) or None
    return tuple(base.get(c) for c in COLUMNS["reports"])
