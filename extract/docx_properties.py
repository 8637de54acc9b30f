"""Document properties of a DOCX: ``docProps/core.xml`` (Dublin Core) and ``docProps/app.xml`` (the writing
application and its page count at save time).

Only what the file holds: a package without core properties has none (python-docx would invent the title
"Word Document", last_modified_by "python-docx", revision 1 and a modification time of now). Dates are read
as W3CDTF and given in UTC ISO form::

    >>> w3cdtf_to_iso("2023-12-31T10:14:55+08:00"), w3cdtf_to_iso("2024-01"), w3cdtf_to_iso("soon")
    ('2023-12-31T02:14:55+00:00', '2024-01-01T00:00:00+00:00', None)
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from lxml import etree

CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# (property name as ogi reports it, element); the order is the order of Document.properties
CORE_FIELDS = (
    ("title", f"{DC}title"), ("subject", f"{DC}subject"), ("author", f"{DC}creator"),
    ("keywords", f"{CP}keywords"), ("comments", f"{DC}description"), ("category", f"{CP}category"),
    ("last_modified_by", f"{CP}lastModifiedBy"), ("created", f"{DCTERMS}created"),
    ("modified", f"{DCTERMS}modified"), ("revision", f"{CP}revision"), ("language", f"{DC}language"),
    ("identifier", f"{DC}identifier"), ("content_status", f"{CP}contentStatus"), ("version", f"{CP}version"),
)
DATE_FIELDS = {"created", "modified"}
W3CDTF_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y-%m", "%Y")
OFFSET = re.compile(r"([+-])(\d\d):(\d\d)")


def w3cdtf_to_iso(raw: str) -> str | None:
    """A W3CDTF date (``2003``, ``2003-12``, ``2003-12-31``, ``2003-12-31T10:14:55Z`` or ``…-08:00``) in UTC ISO
    form, or None when it is not one."""
    when = None
    for fmt in W3CDTF_FORMATS:
        try:
            when = datetime.strptime(raw[:19], fmt)
            break
        except ValueError:
            continue
    if when is None:
        return None
    offset = raw[19:]
    if len(offset) == 6:
        match = OFFSET.match(offset)
        if match is None:
            return None
        sign, hours, minutes = match.groups()
        shift = timedelta(hours=int(hours), minutes=int(minutes))
        when = when - shift if sign == "+" else when + shift
    return when.replace(tzinfo=UTC).isoformat()


def _revision(raw: str) -> str | None:
    """A positive whole revision number, else None (as python-docx reads it: 0 or not a number is no revision)."""
    try:
        value = int(raw)
    except ValueError:
        return None
    return str(value) if value > 0 else None


def core_properties(root: etree._Element | None) -> tuple[tuple[str, str], ...]:
    """The core properties present in the file, stripped, in :data:`CORE_FIELDS` order."""
    if root is None:
        return ()
    out: list[tuple[str, str]] = []
    for name, tag in CORE_FIELDS:
        el = next(root.iterchildren(tag), None)
        raw = el.text if el is not None else None
        if not raw:
            continue
        value = w3cdtf_to_iso(raw) if name in DATE_FIELDS else _revision(raw) if name == "revision" else raw
        if value:
            out.append((name, value.strip()))
    return tuple(out)


def app_properties(root: etree._Element | None) -> dict[str, str]:
    """``docProps/app.xml`` as {element name: text}: ``Application``, ``Pages`` …"""
    if root is None:
        return {}
    return {el.tag.removeprefix(APP_NS): (el.text or "").strip()
            for el in root if isinstance(el.tag, str) and el.text}
