"""The accuracy benchmark: run ``ogi.extract`` over sample reports and score them against their
hand-checked ``X.ext.expected.json`` files.

Stages, each in its own module::

    find_samples (samples.py) -> run_sample (run.py) -> compare_report (compare.py)
        -> aggregate (metrics.py) -> check_floor / raise_floor (floor.py) -> render (render.py)

``run_benchmark(paths)`` chains the first four; the ``ogi bench`` command (cli.py) adds the floor
and the output.
"""

from ogi.bench.compare import FileScore, Problem, compare_report
from ogi.bench.floor import FLOOR_METRICS, FloorCheck, check_floor, floor_down, raise_floor
from ogi.bench.metrics import BenchResult, Tally, aggregate
from ogi.bench.run import run_benchmark, run_sample
from ogi.bench.samples import BenchInputError, Expected, Sample, find_samples, format_group, parse_expected

__all__ = [
    "FLOOR_METRICS",
    "BenchInputError",
    "BenchResult",
    "Expected",
    "FileScore",
    "FloorCheck",
    "Problem",
    "Sample",
    "Tally",
    "aggregate",
    "check_floor",
    "compare_report",
    "find_samples",
    "floor_down",
    "format_group",
    "parse_expected",
    "raise_floor",
    "run_benchmark",
    "run_sample",
]
