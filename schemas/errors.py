"""The one exception tree. Raise only when a document cannot be processed at all;
everything else is a :class:`schemas.records.Finding`."""

from __future__ import annotations


class OgiError(Exception):
    """Base class: ``str(err)`` is one line naming the file and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[OgiError], tuple[str, str]]:
        # picklable as (path, reason): errors cross process boundaries (limited reads, workers)
        return (type(self), (self.path, self.reason))


class UnreadableFile(OgiError):
    """The file is missing, empty, corrupt, encrypted or not a format ogi reads."""


class UnsupportedFormat(UnreadableFile):
    """The content is recognised but no reader handles it."""


class MissingDependency(OgiError):
    """A reader needs an external program (for example LibreOffice) that is not installed."""


class NotAReport(OgiError):
    """The file was read but holds nothing of an annual report (no sections, no tables)."""


class ConversionTimeout(OgiError):
    """An external converter took longer than its time limit."""


class LimitExceeded(OgiError):
    """A document asked for more than a limit allows (time, memory, spans, pages, sizes);
    the reason names the limit and how to raise it."""


class ProcessingError(OgiError):
    """An unexpected error inside a reader or a stage on this file (a bug the bytes exposed);
    the reason keeps the original exception's type and message."""
