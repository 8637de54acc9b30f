"""A PDF's bytes read without parsing its objects, to tell at C speed that it is plainly within the
caps of :func:`ogi.extract.caps.check_pdf`: its streams together decompress to no more than one
page's content cap, and it has no form XObject that could draw itself.

The answer is one-sided. ``True`` is a proof; ``False`` means only "ask the parser" (pdfminer, in
``check_pdf``), which then decides. Anything this scan cannot read honestly answers ``False``: a
filter other than one ``/FlateDecode`` or one image filter, a filter given by reference, one of the
names it reads by written with ``#`` escapes, a stream that does not inflate whole, an object stream
whose text it cannot see. So a crafted file can only make the check slower, never let a bomb through.

Why it holds. Every stream of a PDF, page contents included, is an indirect object in the file body
(streams are never inside object streams), so each one is a ``stream`` keyword in the bytes: the sum
of what they decompress to bounds the content of every page. A stream stored as it is counts up to
the first ``endstream`` after it, which a crafted stream could hold early; the file itself is then
the bound, so a file over the cap is never judged here. The bytes of a stream up to that
``endstream`` may not hold the word ``stream``: an object the cross-reference table points into
(inside another stream's bytes, after its zlib data ends) would need it, and would be unseen. A form
XObject is a stream whose dictionary says ``/Subtype /Form`` in the body or through a reference to a
name in the body or in an object stream; a name is spelt either as its letters or with ``#``
escapes, and both are looked for (``/Form``, ``/ObjStm`` and ``/Filter`` decoded from every escaped
name). Pages are counted by pdfium when the file is opened (``read_pdf``), the count the reader
walks.
"""

from __future__ import annotations

import re
import zlib

_FILTER = re.compile(rb"/Filter\s*(?:\[([^\]]*)\]|/([A-Za-z0-9]+))")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_ESCAPED_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*#[^\s/<>\[\]()%{}]*)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_TELLING = frozenset({b"Form", b"ObjStm", b"Filter"})   # the names the scan reads the file by
_FLATE = frozenset({b"FlateDecode", b"Fl"})
_IMAGE = frozenset({b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"})
_ENDSTREAM = b"endstream"


def plainly_within_caps(data: bytes, max_inflated: int) -> bool:
    """``True`` when ``data`` (a whole PDF) has no form XObject and its streams together decompress
    to at most ``max_inflated`` bytes; ``False`` when that is not so or not plain from the bytes. ::

        >>> body = zlib.compress(b"BT /F1 12 Tf (x) Tj ET")
        >>> pdf = b"%%PDF-1.4\\n4 0 obj << /Length %d /Filter /FlateDecode >> stream\\n" % len(body)
        >>> plainly_within_caps(pdf + body + b"\\nendstream endobj", 1000)
        True
        >>> plainly_within_caps(pdf + body + b"\\nendstream endobj", 10)
        False
    """
    if len(data) > max_inflated:
        return False   # a stream stored as it is counts up to the first ``endstream`` only: bounded by the file
    view = memoryview(data)
    texts: list[bytes] = []   # what dictionaries may be in: the body outside stream data, object streams
    inflated = 0
    pos = 0   # the end of the last stream read: the body text starts here
    search = 0
    while (at := data.find(b"stream", search)) >= 0:
        search = at + 6
        if at >= 3 and data[at - 3:at] == b"end":
            continue   # an ``endstream`` in the body, outside any stream read: body text
        head = data[pos:at]
        if not head.rstrip().endswith(b">>"):
            return False   # the word where no stream dictionary ends: a string, a comment, a crafted file
        texts.append(head)
        filters = _filters(head)
        start = at + 6 + _eol_length(data, at + 6)
        end = data.find(_ENDSTREAM, start)
        if filters is None or end < 0 or data.find(b"stream", start, end) >= 0:
            return False   # the word inside a stream's bytes: an object the xref may point into, hidden
        objects = b"/ObjStm" in head   # an object stream: dictionaries inside, read with the body
        if not filters:
            inflated += end - start   # stored as it is
            if objects:
                texts.append(data[start:end])
        elif len(filters) == 1 and filters[0] in _IMAGE and not objects:
            inflated += end - start   # an image, which pdfium decodes on its own terms
        elif len(filters) == 1 and filters[0] in _FLATE:
            out = _inflate(view[start:end], max_inflated - inflated)
            if out is None:
                return False
            inflated += len(out)
            if objects:
                texts.append(out)
        else:
            return False
        if inflated > max_inflated:
            return False
        pos = search = end + len(_ENDSTREAM)
    texts.append(data[pos:])
    text = b"\n".join(texts)   # a line break ends any name: nothing new is spelt across a seam
    return b"/Form" not in text and not (b"#" in text and _hides_a_name(text))


def _hides_a_name(text: bytes) -> bool:
    """Whether ``text`` spells a name the scan reads the file by with ``#`` escapes (``/Fo#72m``).
    Other escaped names are common and harmless: CJK font names (``/XEKKFX+#e9#bb#91#e4#bd#93``). ::

        >>> _hides_a_name(b"<< /BaseFont /XEKKFX+#e9#bb#91 /Subtype /Type0 >>")
        False
        >>> _hides_a_name(b"<< /Subtype /Fo#72m >>"), _hides_a_name(b"<< /Filt#65r /FlateDecode >>")
        (True, True)
    """
    for match in _ESCAPED_NAME.finditer(text):
        name = _HEX_ESCAPE.sub(lambda m: bytes.fromhex(m.group(1).decode()), match.group(1))
        if name in _TELLING or b"#" in name:
            return True   # a telling name, or an escape this scan cannot read (``#`` not followed by hex)
    return False


def _eol_length(data: bytes, at: int) -> int:
    """The length of the end of line after the ``stream`` keyword: CR LF, LF, CR or none."""
    if data[at:at + 2] == b"\r\n":
        return 2
    return 1 if data[at:at + 1] in (b"\n", b"\r") else 0


def _filters(head: bytes) -> list[bytes] | None:
    """The filter names of the stream whose dictionary ends ``head``, ``[]`` for none, ``None`` where
    they cannot be read plainly: a reference, an unexpected token, or ``/Filter`` written twice since
    the stream before (say once in a string), which leaves in doubt which one is this stream's."""
    at = head.find(b"/Filter")
    if at < 0:
        return []
    if head.find(b"/Filter", at + 1) >= 0:
        return None
    match = _FILTER.match(head, at)
    if match is None:
        return None
    if match.group(2) is not None:
        return [match.group(2)]
    inner = match.group(1)
    names = _NAME.findall(inner)
    return names if _NAME.sub(b"", inner).strip() == b"" else None


def _inflate(data: memoryview, budget: int) -> bytes | None:
    """The whole zlib stream at the start of ``data`` inflated, or ``None`` if it is not one that ends
    within ``data`` or it inflates to more than ``budget`` bytes."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, max(budget, 0) + 1)
    except zlib.error:
        return None
    return out if inflater.eof and len(out) <= budget else None
