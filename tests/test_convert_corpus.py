"""Test corpora for the conversion tests: real samples copied under many names with small byte
changes (so each copy is new content), plus broken files and hostile archives."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "real"
TEXT_SAMPLES = ("000_ff3c35068f44430d.txt", "r05_sh_kewei_2024.md", "r07_pingtan_2019.txt",
                "r14_sh_szfbgt_2019.html")


def variant(name: str, i: int) -> bytes:
    """Sample ``name`` with ``i`` trailing newlines: new content, same report."""
    return (SAMPLES / name).read_bytes() + b"\n" * i


def text_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` text/markdown/HTML reports, each distinct content."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        name = TEXT_SAMPLES[i % len(TEXT_SAMPLES)]
        path = folder / f"{i:04d}_{name}"
        path.write_bytes(variant(name, i // len(TEXT_SAMPLES) + 1))
        out.append(path)
    return out


# A one-line PDF exported by LibreOffice with the open password "secret" (1,259 bytes).
ENCRYPTED_PDF_B64 = (
    "JVBERi0xLjYKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURlY29kZT4+CnN0cmVhbQpfkEro"
    "x9RSkkGoXFAm5LPTQAyufvG9cqtrh+2I8vVxdOxzDm/90bRguMADMPsUckf1LQplbmRzdHJlYW0KZW5kb2JqCgozIDAgb2JqCjUw"
    "CmVuZG9iagoKNSAwIG9iago8PAo+PgplbmRvYmoKCjYgMCBvYmoKPDwvRm9udCA1IDAgUgovUHJvY1NldFsvUERGL1RleHRdCj4+"
    "CmVuZG9iagoKMSAwIG9iago8PC9UeXBlL1BhZ2UvUGFyZW50IDQgMCBSL1Jlc291cmNlcyA2IDAgUi9NZWRpYUJveFswIDAgNTk1"
    "LjMwMzkzNzAwNzg3NCA4NDEuODg5NzYzNzc5NTI4XS9Db250ZW50cyAyIDAgUj4+CmVuZG9iagoKNCAwIG9iago8PC9UeXBlL1Bh"
    "Z2VzCi9SZXNvdXJjZXMgNiAwIFIKL01lZGlhQm94WyAwIDAgNTk1LjMwMzkzNzAwNzg3NCA4NDEuODg5NzYzNzc5NTI4IF0KL0tp"
    "ZHNbIDEgMCBSIF0KL0NvdW50IDE+PgplbmRvYmoKCjcgMCBvYmoKPDwvVHlwZS9DYXRhbG9nL1BhZ2VzIDQgMCBSCi9PcGVuQWN0"
    "aW9uWzEgMCBSIC9YWVogbnVsbCBudWxsIDBdCi9MYW5nKH49eG0eKQo+PgplbmRvYmoKCjggMCBvYmoKPDwvUHJvZHVjZXI8RDE3"
    "N0JCRTVDMDUwRDI2M0QxRDgyQjYwRTk4QzcxQjQyQTg0QTA4MTE2MUIwNzAzNjQ0QTJEMzBGNDQ5MkUwRT4KL0NyZWF0aW9uRGF0"
    "ZShrsomZ8g/jMOOSGTTa8UXgcMUpPj4KZW5kb2JqCgo5IDAgb2JqCjw8L0ZpbHRlci9TdGFuZGFyZC9WIDIvTGVuZ3RoIDEyOC9S"
    "IDMvTygOUlwpJaPk6HTDz6y+9RGnOsTsK9hl3NPUYnYUkXq/1+QpL1UoD62ffGhmiyIAt8j2r5hEJwAAAAAAAAAAAAAAAAAAAAAp"
    "L1AgLTEwMjg+PgplbmRvYmoKCnhyZWYKMCAxMAowMDAwMDAwMDAwIDY1NTM1IGYgCjAwMDAwMDAyMzQgMDAwMDAgbiAKMDAwMDAw"
    "MDAxOSAwMDAwMCBuIAowMDAwMDAwMTQwIDAwMDAwIG4gCjAwMDAwMDAzNTcgMDAwMDAgbiAKMDAwMDAwMDE1OSAwMDAwMCBuIAow"
    "MDAwMDAwMTgxIDAwMDAwIG4gCjAwMDAwMDA0ODEgMDAwMDAgbiAKMDAwMDAwMDU3NyAwMDAwMCBuIAowMDAwMDAwNzA3IDAwMDAw"
    "IG4gCnRyYWlsZXIKPDwvU2l6ZSAxMC9Sb290IDcgMCBSCi9FbmNyeXB0IDkgMCBSCi9JbmZvIDggMCBSCi9JRCBbIDwyNjk5RjMy"
    "MDlCQUM4QkMwODU4OUQ1MDFCMjcwMUI3RD4KPDI2OTlGMzIwOUJBQzhCQzA4NTg5RDUwMUIyNzAxQjdEPiBdCi9Eb2NDaGVja3N1"
    "bSAvMjcwNjNFREUxNTUyNUYwNzA0ODBGRDA5NzY1M0QwOEMKPj4Kc3RhcnR4cmVmCjg0NAolJUVPRgo="
)


MIXED_SAMPLES = (*TEXT_SAMPLES, "r01_huaian_szf_2024.pdf", "blank_template_2021_format.docx")


def format_variant(name: str, i: int) -> bytes:
    """Sample ``name`` made new content in a way its format tolerates (PDF comment, zip comment)."""
    data = (SAMPLES / name).read_bytes()
    tag = f"variant {i}".encode()
    if name.endswith(".pdf"):
        return data + b"\n%" + tag + b"\n"
    if name.endswith(".docx"):
        assert data[-22:-18] == b"PK\x05\x06" and data[-2:] == b"\0\0"
        return data[:-2] + len(tag).to_bytes(2, "little") + tag
    return variant(name, i + 1)


def mixed_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` reports cycling through text, markdown, HTML, PDF and DOCX samples."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        name = MIXED_SAMPLES[i % len(MIXED_SAMPLES)]
        path = folder / f"{i:04d}_{name}"
        path.write_bytes(format_variant(name, i))
        out.append(path)
    return out


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb(mb: int = 64) -> bytes:
    """One member of ``mb`` MB of zeros (inflates about 1000:1)."""
    return zip_bytes({"report.pdf": b"\0" * (mb << 20)})


def encrypted_zip(members: dict[str, bytes]) -> bytes:
    """A zip whose members are flagged encrypted (general purpose bit 0), as ``zip -e`` makes them."""
    data = bytearray(zip_bytes(members, zipfile.ZIP_STORED))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            data[pos + flag_at] |= 0x01
            start = pos + 4
    return bytes(data)


def broken_files(folder: Path) -> dict[str, str]:
    """Write broken inputs; returns the expected ``error_type`` of each ``source``."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = (SAMPLES / "r01_huaian_szf_2024.pdf").read_bytes()
    files: dict[str, bytes] = {
        "empty.pdf": b"",
        "truncated.pdf": pdf[:4000],
        "random.docx": hashlib.sha256(b"seed").digest() * 200,
        "bomb.zip": zip_bomb(),
        "evil.zip": zip_bytes({"../escape.txt": b"x", "ok/report.txt": variant("r07_pingtan_2019.txt", 99)}),
        "locked.zip": encrypted_zip({"secret.txt": b"hello"}),
        "locked.pdf": base64.b64decode(ENCRYPTED_PDF_B64),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    p = folder.as_posix()
    return {
        f"{p}/empty.pdf": "UnreadableFile",
        f"{p}/truncated.pdf": "UnreadableFile",
        f"{p}/random.docx": "UnsupportedFormat",
        f"{p}/bomb.zip": "ArchiveRefused",
        f"{p}/evil.zip!/../escape.txt": "UnsafeArchiveMember",
        f"{p}/locked.zip!/secret.txt": "EncryptedArchiveMember",
        f"{p}/locked.pdf": "UnreadableFile",
    }


def test_variants_are_distinct_content() -> None:
    digests = {hashlib.sha256(variant("r07_pingtan_2019.txt", i)).hexdigest() for i in range(1, 4)}
    assert len(digests) == 3


def test_encrypted_zip_is_refused_by_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "locked.zip"
    path.write_bytes(encrypted_zip({"a.txt": b"hello"}))
    with zipfile.ZipFile(path) as zf:
        assert zf.infolist()[0].flag_bits & 1 == 1
