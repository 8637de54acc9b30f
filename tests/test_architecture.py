"""The import direction schemas ← extract ← normalize ← ogi, checked by walking imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ALLOWED = {
    "schemas": {"schemas"},
    "extract": {"schemas", "extract"},
    "normalize": {"schemas", "normalize"},
    "generate": {"schemas", "generate"},
}
PROJECT = {"schemas", "extract", "normalize", "ogi", "generate"}
IO_LIBS = {"pdfplumber", "pypdfium2", "docx", "lxml", "pdfminer"}


def _stage(module: str) -> str:
    """The top-level name an import reaches: ``ogi.extract.pdf`` -> ``extract``, ``ogi.api`` -> ``ogi``."""
    parts = module.split(".")
    if parts[0] == "ogi" and len(parts) > 1 and parts[1] in PROJECT:
        return parts[1]
    return parts[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {_stage(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(_stage(node.module))
    return names


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_one_import_namespace() -> None:
    """Every project import goes through ``ogi.``: no module imports a bare ``schemas``/``extract``/... ."""
    bare = PROJECT - {"ogi"}
    for folder in (*sorted(PROJECT), "tests", "benchmarks"):
        for path in (REPO / folder).rglob("*.py"):
            assert not _top_level_imports(path) & bare, f"{path} imports {_top_level_imports(path) & bare}"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_import_direction(package: str) -> None:
    for path in (REPO / package).rglob("*.py"):
        project_imports = _imports(path) & PROJECT
        assert project_imports <= ALLOWED[package], f"{path} imports {project_imports - ALLOWED[package]}"


def test_only_extract_reads_file_formats_and_only_normalize_matches() -> None:
    for package in ("schemas", "normalize", "ogi"):
        for path in (REPO / package).rglob("*.py"):
            assert not _imports(path) & IO_LIBS, f"{path} imports a format library"
    for package in ("schemas", "extract", "ogi"):
        for path in (REPO / package).rglob("*.py"):
            assert "rapidfuzz" not in _imports(path), f"{path} imports rapidfuzz"


def test_nothing_after_extract_branches_on_format() -> None:
    for path in (REPO / "normalize").rglob("*.py"):
        assert ".format ==" not in path.read_text(encoding="utf-8"), path
