"""Helpers for the form-engine tests: write small definitions to a temp dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FORMS_DIR = ROOT / "forms"
FONTS_DIR = ROOT / "resources" / "fonts"


def minimal(**overrides: Any) -> dict[str, Any]:
    """A small valid definition (as a dict) to break in one place per test."""
    doc: dict[str, Any] = {
        "id": "testform",
        "version": 1,
        "title": "Testformulär",
        "source": {"guideline": "Testriktlinje", "appendix": "Bilaga 9"},
        "sections": [
            {
                "id": "allmant",
                "title": "Allmänt",
                "fields": [
                    {"id": "namn", "type": "text", "label": "Namn", "required": True},
                    {"id": "val", "type": "choice", "label": "Val",
                     "choices": [{"value": "a", "label": "A"}, "b"]},
                ],
            }
        ],
    }
    doc.update(overrides)
    return doc


@pytest.fixture
def write_form(tmp_path: Path):
    """write_form(doc, name=None) -> Path of <id>.v<version>.yaml in tmp_path."""

    def _write(doc: Any, name: str | None = None) -> Path:
        if name is None:
            name = f"{doc['id']}.v{doc['version']}.yaml"
        path = tmp_path / name
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return _write
