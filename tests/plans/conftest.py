"""Shared fixtures of the plan tests: the shipped plan forms, their examples, guidelines."""

from __future__ import annotations

import json
from datetime import date
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


# -- a store with cases, for the plan service --------------------------------------------
class Clock:
    """A settable day: the follow-up reminder is tested at fixed dates."""

    def __init__(self, today):
        self.today = today

    def __call__(self):
        return self.today


STORE_TODAY = date(2026, 12, 1)  # after the examples' meetings, before their follow-up


@pytest.fixture
def clock() -> Clock:
    return Clock(STORE_TODAY)


@pytest.fixture
def store_session(tmp_path: Path):
    from oro_desktop.services.session import Session
    from oro_desktop.store.kdf import FAST_INSECURE

    s, _key = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri",
                             kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def services(store_session, clock):
    from oro_desktop.services.services import Services

    return Services(store_session, today=clock)
