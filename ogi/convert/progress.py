"""Progress of a run: a rich bar on a terminal, plain log lines on stderr otherwise."""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any


class RunProgress:
    """Counts done and failed documents; shows reports/second and the time remaining."""

    def __init__(self, total: int, enabled: bool | None, every: float = 10.0) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self._every = every
        self._last_log = self.started
        self._bar: Any = None
        if enabled is False or (enabled is None and not _may_be_terminal()):
            return   # plain log lines; rich is not imported
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        if self.console.is_terminal if enabled is None else enabled:
            self._bar = Progress(
                TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
                TextColumn("failed {task.fields[failed]}"), TextColumn("{task.fields[rate]:.1f} reports/s"),
                TimeRemainingColumn(), console=self.console, transient=False,
            )
            self._task = self._bar.add_task("convert", total=total, failed=0, rate=0.0)

    def __enter__(self) -> RunProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, failed: bool, source: str = "", message: str = "") -> None:
        self.done += 1
        self.failed += int(failed)
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, failed=self.failed, rate=self.rate)
            return
        if failed:
            log(f"failed: {message or source}")
        now = time.monotonic()
        if now - self._last_log >= self._every or self.done == self.total:
            self._last_log = now
            left = (self.total - self.done) / self.rate if self.rate else 0.0
            log(f"{self.done}/{self.total} converted, {self.failed} failed, {self.rate:.1f} reports/s, "
                f"ETA {left:.0f} s")


def _may_be_terminal() -> bool:
    """Whether rich could see stderr as a terminal (a tty, or forced by ``FORCE_COLOR``/``TTY_COMPATIBLE``)."""
    return sys.stderr.isatty() or "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ


def log(message: str) -> None:
    print(f"ogi convert: {message}", file=sys.stderr, flush=True)
