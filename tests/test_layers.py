"""The core stays pure: no module under oro_desktop/core imports Qt, SQL or reportlab."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "oro_desktop" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "sqlite3", "sqlcipher3", "sqlite_utils", "reportlab")


def _imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_core_has_modules() -> None:
    assert _core_files(), "oro_desktop/core has no modules"


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_nothing_forbidden(path: Path) -> None:
    bad = sorted(
        name
        for name in _imported_modules(path.read_text(encoding="utf-8"))
        if name.split(".")[0] in FORBIDDEN
    )
    assert not bad, f"{path} imports {bad}; core/ must stay free of Qt, SQL and reportlab"


def test_checker_catches_a_forbidden_import() -> None:
    assert "sqlite3" in _imported_modules("import sqlite3\n")
    assert "PySide6.QtCore" in _imported_modules("from PySide6.QtCore import QObject\n")
