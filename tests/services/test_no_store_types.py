"""No store type reaches the GUI or the CLI: the consent and person services hand out
core types and service views only (issue 8)."""

from __future__ import annotations

import ast
import dataclasses
import typing
from pathlib import Path

import pytest

from oro_desktop.services import consent_views, form_versions
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.persons import PersonService

ROOT = Path(__file__).resolve().parents[2] / "oro_desktop"


@pytest.mark.parametrize("package", ["gui", "cli"])
def test_gui_and_cli_import_no_store_repositories(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("oro_desktop.store.repos"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("oro_desktop.store.repos") for a in node.names), path


def _store_types_in(hint: object) -> list[str]:
    found = []
    for arg in typing.get_args(hint) or ():
        found += _store_types_in(arg)
    module = getattr(hint, "__module__", "")
    if module.startswith("oro_desktop.store"):
        found.append(f"{module}.{getattr(hint, '__name__', hint)}")
    return found


def _public_hints():
    for cls in (ConsentService, PersonService, form_versions.FormVersionService):
        for name in dir(cls):
            if not name.startswith("_") and callable(getattr(cls, name)):
                yield f"{cls.__name__}.{name}", typing.get_type_hints(getattr(cls, name)).get("return")
    for module in (consent_views, form_versions):
        for obj in vars(module).values():
            if dataclasses.is_dataclass(obj) and obj.__module__ == module.__name__:
                for key, hint in typing.get_type_hints(obj).items():
                    yield f"{obj.__name__}.{key}", hint


def test_service_results_and_views_hold_no_store_type():
    hints = list(_public_hints())
    assert len(hints) > 30  # the services' methods and every view field were looked at
    bad = [(where, _store_types_in(h)) for where, h in hints if _store_types_in(h)]
    assert bad == []
    # The check itself sees a store type where there is one.
    from oro_desktop.store.repos.consents import ConsentRecord
    assert _store_types_in(list[ConsentRecord | None])
