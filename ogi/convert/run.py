"""One ``ogi convert`` run: discover and hash inputs → convert what the journal lacks (local
worker pool or Dask) → consolidate the dataset."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogi.convert.fingerprint import code_fingerprint
from ogi.convert.hashing import Hasher
from ogi.convert.inputs import discover
from ogi.convert.journal import Journal
from ogi.convert.manifest import Manifest
from ogi.convert.pool import LocalPool
from ogi.convert.progress import RunProgress, log
from ogi.convert.settings import ConvertSettings
from ogi.convert.task import Outcome, Task

if TYPE_CHECKING:
    from ogi.convert.consolidate import DatasetSummary

JOURNAL = "journal.sqlite"


@dataclass(frozen=True)
class RunSummary:
    dataset: DatasetSummary
    converted: int          # documents converted in this run
    reused: int             # inputs whose content was already in the journal
    seconds: float
    convert_seconds: float
    peak_rss_main_mb: float
    peak_rss_worker_mb: float

    @property
    def rate(self) -> float:
        return self.converted / self.convert_seconds if self.convert_seconds > 0 else 0.0

    @property
    def any_failed(self) -> bool:
        return self.dataset.by_status.get("failed", 0) > 0


def _record_inputs(journal: Journal, inputs: list[Path], settings: ConvertSettings) -> int:
    journal.reset_inputs()
    hasher = Hasher(journal, settings.archive)
    n = 0
    try:
        for n, raw in enumerate(discover(inputs, settings.archive), start=1):
            item, sha = hasher.hash(raw)
            journal.add_input(n, item, sha)
            journal.maybe_commit(every=1000)
    finally:
        hasher.close()
    journal.commit()
    return n


def _tasks(journal: Journal, fingerprint: str, settings: ConvertSettings) -> Iterator[Task]:
    scratch = None if settings.dask else os.path.abspath(settings.out / ".work" / "tmp")   # the workers' TMPDIR
    for item, sha in journal.pending(fingerprint, settings.retry_failed):
        yield Task(sha, item.source, item.path, item.member, settings.archive.max_member_mb, scratch)


def _count_pending(journal: Journal, fingerprint: str, settings: ConvertSettings) -> int:
    return sum(1 for _ in journal.pending(fingerprint, settings.retry_failed))


def _convert(journal: Journal, fingerprint: str, settings: ConvertSettings, total: int) -> float:
    """Convert pending documents; returns the peak worker RSS in MB."""
    work = settings.out / ".work"

    def on_done(task: Task, outcome: Outcome) -> None:
        if not outcome.transient:
            journal.store_result(fingerprint, outcome)
            journal.maybe_commit()
        progress.advance(outcome.status == "failed", task.source, f"{task.source}: {outcome.message}")

    scratch = work / "tmp"   # temporary copies of zip members; left over only by killed workers
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    with RunProgress(total, settings.progress) as progress:
        if settings.dask:
            from ogi.convert.distributed import run_on_dask

            run_on_dask(settings.dask, _tasks(journal, fingerprint, settings), on_done, settings.handler,
                        settings.timeout, settings.max_memory_mb)
            peak = 0
        else:
            with (work / "worker.log").open("ab") as wlog:
                pool = LocalPool(min(settings.n_workers, max(total, 1)), settings.handler, settings.timeout,
                                 settings.max_memory_mb, wlog)
                try:
                    pool.run(_tasks(journal, fingerprint, settings), on_done)
                finally:
                    pool.close()
                peak = pool.peak_worker_rss
    journal.commit()
    shutil.rmtree(scratch, ignore_errors=True)
    return peak / 2**20


def _build_dataset(journal: Journal, fingerprint: str, settings: ConvertSettings, manifest: Manifest | None,
                   run_info: dict[str, Any]) -> DatasetSummary:
    """The dataset build (:mod:`ogi.convert.consolidate`), imported only now that the documents are
    converted: pyarrow starts a thread when it loads, and a process with more than one thread starts its
    workers as new interpreters, not by fork (:mod:`ogi.convert.forked`). Outside a Dask run pyarrow comes
    without numpy (:mod:`ogi.convert.lean`)."""
    if not settings.dask:
        from ogi.convert.lean import import_pyarrow_lean

        import_pyarrow_lean()
    from ogi.convert.consolidate import consolidate

    return consolidate(journal, fingerprint, settings.out, manifest, settings.bom, run_info)


class RunLocked(Exception):
    """Another ``ogi convert`` is writing the same DIR."""


@contextmanager
def _exclusive(work: Path) -> Iterator[None]:
    work.mkdir(parents=True, exist_ok=True)
    with (work / "lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(f"another ogi convert is writing {work.parent}") from None
        yield


def run_convert(inputs: list[Path], settings: ConvertSettings) -> RunSummary:
    manifest = Manifest(settings.manifest) if settings.manifest is not None else None
    with _exclusive(settings.out / ".work"):
        return _run(inputs, settings, manifest)


def _run(inputs: list[Path], settings: ConvertSettings, manifest: Manifest | None) -> RunSummary:
    started = time.monotonic()
    journal = Journal(settings.out / ".work" / JOURNAL)
    try:
        fingerprint = code_fingerprint()
        n_inputs = _record_inputs(journal, inputs, settings)
        total = _count_pending(journal, fingerprint, settings)
        log(f"{n_inputs} input files, {total} to convert, {settings.n_workers if not settings.dask else 'dask'} "
            "workers")
        t0 = time.monotonic()
        peak_worker = _convert(journal, fingerprint, settings, total) if total else 0.0
        convert_seconds = time.monotonic() - t0
        run_info = {"inputs": n_inputs, "converted": total, "convert_seconds": round(convert_seconds, 3),
                    "workers": settings.n_workers, "dask": settings.dask,
                    "peak_rss_worker_mb": round(peak_worker, 1)}
        dataset = _build_dataset(journal, fingerprint, settings, manifest, run_info)
    finally:
        journal.close()
    peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return RunSummary(dataset, total, n_inputs - total, time.monotonic() - started, convert_seconds,
                      peak_main, peak_worker)
