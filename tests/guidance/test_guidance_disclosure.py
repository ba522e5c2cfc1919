"""check_disclosure: what the disclosure record will refuse, and why."""

from __future__ import annotations

from oro_desktop.core.guidance import DisclosureParty, check_disclosure
from oro_desktop.services.guidance import GuidanceService

BMM = DisclosureParty("Barnmorskemottagningen", True, "healthcare")
SOC = DisclosureParty("Socialtjänsten", True, "social_services")
PRIVATE_HC = DisclosureParty("Hälsocentralen Privat AB", False, "healthcare")


def test_public_healthcare_to_public_social_services_under_osl_25_12(service: GuidanceService) -> None:
    check = check_disclosure(BMM, SOC, service.references["osl-25-12"])
    assert check.allowed and check.warnings == ()


def test_private_recipient_is_refused_under_osl(service: GuidanceService) -> None:
    check = check_disclosure(SOC, PRIVATE_HC, service.references["osl-26-9"])
    assert not check.allowed
    [w] = check.warnings
    assert w.code == "private_recipient" and w.level == "refusal"
    assert "Patientsäkerhetslagen (2010:659) 6 kap. 12 §" in w.text
    assert "sekretessbrytande bestämmelserna" in w.text


def test_private_sender_is_refused_under_osl(service: GuidanceService) -> None:
    check = check_disclosure(PRIVATE_HC, SOC, service.references["osl-25-12"])
    assert not check.allowed and [w.code for w in check.warnings] == ["private_sender"]


def test_basis_must_fit_the_senders_sector(service: GuidanceService) -> None:
    check = check_disclosure(BMM, SOC, service.references["osl-26-9"])
    assert not check.allowed and [w.code for w in check.warnings] == ["basis_wrong_sector"]
    assert "socialtjänsten" in check.warnings[0].text


def test_every_reason_is_given(service: GuidanceService) -> None:
    check = check_disclosure(PRIVATE_HC, PRIVATE_HC, service.references["osl-26-9"])
    assert [w.code for w in check.warnings] == ["private_sender", "private_recipient", "basis_wrong_sector"]


def test_consent_basis_allows_a_private_recipient(service: GuidanceService) -> None:
    assert check_disclosure(SOC, PRIVATE_HC, service.references["osl-12-2"]).allowed


def test_confidentiality_rule_is_not_a_ground(service: GuidanceService) -> None:
    check = check_disclosure(PRIVATE_HC, SOC, service.references["psl-6-12"])
    assert not check.allowed and check.warnings[0].code == "not_a_disclosure_ground"


def test_service_checks_by_kind_and_reference_id(service: GuidanceService) -> None:
    check = service.check_disclosure(("socialtjänsten", "Socialtjänsten", True),
                                     ("BVC", "Privat BVC", False), "osl-26-9")
    assert not check.allowed and [w.code for w in check.warnings] == ["private_recipient"]
    assert service.check_disclosure(("BB", "BB", True), ("socialtjänsten", "Soc", True),
                                    "osl-25-12").allowed


def test_service_refuses_an_unknown_reference(service: GuidanceService) -> None:
    import pytest

    from oro_desktop.core.guidance import SituationError

    with pytest.raises(SituationError, match="Okänt lagrum"):
        service.check_disclosure(("BB", "BB", True), ("BVC", "BVC", True), "osl-1-1")


def test_guidelines_for_a_region(service: GuidanceService) -> None:
    assert [g.id for g in service.for_region("kronoberg")] == ["kronoberg-nyfott-barn"]
    assert service.for_region("Jämtland Härjedalen", "newborn") == []
