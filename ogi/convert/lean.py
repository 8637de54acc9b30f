"""pyarrow imported without numpy, for the main process of ``ogi convert``.

pyarrow (26) takes numpy when it is importable, and numpy's import is half of pyarrow's
(0.1 s CPU of 0.2 in a one-file convert). The dataset is built from Python lists and written
by pyarrow and DuckDB, so nothing in that process needs pyarrow's numpy side: with ``numpy``
hidden during the import pyarrow comes up without it. Only the convert command calls this,
before anything imported pyarrow, and not for a Dask run (a library user's process, where pandas
conversions from pyarrow must keep working). Once pyarrow is loaded numpy is importable again.
"""

from __future__ import annotations

import sys


def import_pyarrow_lean() -> None:
    """Import pyarrow and the submodules the dataset build uses, without numpy (a no-op if either is loaded)."""
    if "pyarrow" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail: pyarrow goes on without it
    try:
        import pyarrow
        import pyarrow._compute
        import pyarrow.parquet  # noqa: F401
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
