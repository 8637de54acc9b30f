"""pyarrow imported without numpy, for the main process of ``ogi convert``.

pyarrow (26) takes numpy when it is importable, and numpy's import is half of pyarrow's
(0.1 s CPU of 0.2 in a one-file convert). The dataset is built from Python lists and written
by pyarrow and DuckDB, so nothing in that process needs pyarrow's numpy side: with ``numpy``
hidden during the import pyarrow comes up without it. Only the convert command calls this,
before anything imported pyarrow, and not for a Dask run (a library user's process, where pandas
conversions from pyarrow must keep working). Once pyarrow is loaded numpy is importable again.

``cloudpickle`` is hidden the same way: pyarrow takes it, when importable, as its pickler of Python
objects inside Arrow data (extension types), which this process never pickles, and falls back to
``pickle``; cloudpickle brings ``logging`` with it (9 ms CPU of pyarrow's 92).
"""

from __future__ import annotations

import sys

_HIDDEN = ("numpy", "cloudpickle")   # the modules pyarrow takes when importable, hidden while it loads


def import_pyarrow_lean() -> None:
    """Import pyarrow and the submodules the dataset build uses, without numpy or cloudpickle (a no-op if
    pyarrow or numpy is loaded)."""
    if "pyarrow" in sys.modules or "numpy" in sys.modules:
        return
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes the import fail: pyarrow goes on without it
    try:
        import pyarrow
        import pyarrow._compute
        import pyarrow.parquet  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]

