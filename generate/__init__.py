"""A deterministic generator of realistic annual reports with known values.

``python -m ogi.generate --out samples/generated --seed 1 --count 62`` plans each report (format and the
variants it exercises, :mod:`generate.plan`), draws its content from seeded generators
(:mod:`generate.draw`), writes it as DOCX, PDF (the DOCX through LibreOffice), HTML, copied text or
markdown, and writes ``<file>.expected.json`` computed from the model, plus ``MANIFEST.tsv``.

Imports :mod:`schemas` only (the catalogue), never ``extract`` or ``normalize``. ``build_set`` and
``docx_to_doc`` load on first use, so ``ogi --help`` does not import the writers (python-docx, pdfplumber).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ogi.generate.build import build_set
    from ogi.generate.office import docx_to_doc

__all__ = ["build_set", "docx_to_doc"]


def __getattr__(name: str) -> Any:
    if name == "build_set":
        from ogi.generate import build

        return build.build_set
    if name == "docx_to_doc":
        from ogi.generate import office

        return office.docx_to_doc
    raise AttributeError(f"module 'ogi.generate' has no attribute {name!r}")
