"""The contract: canonical cell catalogue, document model, record types, findings, errors.

Imports nothing else of the project and no I/O library.
"""

from schemas.catalogue import TABLE_KEYS, VERSIONS, Catalogue, load_catalogue
from schemas.document import Block, Box, Document, GridSlot, Heading, Paragraph, Table, TableCell
from schemas.errors import (
    ConversionTimeout,
    MissingDependency,
    NotAReport,
    OgiError,
    UnreadableFile,
    UnsupportedFormat,
)
from schemas.records import (
    FINDING_CODES,
    CellValue,
    Finding,
    Metadata,
    Number,
    Report,
    Section,
    Severity,
    Status,
    TableInfo,
    cell_key,
)

__all__ = [
    "TABLE_KEYS", "VERSIONS", "Catalogue", "load_catalogue",
    "Block", "Box", "Document", "GridSlot", "Heading", "Paragraph", "Table", "TableCell",
    "ConversionTimeout", "MissingDependency", "NotAReport", "OgiError", "UnreadableFile", "UnsupportedFormat",
    "FINDING_CODES", "CellValue", "Finding", "Metadata", "Number", "Report", "Section", "Severity",
    "Status", "TableInfo", "cell_key",
]
