"""pdfium's per-character and per-path-piece functions as bare ctypes prototypes (no ``argtypes``).

pypdfium2's bindings declare every argument type, so ctypes converts and checks each argument
on every call; the glyph pass makes two such calls per printable character (four at the first
character of a text object) and the rule pass four per path segment. These prototypes
of the same symbols in the same loaded library take the arguments as the caller already holds
them (the text page's raw handle, a Python int, a ``byref`` of an ``FS_RECTF``/``FS_MATRIX``),
which ctypes passes unconverted. Only the return type is declared: a handle keeps the binding's
pointer type (a bare ``int`` would be cut to 32 bits when passed on), a count or flag is ``c_int``.

They are looked up through a :class:`ctypes.PyDLL` on the same handle, so a call keeps the GIL:
a ``CDLL`` call releases it and takes it back around every foreign call, which for these getters
of a few hundred instructions costs more than the call (a sixth of a ctypes call, 7% of the glyph
pass). None of them calls back into Python or blocks: another thread waits at most one such call.

    >>> FontSize.restype.__name__, LooseCharBox.restype.__name__
    ('c_double', 'c_int')
    >>> bool(LooseCharBox._flags_ & ctypes._FUNCFLAG_PYTHONAPI)
    True
"""

from __future__ import annotations

import ctypes

import pypdfium2_raw.bindings as _raw

_LIB = _raw._libs["pdfium"]  # pypdfium2's one loaded pdfium; the same handle its bindings use
_HELD = ctypes.PyDLL(_LIB._name, handle=_LIB._handle)  # the same library, its calls made holding the GIL


def _bare(name: str, restype: type) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    """A fresh prototype of ``name`` without argument types (``lib[name]`` is never the cached one)."""
    func = _HELD[name]
    func.restype = restype
    return func


def _like(name: str) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    """A bare prototype of ``name`` returning what pypdfium2's binding of it returns."""
    return _bare(name, getattr(_raw, name).restype)


Unicode = _bare("FPDFText_GetUnicode", ctypes.c_uint)
LooseCharBox = _bare("FPDFText_GetLooseCharBox", ctypes.c_int)
Matrix = _bare("FPDFText_GetMatrix", ctypes.c_int)
FontSize = _bare("FPDFText_GetFontSize", ctypes.c_double)
TextObject = _bare("FPDFText_GetTextObject", ctypes.c_void_p)  # an int address (None: no object), used as a key

# the rule pass (ogi.extract.pdf_rules)
FPDFPage_CountObjects = _like("FPDFPage_CountObjects")
FPDFPage_GetObject = _like("FPDFPage_GetObject")
FPDFFormObj_CountObjects = _like("FPDFFormObj_CountObjects")
FPDFFormObj_GetObject = _like("FPDFFormObj_GetObject")
FPDFPageObj_GetType = _like("FPDFPageObj_GetType")
FPDFPageObj_GetMatrix = _like("FPDFPageObj_GetMatrix")
FPDFPageObj_GetStrokeColor = _like("FPDFPageObj_GetStrokeColor")
FPDFPageObj_GetFillColor = _like("FPDFPageObj_GetFillColor")
FPDFPath_GetDrawMode = _like("FPDFPath_GetDrawMode")
FPDFPath_CountSegments = _like("FPDFPath_CountSegments")
FPDFPath_GetPathSegment = _like("FPDFPath_GetPathSegment")
SegmentAddress = _bare("FPDFPath_GetPathSegment", ctypes.c_void_p)  # the same, as an int address (0: none)
FPDFPathSegment_GetPoint = _like("FPDFPathSegment_GetPoint")
FPDFPathSegment_GetType = _like("FPDFPathSegment_GetType")
FPDFPathSegment_GetClose = _like("FPDFPathSegment_GetClose")
