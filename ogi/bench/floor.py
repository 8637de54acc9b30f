"""The accuracy floor: a JSON object of ``"<group>.<metric>": minimum`` that CI enforces.

Only ratios where higher is better can have a floor (:data:`FLOOR_METRICS`). The floor only ever
rises: :func:`raise_floor` lifts each floor to the current value rounded down to 3 decimals and
never lowers one::

    >>> raise_floor({"overall.cell_accuracy": 0.99}, {"overall.cell_accuracy": 0.98765})
    ({'overall.cell_accuracy': 0.99}, ())
    >>> raise_floor({}, {"overall.cell_accuracy": 0.98765})[0]
    {'overall.cell_accuracy': 0.987}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from ogi.bench.samples import BenchInputError

FLOOR_METRICS = (
    "cell_accuracy",
    "nonzero_cell_accuracy",
    "wrong_flagged_rate",
    "cell_precision",
    "findings_precision",
    "findings_recall",
    "unplaced_rows_accuracy",
    "year_accuracy",
    "agency_accuracy",
    "template_accuracy",
)
# Groups that come and go with the extractor's mistakes get no floor of their own.
UNSTABLE_GROUPS = ("template.unknown",)


@dataclass(frozen=True)
class FloorCheck:
    name: str
    floor: float
    value: float | None  # None: the metric was not measured (its group has no samples)

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value >= self.floor


def floor_down(value: float) -> float:
    """Round down to 3 decimals, exactly: ``floor_down(0.57) == 0.57`` (not 0.569)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR))


def metric_of(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def load_floor(path: Path) -> dict[str, float]:
    """Read and validate a floor file; a missing file is an empty floor."""
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise BenchInputError(f"{path}: not JSON ({err})") from None
    if not isinstance(raw, Mapping):
        raise BenchInputError(f"{path}: not a JSON object")
    floor: dict[str, float] = {}
    for name, value in raw.items():
        if metric_of(name) not in FLOOR_METRICS or "." not in name:
            raise BenchInputError(f"{path}: {name!r} is not <group>.<one of {', '.join(FLOOR_METRICS)}>")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise BenchInputError(f"{path}: {name!r} has {value!r}, not a number from 0 to 1")
        floor[name] = float(value)
    return floor


def write_floor(path: Path, floor: Mapping[str, float]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(sorted(floor.items())), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def check_floor(floor: Mapping[str, float], metrics: Mapping[str, float | int]) -> tuple[FloorCheck, ...]:
    """One check per floor entry, in name order; a floor whose metric was not measured fails."""
    return tuple(
        FloorCheck(name, minimum, None if name not in metrics else float(metrics[name]))
        for name, minimum in sorted(floor.items())
    )


def raise_floor(
    floor: Mapping[str, float], metrics: Mapping[str, float | int]
) -> tuple[dict[str, float], tuple[tuple[str, float | None, float], ...]]:
    """The new floor and what rose ``(name, old or None if new, new)``; nothing is ever lowered."""
    new = dict(floor)
    rises: list[tuple[str, float | None, float]] = []
    for name, value in sorted(metrics.items()):
        group = name.rsplit(".", 1)[0]
        if metric_of(name) not in FLOOR_METRICS or group in UNSTABLE_GROUPS:
            continue
        candidate = floor_down(float(value))
        old = new.get(name)
        if old is None or candidate > old:
            new[name] = candidate
            rises.append((name, old, candidate))
    return new, tuple(rises)
