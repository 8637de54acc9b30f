"""pdfium's per-character text functions as bare ctypes prototypes (no ``argtypes``).

pypdfium2's bindings declare every argument type, so ctypes converts and checks each argument
on every call; the glyph pass makes three such calls per printable character. These prototypes
of the same symbols in the same loaded library take the arguments as the caller already holds
them (the text page's raw handle, a Python int, a ``byref`` of an ``FS_RECTF``/``FS_MATRIX``),
which ctypes passes unconverted. Only the return type is declared.

    >>> FontSize.restype.__name__, LooseCharBox.restype.__name__
    ('c_double', 'c_int')
"""

from __future__ import annotations

import ctypes

import pypdfium2_raw.bindings as _raw

_LIB = _raw._libs["pdfium"]  # pypdfium2's one loaded pdfium; the same handle its bindings use


def _bare(name: str, restype: type) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    """A fresh prototype of ``name`` without argument types (``lib[name]`` is never the cached one)."""
    func = _LIB[name]
    func.restype = restype
    return func


Unicode = _bare("FPDFText_GetUnicode", ctypes.c_uint)
LooseCharBox = _bare("FPDFText_GetLooseCharBox", ctypes.c_int)
Matrix = _bare("FPDFText_GetMatrix", ctypes.c_int)
FontSize = _bare("FPDFText_GetFontSize", ctypes.c_double)
