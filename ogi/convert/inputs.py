"""From the command line's INPUT arguments to the list of input files, in a stable order.

Folders are walked recursively taking report extensions and zip archives only; zip archives
(by content) contribute their members. Each input gets a ``source``: the path as given (plus
``!/member`` for a zip member), which is its name in the dataset.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ogi.convert.archive import ArchiveRefused, check_archive, list_members, open_zip
from ogi.convert.settings import ArchiveLimits
from ogi.extract.formats import ARCHIVE_SUFFIXES, REPORT_SUFFIXES
from ogi.extract.sniff import sniff

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
    for root, dirs, files in os.walk(folder):
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
    source = path.as_posix()
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


def _file_item(path: Path, limits: ArchiveLimits) -> Iterator[InputItem]:
    if _is_archive(path):
        yield from _archive_items(path, limits)
        return
    try:
        size = path.stat().st_size
    except OSError as err:
        yield InputItem(path.as_posix(), str(path), refused=f"cannot read: {err.strerror}",
                        error_type=type(err).__name__)
        return
    yield InputItem(path.as_posix(), str(path), size=size)


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
            if not path.exists():
                yield InputItem(path.as_posix(), str(path), refused="no such file", error_type="FileNotFoundError")
                continue
            yield from _file_item(path, limits)
