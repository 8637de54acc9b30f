"""Guards the hand-checked expected values of the real samples (``samples/real/*.expected.json``).

These files are the ground truth the product is measured against, so they are checked against the
catalogue and against themselves: every key exists for the declared template version, values are
numbers or null, notes sit only on nulls, and the ``findings`` lists equal the identities H1–H4
recomputed from the cells.

Identity convention (the house one, as in ``normalize/identities.py``), recomputed here independently:

* a null cell (blank or not applicable) counts as 0 — agencies often leave zeros blank;
* an identity instance is not checked when a cell it names is absent from ``cells`` (garbled
  samples leave illegible cells out);
* an instance one side of which is entirely null (a 总计 left blank beside filled-in parts) is not an
  identity failure but a ``blank_totals`` entry: the report did not state the number;
* a culprit is a cell shared by a failing H3 row and a failing H1/H2 column for which both
  failures give the same corrected value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from ogi.schemas import load_catalogue

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"
EXPECTED = sorted(REAL.glob("*.expected.json"))
SAMPLES = sorted(
    p for p in REAL.iterdir() if not p.name.endswith(".expected.json") and p.name != "PROVENANCE.tsv"
)
TABLES = ("active_disclosure", "requests", "review_litigation")
NOTES = {"blank", "not_applicable"}
TOP_KEYS = {"file", "agency", "year", "templates", "cells", "notes", "findings", "unplaced_rows"}

Cells = Mapping[str, float | int | None]
H1_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _ids(paths: Iterable[Path]) -> list[str]:
    return [p.name.removesuffix(".expected.json") for p in paths]


# --- identities, recomputed independently of normalize/ -------------------------------------------

def _requests_rows(version: str) -> tuple[str, ...]:
    return tuple(r.key for r in load_catalogue().table("requests").version(version).rows)


def _result_rows(cells: Cells, version: str) -> list[str]:
    """The rows H2 sums: granted … the （六） rows.

    A 2021 table may print （六）其他处理 as one row: its key is then ``other``, as in 2019.
    """
    rows = list(_requests_rows(version))
    results = rows[rows.index("granted") : rows.index("total_processed")]
    if version == "2021" and any(k.startswith("requests/other/") for k in cells):
        results = [r for r in results if not r.startswith("other_")] + ["other"]
    return results


Failure = tuple[str, list[str], list[str]]  # "H3:granted", lhs cell keys, rhs cell keys


def _sum(cells: Cells, keys: list[str]) -> float:
    return sum(float(cells[k] or 0) for k in keys)


def _check(cells: Cells, name: str, lhs: list[str], rhs: list[str], out: list[Failure]) -> None:
    if any(k not in cells for k in lhs + rhs):
        return
    if abs(_sum(cells, lhs) - _sum(cells, rhs)) > 1e-9:
        out.append((name, lhs, rhs))


def _solve(cells: Cells, failure: Failure, key: str) -> float:
    """The value of ``key`` that makes ``failure`` hold, the other cells as published."""
    _, lhs, rhs = failure
    own = float(cells[key] or 0)
    if key in lhs:
        return _sum(cells, rhs) - (_sum(cells, lhs) - own)
    return _sum(cells, lhs) - (_sum(cells, rhs) - own)


def _all_failures(cells: Cells, requests_version: str) -> list[Failure]:
    cat = load_catalogue()
    columns = [c.key for c in cat.table("requests").version(requests_version).columns]
    applicants = [c for c in columns if c != "total"]
    results = _result_rows(cells, requests_version)
    fl: list[Failure] = []
    for c in columns:
        k = [f"requests/{r}/{c}" for r in H1_ROWS]
        _check(cells, f"H1:{c}", k[:2], k[2:], fl)
    for c in columns:
        parts = [f"requests/{r}/{c}" for r in results]
        _check(cells, f"H2:{c}", [f"requests/total_processed/{c}"], parts, fl)
    for r in ("new_received", "carried_over", *results, "total_processed", "carried_forward"):
        _check(cells, f"H3:{r}", [f"requests/{r}/total"], [f"requests/{r}/{c}" for c in applicants], fl)
    review = cat.table("review_litigation").version(requests_version)
    outcomes = [c.key for c in review.columns if c.key != "total"]
    for p in (r.key for r in review.rows):
        parts = [f"review_litigation/{p}/{o}" for o in outcomes]
        _check(cells, f"H4:{p}", [f"review_litigation/{p}/total"], parts, fl)
    return fl


def _one_side_blank(cells: Cells, failure: Failure) -> bool:
    return any(all(cells[k] is None for k in side) for side in failure[1:])


def compute_blank_totals(cells: Cells, requests_version: str) -> list[str]:
    return [f[0] for f in _all_failures(cells, requests_version) if _one_side_blank(cells, f)]


def compute_findings(cells: Cells, requests_version: str) -> tuple[list[str], list[str]]:
    """Identity failures (blank totals left out) and culprits (blank totals taking part)."""
    fl = _all_failures(cells, requests_version)
    culprits: list[str] = []
    for row_f in (f for f in fl if f[0].startswith("H3:")):
        for col_f in (f for f in fl if f[0][:3] in ("H1:", "H2:")):
            for key in sorted(set(row_f[1] + row_f[2]) & set(col_f[1] + col_f[2])):
                agree = abs(_solve(cells, row_f, key) - _solve(cells, col_f, key)) <= 1e-9
                if agree and key not in culprits:
                    culprits.append(key)
    return [f[0] for f in fl if not _one_side_blank(cells, f)], culprits


# --- the corpus as a whole ------------------------------------------------------------------------

def test_every_sample_has_an_expected_file_and_a_provenance_line() -> None:
    assert [p.name for p in SAMPLES] == [p.name.removesuffix(".expected.json") for p in EXPECTED]
    provenance = (REAL / "PROVENANCE.tsv").read_text(encoding="utf-8").splitlines()
    assert provenance[0].split("\t")[0] == "filename"
    assert sorted(line.split("\t")[0] for line in provenance[1:]) == [p.name for p in SAMPLES]


def test_corpus_is_the_reviewed_one() -> None:
    """Cell counts per file, so that a cell dropped or added by accident shows up in review."""
    counts = {p.name.removesuffix(".expected.json"): len(_load(p)["cells"]) for p in EXPECTED}
    assert counts == {
        "000_ff3c35068f44430d.txt": 198,
        "blank_template_2021_format.docx": 200,
        "r01_huaian_szf_2024.pdf": 200,
        "r05_sh_kewei_2024.md": 200,  # the 10 rows whose labels the converter scattered, placed by row order
        "r07_pingtan_2019.txt": 179,  # new_received settled by H3 (23|0|0|0|0|0|23), 19 table-二 cells undetermined
        "r14_sh_szfbgt_2019.html": 198,
        "r21_pingtan_gwhbgs_2022.txt": 197,  # 3 undetermined (规范性文件 34089)
        "r24_pingtan_jtj_2022.txt": 200,
        "r29_pingtan_xzspj_2020.txt": 196,  # 2 undetermined (行政许可 0494246)
        "r31_pingtan_gaj_2021.txt": 200,
        "r33_pingtan_xzspj_2023.txt": 197,  # 3 undetermined (规范性文件 5416)
    }


# --- each expected file ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXPECTED, ids=_ids(EXPECTED))
def test_shape(path: Path) -> None:
    data = _load(path)
    assert set(data) - {"_comment", "undetermined"} == TOP_KEYS
    # cells the text and the template's constraints cannot settle: each with its candidate values
    for key, candidates in data.get("undetermined", {}).items():
        assert key not in data["cells"] and key.split("/")[0] in TABLES
        assert len(candidates) >= 2 and len(set(candidates)) == len(candidates), key
    assert data["file"] == path.name.removesuffix(".expected.json")
    assert data["agency"] is None or (isinstance(data["agency"], str) and data["agency"])
    assert data["year"] is None or (isinstance(data["year"], int) and 2019 <= data["year"] <= 2030)
    assert set(data["templates"]) <= set(TABLES)
    assert all(v in ("2019", "2021") for v in data["templates"].values())
    assert {"identities", "culprits"} <= set(data["findings"]) <= {"identities", "culprits", "blank_totals"}
    assert isinstance(data["unplaced_rows"], int) and data["unplaced_rows"] >= 0


@pytest.mark.parametrize("path", EXPECTED, ids=_ids(EXPECTED))
def test_every_key_exists_for_the_declared_version(path: Path) -> None:
    data = _load(path)
    cat = load_catalogue()
    for key in data["cells"]:
        table, row, column = key.split("/")
        version = data["templates"][table]
        allowed = set(cat.cell_keys(table, version))
        if table == "requests" and version == "2021":
            # spec: some 2021 tables print （六）其他处理 as one row; its key is then `other`, as in 2019
            allowed |= {("other", c) for c in cat.table("requests").version("2019").row("other").columns}
        assert (row, column) in allowed, f"{key} is not a cell of {table} version {version}"
    rows = {k.split("/")[1] for k in data["cells"] if k.startswith("requests/")}
    assert not ("other" in rows and rows & {"other_no_correction", "other_fee_unpaid", "other_other"})


@pytest.mark.parametrize("path", EXPECTED, ids=_ids(EXPECTED))
def test_values_are_numbers_or_null_of_the_column_kind(path: Path) -> None:
    data = _load(path)
    cat = load_catalogue()
    for key, value in data["cells"].items():
        if value is None:
            continue
        assert isinstance(value, int | float) and not isinstance(value, bool), key
        table, _, column = key.split("/")
        kind = cat.column_kind(table, data["templates"][table], column)
        if kind == "count":
            assert isinstance(value, int) and value >= 0, key
        elif kind == "signed":
            assert isinstance(value, int), key
        else:
            assert value >= 0, key


@pytest.mark.parametrize("path", EXPECTED, ids=_ids(EXPECTED))
def test_notes_sit_exactly_on_the_nulls(path: Path) -> None:
    data = _load(path)
    nulls = {k for k, v in data["cells"].items() if v is None}
    assert set(data["notes"]) == nulls
    assert set(data["notes"].values()) <= NOTES


@pytest.mark.parametrize("path", EXPECTED, ids=_ids(EXPECTED))
def test_findings_equal_the_identities_recomputed_from_the_cells(path: Path) -> None:
    data = _load(path)
    failures, culprits = compute_findings(data["cells"], data["templates"].get("requests", "2019"))
    assert sorted(data["findings"]["identities"]) == sorted(failures)
    assert sorted(data["findings"]["culprits"]) == sorted(culprits)
    blanks = compute_blank_totals(data["cells"], data["templates"].get("requests", "2019"))
    assert sorted(data["findings"].get("blank_totals", [])) == sorted(blanks)


# --- facts confirmed by eye -----------------------------------------------------------------------

def test_seed_published_values() -> None:
    data = _load(REAL / "000_ff3c35068f44430d.txt.expected.json")
    cells = data["cells"]
    assert data["year"] == 2020
    assert cells["active_disclosure/licensing/items_change"] == -1237
    assert cells["active_disclosure/procurement/procurement_amount"] == 1.795
    assert cells["requests/granted/natural_person"] == 5
    assert cells["requests/granted/total"] == 0
    assert set(data["findings"]["identities"]) == {"H3:granted", "H2:total"}
    assert data["findings"]["culprits"] == ["requests/granted/total"]


def test_blank_template_has_every_2021_cell_blank() -> None:
    data = _load(REAL / "blank_template_2021_format.docx.expected.json")
    cat = load_catalogue()
    assert data["templates"] == dict.fromkeys(TABLES, "2021")
    assert (data["agency"], data["year"]) == (None, None)
    expected = {f"{t}/{r}/{c}" for t in TABLES for r, c in cat.cell_keys(t, "2021")}
    assert set(data["cells"]) == expected
    assert set(data["cells"].values()) == {None}
    assert set(data["notes"].values()) == {"blank"}


def test_identity_check_finds_a_single_mistyped_cell() -> None:
    """The recomputation itself can fail: alter one r01 cell and its row and column checks name it."""
    data = _load(REAL / "r01_huaian_szf_2024.pdf.expected.json")
    cells = dict(data["cells"])
    cells["requests/granted/natural_person"] = 1289
    failures, culprits = compute_findings(cells, "2021")
    assert failures == ["H2:natural_person", "H3:granted"]
    assert culprits == ["requests/granted/natural_person"]


def test_a_total_left_blank_over_filled_parts_is_a_blank_total_not_a_failure() -> None:
    """r14 leaves the total column of the result rows blank: H3 for every result row with numbers, and
    H2:total (whose parts are those blanks), are blank totals; no identity fails and there is no culprit."""
    data = _load(REAL / "r14_sh_szfbgt_2019.html.expected.json")
    failures, culprits = compute_findings(data["cells"], "2019")
    assert (failures, culprits) == ([], [])
    blanks = compute_blank_totals(data["cells"], "2019")
    assert len(blanks) == 12 and "H2:total" in blanks and "H3:granted" in blanks
    cells = dict(data["cells"], **{"requests/granted/total": 0})   # printed 0 instead: a real failure
    assert "H3:granted" in compute_findings(cells, "2019")[0]
