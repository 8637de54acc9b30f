"""The contract: canonical cell catalogue, document model, record types, findings, errors.

Imports nothing else of the project and no I/O library.
"""

from ogi.schemas.catalogue import TABLE_KEYS, VERSIONS, Catalogue, load_catalogue
from ogi.schemas.document import UNREAD_TEXT, Block, Box, Document, GridSlot, Heading, Paragraph, Table, TableCell
from ogi.schemas.errors import (
    ConversionTimeout,
    LimitExceeded,
    MissingDependency,
    NotAReport,
    OgiError,
    ProcessingError,
    UnreadableFile,
    UnsupportedFormat,
)
from ogi.schemas.records import (
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
    "FINDING_CODES",
    "TABLE_KEYS",
    "UNREAD_TEXT",
    "VERSIONS",
    "Block",
    "Box",
    "Catalogue",
    "CellValue",
    "ConversionTimeout",
    "Document",
    "Finding",
    "GridSlot",
    "Heading",
    "LimitExceeded",
    "Metadata",
    "MissingDependency",
    "NotAReport",
    "Number",
    "OgiError",
    "Paragraph",
    "ProcessingError",
    "Report",
    "Section",
    "Severity",
    "Status",
    "Table",
    "TableCell",
    "TableInfo",
    "UnreadableFile",
    "UnsupportedFormat",
    "cell_key",
    "load_catalogue",
]
