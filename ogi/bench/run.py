"""Run ``ogi.read`` on every sample and score it; one bad file never stops the benchmark."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ogi.api import read
from ogi.bench.compare import FileScore, compare_report
from ogi.bench.metrics import BenchResult, aggregate
from ogi.bench.samples import BenchInputError, Sample, find_samples
from ogi.schemas import OgiError, Report


def run_sample(sample: Sample) -> FileScore:
    """Extract one sample and score it. An :class:`schemas.OgiError` is an expected failure; any
    other exception is a bug in ogi, recorded with its type so the run can go on and show it."""
    report: Report | None = None
    error: BaseException | None = None
    start = time.perf_counter()
    try:
        report = read(sample.report)
    except OgiError as err:
        error = err
    except Exception as err:  # recorded on the score (type and message), never swallowed silently
        error = err
    seconds = time.perf_counter() - start
    return compare_report(
        report,
        sample.expected,
        path=display_path(sample.report),
        fmt=sample.format,
        converter=sample.converter,
        seconds=seconds,
        error=error,
        producer=sample.expected.producer,
    )


def run_benchmark(paths: Iterable[Path], on_done: Callable[[FileScore], None] | None = None) -> BenchResult:
    """Find the samples under ``paths``, extract and score each, and sum the scores into groups."""
    paths = list(paths)
    samples = find_samples(paths)
    if not samples:
        raise BenchInputError(f"no expected-value files (*.expected.json) under {', '.join(map(str, paths))}")
    scores = []
    for sample in samples:
        score = run_sample(sample)
        scores.append(score)
        if on_done is not None:
            on_done(score)
    return aggregate(tuple(scores))


def display_path(path: Path) -> str:
    """The path relative to the working folder when it lies under it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
