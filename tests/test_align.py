"""The alignment engine: identities settle run-together digits only where exactly one reading fits."""

from __future__ import annotations

import doctest

import pytest

from ogi.normalize import align, flattened, metadata, review_table, rows
from ogi.normalize.align import COLS7, Run, settle
from ogi.normalize.flattened import split_readings
from ogi.normalize.identities import requests_failures, requests_identities
from ogi.schemas import Report


def _row(key: str) -> tuple[tuple[str, str], ...]:
    return tuple((key, c) for c in COLS7)


def test_doctests() -> None:
    for module in (align, flattened, metadata, review_table, rows):
        assert doctest.testmod(module).failed == 0


def test_signed_and_decimal_pieces() -> None:
    assert split_readings("35-15", 2) == (("35", "-15"),)
    assert ("3", "5", "-15") in split_readings("35-15", 3)
    assert all(not p.startswith(".") for r in split_readings("1432.52", 2) for p in r)
    assert split_readings("0-0", 2) == ()  # -0 is no printed number


def test_h3_settles_a_row() -> None:
    run = Run(_row("new_received"), split_readings("230 000023", 7))
    assert len(run.readings) == 3
    [out] = settle([run], {}, local=lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"])
    assert out.values == ("23", "0", "0", "0", "0", "0", "23")
    assert out.by_identity == (True, True, False, False, False, True, True)


def test_published_break_is_never_mended() -> None:
    """No reading of the row satisfies H3: the constraint is dropped, the differing cells stay open."""
    run = Run(_row("granted"), split_readings("120000 99", 7))
    h3 = lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"]  # noqa: E731
    assert len(run.readings) > 1 and all(h3(dict(zip(run.keys, map(int, r), strict=True))) for r in run.readings)
    [out] = settle([run], {}, local=h3)
    assert out.remaining == run.readings
    assert out.values[0] is None and out.values[2] == "0"


def test_column_sums_settle_what_the_row_cannot() -> None:
    """H3 holds for both readings of total_processed; H2 (the result rows) picks one."""
    fixed = {("granted", c): v for c, v in zip(COLS7, (4, 1, 0, 0, 0, 0, 5), strict=True)}
    fixed |= {(r, c): 0 for r in ("new_received", "carried_over", "carried_forward") for c in COLS7}
    fixed |= {("new_received", c): v for c, v in zip(COLS7, (4, 1, 0, 0, 0, 0, 5), strict=True)}
    readings = (("4", "1", "0", "0", "0", "0", "5"), ("1", "4", "0", "0", "0", "0", "5"))
    run = Run(_row("total_processed"), readings)
    [out] = settle([run], fixed, local=lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"],
                   joint=lambda g: requests_failures(g, "2019"))
    assert out.values == readings[0]
    assert out.by_identity[:2] == (True, True)


def test_two_readings_that_both_fit_stay_open() -> None:
    readings = (("4", "1", "0", "0", "0", "0", "5"), ("1", "4", "0", "0", "0", "0", "5"))
    [out] = settle([Run(_row("granted"), readings)], {},
                   local=lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"])
    assert out.values[:2] == (None, None) and out.remaining == readings


def _two_open_runs() -> tuple[list[Run], dict[tuple[str, str], int]]:
    """granted and total_processed each read two ways, H3 holds for all four; H1 fixes total_processed
    (the result rows H2 needs are not all placed, so nothing fixes granted)."""
    fixed = {(r, c): 0 for r in ("carried_over", "carried_forward") for c in COLS7}
    fixed |= {("new_received", c): v for c, v in zip(COLS7, (4, 1, 0, 0, 0, 0, 5), strict=True)}
    readings = (("4", "1", "0", "0", "0", "0", "5"), ("1", "4", "0", "0", "0", "0", "5"))
    return [Run(_row("granted"), readings), Run(_row("total_processed"), readings)], fixed


def test_equations_settle_tables_with_too_many_combinations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align, "MAX_COMBINATIONS", 1)  # as if the open runs were too many to try
    monkeypatch.setattr(align, "MAX_NODES", 1)
    runs, fixed = _two_open_runs()
    checks = {"local": lambda g: [f for f in requests_failures(g, "2019") if f.code == "H3"],
              "joint": lambda g: requests_failures(g, "2019")}
    assert all(out.values[0] is None for out in settle(runs, fixed, **checks))
    rows = {r for r, _ in fixed} | {"granted", "total_processed"}
    equations = [(lhs, rhs) for _, _, lhs, rhs in requests_identities(rows, "2019")]
    granted, total = settle(runs, fixed, equations=equations, **checks)
    assert total.values == runs[1].readings[0] and total.by_identity[:2] == (True, True)
    assert granted.values[:2] == (None, None) and granted.remaining == runs[0].readings


def test_equations_a_published_table_breaks_prune_nothing() -> None:
    runs, fixed = _two_open_runs()
    fixed[("new_received", "total")] = 6  # H1 for total cannot hold: 6 != 5
    rows = {r for r, _ in fixed} | {"granted", "total_processed"}
    equations = [(lhs, rhs) for _, _, lhs, rhs in requests_identities(rows, "2019")]
    options = [r.readings for r in runs]
    assert align.propagate(runs, options, fixed, equations) == options


def _raw_table(sample: str) -> tuple[Report, dict[str, object]]:
    """The report of a pdftotext -raw excerpt of a generated report's table 三 (tests/fixtures/converters,
    real tool output) and the generated report's expected cells."""
    import json
    from pathlib import Path

    from ogi.extract.text import text_to_document
    from ogi.normalize.pipeline import document_to_report

    root = Path(__file__).resolve().parent
    name = sample.split("_")[0]
    text = (root / "fixtures" / "converters" / f"pdftotext_raw_requests_{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((root.parent / "samples" / "generated" / f"{sample}.docx.expected.json").read_text(
        encoding="utf-8"))["cells"]
    return document_to_report(text_to_document(text, "t.txt")), expected


def test_pdftotext_raw_blank_cells_printed_as_nothing() -> None:
    """pdftotext -raw of gen021_2023.docx's table 三 (real tool output) prints a row's blank cells as
    nothing: ``(二)部分公开 … １ １`` for seven cells. Every placement of the printed numbers is tried;
    H3 fixes the totals, the rest stays open with its readings (a finding per cell), and nothing is wrong."""
    report, expected = _raw_table("gen021_2023")
    by_identity = {c.key: c.value for c in report.cells if c.table == "requests" and c.placed_by == "identity"}
    assert by_identity == {"requests/new_received/total": 17, "requests/granted/total": 8,
                           "requests/partially_granted/total": 1, "requests/unable_not_held/total": 3,
                           "requests/denied_internal_affairs/total": 1,
                           "requests/not_processed_publication/total": 1, "requests/other_no_correction/total": 2,
                           "requests/total_processed/total": 17}
    assert all(expected[c.key] == c.value for c in report.cells if c.table == "requests")
    # rows printed as their label alone are rows of blank cells, all seven though no row prints seven numbers;
    # the four of them next to the page break are read since the page's foot and repeated titles are furniture,
    # and 四、结转… printed alone after the last number line
    blank = {c.row for c in report.cells if c.table == "requests" and c.column == "total" and c.value is None}
    assert blank == {"carried_over", "denied_state_secret", "denied_law_prohibited", "denied_security_stability",
                     "denied_third_party_rights", "denied_process_info", "denied_enforcement_file",
                     "denied_admin_query", "unable_needs_creation", "unable_unclear", "not_processed_petition",
                     "not_processed_duplicate", "not_processed_excessive", "not_processed_confirmation",
                     "other_fee_unpaid", "carried_forward"}
    assert len([c for c in report.cells if c.table == "requests" and c.row in blank]) == 7 * len(blank)
    open_cells = [f.cells[0] for f in report.findings if f.code == "unplaced_value"]
    assert len(open_cells) == 55 and "requests/new_received/natural_person" in open_cells
    assert not {c.key for c in report.cells} & set(open_cells)


def test_pdftotext_raw_rows_of_blank_cells_printed_as_their_label() -> None:
    """pdftotext -raw of gen001_2022.docx's table 三 (real tool output) prints a row of blank cells as its
    label alone (``(1)属于国家秘密`` then ``(2)…``), maybe wrapped (``(2)没有现成信息需要另行`` / ``制作``), and
    a group heading the same way (``(三)不`` / ``予公开`` then ``(1)…``). The rows are blank cells, the heading
    is not a row; with them known the identities settle more: only the five ``１ １`` rows whose two numbers
    could be either of two applicant columns stay open, and nothing is wrong."""
    report, expected = _raw_table("gen001_2022")
    cells = {c.key: c.value for c in report.cells if c.table == "requests"}
    assert len(cells) == 165 and all(expected[k] == v for k, v in cells.items())
    blank_rows = ("carried_over", "denied_state_secret", "denied_security_stability", "denied_third_party_rights",
                  "denied_enforcement_file", "unable_needs_creation", "not_processed_publication",
                  "not_processed_confirmation")
    assert all(cells[f"requests/{row}/total"] is None for row in blank_rows)
    open_cells = {f.cells[0] for f in report.findings if f.code == "unplaced_value"}
    assert len(open_cells) == 10 and not open_cells & set(cells)


def test_pdftotext_raw_table_goes_on_over_rows_of_blank_cells() -> None:
    """pdftotext -raw of gen025_2022.docx's table 三 (real tool output): after ``4、保护第三方合法权益 1 1`` come
    nine lines of labels without numbers (blank rows ``5、…`` to ``8、…``, a wrapped group heading) before the
    next number line. A numbered label is a row of blank cells there, so the table does not end at the
    header gap: every cell it places is right, the open ones are findings. Its row ``3、其他 ２`` (one number,
    six blank cells) is a row of the table too, not its end: the rows after it (（七）总计, 四、结转…) are read,
    and so is the blank row 二、上年结转… after the page break that follows the first row (the repeated titles
    there are page furniture), and the blank 四、结转… after the last number line."""
    report, expected = _raw_table("gen025_2022")
    cells = {c.key: c.value for c in report.cells if c.table == "requests"}
    assert len(cells) == 138 and all(expected[k] == v for k, v in cells.items())
    assert cells["requests/denied_admin_query/total"] is None  # a blank row in the gap
    open_cells = {f.cells[0] for f in report.findings if f.code == "unplaced_value"}
    assert len(open_cells) == 37 and not open_cells & set(cells)


def test_pdftotext_raw_open_runs_searched_jointly() -> None:
    """pdftotext -raw of gen036_2021.docx's table 三 (real tool output): five rows print their numbers without
    their blank cells (``（二）部分公开 … １ １`` for seven cells), each read many ways. Together they have
    470,400 combinations, too many to try one by one; the joint search over them, pruned by the column sums,
    finds the 40 that keep every identity, and in all of them 部分公开's 法律服务机构 and 其他 are blank: those
    two cells are emitted (by identity), the rest stays open, and nothing is wrong."""
    report, expected = _raw_table("gen036_2021")
    cells = {c.key: c.value for c in report.cells if c.table == "requests"}
    assert len(cells) == 147 and all(expected[k] == v for k, v in cells.items())
    by_identity = {c.key: c.value for c in report.cells if c.table == "requests" and c.placed_by == "identity"}
    assert by_identity["requests/partially_granted/legal_service_org"] is None
    assert by_identity["requests/partially_granted/other_org"] is None
    open_cells = {f.cells[0] for f in report.findings if f.code == "unplaced_value"}
    assert len(open_cells) == 28 and not open_cells & set(cells)


def test_h5_drops_negative_counts_per_run() -> None:
    keys = (("coercion", "items_last_year"), ("coercion", "items_change"), ("coercion", "decisions"))
    run = Run(keys, split_readings("48-4831", 3), kinds=("count", "signed", "count"))
    [out] = settle([run], {})
    assert all(not r[2].startswith("-") for r in out.remaining)
    assert ("48", "-48", "31") in out.remaining and ("4", "8", "-4831") not in out.remaining


def test_h5_keeps_a_run_no_reading_of_which_is_valid() -> None:
    run = Run((("r", "a"), ("r", "b")), (("-1", "-2"), ("-12", "")))
    [out] = settle([run], {})
    assert out.remaining == run.readings  # the published numbers break H5: reported, never mended


def test_agency_from_a_title_inside_the_flattened_body() -> None:
    head = "首页 政务公开 当前位置：首页 > 政府信息公开年报 宁乡市水利局2024年政府信息公开工作年度报告 发布时间：2025-01-10"
    assert metadata.body_title_agency([head]) == ("宁乡市水利局", 2024)
    assert metadata.body_title_agency(["按照2024年政府信息公开工作年度报告格式要求编制"]) == (None, None)
