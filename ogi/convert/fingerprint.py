"""A fingerprint of the code that turns a file into rows: results made by other code are redone."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).parent.parent   # the ogi package, in a source tree or in site-packages
PACKAGES = ("schemas", "extract", "normalize")
MODULES = ("api.py", "tabular.py", "convert/task.py", "convert/payload.py")


@cache
def code_fingerprint() -> str:
    """sha256 (16 hex) over the source of schemas/, extract/, normalize/ and the row builders."""
    digest = hashlib.sha256()
    files = [p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*")) if p.suffix in {".py", ".json"}]
    files += [ROOT / m for m in MODULES]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
