"""The stages, chained in one visible place."""

from __future__ import annotations

from schemas import Document, Metadata, Report, Status


def document_to_report(doc: Document) -> Report:
    """Turn one Document into a Report (placeholder until the stages land)."""
    return Report(doc.source, doc.format, Metadata(), (), (), (), (), Status.PARTIAL, doc.pages)
