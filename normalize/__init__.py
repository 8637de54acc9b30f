"""Document -> Report: locate sections and tables, match labels, parse values, check identities.

The only package that imports rapidfuzz. Nothing here knows which file format a
Document came from.
"""

from ogi.normalize.ocr_misreads import correct_report
from ogi.normalize.pipeline import document_to_report

__all__ = ["correct_report", "document_to_report"]
