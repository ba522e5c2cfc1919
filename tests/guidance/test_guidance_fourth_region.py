"""Adding a region is adding a file: a fictitious fourth region through loader and engine."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from oro_desktop.core.guidance import GuidelineError
from oro_desktop.services.guidance import GuidanceService
from tests.guidance.conftest import RESOURCES

GUIDELINE = """\
format: 1
id: exempel-vantat-barn
version: 1
title: "Riktlinje vid oro för väntat barn i Region Exempel"
situation: expected_child
region: Region Exempel
status: adopted
adopted: {by: "Exempelnämnden", date: 2026-01-15, source: "1. Inledning"}
valid_through: 2027-01-31
validity_source: "1. Inledning"
municipalities: [Ankeby, Bortby]
parties:
  - {id: region, sector: healthcare, name: "Region Exempel", source: "1. Inledning"}
  - {id: municipality, sector: social_services, name: "Kommunerna i Exempel län", source: "1. Inledning"}
initiators:
  parties: [region, municipality]
  text: "Regionen eller kommunen frågar den gravida om samtycke."
  source: "2. Arbetsmodell"
consent:
  asked: pregnant_person
  person_label: "den gravida"
  text: "Den gravidas svar avgör alternativet."
  source: "2. Arbetsmodell"
concern_categories:
  source: "Bakgrund"
  items: [{id: substance, text: "missbruk"}]
alternatives:
  - number: 1
    title: "Samtycke"
    source: "2. Alternativ 1"
    legal_bases: [{ref: osl-12-2, source: "2. Alternativ 1"}]
    steps:
      - {id: a1-1, number: 1, initiator: [healthcare], text: "Kontakta socialtjänsten.",
         contact: {kind: "socialtjänsten", label: "Socialtjänsten"}, source: "2. Alternativ 1, punkt 1"}
      - {id: a1-2, number: 2, role: plan, text: "Skriv en samordnad plan.", source: "2. Alternativ 1, punkt 2"}
  - number: 2
    title: "Inget samtycke"
    source: "2. Alternativ 2"
    legal_bases:
      - {ref: osl-25-12, source: "2. Alternativ 2"}
      - {ref: osl-26-9, source: "2. Alternativ 2"}
    steps:
      - {id: a2-1, number: 1, initiator: [healthcare], text: "Kontakta socialtjänsten.",
         contact: {kind: "socialtjänsten", label: "Socialtjänsten"}, source: "2. Alternativ 2, punkt 1"}
      - {id: a2-2, number: 2, role: inform, text: "Informera den gravida före och efter.",
         source: "2. Alternativ 2, punkt 2"}
special_rules:
  - {id: violence_exemption, text: "Vid orosanmälan om våld informeras inte den gravida.", source: "2. Alternativ 2, punkt 2"}
"""

CONTACTS = """\
format: 1
region: Region Exempel
municipalities: [Ankeby, Bortby]
source: {guideline: "Riktlinje vid oro för väntat barn i Region Exempel", section: "Kontaktvägar"}
verified: 2026-11-01
entries:
  - id: exempel/socialtjanst/ankeby
    organisation: Ankeby kommun
    unit: Socialtjänsten
    kind: socialtjänstens mottagning
    municipality: Ankeby
    phones: [{number: "0999-100 00"}]
    hours: "mån-fre 9.00-15.00"
  - id: exempel/socialjour/ankeby
    organisation: Ankeby kommun
    unit: Socialjouren
    kind: socialjour
    municipality: Ankeby
    after_hours: true
    phones: [{number: "0999-200 00"}]
"""


@pytest.fixture
def resources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES / "legal", root / "legal")
    shutil.copytree(RESOURCES / "guidelines", root / "guidelines")
    shutil.copytree(RESOURCES / "contacts", root / "contacts")
    (root / "guidelines" / "exempel-vantat-barn.yaml").write_text(GUIDELINE, encoding="utf-8")
    (root / "contacts" / "exempel.yaml").write_text(CONTACTS, encoding="utf-8")
    return root


def _situation(answer: str, at: str, **extra: object) -> dict[str, object]:
    return {
        "guideline": "exempel-vantat-barn", "municipality": "Ankeby",
        "initiator": {"kind": "BB", "name": "BB Exempel", "public": True},
        "consents": {"den gravida": answer}, "at": at, **extra,
    }


def test_fourth_region_is_listed_and_guided(resources: Path) -> None:
    service = GuidanceService(resources)
    now = datetime(2026, 11, 23, 10, 0)
    assert "exempel-vantat-barn" in [g["id"] for g in service.list(now)]
    g = service.guide(_situation("yes", "2026-11-23 10:00"), now=now)
    assert g.alternative == 1 and [r.step.id for r in g.steps] == ["a1-1", "a1-2"]
    assert g.contacts[0].items[0].entry.phones[0].number == "0999-100 00"
    assert not g.contacts[0].closed


def test_fourth_region_without_consent_at_night(resources: Path) -> None:
    service = GuidanceService(resources)
    now = datetime(2026, 11, 23, 10, 0)
    g = service.guide(_situation("no", "2026-11-23 15:30", violence=True), now=now)
    assert g.alternative == 2
    route = g.contacts[0]
    assert route.closed and route.items[0].entry.id == "exempel/socialjour/ankeby"
    inform = next(r for r in g.steps if r.step.id == "a2-2")
    assert inform.skipped  # the region's own violence exemption
    assert "guideline_expires_soon" not in g.codes()
    assert "lvm_not_for_expected_child" in g.codes()


def test_fourth_region_with_a_mistake_is_refused_naming_the_file(resources: Path) -> None:
    path = resources / "guidelines" / "exempel-vantat-barn.yaml"
    path.write_text(GUIDELINE.replace("ref: osl-26-9", "ref: osl-99-9"), encoding="utf-8")
    with pytest.raises(GuidelineError) as info:
        GuidanceService(resources).guidelines
    [error] = info.value.errors
    assert error.file == "exempel-vantat-barn.yaml"
    assert (error.path, error.field) == ("alternatives[1].legal_bases[1].ref", "")
