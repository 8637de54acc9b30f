"""A slice of the converter matrix in CI: two generated reports (HTML of the 2021 template with a 2019 table
二, DOCX of the 2019/2021 mix) through every real converter, scored per converter against the floors in
``benchmarks/converter-floor.json``. The whole matrix (32 reports × 14 converters) is
``ogi matrix --out DIR && ogi bench DIR`` (see docs/converters.md).

Whatever a converter does to the text, ogi returns a Report or raises an OgiError, and it never emits a
wrong value that no finding names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.bench.floor import check_floor, load_floor
from ogi.bench.metrics import BenchResult, tally_metrics
from ogi.bench.run import run_benchmark
from ogi.generate.converters import CONVERTER_NAMES, convert_report
from ogi.schemas import OgiError

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "samples" / "generated"
FLOOR = ROOT / "benchmarks" / "converter-floor.json"
SLICE = ("gen003_2021.html", "gen001_2022.docx")


def _ogi_errors() -> set[str]:
    names, todo = set(), [OgiError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo += cls.__subclasses__()
    return names


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> BenchResult:
    out = tmp_path_factory.mktemp("matrix")
    for name in SLICE:
        convert_report(GENERATED / name, out)
    return run_benchmark([out])


def test_every_converter_ran(matrix: BenchResult) -> None:
    converters = {s.converter for s in matrix.scores}
    assert converters == set(CONVERTER_NAMES)


def test_no_exception_but_ogi_errors(matrix: BenchResult) -> None:
    allowed = _ogi_errors()
    bad = [(s.path, s.error_type, s.error) for s in matrix.scores if s.error_type and s.error_type not in allowed]
    assert bad == []


def test_no_wrong_value_unflagged(matrix: BenchResult) -> None:
    unflagged = [(s.path, p.key, p.expected, p.got) for s in matrix.scores for p in s.problems if p.unflagged]
    # The crawler flattenings are the alignment engine's (normalize) to settle; every other converter is clean.
    assert [u for u in unflagged if ".crawler-" not in u[0]] == []


def test_converter_floor(matrix: BenchResult) -> None:
    floor = load_floor(FLOOR)
    assert floor, "the converter floor file is empty"
    failed = [c for c in check_floor(floor, matrix.metrics()) if not c.ok]
    assert failed == []


@pytest.fixture(scope="module")
def lost_matrix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BenchResult]:
    """pandoc ``-t plain`` of a DOCX whose table 四 it cannot draw (``[TABLE]``), and of an HTML report whose
    tables 三 and 四 it cannot draw."""
    out = tmp_path_factory.mktemp("lost")
    convert_report(GENERATED / "gen009_2022.docx", out, ("docx-pandoc-plain",))
    convert_report(GENERATED / "gen007_2019.html", out, ("pandoc-plain",))
    return out, run_benchmark([out])


def test_lost_tables_recorded_from_the_output(lost_matrix: tuple[Path, BenchResult]) -> None:
    out, _ = lost_matrix
    lost = {p.name.split(".")[0]: json.loads(p.read_text(encoding="utf-8")).get("lost", {})
            for p in sorted(out.glob("*.expected.json"))}
    assert {k: sorted(v) for k, v in lost.items()} == {"gen007_2019": ["requests", "review_litigation"],
                                                      "gen009_2022": ["review_litigation"]}
    for path in out.glob("*.txt"):
        assert path.read_text(encoding="utf-8").count("[TABLE]") == len(lost[path.name.split(".")[0]])


def test_lost_cells_reported_apart_flagged_and_not_emitted(lost_matrix: tuple[Path, BenchResult]) -> None:
    _, result = lost_matrix
    by_file = {Path(s.path).name.split(".")[0]: tally_metrics(s.total) for s in result.scores}
    docx, html = by_file["gen009_2022"], by_file["gen007_2019"]
    assert (docx["cells_lost"], docx["tables_lost"], docx["tables_lost_flagged"]) == (15, 1, 1)
    assert (html["cells_lost"], html["tables_lost"], html["tables_lost_flagged"]) == (176, 2, 2)
    for m in (docx, html):
        assert m["cells_lost_emitted"] == 0
        assert m["cells_right"] == m["cells_expected"]  # every cell that is in the output is read
