"""Fixtures for the Ärenden GUI tests: a real encrypted store (fast test KDF), the real
service graph, real widgets, and cases written through the real CaseService."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from oro_desktop.core.identity import missing, parse_number
from oro_desktop.services.case_views import PersonInput
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

USER = "anna"
PASSWORD = "korrekt-hast-batteri"


@pytest.fixture
def session(tmp_path: Path):
    s, _key = Session.create(tmp_path / "oro.db", USER, PASSWORD, kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def services(session) -> Services:
    return Services(session)


def who(services: Services, name: str, number: str, **more) -> PersonInput:
    return PersonInput(name=name, identity=parse_number(number, services.cases.today()), **more)


@dataclass
class Seeded:
    newborn: str          # Kronoberg: a newborn, two guardians
    parent_a: str
    parent_b: str
    expected: str         # Jämtland: an expected child, a protected pregnant person
    pregnant: str


@pytest.fixture
def seeded(services) -> Seeded:
    cases = services.cases
    newborn = cases.open("Växjö", guideline_id="kronoberg-nyfott-barn", concerns=["parenting"],
                         child=PersonInput(name="Nyfödd Provare",
                                           identity=missing("Nyfött, ännu ej folkbokfört")),
                         initiator_kind="BVC")
    a = cases.add_person(newborn, "guardian", who(services, "Alva Provare", "19880101-9905"))
    b = cases.add_person(newborn, "guardian", who(services, "Bo Provare", "19880101-9921"))
    due = cases.today().replace(year=cases.today().year + 1, month=3, day=1)
    expected = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                          due_date=due, concerns=["mental"], initiator_kind="barnmorskemottagning")
    p = cases.add_person(expected, "pregnant",
                         who(services, "Tova Testsson", "19850312-9804", protected=True,
                             address="Hemlig gatan 1, 831 00 Östersund"))
    return Seeded(newborn, a, b, expected, p)


def make_cases(qtbot, services):
    from oro_desktop.gui.cases.section import CasesView

    view = CasesView(services, None)
    qtbot.addWidget(view)
    view.resize(1180, 700)
    view.show()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    return view
