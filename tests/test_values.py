"""The value parser against every convention in the spec's value table."""

import pytest

from ogi.normalize.values import looks_like_value, parse_value


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit", "note"),
    [
        ("0", "count", 0, "", ""),
        ("12", "count", 12, "", ""),
        ("１２", "count", 12, "", ""),
        ("1,234", "count", 1234, "", ""),
        ("１，２３４", "count", 1234, "", ""),
        ("", "count", None, "", "blank"),
        ("\u00a0", "count", None, "", "blank"),
        ("   ", "count", None, "", "blank"),
        ("\u3000", "count", None, "", "blank"),
        ("/", "count", None, "", "not_applicable"),
        ("／", "count", None, "", "not_applicable"),
        ("—", "count", None, "", "not_applicable"),
        ("-", "count", None, "", "not_applicable"),
        ("--", "count", None, "", "not_applicable"),
        ("无", "count", None, "", "not_applicable"),
        ("不适用", "count", None, "", "not_applicable"),
        ("减1237", "signed", -1237, "", ""),
        ("\u3000减1237", "signed", -1237, "", ""),
        ("-8", "signed", -8, "", ""),
        ("增5", "signed", 5, "", ""),
        ("+5", "signed", 5, "", ""),
        ("1.795（万元）", "money", 1.795, "万元", ""),
        ("1.795(万元)", "money", 1.795, "万元", ""),
        ("251000元", "money", 25.1, "元", "converted_from_yuan"),
        ("3件", "count", 3, "件", ""),
        ("0.00", "money", 0.0, "", ""),
        ("12.5", "money", 12.5, "", ""),
    ],
)
def test_parse_value(raw: str, kind: str, value: float | None, unit: str, note: str) -> None:
    parsed = parse_value(raw, kind)  # type: ignore[arg-type]
    assert parsed.ok
    assert parsed.value == value
    assert type(parsed.value) is type(value)
    assert (parsed.unit, parsed.note) == (unit, note)


def test_blank_is_not_the_same_as_not_applicable() -> None:
    assert parse_value("", "count").note == "blank"
    assert parse_value("/", "count").note == "not_applicable"


@pytest.mark.parametrize("raw", ["abc", "总计", "1.2.3", "五"])
def test_unparseable_text_is_reported_not_guessed(raw: str) -> None:
    parsed = parse_value(raw, "count")
    assert not parsed.ok
    assert parsed.value is None
    assert parsed.note == "unparsed"


def test_yuan_is_only_converted_in_money_columns() -> None:
    assert parse_value("251000元", "count").value == 251000


def test_value_cells_are_told_from_labels() -> None:
    assert looks_like_value("12")
    assert looks_like_value("\u00a0")
    assert looks_like_value("—")
    assert not looks_like_value("行政许可")
    assert not looks_like_value("1.属于国家秘密")
