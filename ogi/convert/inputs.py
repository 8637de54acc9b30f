"""From the command line's INPUT arguments to the list of input files, in a stable order.

Folders are walked recursively taking report extensions and zip archives only; zip archives
(by content) contribute their members. Each input gets a ``source``: the path as given (plus
``!/member`` for a zip member), which is its name in the dataset.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ogi.convert.archive import ArchiveRefused, check_archive, list_members, open_zip
from ogi.convert.settings import ArchiveLimits
from ogi.extract.formats import ARCHIVE_SUFFIXES, REPORT_SUFFIXES
from ogi.extract.sniff import sniff
from ogi.names import shown

SKIPPED_NAMES = frozenset({"PROVENANCE.tsv", "MANIFEST.tsv"})
MEMBER_SEP = "!/"


@dataclass(frozen=True)
class InputItem:
    """One input file. ``member`` is set for a zip member (``path`` is then the archive).

    ``refused`` is non-empty when the input is not converted at all (missing file, refused
    archive or member); ``error_type`` then names the reason's kind.
    """

    source: str
    path: str
    member: str | None = None
    size: int | None = None
    crc: int | None = None
    refused: str = ""
    error_type: str = ""

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.member if self.member is not None else self.path).suffix.lower()


def wanted_name(name: str) -> bool:
    """Take a file met while walking a folder or an archive? ::

    >>> [wanted_name(n) for n in ("a/r.PDF", "r.pdf.expected.json", "PROVENANCE.tsv", "x.zip", "notes.csv")]
    [True, False, False, True, False]
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    if base in SKIPPED_NAMES or base.endswith(".expected.json"):
        return False
    suffix = PurePosixPath(base).suffix.lower()
    return suffix in REPORT_SUFFIXES or suffix in ARCHIVE_SUFFIXES


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):  # does not follow folder links: no loop
        dirs.sort()
        for name in sorted(files):
            if wanted_name(name):
                yield Path(root) / name


def _is_archive(path: Path) -> bool:
    try:
        return path.suffix.lower() in ARCHIVE_SUFFIXES or sniff(path) == "zip"
    except OSError:
        return False


def _archive_items(path: Path, limits: ArchiveLimits) -> Iterator[InputItem]:
    source = shown(path.as_posix())
    try:
        with open_zip(path) as zf:
            check_archive(zf, limits)
            members = list(list_members(zf, limits, wanted_name))
    except zipfile.BadZipFile as err:
        yield InputItem(source, str(path), refused=f"corrupt zip archive: {err}", error_type="BadZipFile")
        return
    except ArchiveRefused as err:
        yield InputItem(source, str(path), refused=str(err), error_type="ArchiveRefused")
        return
    except OSError as err:
        yield InputItem(source, str(path), refused=f"cannot read: {err.strerror}", error_type=type(err).__name__)
        return
    if not members:
        yield InputItem(source, str(path), refused="zip archive holds no report files", error_type="EmptyArchive")
    for m in members:
        yield InputItem(f"{source}{MEMBER_SEP}{m.name}", str(path), m.name, m.size, m.crc, m.refused, m.error_type)


def _not_regular(path: Path) -> tuple[str, str] | None:
    """Why ``path`` is refused without being opened (a pipe, device, socket, link loop,
    unreadable file), as (reason, error type); ``None`` for a readable regular file."""
    try:
        st = os.stat(path)  # follows links: a link to /dev/zero is a device
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a symbolic link loop", "LinkLoop"
        if err.errno == errno.ENOENT:
            return ("a dangling symbolic link" if os.path.islink(path) else "no such file"), "FileNotFoundError"
        return f"cannot read: {err.strerror or err}", type(err).__name__
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        via = " (through a symbolic link)" if os.path.islink(path) else ""
        return f"{kind}{via}, not a regular file; refused without opening it", "NotARegularFile"
    if not os.access(path, os.R_OK):
        return "cannot read: permission denied", "PermissionError"
    return None


def _file_item(path: Path, limits: ArchiveLimits) -> Iterator[InputItem]:
    source = shown(path.as_posix())
    refused = _not_regular(path)
    if refused is not None:
        yield InputItem(source, str(path), refused=refused[0], error_type=refused[1])
        return
    if _is_archive(path):
        yield from _archive_items(path, limits)
        return
    try:
        size = path.stat().st_size
    except OSError as err:
        yield InputItem(source, str(path), refused=f"cannot read: {err.strerror}",
                        error_type=type(err).__name__)
        return
    yield InputItem(source, str(path), size=size)


def discover(inputs: list[Path], limits: ArchiveLimits) -> Iterator[InputItem]:
    """Every input file once, in argument order then path order; a path named twice counts once."""
    seen: set[str] = set()
    for arg in inputs:
        paths = _walk(arg) if arg.is_dir() else iter([arg])
        for path in paths:
            key = os.path.abspath(path)
            if key in seen:
                continue
            seen.add(key)
            yield from _file_item(path, limits)
