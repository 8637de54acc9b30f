"""The library entry point: one call from a path to a Report."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ogi.extract import read_document
from ogi.normalize import correct_report, document_to_report
from ogi.schemas import NotAReport, OgiError, ProcessingError, Report

if TYPE_CHECKING:
    import pandas as pd

    from ogi.limits import Limits


def read(path: str | Path, limits: Limits | None = None, *, ocr_correct: bool = False) -> Report:
    """Read one report file (PDF, DOCX, DOC/WPS, HTML, text) and return its Report.

    Raises :class:`schemas.OgiError` (one line naming the file and the reason) when the file
    cannot be read as a report at all (:class:`schemas.NotAReport` when it was read but holds none
    of the six sections and no cell of the three tables); every lesser problem is a Finding.
    The read runs under ``limits`` (default :meth:`Limits.from_env`: 120 s, 2048 MB for the
    whole process tree, LibreOffice included); a document that breaks one raises
    :class:`schemas.LimitExceeded`. ``ocr_correct`` applies the identity-backed fixes of OCR
    misreads (``ocr_misread`` findings).
    """
    from ogi.limits import Limits, run_limited  # not for read_unlimited: a convert worker is watched by its pool

    chosen = Limits.from_env() if limits is None else limits
    return run_limited(partial(read_unlimited, ocr_correct=ocr_correct), str(path), path, chosen)


def read_unlimited(path: str | Path, *, ocr_correct: bool = False) -> Report:
    """:func:`read` in this process with no time or memory watch (the caller enforces limits)."""
    try:
        document = read_document(path)
        report = document_to_report(document)
    except (OgiError, MemoryError, KeyboardInterrupt):
        raise
    except RecursionError:
        raise ProcessingError(str(path), "nesting too deep (RecursionError)") from None
    except Exception as err:  # the stage boundary: whatever the bytes, an OgiError naming the file
        detail = f"{type(err).__name__}: {err}".splitlines()[0][:300]
        raise ProcessingError(str(path), f"unexpected error: {detail}") from err
    if not report.cells and not report.sections:
        raise NotAReport(document.source, f"holds no annual report: none of the six sections and no statistical "
                         f"table was found in its {document.format} content")
    return correct_report(report) if ocr_correct else report


def cells_frame(report: Report) -> pd.DataFrame:
    """The report's cells as a DataFrame, one row per canonical cell."""
    import pandas as pd

    from ogi.tabular import cell_rows

    return pd.DataFrame(cell_rows(report))


def findings_frame(report: Report) -> pd.DataFrame:
    """The report's findings as a DataFrame, one row per finding."""
    import pandas as pd

    from ogi.tabular import finding_rows

    return pd.DataFrame(finding_rows(report))
