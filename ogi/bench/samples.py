"""Find benchmark samples and read their expected-value files.

A sample is a report ``X.ext`` next to ``X.ext.expected.json`` (format: see the common notes and
``shared/spec/report-format.md``). Reports without an expected file are not samples. A malformed
expected file is an error in the benchmark's input, not in ogi, so it raises
:class:`BenchInputError` naming every bad file at once instead of being scored::

    >>> format_group(Path("a/r14.HTML")), format_group(Path("b.md")), format_group(Path("c.wps"))
    ('html', 'text', 'doc')
    >>> format_group(Path("gen002_2019.scan.pdf"))
    'pdf-scan'

A converter-matrix output (``ogi.generate.converters``) is named ``<source>.<converter>.txt``; its
converter is a group of its own::

    >>> converter_group(Path("gen003_2021.html.w3m-wide.txt")), converter_group(Path("gen004_2021.txt"))
    ('w3m-wide', None)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ogi.extract.formats import BY_SUFFIX
from ogi.schemas import TABLE_KEYS, Number

EXPECTED_SUFFIX = ".expected.json"
SCAN_SUFFIX = ".scan.pdf"  # scanned versions made by ogi.generate.scan (image-only PDFs)
_CONVERTED = re.compile(r".+\.(?:html?|docx|pdf)\.([a-z0-9][a-z0-9-]*)\.txt")

# File extension -> format group reported by the benchmark, from the format registry.
FORMAT_GROUPS: dict[str, str] = {s: f.bench_group for s, f in BY_SUFFIX.items() if f.reader is not None}


class BenchInputError(Exception):
    """The benchmark's input is unusable: no samples found, or expected/floor files malformed."""


@dataclass(frozen=True)
class Expected:
    """The hand-checked truth for one sample report."""

    file: str
    agency: str | None
    year: int | None
    templates: tuple[tuple[str, str], ...]  # (table, version), in file order
    cells: tuple[tuple[str, Number | None], ...]  # (cell key, value), in file order
    identities: frozenset[str]
    culprits: frozenset[str]
    unplaced_rows: int
    producer: str = ""  # the PDF producer of a generated matrix file (generate/pdf_producers.py), else ""
    lost: tuple[tuple[str, str], ...] = ()  # (table, how) a converter truly lost: nowhere in the file

    def template(self, table: str) -> str | None:
        return dict(self.templates).get(table)

    def lost_tables(self) -> frozenset[str]:
        return frozenset(t for t, _ in self.lost)

    def cell_values(self) -> dict[str, Number | None]:
        return dict(self.cells)


@dataclass(frozen=True)
class Sample:
    report: Path
    expected: Expected
    format: str
    converter: str | None = None


def format_group(path: Path) -> str:
    """The benchmark's format group of a report path, from its extension (``X.scan.pdf``: a scanned PDF)."""
    suffix = path.suffix.lower()
    if path.name.lower().endswith(SCAN_SUFFIX):
        return "pdf-scan"
    return FORMAT_GROUPS.get(suffix, suffix.lstrip(".") or "none")


def converter_group(path: Path) -> str | None:
    """The converter that made a matrix output, from its name; ``None`` for any other report."""
    m = _CONVERTED.fullmatch(path.name.lower())
    return m.group(1) if m else None


def find_samples(paths: Iterable[Path]) -> tuple[Sample, ...]:
    """Every sample under the given folders (recursively) or files, sorted by path, each once."""
    expected_files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            expected_files.update(p for p in path.rglob(f"*{EXPECTED_SUFFIX}") if p.is_file())
        elif path.name.endswith(EXPECTED_SUFFIX):
            expected_files.add(path)
        elif path.is_file():
            expected_files.add(path.with_name(path.name + EXPECTED_SUFFIX))
        else:
            raise BenchInputError(f"{path}: no such file or folder")
    samples: list[Sample] = []
    problems: list[str] = []
    for exp_path in sorted({p.resolve() for p in expected_files}):
        report = exp_path.with_name(exp_path.name[: -len(EXPECTED_SUFFIX)])
        try:
            if not exp_path.is_file():
                raise ValueError(f"{report.name} has no expected-value file")
            if not report.is_file():
                raise ValueError(f"report file {report.name} is missing")
            expected = parse_expected(json.loads(exp_path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:  # json.JSONDecodeError is a ValueError
            problems.append(f"{exp_path}: {err}")
            continue
        samples.append(Sample(report, expected, format_group(report), converter_group(report)))
    if problems:
        raise BenchInputError("bad expected-value files:\n  " + "\n  ".join(problems))
    return tuple(samples)


def parse_expected(raw: Any) -> Expected:
    """Validate one decoded expected-value file; raise ``ValueError`` saying what is wrong."""
    if not isinstance(raw, Mapping):
        raise ValueError("not a JSON object")
    findings = raw.get("findings", {})
    if not isinstance(findings, Mapping):
        raise ValueError("'findings' is not an object")
    return Expected(
        file=_str(raw.get("file", ""), "file"),
        agency=_optional_str(raw.get("agency"), "agency"),
        year=_optional_int(raw.get("year"), "year"),
        templates=_per_table(raw.get("templates", {}), "templates"),
        cells=_cells(raw.get("cells", {})),
        # A blank total is the same identity instance found, worded as a warning (see normalize/identities.py).
        identities=frozenset(_str_list(findings.get("identities", []), "findings.identities")
                             + _str_list(findings.get("blank_totals", []), "findings.blank_totals")),
        culprits=frozenset(_str_list(findings.get("culprits", []), "findings.culprits")),
        unplaced_rows=_int(raw.get("unplaced_rows", 0), "unplaced_rows"),
        producer=_str(raw.get("producer", ""), "producer"),
        lost=_per_table(raw.get("lost", {}), "lost"),
    )


def _per_table(raw: Any, name: str) -> tuple[tuple[str, str], ...]:
    """An object of table key → text (``templates``: the version; ``lost``: how the converter lost it)."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"'{name}' is not an object")
    for table, text in raw.items():
        if table not in TABLE_KEYS or not isinstance(text, str):
            raise ValueError(f"{name}: bad entry {table!r}: {text!r}")
    return tuple(raw.items())


def _cells(raw: Any) -> tuple[tuple[str, Number | None], ...]:
    if not isinstance(raw, Mapping):
        raise ValueError("'cells' is not an object")
    out: list[tuple[str, Number | None]] = []
    for key, value in raw.items():
        parts = str(key).split("/")
        if len(parts) != 3 or parts[0] not in TABLE_KEYS or not all(parts):
            raise ValueError(f"cells: {key!r} is not a table/row/column key")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValueError(f"cells: {key!r} has {value!r}, not a number or null")
        out.append((key, value))
    return tuple(out)


def _str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name!r} is not a string")
    return value


def _optional_str(value: Any, name: str) -> str | None:
    return None if value is None else _str(value, name)


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name!r} is not a whole number")
    return value


def _optional_int(value: Any, name: str) -> int | None:
    return None if value is None else _int(value, name)


def _str_list(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name!r} is not a list of strings")
    return value
