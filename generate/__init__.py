"""A deterministic generator of realistic annual reports with known values.

``python -m ogi.generate --out samples/generated --seed 1 --count 62`` plans each report (format and the
variants it exercises, :mod:`generate.plan`), draws its content from seeded generators
(:mod:`generate.draw`), writes it as DOCX, PDF (the DOCX through LibreOffice), HTML, copied text or
markdown, and writes ``<file>.expected.json`` computed from the model, plus ``MANIFEST.tsv``.

Imports :mod:`schemas` only (the catalogue), never ``extract`` or ``normalize``.
"""

from ogi.generate.build import build_set
from ogi.generate.office import docx_to_doc

__all__ = ["build_set", "docx_to_doc"]
