"""Decode bytes of a Chinese web page or text file: a BOM (UTF-8, UTF-16, UTF-32) decides; else UTF-8, then
GB18030 (a superset of GBK/GB2312) or the declared charset; where all of these fail, the
``charset-normalizer`` detector; last, GB18030 with replacement characters."""

from __future__ import annotations

import re

BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces::

    >>> bom_encoding("年".encode("utf-16")), bom_encoding("年".encode("utf-32")), bom_encoding(b"abc")
    ('utf-16', 'utf-32', None)
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None

_DECLARED = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode, trusting the bytes over the declaration: many pages declare one charset and use another."""
    by_bom = bom_encoding(data)
    if by_bom is not None:
        return data.decode(by_bom, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = ["gb18030"]
    if declared and declared.replace("-", "") not in {"utf8", "gb2312", "gbk", "gb18030"}:
        candidates.insert(0, declared)
    for enc in candidates:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    detected = _detect(data)
    return detected if detected is not None else data.decode("gb18030", errors="replace")


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)
