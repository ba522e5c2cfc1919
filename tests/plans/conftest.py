"""Shared fixtures of the plan tests: the shipped plan forms, their examples, guidelines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oro_desktop.core.forms import FormDefinition, FormLibrary
from oro_desktop.core.guidance import Guideline, load_guidelines, load_references

ROOT = Path(__file__).resolve().parents[2]
FORMS_DIR = ROOT / "forms"
FONTS_DIR = ROOT / "resources" / "fonts"
PLAN_FORMS = ("samordnad-plan-vantat-barn", "barnets-plan")


def example(form_id: str) -> dict[str, Any]:
    return json.loads((FORMS_DIR / "examples" / f"{form_id}.v1.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def library() -> FormLibrary:
    return FormLibrary(FORMS_DIR)


@pytest.fixture
def definition(library: FormLibrary, request: pytest.FixtureRequest) -> FormDefinition:
    return library.get(request.param)


@pytest.fixture(scope="session")
def guidelines() -> dict[str, Guideline]:
    refs = load_references(ROOT / "resources" / "legal" / "references.yaml")
    return load_guidelines(ROOT / "resources" / "guidelines", refs)
