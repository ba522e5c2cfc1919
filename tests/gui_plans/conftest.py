"""Fixtures for the plan screens: a real encrypted store (fast test KDF), the real service
graph on a fixed day, and two cases opened through the real CaseService (a Kronoberg
newborn and a Jämtland expected child). Nothing of ours is mocked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from oro_desktop.core.identity import missing, parse_number
from oro_desktop.services.case_views import PersonInput
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

USER = "anna"
PASSWORD = "korrekt-hast-batteri"
TODAY = date(2026, 12, 1)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def session(tmp_path: Path):
    s, _key = Session.create(tmp_path / "oro.db", USER, PASSWORD, kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def services(session) -> Services:
    return Services(session, today=lambda: TODAY)


@dataclass
class Seeded:
    newborn: str
    expected: str


@pytest.fixture
def seeded(services) -> Seeded:
    cases = services.cases
    newborn = cases.open("Växjö", guideline_id="kronoberg-nyfott-barn", concerns=["parenting"],
                         child=PersonInput(name="Nyfödd Provare",
                                           identity=missing("Nyfött, ännu ej folkbokfört")),
                         initiator_kind="BVC")
    for name, number in (("Alva Provare", "19880101-9905"), ("Bo Provare", "19880101-9921")):
        cases.add_person(newborn, "guardian",
                         PersonInput(name=name, identity=parse_number(number, TODAY)))
    expected = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                          due_date=date(2027, 3, 1), concerns=["mental"],
                          initiator_kind="barnmorskemottagning")
    return Seeded(newborn, expected)


def example(form_id: str) -> dict[str, Any]:
    return json.loads((ROOT / "forms" / "examples" / f"{form_id}.v1.json").read_text("utf-8"))


def filled_plan(**changes: Any) -> dict[str, Any]:
    """A complete barnets plan (the shipped example) with a follow-up after TODAY."""
    data = example("barnets-plan")
    data["nasta_uppfoljning"] = "2026-12-15"
    data.update(changes)
    return data


def make_tab(qtbot, services, case_uid: str):
    from oro_desktop.gui.plans.case_tab import CasePlansTab

    tab = CasePlansTab(services, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 500)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()  # the Enter shortcut goes to the active window
    qtbot.waitUntil(tab.isActiveWindow)
    tab.set_case(case_uid)
    return tab
