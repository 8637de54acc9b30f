"""The accuracy benchmark: comparison logic on synthetic reports, the floor, the command, and the
floor itself enforced on the repository's samples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import ogi.bench.run as bench_run
from ogi.bench import (
    BenchInputError,
    BenchResult,
    Expected,
    FileScore,
    check_floor,
    compare_report,
    find_samples,
    floor_down,
    parse_expected,
    raise_floor,
    run_benchmark,
    run_sample,
)
from ogi.bench.cli import register
from ogi.bench.floor import load_floor
from ogi.bench.metrics import aggregate, tally_metrics
from ogi.schemas import CellValue, Finding, Metadata, Number, Report, Severity, Status, TableInfo

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
FLOOR_FILE = REPO / "benchmarks" / "accuracy-floor.json"

TEMPLATES_2019 = {"active_disclosure": "2019", "requests": "2019", "review_litigation": "2019"}


def make_report(
    cells: dict[str, Number | None],
    findings: tuple[Finding, ...] = (),
    templates: dict[str, str] | None = None,
    year: int | None = 2019,
    agency: str | None = "某某局",
) -> Report:
    tables = tuple(TableInfo(t, v, None, 0, 0) for t, v in (TEMPLATES_2019 if templates is None else templates).items())
    values = tuple(make_cell(key, v) for key, v in cells.items())
    return Report("r.txt", "text", Metadata(agency=agency, year=year), tables, values, (), findings, Status.OK)


def make_cell(key: str, value: Number | None) -> CellValue:
    table, row, column = key.split("/")
    return CellValue(table, row, column, value, "" if value is None else str(value))


def make_expected(cells: dict[str, Number | None], **extra: Any) -> Expected:
    raw = {"file": "r.txt", "agency": "某某局", "year": 2019, "templates": TEMPLATES_2019, "cells": cells}
    return parse_expected(raw | extra)


def finding(code: str, scope: str = "", cells: tuple[str, ...] = ()) -> Finding:
    return Finding(code, Severity.ERROR, "synthetic", "requests", cells, scope)


def counts(score: FileScore) -> tuple[int, int, int, int, int]:
    t = score.total
    return t.cells_expected, t.cells_right, t.cells_wrong, t.cells_missed, t.cells_extra


# --- cells ---------------------------------------------------------------------------------------


def test_right_cell() -> None:
    score = compare_report(make_report({"requests/granted/total": 5}), make_expected({"requests/granted/total": 5}))
    assert counts(score) == (1, 1, 0, 0, 0)
    assert tally_metrics(score.total)["cell_accuracy"] == 1.0
    assert score.problems == ()


def test_wrong_value() -> None:
    score = compare_report(make_report({"requests/granted/total": 6}), make_expected({"requests/granted/total": 5}))
    assert counts(score) == (1, 0, 1, 0, 0)
    assert tally_metrics(score.total)["cell_accuracy"] == 0.0
    (p,) = score.problems
    assert (p.kind, p.key, p.expected, p.got, p.raw) == ("wrong", "requests/granted/total", 5, 6, "6")


def test_missed_cell() -> None:
    expected = make_expected({"requests/granted/total": 5, "requests/granted/natural_person": 2})
    score = compare_report(make_report({"requests/granted/total": 5}), expected)
    assert counts(score) == (2, 1, 0, 1, 0)
    assert tally_metrics(score.total)["cell_accuracy"] == 0.5
    assert [(p.kind, p.key) for p in score.problems] == [("missed", "requests/granted/natural_person")]


def _open(key: str, shown: str) -> Finding:
    return Finding("unplaced_value", Severity.WARNING, f"{key}: the digits '10' run together and can be read as "
                   f"…; this cell is {shown} depending on the reading and no constraint settles it, so it is not "
                   "emitted", "requests", (key,))


def test_missed_cell_flagged_open_with_the_truth_among_its_candidates_is_undetermined() -> None:
    cells: dict[str, Number | None] = {"requests/granted/total": 5, "requests/granted/natural_person": 10,
                                       "requests/granted/commercial_enterprise": None,
                                       "requests/granted/other_org": 3}
    findings = (_open("requests/granted/natural_person", "blank or 1 or 10"),
                _open("requests/granted/commercial_enterprise", "blank or 0"),
                _open("requests/granted/other_org", "1 or 10"))  # the truth, 3, is no candidate: a plain miss
    score = compare_report(make_report({"requests/granted/total": 5}, findings), make_expected(cells))
    assert counts(score) == (4, 1, 0, 3, 0)  # an undetermined cell is still a miss
    m = tally_metrics(score.total)
    assert (m["cells_undetermined"], m["cell_accuracy"], m["determined_accuracy"]) == (2, 0.25, 0.5)
    assert m["nonzero_determined_accuracy"] == 1 / 2  # 5 right; 10 undetermined; 3 missed
    kinds = {p.key.split("/")[2]: (p.kind, p.got) for p in score.problems}
    assert kinds["natural_person"] == ("undetermined", (None, 1, 10))
    assert kinds["other_org"] == ("missed", None)


def test_extra_cell() -> None:
    report = make_report({"requests/granted/total": 5, "requests/other/total": 1})
    score = compare_report(report, make_expected({"requests/granted/total": 5}))
    assert counts(score) == (1, 1, 0, 0, 1)
    m = tally_metrics(score.total)
    assert (m["cell_accuracy"], m["cell_precision"]) == (1.0, 0.5)
    assert [(p.kind, p.key, p.got) for p in score.problems] == [("extra", "requests/other/total", 1)]


def test_lost_table_counted_apart_and_must_be_reported_missing() -> None:
    """A table the converter lost (``lost`` in the expected file) is not in the cells' denominator; its
    cells are counted as lost, a value emitted for one is extra, and the report must say table_missing."""
    cells = {"requests/granted/total": 5, "review_litigation/review_upheld/count": 1,
             "review_litigation/review_total/count": 1}
    expected = make_expected(cells, lost={"review_litigation": "the converter printed [TABLE]"},
                             findings={"identities": ["H4:review"]})
    missing = Finding("table_missing", Severity.ERROR, "not found", "review_litigation")
    score = compare_report(make_report({"requests/granted/total": 5}, (missing,)), expected)
    m = tally_metrics(score.total)
    assert counts(score) == (1, 1, 0, 0, 0)
    assert (m["cells_lost"], m["cells_lost_emitted"], m["tables_lost"], m["tables_lost_flagged"]) == (2, 0, 1, 1)
    assert score.problems == ()  # neither its template nor its identity finding is expected
    guessed = make_report({"requests/granted/total": 5, "review_litigation/review_upheld/count": 1})
    score = compare_report(guessed, expected)
    m = tally_metrics(score.total)
    rates = (m["cells_extra"], m["cells_lost_emitted"], m["lost_flagged_rate"], m["lost_clean_rate"])
    assert rates == (1, 1, 0.0, 0.5)
    assert [(p.kind, p.key) for p in score.problems] == [("extra", "review_litigation/review_upheld/count"),
                                                          ("lost_unflagged", "review_litigation")]


def test_lost_must_name_tables() -> None:
    with pytest.raises(ValueError, match="lost"):
        make_expected({}, lost={"table_9": "x"})


def test_extra_cell_under_a_key_the_document_did_not_print_counts_unflagged() -> None:
    """An extra cell in a table the expected file lists is a value under a wrong key (a 2021 table 二 read
    with 2019 column keys): unflagged unless a finding names it. A table the expected file does not list
    (nothing known about it) leaves an extra cell a plain extra."""
    expected = make_expected({"active_disclosure/regulations/issued": None})
    report = make_report({"active_disclosure/regulations/newly_made": 3, "requests/granted/total": 1})
    m = tally_metrics(compare_report(report, expected).total)
    assert (m["cells_extra"], m["cells_extra_unflagged"], m["cells_unflagged"]) == (2, 1, 1)
    named = (Finding("mixed_version", Severity.WARNING, "s", "active_disclosure",
                     ("active_disclosure/regulations/newly_made",)),)
    flagged = tally_metrics(compare_report(make_report({"active_disclosure/regulations/newly_made": 3}, named),
                                           expected).total)
    assert (flagged["cells_extra"], flagged["cells_unflagged"]) == (1, 0)


def test_null_and_zero_are_different() -> None:
    expected = make_expected(
        {
            "active_disclosure/fees/items_change": None,
            "requests/granted/total": 0,
            "requests/denied_state_secret/total": None,
        }
    )
    report = make_report(
        {
            "active_disclosure/fees/items_change": 0,  # null expected, 0 emitted: wrong
            "requests/granted/total": None,  # 0 expected, null emitted: wrong
            "requests/denied_state_secret/total": None,  # null expected, null emitted: right
        }
    )
    score = compare_report(report, expected)
    assert counts(score) == (3, 1, 2, 0, 0)


def test_numbers_equal_within_relative_tolerance() -> None:
    expected = make_expected({"active_disclosure/fees/fee_amount": 1.795, "requests/granted/total": 3})
    report = make_report({"active_disclosure/fees/fee_amount": 1.795 * (1 + 1e-12), "requests/granted/total": 3.0})
    assert counts(compare_report(report, expected)) == (2, 2, 0, 0, 0)
    report = make_report({"active_disclosure/fees/fee_amount": 1.7951, "requests/granted/total": 3})
    assert counts(compare_report(report, expected)) == (2, 1, 1, 0, 0)


def test_first_of_duplicate_cells_counts() -> None:
    report = make_report({"requests/granted/total": 5})
    dup = CellValue("requests", "granted", "total", 9, "9")
    report = Report(
        report.source, report.format, report.metadata, report.tables, (*report.cells, dup), (), (), Status.OK
    )
    assert counts(compare_report(report, make_expected({"requests/granted/total": 5}))) == (1, 1, 0, 0, 0)


# --- findings, unplaced rows, metadata ------------------------------------------------------------


def test_findings_precision_and_recall() -> None:
    expected = make_expected(
        {}, findings={"identities": ["H2:total", "H3:granted"], "culprits": ["requests/granted/total"]}
    )
    report = make_report(
        {},
        findings=(
            finding("H3", "granted"),  # matched
            finding("H1", "total"),  # not expected
            finding("likely_culprit", cells=("requests/granted/total",)),  # matched
            finding("cells_missing"),  # not an identity: ignored
        ),
    )
    score = compare_report(report, expected)
    m = tally_metrics(score.total)
    assert (m["findings_expected"], m["findings_emitted"], m["findings_matched"]) == (3, 3, 2)
    assert m["findings_precision"] == pytest.approx(2 / 3)
    assert m["findings_recall"] == pytest.approx(2 / 3)
    assert [(p.kind, p.key) for p in score.problems] == [
        ("finding_missed", "H2:total"),
        ("finding_extra", "H1:total"),
    ]


def test_no_findings_expected_none_emitted_is_perfect() -> None:
    m = tally_metrics(compare_report(make_report({}), make_expected({})).total)
    assert (m["findings_precision"], m["findings_recall"]) == (1.0, 1.0)


def test_unplaced_rows() -> None:
    two = (finding("unplaced_row"), finding("unplaced_row"))
    right = compare_report(make_report({}, findings=two), make_expected({}, unplaced_rows=2))
    wrong = compare_report(make_report({}, findings=two[:1]), make_expected({}, unplaced_rows=2))
    assert (right.total.unplaced_expected, right.total.unplaced_found, right.total.unplaced_right) == (
        2,
        2,
        1,
    )
    assert (wrong.total.unplaced_expected, wrong.total.unplaced_found, wrong.total.unplaced_right) == (
        2,
        1,
        0,
    )


def test_metadata() -> None:
    templates = {"active_disclosure": "2019", "requests": "2021", "review_litigation": "2019"}
    report = make_report({}, templates=templates, year=2019, agency="上海市人民政府")
    score = compare_report(report, make_expected({}, agency=None))
    t = score.total
    assert (t.year_right, t.agency_right, t.templates_checked, t.templates_right) == (1, 0, 3, 2)
    assert [(p.kind, p.key, p.expected, p.got) for p in score.problems] == [
        ("template", "requests", "2019", "2021"),
        ("agency", "agency", None, "上海市人民政府"),
    ]


def test_failed_extraction_gets_everything_wrong() -> None:
    expected = make_expected({"requests/granted/total": 5}, agency=None)
    score = compare_report(None, expected, error=ValueError("boom"))
    t = score.total
    assert (score.error_type, score.error) == ("ValueError", "boom")
    assert (t.reports, t.failed, t.year_right, t.agency_right, t.templates_right) == (1, 1, 0, 0, 0)
    assert counts(score) == (1, 0, 0, 1, 0)


# --- groups --------------------------------------------------------------------------------------


def test_groups_per_format_and_template() -> None:
    templates = {"requests": "2021", "review_litigation": "2021"}
    expected_2021 = parse_expected(
        {
            "file": "b.pdf",
            "agency": "某某局",
            "year": 2019,
            "templates": templates,
            "cells": {"requests/granted/total": 1, "review_litigation/admin_review/total": 2},
        }
    )
    pdf = compare_report(
        make_report({"requests/granted/total": 1}, templates=templates), expected_2021, fmt="pdf", seconds=3.0
    )
    text = compare_report(
        make_report({"requests/granted/total": 4}),
        make_expected({"requests/granted/total": 4}),
        fmt="text",
        seconds=1.0,
    )
    result = aggregate((pdf, text))
    assert [g for g, _ in result.groups] == [
        "overall",
        "format.pdf",
        "format.text",
        "template.2019",
        "template.2021",
    ]
    metrics = result.metrics()
    assert metrics["overall.cells_expected"] == 3
    assert metrics["overall.cell_accuracy"] == pytest.approx(2 / 3)
    assert metrics["overall.seconds_per_report"] == 2.0
    assert metrics["format.pdf.cell_accuracy"] == 0.5
    assert metrics["template.2021.cells_missed"] == 1
    assert metrics["template.2021.tables"] == 2
    assert metrics["template.2019.cell_accuracy"] == 1.0
    assert "template.2019.year_accuracy" not in metrics  # report-level metrics stay out of template groups


# --- floor ---------------------------------------------------------------------------------------


def test_floor_check_passes_and_fails() -> None:
    metrics = {"overall.cell_accuracy": 0.995, "format.pdf.cell_accuracy": 0.98}
    checks = check_floor({"overall.cell_accuracy": 0.99, "format.pdf.cell_accuracy": 0.98}, metrics)
    assert all(c.ok for c in checks)
    checks = check_floor({"overall.cell_accuracy": 0.99, "format.pdf.cell_accuracy": 0.981}, metrics)
    assert [(c.name, c.ok) for c in checks] == [
        ("format.pdf.cell_accuracy", False),
        ("overall.cell_accuracy", True),
    ]


def test_floor_of_unmeasured_metric_fails() -> None:
    (check,) = check_floor({"format.doc.cell_accuracy": 0.5}, {"overall.cell_accuracy": 1.0})
    assert (check.value, check.ok) == (None, False)


def test_update_never_lowers() -> None:
    floor = {"overall.cell_accuracy": 0.99, "format.pdf.cell_accuracy": 0.9, "format.doc.cell_accuracy": 0.8}
    metrics = {
        "overall.cell_accuracy": 0.98,  # below: kept at 0.99
        "format.pdf.cell_accuracy": 0.9567,  # above: rises to 0.956
        "format.html.findings_recall": 1.0,  # new: added
        "overall.cells_missed": 7,  # not a floor metric
        "template.unknown.cell_precision": 0.0,  # unstable group
    }
    new, rises = raise_floor(floor, metrics)
    assert new == {
        "overall.cell_accuracy": 0.99,
        "format.pdf.cell_accuracy": 0.956,
        "format.doc.cell_accuracy": 0.8,  # not measured: kept
        "format.html.findings_recall": 1.0,
    }
    assert rises == (("format.html.findings_recall", None, 1.0), ("format.pdf.cell_accuracy", 0.9, 0.956))


def test_floor_down_is_exact() -> None:
    assert [floor_down(v) for v in (0.57, 0.9999, 1.0, 0.0, 2 / 3)] == [0.57, 0.999, 1.0, 0.0, 0.666]


def test_load_floor_rejects_unknown_metric(tmp_path: Path) -> None:
    path = tmp_path / "floor.json"
    path.write_text(json.dumps({"overall.cells_missed": 3}), encoding="utf-8")
    with pytest.raises(BenchInputError, match="cells_missed"):
        load_floor(path)


# --- samples and running -------------------------------------------------------------------------


def write_sample(folder: Path, name: str, text: str, expected: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / name
    report.write_text(text, encoding="utf-8")
    (folder / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    return report


def test_parse_expected_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="not a number or null"):
        parse_expected({"cells": {"requests/granted/total": "5"}})
    with pytest.raises(ValueError, match="not a table/row/column key"):
        parse_expected({"cells": {"granted/total": 5}})


def test_find_samples(tmp_path: Path) -> None:
    write_sample(tmp_path / "a" / "b", "r.html", "<p>x</p>", {"file": "r.html", "cells": {}})
    write_sample(tmp_path, "s.md", "x", {"file": "s.md", "year": 2021})
    (tmp_path / "no_expected.pdf").write_bytes(b"%PDF")
    samples = find_samples([tmp_path])
    assert [(s.report.name, s.format) for s in samples] == [("r.html", "html"), ("s.md", "text")]
    assert samples[1].expected.year == 2021


def test_find_samples_reports_every_bad_expected_file(tmp_path: Path) -> None:
    (tmp_path / "gone.pdf.expected.json").write_text("{}", encoding="utf-8")
    write_sample(tmp_path, "bad.txt", "x", {"year": "2019"})
    with pytest.raises(BenchInputError) as err:
        find_samples([tmp_path])
    assert "gone.pdf is missing" in str(err.value) and "'year' is not a whole number" in str(err.value)


def test_one_bad_file_never_stops_the_benchmark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(tmp_path, "empty.txt", "", {"file": "empty.txt", "cells": {"requests/granted/total": 1}})
    write_sample(tmp_path, "crash.txt", "x", {"file": "crash.txt"})

    real_extract = bench_run.read

    def extract(path: Path) -> Report:
        if path.name == "crash.txt":
            raise RuntimeError("reader bug")
        return real_extract(path)  # the empty file raises UnreadableFile, an OgiError

    monkeypatch.setattr(bench_run, "read", extract)
    result = run_benchmark([tmp_path])
    assert [(Path(s.path).name, s.error_type) for s in result.scores] == [
        ("crash.txt", "RuntimeError"),
        ("empty.txt", "UnreadableFile"),
    ]
    assert result.metrics()["overall.failed"] == 2
    assert result.metrics()["overall.cells_missed"] == 1


def test_run_sample_scores_an_empty_file_as_failed(tmp_path: Path) -> None:
    write_sample(tmp_path, "empty.txt", "", {"file": "empty.txt", "year": 2019})
    (sample,) = find_samples([tmp_path])
    score = run_sample(sample)
    assert (score.error_type, score.total.failed, score.total.year_right) == ("UnreadableFile", 1, 0)


# --- the command ---------------------------------------------------------------------------------


def bench_app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps ``bench`` a subcommand
    return app


def test_command_checks_and_raises_the_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(
        tmp_path / "s",
        "r.txt",
        "x",
        {
            "file": "r.txt",
            "year": 2019,
            "agency": "某某局",
            "templates": TEMPLATES_2019,
            "cells": {"requests/granted/total": 5, "requests/other/total": 1},
        },
    )
    monkeypatch.setattr(bench_run, "read", lambda p: make_report({"requests/granted/total": 5}))
    floor = tmp_path / "floor.json"
    floor.write_text(json.dumps({"overall.cell_accuracy": 0.6, "overall.year_accuracy": 0.9}), encoding="utf-8")
    runner = CliRunner()
    args = ["bench", str(tmp_path / "s"), "--floor", str(floor)]

    below = runner.invoke(bench_app(), [*args, "--check-floor", "--details"])
    assert below.exit_code == 1, below.output
    assert "below floor: overall.cell_accuracy = 0.5000 < 0.6" in below.output
    assert "missed" in below.output and "requests/other/total" in below.output

    raised = runner.invoke(bench_app(), [*args, "--update-floor", "--json", str(tmp_path / "b.json")])
    assert raised.exit_code == 0, raised.output
    new = json.loads(floor.read_text(encoding="utf-8"))
    assert new["overall.cell_accuracy"] == 0.6 and new["overall.year_accuracy"] == 1.0
    assert new["format.text.cell_accuracy"] == 0.5 and new["template.2019.cell_accuracy"] == 0.5
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["metrics"]["overall.cells_missed"] == 1

    floor.write_text(json.dumps({"overall.cell_accuracy": 0.5}), encoding="utf-8")
    assert runner.invoke(bench_app(), [*args, "--check-floor"]).exit_code == 0


def test_command_without_samples_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(bench_app(), ["bench", str(tmp_path)])
    assert result.exit_code == 2
    assert "no expected-value files" in result.output


# --- the floor on the repository's samples (what CI enforces) ------------------------------------


FLOOR = load_floor(FLOOR_FILE)


@pytest.fixture(scope="module")
def samples_result() -> BenchResult:
    return run_benchmark([SAMPLES])


def test_floor_file_is_set() -> None:
    assert "overall.cell_accuracy" in FLOOR


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_samples_hold_the_floor(samples_result: BenchResult, name: str) -> None:
    (check,) = check_floor({name: FLOOR[name]}, samples_result.metrics())
    assert check.ok, f"{name} = {check.value} is below its floor {check.floor}"
