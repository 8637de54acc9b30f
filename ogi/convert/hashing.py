"""Content hashes (sha256) of input files and zip members, cached by path, size and mtime."""

from __future__ import annotations

import hashlib
import os
import zipfile
import zlib
from dataclasses import replace

from ogi.convert.archive import MB, ArchiveRefused, member_sha256, open_zip
from ogi.convert.inputs import InputItem
from ogi.convert.journal import Journal
from ogi.convert.settings import ArchiveLimits

CHUNK = 1024 * 1024


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Hasher:
    """Hashes inputs, reusing the journal's cache; keeps one archive open at a time."""

    def __init__(self, journal: Journal, limits: ArchiveLimits) -> None:
        self.journal = journal
        self.limits = limits
        self._zip_path: str | None = None
        self._zip: zipfile.ZipFile | None = None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def _archive(self, path: str) -> zipfile.ZipFile:
        if self._zip is None or self._zip_path != path:
            self.close()
            self._zip = open_zip(path)
            self._zip_path = path
        return self._zip

    def hash(self, item: InputItem) -> tuple[InputItem, str | None]:
        """The item's sha256, or the item marked refused when it cannot be read."""
        if item.refused:
            return item, None
        try:
            st = os.stat(item.path)
            key = os.path.abspath(item.path)
            if item.member is not None:
                key = f"{key}!/{item.member}#{item.crc}"
            cached = self.journal.cached_hash(key, st.st_size, st.st_mtime_ns)
            if cached is not None:
                return item, cached
            if item.member is None:
                sha = file_sha256(item.path)
            else:
                sha = member_sha256(self._archive(item.path), item.member, self.limits.max_member_mb * MB)
        except ArchiveRefused as err:
            return replace(item, refused=str(err), error_type="ArchiveRefused"), None
        except (OSError, zipfile.BadZipFile, zlib.error, RuntimeError, EOFError) as err:
            # RuntimeError: zipfile's "encrypted, password required"; EOFError: truncated member.
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            return replace(item, refused=f"cannot read: {reason}", error_type=type(err).__name__), None
        self.journal.store_hash(key, st.st_size, st.st_mtime_ns, sha)
        return item, sha
