"""ogi: Chinese open-government-information annual reports as clean data.

The public API is what this module exports:

    >>> import ogi
    >>> report = ogi.read("samples/real/r14_sh_szfbgt_2019.html")     # doctest: +SKIP
    >>> report.value("requests/granted/total")                        # doctest: +SKIP

``ogi.schemas`` (the record types and errors), ``ogi.extract`` (format readers) and ``ogi.normalize``
(Document → Report) are the pipeline's stages, importable for advanced use.

The names are loaded on first use (PEP 562), so ``import ogi.cli`` or ``import ogi.schemas`` does not
import the readers and the normaliser, nor ``importlib.metadata`` for the version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ogi.api import cells_frame, findings_frame, read

__all__ = ["__version__", "cells_frame", "findings_frame", "read"]
_API = ("cells_frame", "findings_frame", "read")


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ogi")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without an install
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name in _API:
        from ogi import api

        value = getattr(api, name)
    elif name == "__version__":
        value = _package_version()
    else:
        raise AttributeError(f"module 'ogi' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
