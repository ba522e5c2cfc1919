"""Fixtures: a fresh store (fast test KDF) and the case and disclosure services on a fixed day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.identity import IdentityNumber, missing, parse_number
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.services.case_views import PersonInput
from oro_desktop.services.cases import CaseService
from oro_desktop.services.disclosures import DisclosureService, Party
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

ADMIN, PASSWORD = "admin", "korrekt-häst-batteri"
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 0)  # a Monday, office hours


def pnr(text: str) -> IdentityNumber:
    return parse_number(text, TODAY)


def person(name: str, number: str | None = None, **more) -> PersonInput:
    identity = pnr(number) if number else missing("Ej folkbokförd")
    return PersonInput(name=name, identity=identity, **more)


# Skatteverket's test series (individual numbers 980-999): Luhn-valid and fictitious.
PREGNANT = ("Tova Testsson", "19850312-9804")
PARTNER = ("Kim Testsson", "19850312-9820")
PARENT_A = ("Alva Provare", "19880101-9905")
PARENT_B = ("Bo Provare", "19880101-9921")
BABY = ("Nova Provare", "20260220-9807")


@pytest.fixture
def session(tmp_path: Path):
    s, _key = Session.create(tmp_path / "oro.db", ADMIN, PASSWORD, kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def guidance() -> GuidanceService:
    return GuidanceService(resources_dir())


@pytest.fixture
def cases(session, guidance) -> CaseService:
    return CaseService(session, guidance, FormLibrary(forms_dir()), today=lambda: TODAY,
                       now=lambda: NOW)


@pytest.fixture
def disclosures(session, guidance) -> DisclosureService:
    return DisclosureService(session, guidance, FormLibrary(forms_dir()), today=lambda: TODAY)


def public(name: str, kind: str) -> Party:
    return Party(name, kind, True)


def private(name: str, kind: str) -> Party:
    return Party(name, kind, False)
