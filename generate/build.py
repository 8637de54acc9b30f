"""Build a set: plan every report, draw its model, write the file, its expected values and the manifest."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ogi.generate.draw import draw_report
from ogi.generate.expected import expected_json
from ogi.generate.features import feature_tags
from ogi.generate.identities import check
from ogi.generate.model import FORMATS, ReportModel
from ogi.generate.office import DEFAULT_TIMEOUT
from ogi.generate.plan import make_plans
from ogi.generate.write_docx import model_to_docx
from ogi.generate.write_html import model_to_html
from ogi.generate.write_pdf import model_to_pdf
from ogi.generate.write_text import model_to_markdown, model_to_text

WRITERS: dict[str, Callable[[ReportModel], bytes]] = {
    "docx": model_to_docx, "html": model_to_html, "txt": model_to_text, "md": model_to_markdown,
}
GENERATED_NAME = re.compile(r"gen\d{3}_\d{4}\.(docx|pdf|html|txt|md)(\.expected\.json)?")
MANIFEST_HEADER = ("file", "format", "active_disclosure", "requests", "review_litigation", "year", "agency",
                   "identity_failures", "features")


@dataclass(frozen=True)
class Built:
    model: ReportModel
    path: Path
    features: tuple[str, ...]


def write_report(model: ReportModel, out_dir: Path, timeout: float = DEFAULT_TIMEOUT) -> Built:
    """Write one report and its ``.expected.json``."""
    path = out_dir / model.file_name
    split: tuple[str, ...] = ()
    if model.fmt == "pdf":
        split = model_to_pdf(model, path, timeout).split_rows
    else:
        path.write_bytes(WRITERS[model.fmt](model))
    path.with_name(path.name + ".expected.json").write_text(expected_json(model), encoding="utf-8")
    return Built(model, path, feature_tags(model, split))


def _clear(out_dir: Path, formats: set[str]) -> None:
    """Remove earlier generated files of the formats about to be written (nothing else)."""
    for old in out_dir.iterdir():
        m = GENERATED_NAME.fullmatch(old.name)
        if m and m.group(1) in formats:
            old.unlink()


def manifest_tsv(built: Iterable[Built]) -> str:
    lines = ["\t".join(MANIFEST_HEADER)]
    for b in built:
        m = b.model
        failures = ",".join(check(m.table("requests"), m.table("review_litigation")).identities) or "-"
        lines.append("\t".join((m.file_name, m.fmt, *(t.version for t in m.tables), str(m.year), m.agency,
                                failures, ",".join(b.features))))
    return "\n".join(lines) + "\n"


def build_set(out_dir: Path, seed: int, count: int, formats: Iterable[str] = FORMATS,
              timeout: float = DEFAULT_TIMEOUT, log: Callable[[str], None] | None = None) -> list[Built]:
    """Write the reports of ``formats`` among the first ``count`` plans of ``seed``, and MANIFEST.tsv."""
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats: {', '.join(sorted(unknown))} (choose from {', '.join(FORMATS)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear(out_dir, wanted)
    built = []
    for plan in make_plans(seed, count):
        if plan.fmt not in wanted:
            continue
        b = write_report(draw_report(plan), out_dir, timeout)
        built.append(b)
        if log is not None:
            log(f"{b.path.name}\t{','.join(b.features)}")
    (out_dir / "MANIFEST.tsv").write_text(manifest_tsv(built), encoding="utf-8")
    return built


def stderr_log(message: str) -> None:
    print(message, file=sys.stderr)
