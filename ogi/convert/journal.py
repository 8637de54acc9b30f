"""The run journal: a SQLite file in ``DIR/.work`` that makes a conversion resumable.

Tables:

* ``results``: one row per converted content (sha256) and code fingerprint, written by the
  main process as each document finishes; a crash loses at most the last uncommitted second.
* ``inputs``: the input files of the latest run (source, where to read it, sha256 or why it
  was refused); rewritten at the start of each run, read by consolidation.
* ``hashes``: sha256 by (path, size, mtime) so unchanged files are not hashed again.

Only the main process opens the journal; a worker imports this module for :class:`StoredResult`
alone, so ``sqlite3`` and :mod:`ogi.convert.inputs` are imported where they are used.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ogi.convert.inputs import InputItem

SCHEMA = """
CREATE TABLE IF NOT EXISTS results(
  sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL, error_type TEXT NOT NULL,
  message TEXT NOT NULL, payload BLOB NOT NULL, seconds REAL NOT NULL,
  PRIMARY KEY (sha256, fingerprint));
CREATE TABLE IF NOT EXISTS inputs(
  seq INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, path TEXT NOT NULL, member TEXT,
  size INTEGER, sha256 TEXT, refused TEXT NOT NULL, error_type TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS inputs_sha256 ON inputs(sha256);
CREATE TABLE IF NOT EXISTS hashes(key TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
  sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def to_db(path: str) -> str | bytes:
    """A file path for SQLite: as text, or as its raw bytes when the name is not UTF-8 (lossless). ::

        >>> to_db("a/报告.pdf"), to_db("a/\\udcff.pdf"), from_db(to_db("a/\\udcff.pdf")) == "a/\\udcff.pdf"
        ('a/报告.pdf', b'a/\\xff.pdf', True)
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def from_db(value: str | bytes) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else value


@dataclass(frozen=True)
class StoredResult:
    sha256: str
    status: str
    error_type: str
    message: str
    payload: bytes
    seconds: float


class Journal:
    """Single-writer access to the journal (only the main process opens it)."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._pending = 0
        self._last_commit = time.monotonic()
        self.db.execute("BEGIN")

    # --- transactions -------------------------------------------------------------------
    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self._pending = 0
        self._last_commit = time.monotonic()

    def maybe_commit(self, every: int = 200, seconds: float = 1.0) -> None:
        self._pending += 1
        if self._pending >= every or time.monotonic() - self._last_commit >= seconds:
            self.commit()

    def close(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()

    # --- inputs ---------------------------------------------------------------------------
    def reset_inputs(self) -> None:
        self.db.execute("DELETE FROM inputs")

    def add_input(self, seq: int, item: InputItem, sha256: str | None) -> None:
        self.db.execute(
            "INSERT INTO inputs VALUES (?,?,?,?,?,?,?,?)",
            (seq, item.source, to_db(item.path), item.member, item.size, sha256, item.refused, item.error_type),
        )

    def count_inputs(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM inputs").fetchone()[0])

    def iter_inputs(self) -> Iterator[tuple[InputItem, str | None]]:
        from ogi.convert.inputs import InputItem

        cur = self.db.execute(
            "SELECT source, path, member, size, refused, error_type, sha256 FROM inputs ORDER BY source"
        )
        for source, path, member, size, refused, error_type, sha in cur:
            yield InputItem(source, from_db(path), member, size, None, refused, error_type), sha

    def pending(self, fingerprint: str, retry_failed: bool, page: int = 1000) -> Iterator[tuple[InputItem, str]]:
        """One input per content not yet converted with this fingerprint (its first source by name)."""
        from ogi.convert.inputs import InputItem

        redo = "OR r.status = 'failed'" if retry_failed else ""
        last = -1
        while True:
            rows = self.db.execute(
                f"""SELECT i.seq, i.source, i.path, i.member, i.size, i.sha256 FROM inputs i
                    LEFT JOIN results r ON r.sha256 = i.sha256 AND r.fingerprint = ?
                    WHERE i.seq > ? AND i.sha256 IS NOT NULL AND (r.sha256 IS NULL {redo})
                      AND i.source = (SELECT min(j.source) FROM inputs j WHERE j.sha256 = i.sha256)
                    ORDER BY i.seq LIMIT ?""",
                (fingerprint, last, page),
            ).fetchall()
            if not rows:
                return
            for seq, source, path, member, size, sha in rows:
                last = seq
                yield InputItem(source, from_db(path), member, size), sha

    # --- hashes ---------------------------------------------------------------------------
    def cached_hash(self, key: str, size: int, mtime_ns: int) -> str | None:
        row = self.db.execute("SELECT size, mtime_ns, sha256 FROM hashes WHERE key = ?", (to_db(key),)).fetchone()
        if row is None or row[0] != size or row[1] != mtime_ns:
            return None
        return str(row[2])

    def store_hash(self, key: str, size: int, mtime_ns: int, sha256: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO hashes VALUES (?,?,?,?)", (to_db(key), size, mtime_ns, sha256))

    # --- results --------------------------------------------------------------------------
    def store_result(self, fingerprint: str, r: StoredResult) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?)",
            (r.sha256, fingerprint, r.status, r.error_type, r.message, r.payload, r.seconds),
        )

    def result(self, sha256: str, fingerprint: str) -> StoredResult | None:
        row = self.db.execute(
            "SELECT sha256, status, error_type, message, payload, seconds FROM results "
            "WHERE sha256 = ? AND fingerprint = ?",
            (sha256, fingerprint),
        ).fetchone()
        return None if row is None else StoredResult(*row)

    # --- meta -----------------------------------------------------------------------------
    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])
