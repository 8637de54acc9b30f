"""What a worker does with one input: read it (a zip member via a temp file), run ``ogi.read``,
and return its rows with a status. Never raises: every failure becomes a failed outcome."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from ogi.convert.archive import MB, ArchiveRefused, iter_member_bytes, open_zip
from ogi.convert.journal import StoredResult
from ogi.convert.payload import CELL_FIELDS, FINDING_FIELDS, PER_PATH, SECTION_FIELDS, Payload, pack
from ogi.extract.formats import OFFICE_FORMATS
from ogi.extract.sniff import sniff
from ogi.schemas import TABLE_KEYS, Finding, OgiError, Report, Severity, Status
from ogi.tabular import cell_rows, finding_rows, report_row, section_rows


@dataclass(frozen=True)
class Task:
    sha256: str
    source: str
    path: str
    member: str | None = None
    max_member_mb: int = 512
    scratch: str | None = None   # folder for a member's temporary copy (default: the system's)


@dataclass(frozen=True)
class Outcome(StoredResult):
    """A worker's result: what the journal stores, plus whether it may be stored at all."""

    transient: bool = False   # not stored in the journal (the file changed while being read)


def report_status(report: Report) -> Status:
    """The status normalize gave the report: ``partial`` when extraction is incomplete (a table or
    cells missing, a row or value that could not be placed). Identity failures are findings about
    the published numbers, not about the extraction: they stay ``ok`` and the message names them."""
    return report.status


def status_message(report: Report, status: Status) -> str:
    found = {t.key for t in report.tables}
    missing = [k for k in TABLE_KEYS if k not in found]
    errors = sorted({f.code for f in report.findings if f.severity is Severity.ERROR})
    parts = [f"{len(report.cells)} cells", f"{len(report.findings)} findings"]
    if missing:
        parts.append("missing tables: " + ", ".join(missing))
    if errors:
        parts.append("errors: " + ", ".join(errors))
    return "; ".join(parts)


MAX_SECTION_CHARS = 1_000_000   # a real section is a few thousand characters; keeps consolidation bounded


def _sections_and_findings(report: Report) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Section rows, each text cut to :data:`MAX_SECTION_CHARS` with a ``text_truncated`` finding."""
    sections, findings = [], [tuple(f[k] for k in FINDING_FIELDS) for f in finding_rows(report)]
    for s in section_rows(report):
        text = s["text"] or ""
        if len(text) > MAX_SECTION_CHARS:
            s = {**s, "text": text[:MAX_SECTION_CHARS]}
            cut = Finding("text_truncated", Severity.WARNING, f"section {s['section']}: text of {len(text):,} "
                          f"characters cut to {MAX_SECTION_CHARS:,}", page=s["page"])
            findings += [tuple(f[k] for k in FINDING_FIELDS) for f in finding_rows(replace(report, findings=(cut,)))]
        sections.append(tuple(s[k] for k in SECTION_FIELDS))
    return sections, findings


def report_payload(report: Report) -> Payload:
    row = report_row(report)
    cells, seen = [], set()
    for c in cell_rows(report):
        key = (c["table"], c["row"], c["column"])
        if key not in seen:   # normalize keeps one cell per key; guard the primary key anyway
            seen.add(key)
            cells.append(tuple(c[k] for k in CELL_FIELDS))
    sections, findings = _sections_and_findings(report)
    return Payload({k: v for k, v in row.items() if k not in PER_PATH}, tuple(cells), tuple(sections), tuple(findings))


def _failed(task: Task, err: BaseException, started: float, fmt: str, text: str | None = None) -> Outcome:
    message = text if text is not None else str(err)
    payload = pack(Payload({"format": fmt}))
    return Outcome(task.sha256, Status.FAILED.value, type(err).__name__, message, payload,
                   time.monotonic() - started)


def _materialise(task: Task, tmpdir: str) -> tuple[Path, str]:
    """The file to read and the sha256 of what was read (a member is copied to ``tmpdir``)."""
    digest = hashlib.sha256()
    if task.member is None:
        with open(task.path, "rb") as fh:
            while chunk := fh.read(MB):
                digest.update(chunk)
        return Path(task.path), digest.hexdigest()
    target = Path(tmpdir) / ("member" + Path(task.member).suffix.lower())
    with open_zip(task.path) as zf, target.open("wb") as out:
        for chunk in iter_member_bytes(zf, task.member, task.max_member_mb * MB):
            digest.update(chunk)
            out.write(chunk)
    return target, digest.hexdigest()


def _format_of(path: Path) -> str:
    try:
        return sniff(path) if path.stat().st_size else ""
    except OSError:
        return ""


def read_unlimited(path: Path) -> Report:
    """:func:`ogi.api.read_unlimited`, imported on first use: the main process imports this module for
    :class:`Task` and :class:`Outcome` and never needs the readers."""
    from ogi.api import read_unlimited as read

    return read(path)


def convert_task(task: Task) -> Outcome:
    started = time.monotonic()
    if task.scratch:  # every temporary file of the worker (LibreOffice's too) in the run's scratch area,
        tempfile.tempdir = task.scratch   # removed at the next run's start if the worker is killed
        os.environ["TMPDIR"] = task.scratch
    with tempfile.TemporaryDirectory(prefix="ogi-", dir=task.scratch) as tmpdir:
        try:
            path, sha = _materialise(task, tmpdir)
        except (OSError, zipfile.BadZipFile, ArchiveRefused, RuntimeError, EOFError) as err:
            return _failed(task, err, started, "", f"cannot read: {err}")
        if sha != task.sha256:
            out = _failed(task, RuntimeError(), started, "", "the file changed during the run; run again")
            return Outcome(out.sha256, out.status, "FileChanged", out.message, out.payload, out.seconds, True)
        fmt = _format_of(path)
        if fmt in OFFICE_FORMATS:  # only DOC/WPS/RTF/ODT need LibreOffice: a text or PDF file never imports it
            from ogi.extract.office_warm import enable_warm  # the worker's readers, never the main process's

            enable_warm()  # DOC/WPS of this worker through one warm LibreOffice (started at the first such file)
        try:
            report = read_unlimited(path)  # the pool enforces the time and memory limits
        except OgiError as err:
            return _failed(task, err, started, fmt, err.reason)
        except Exception as err:  # the batch boundary: an unexpected error is recorded, never raised
            text = f"{type(err).__name__}: {err}".replace(str(path), Path(task.member or task.path).name)
            return _failed(task, err, started, fmt, text)
        status = report_status(report)
        return Outcome(task.sha256, status.value, "", status_message(report, status),
                       pack(report_payload(report)), time.monotonic() - started)
