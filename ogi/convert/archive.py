"""Zip archives as inputs: members are checked first and read one at a time, never unpacked.

An archive is refused whole when it looks like an archive bomb (too many members, too much
uncompressed data, or a member that inflates far beyond its compressed size); a member whose
path is absolute or climbs out with ``..`` is refused on its own.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from os import PathLike
from pathlib import PurePosixPath

from ogi.convert.settings import ArchiveLimits

MB = 1024 * 1024
CHUNK = 1024 * 1024


class ArchiveRefused(Exception):
    """The archive (or one member) is not read; ``str(err)`` says why."""


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    crc: int
    refused: str = ""          # non-empty: why this member is not read
    error_type: str = ""


UTF8_FLAG = 0x800


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the archive was written: UTF-8 when flagged (zipfile has decoded it) or when
    the raw bytes are valid UTF-8 (written without the flag), else CP936/GBK (Chinese Windows), else the
    zip standard's CP437::

    >>> def info(raw: bytes) -> zipfile.ZipInfo:
    ...     return zipfile.ZipInfo(raw.decode("cp437"))
    >>> member_name(info("报告.pdf".encode("gbk"))), member_name(info("报告.pdf".encode()))
    ('报告.pdf', '报告.pdf')
    """
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.orig_filename.encode("cp437")
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def open_zip(path: str | PathLike[str]) -> zipfile.ZipFile:
    """A ZipFile whose member names are decoded by :func:`member_name` (``zf.open(name)`` takes them)."""
    zf = zipfile.ZipFile(path)
    for info in zf.infolist():
        name = member_name(info)
        if name != info.filename:
            del zf.NameToInfo[info.filename]
            info.filename = name
            zf.NameToInfo[name] = info
    return zf


def unsafe_name(name: str) -> bool:
    """True for absolute paths, drive letters and any ``..`` component::

    >>> unsafe_name("../x.pdf"), unsafe_name("/etc/x"), unsafe_name("a/b.pdf"), unsafe_name("C:\\\\x")
    (True, True, False, True)
    """
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return True
    return ".." in PurePosixPath(norm).parts


def check_archive(zf: zipfile.ZipFile, limits: ArchiveLimits) -> None:
    """Raise :class:`ArchiveRefused` when the central directory describes a possible bomb."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise ArchiveRefused(f"archive refused: {len(infos)} members (limit {limits.max_members})")
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_mb * MB:
        raise ArchiveRefused(
            f"archive refused: {total // MB} MB uncompressed (limit {limits.max_total_mb} MB), possible zip bomb"
        )
    for info in infos:
        if info.file_size <= limits.ratio_floor_mb * MB:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise ArchiveRefused(
                f"archive refused: member {info.filename!r} inflates {ratio:.0f}:1 to {info.file_size // MB} MB "
                f"(limit {limits.max_ratio:.0f}:1), possible zip bomb"
            )


def list_members(zf: zipfile.ZipFile, limits: ArchiveLimits, wanted: Callable[[str], bool]) -> Iterator[Member]:
    """Members to convert (``wanted(name) -> bool`` filters by name), plus refused unsafe ones."""
    for info in sorted(zf.infolist(), key=lambda i: i.filename):
        if info.is_dir():
            continue
        name = info.filename
        if unsafe_name(name):
            yield Member(name, info.file_size, info.CRC,
                         "refused: member path leaves the archive (absolute or ../ path)", "UnsafeArchiveMember")
            continue
        if not wanted(name):
            continue
        if info.flag_bits & 0x1:
            yield Member(name, info.file_size, info.CRC,
                         "refused: member is encrypted (password-protected zip)", "EncryptedArchiveMember")
        elif info.file_size > limits.max_member_mb * MB:
            yield Member(name, info.file_size, info.CRC,
                         f"refused: member is {info.file_size // MB} MB (limit {limits.max_member_mb} MB)",
                         "ArchiveMemberTooLarge")
        else:
            yield Member(name, info.file_size, info.CRC)


def iter_member_bytes(zf: zipfile.ZipFile, name: str, limit: int) -> Iterator[bytes]:
    """The member's bytes in chunks; stops with :class:`ArchiveRefused` past ``limit`` bytes."""
    seen = 0
    with zf.open(name) as fh:
        while chunk := fh.read(CHUNK):
            seen += len(chunk)
            if seen > limit:
                raise ArchiveRefused(f"refused: member {name!r} inflates past {limit // MB} MB")
            yield chunk


def member_sha256(zf: zipfile.ZipFile, name: str, limit: int) -> str:
    digest = hashlib.sha256()
    for chunk in iter_member_bytes(zf, name, limit):
        digest.update(chunk)
    return digest.hexdigest()
