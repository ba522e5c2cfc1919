"""The CLI talks to services only: no module under oro_desktop/cli imports the store or pdf."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "oro_desktop" / "cli"
FORBIDDEN = ("oro_desktop.store", "oro_desktop.pdf")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


@pytest.mark.parametrize("path", sorted(CLI.rglob("*.py")), ids=lambda p: p.name)
def test_cli_module_imports_no_store_or_pdf(path: Path) -> None:
    bad = sorted(n for n in _imports(path) if n.startswith(FORBIDDEN) or n in (
        "oro_desktop.store", "oro_desktop.pdf"))
    assert not bad, f"{path.name} imports {bad}; go through oro_desktop.services"
