"""The load's DuckDB statements, run in their order on one background thread.

DuckDB releases the GIL while it executes, so the next documents can be read from the journal,
decompressed and cut up in Python meanwhile. The statements are the same, in the same order (one
worker, first in first out), so the staging tables are the same; at most ``ahead`` statements wait,
so memory stays bounded. An error in a statement is raised by the next :meth:`Serial.submit` or by
:meth:`Serial.finish`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import duckdb
import pyarrow as pa

from ogi.convert.tables import quote

T = TypeVar("T")


def insert_batch(con: duckdb.DuckDBPyConnection, table: str, batch: pa.RecordBatch) -> None:
    """Append an Arrow batch (in the table's column order) to ``table``."""
    con.register("_batch", batch)
    try:
        con.execute(f"INSERT INTO {quote(table)} SELECT * FROM _batch")
    finally:
        con.unregister("_batch")


class Serial:
    def __init__(self, con: duckdb.DuckDBPyConnection, ahead: int = 8) -> None:
        self.con, self.ahead = con, ahead
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="ogi-load")
        self.waiting: deque[Future[object]] = deque()

    def submit(self, statement: Callable[[duckdb.DuckDBPyConnection], T]) -> Future[T]:
        while self.waiting and (self.waiting[0].done() or len(self.waiting) >= self.ahead):
            self.waiting.popleft().result()
        future = self.pool.submit(statement, self.con)
        self.waiting.append(future)   # type: ignore[arg-type]
        return future

    def insert(self, table: str, batch: pa.RecordBatch) -> None:
        self.submit(lambda con: insert_batch(con, table, batch))

    def finish(self) -> None:
        """Wait for every statement (raising the first error) and stop the thread."""
        try:
            while self.waiting:
                self.waiting.popleft().result()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
