"""The form XObjects of a PDF read from its bytes, for a file the parser (pdfminer) cannot read.

pdfium repairs a broken cross-reference table by scanning the file for ``N G obj`` headers, so a file
pdfminer gives up on can still be drawn, and a form XObject that draws itself then holds pdfium until
the memory runs out (a mutated 687-byte file took 24 GB). :func:`check_forms` reads the forms the way
a repair would: every ``N G obj`` in the body, every version of an object kept, and raises
:class:`CapExceeded` where a form can reach itself through the XObjects its resources name, or the
forms nest deeper than :data:`~ogi.extract.caps.MAX_FORM_NESTING` or expand to more drawings than
:data:`~ogi.extract.caps.MAX_FORM_DRAWS`. What it cannot read plainly counts against the file: a form
without its own resources (it draws with the page's, which may name it) is taken to name every form,
and a file whose objects may sit in object streams (``/ObjStm``) or that spells a name with ``#``
escapes (``/Fo#72m``) is refused when it has forms at all. A damaged file with forms is rare; a
refusal names the reason, and a file without forms is never refused here.
"""

from __future__ import annotations

import re

from ogi.extract.caps import FORM_LOOP, FORM_TOO_DEEP, FORM_TOO_MANY, MAX_FORM_DRAWS, MAX_FORM_NESTING, CapExceeded

_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R\b")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_RESOURCES_REF = re.compile(rb"/Resources\s*(\d+)\s+(\d+)\s+R\b")
_XOBJECT_REF = re.compile(rb"/XObject\s*(\d+)\s+(\d+)\s+R\b")
_ESCAPE = re.compile(rb"/[^\s/<>\[\]()%{}]*#")


def check_forms(data: bytes) -> None:
    """Raise :class:`CapExceeded` if a form XObject of ``data`` (a whole PDF) may draw itself or the
    forms nest too deep, as far as the bytes show it (see the module's docstring). ::

        >>> page = b"1 0 obj << /Type /Page /Resources << /XObject << /X 2 0 R >> >> >> endobj "
        >>> form = b"2 0 obj << /Subtype /Form /Resources << /XObject << /X %s 0 R >> >> >> stream"
        >>> check_forms(page + form % b"3" + b"\\n/X Do\\nendstream endobj")   # draws object 3: no form
        >>> check_forms(page + form % b"2" + b"\\n/X Do\\nendstream endobj")
        Traceback (most recent call last):
        ...
        ogi.extract.caps.CapExceeded: a form XObject that draws itself (an endless loop)
    """
    objects = _objects(data)
    forms = {num for num, texts in objects.items() if any(_FORM.search(_dictionary(t)) for t in texts)}
    if not forms:
        return
    if b"/ObjStm" in data or _ESCAPE.search(data):
        raise CapExceeded("a damaged PDF with form XObjects whose objects cannot all be read "
                          "(object streams or escaped names)")
    draws = {num: [n for n in _drawn(objects, objects[num]) if n in forms] for num in forms}
    _walk(draws)


def _objects(data: bytes) -> dict[int, list[bytes]]:
    """Every ``N G obj`` of the file by object number: each version, up to the next header."""
    starts = [(m.start(), int(m.group(1))) for m in _HEADER.finditer(data)]
    found: dict[int, list[bytes]] = {}
    for i, (at, num) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(data)
        found.setdefault(num, []).append(data[at:end])
    return found


def _dictionary(text: bytes) -> bytes:
    """An object's text before its stream data (the whole text when it is no stream)."""
    at = text.find(b"stream")
    return text if at < 0 else text[:at]


def _drawn(objects: dict[int, list[bytes]], texts: list[bytes]) -> list[int]:
    """The objects a form's resources name as XObjects, once per name, over every version of the form;
    every object of the file for a version without resources of its own (it draws with the page's)."""
    drawn: list[int] = []
    for text in texts:
        head = _dictionary(text)
        if b"/Resources" not in head:
            return sorted(objects)
        for resources in _resolved(objects, head, _RESOURCES_REF):
            for xobjects in _resolved(objects, resources, _XOBJECT_REF, after=b"/XObject"):
                drawn.extend(int(m.group(1)) for m in _REF.finditer(xobjects))
    return drawn


def _resolved(objects: dict[int, list[bytes]], text: bytes, ref: re.Pattern[bytes],
              after: bytes = b"/Resources") -> list[bytes]:
    """The text a key of ``text`` holds: the objects it refers to (every version), or the text after
    the key where the value is written in place (a dictionary: the refs in it are read, with a margin)."""
    match = ref.search(text)
    if match is not None:
        return [_dictionary(t) for t in objects.get(int(match.group(1)), [])]
    at = text.find(after)
    return [text[at:]] if at >= 0 else []


def _walk(draws: dict[int, list[int]]) -> None:
    """Raise where a form reaches itself, a chain of forms is deeper than the cap, or a form expands to
    more drawings than the cap (each form walked once: its depth and expansion kept)."""
    below: dict[int, tuple[int, int]] = {}   # a form's deepest chain and its drawings, once known
    for start in sorted(draws):
        if start in below:
            continue
        stack: list[tuple[int, list[int]]] = [(start, list(draws[start]))]
        on_path = {start}
        while stack:
            form, todo = stack[-1]
            if not todo:
                stack.pop()
                on_path.discard(form)
                depth = 1 + max((below[n][0] for n in draws[form]), default=0)
                drawings = min(sum(1 + below[n][1] for n in draws[form]), MAX_FORM_DRAWS + 1)
                if depth > MAX_FORM_NESTING:
                    raise CapExceeded(FORM_TOO_DEEP)
                if drawings > MAX_FORM_DRAWS:
                    raise CapExceeded(FORM_TOO_MANY)
                below[form] = (depth, drawings)
                continue
            nxt = todo.pop()
            if nxt in on_path:
                raise CapExceeded(FORM_LOOP)
            if nxt not in below:
                on_path.add(nxt)
                stack.append((nxt, list(draws[nxt])))
