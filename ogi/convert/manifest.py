"""The optional manifest: a CSV with columns ``path, agency, region, year, url`` whose non-empty
values override what ogi finds in the documents.

``path`` is matched against the input's absolute path (a relative ``path`` is taken relative to
the manifest's folder); a zip member is written ``archive.zip!/member/path.pdf``. A ``path``
equal to an input's ``source`` exactly (as printed in the dataset) matches too.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from ogi.convert.inputs import MEMBER_SEP, InputItem

FIELDS = ("path", "agency", "region", "year", "url")


@dataclass(frozen=True)
class ManifestEntry:
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    url: str | None = None


class ManifestError(ValueError):
    pass


def _abs_key(path: str, base: Path) -> str:
    archive, sep, member = path.partition(MEMBER_SEP)
    p = Path(archive)
    full = os.path.normpath(p if p.is_absolute() else base / p)
    return f"{full}{sep}{member}"


def _entry(row: dict[str, str], line: int, where: Path) -> ManifestEntry:
    def text(key: str) -> str | None:
        value = (row.get(key) or "").strip()
        return value or None

    year_text = text("year")
    try:
        year = int(year_text) if year_text is not None else None
    except ValueError:
        raise ManifestError(f"{where}:{line}: year {year_text!r} is not a whole number") from None
    return ManifestEntry(text("agency"), text("region"), year, text("url"))


class Manifest:
    def __init__(self, path: Path) -> None:
        self.by_key: dict[str, ManifestEntry] = {}
        self.by_source: dict[str, ManifestEntry] = {}
        base = path.resolve().parent
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or "path" not in reader.fieldnames:
                raise ManifestError(f"{path}: no 'path' column (expected columns: {', '.join(FIELDS)})")
            for line, row in enumerate(reader, start=2):
                raw = (row.get("path") or "").strip()
                if not raw:
                    continue
                entry = _entry(row, line, path)
                self.by_source[raw] = entry
                self.by_key[_abs_key(raw, base)] = entry

    def lookup(self, item: InputItem) -> ManifestEntry | None:
        found = self.by_source.get(item.source)
        if found is not None:
            return found
        key = os.path.normpath(os.path.abspath(item.path))
        if item.member is not None:
            key = f"{key}{MEMBER_SEP}{item.member}"
        return self.by_key.get(key)
