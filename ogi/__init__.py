"""ogi: Chinese open-government-information annual reports as clean data.

The public API is what this module exports:

    >>> import ogi
    >>> report = ogi.read("samples/real/r14_sh_szfbgt_2019.html")     # doctest: +SKIP
    >>> report.value("requests/granted/total")                        # doctest: +SKIP

``ogi.schemas`` (the record types and errors), ``ogi.extract`` (format readers) and ``ogi.normalize``
(Document → Report) are the pipeline's stages, importable for advanced use.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from ogi.api import cells_frame, findings_frame, read

try:
    __version__ = _version("ogi")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without an install
    __version__ = "0+unknown"

__all__ = ["__version__", "cells_frame", "findings_frame", "read"]
