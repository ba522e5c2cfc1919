"""The shipped barnhälsoteam guideline: what it says, and that it is what the text says."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from oro_desktop.core.barnhalsoteam import BhtGuideline
from oro_desktop.core.barnhalsoteam.loader import QUESTION_IDS, SITUATION_IDS
from oro_desktop.core.barnhalsoteam.roles import PARTY_LABELS, PARTY_OF_ROLE, ROLE_LABELS
from oro_desktop.core.forms.loader import load_definition
from oro_desktop.core.guidance import load_references
from oro_desktop.services.guidance import GuidanceService
from tests.barnhalsoteam.conftest import GUIDELINE_FILE, ROOT, SEED


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds not present")
def test_every_quote_is_in_the_guideline_text(guideline: BhtGuideline) -> None:
    text = _norm(SEED.read_text(encoding="utf-8"))
    missing = [where for where, quote in guideline.quotes() if _norm(quote) not in text]
    assert missing == []
    assert len(guideline.quotes()) > 40


def test_metadata_says_what_the_text_says_and_no_more(guideline: BhtGuideline) -> None:
    assert guideline.id == "jamtland-barnhalsoteam" and guideline.version == 1
    assert guideline.commissioned.by == "Den regionala samverkansarenan Barnarenan"
    assert guideline.commissioned.when == "våren 2017"
    # The text names neither who adopted it, nor when, nor an end of validity.
    assert guideline.adopted.by == "" and guideline.adopted.date is None
    assert guideline.valid_through is None and "ingen giltighetstid" in guideline.validity.note
    assert guideline.ages == "1-6 år"


def test_members_by_role_with_convenor_and_mandate(guideline: BhtGuideline) -> None:
    assert [r.id for r in guideline.roles] == list(ROLE_LABELS)
    assert {r.id: r.label for r in guideline.roles} == ROLE_LABELS
    assert guideline.party_of_role == PARTY_OF_ROLE
    assert [r.id for r in guideline.roles if r.convenes] == ["forskolechef"]
    assert guideline.role("specialpedagog").presence == "if_available"
    assert {r.id for r in guideline.roles if r.presence == "optional"} == {
        "foraldra_och_barnhalsan", "elevhalsan"}
    assert "mandat att fatta nödvändiga beslut" in guideline.mandate.text
    assert guideline.mandate.source == "2.4 Professionens uppdrag"


def test_levels_sip_and_follow_up_questions(guideline: BhtGuideline) -> None:
    assert [lv.id for lv in guideline.levels] == ["organisation", "group", "individual"]
    assert "avidentifierat" in guideline.level("individual").quote.text
    assert "inte ett forum för samordnad individuell plan" in guideline.sip.text
    assert "vårdnadshavare och barn inte deltar" in guideline.sip.text
    assert [q.id for q in guideline.questions] == list(QUESTION_IDS)
    assert guideline.question("meeting_count").text == "Hur många möten har hållits?"
    assert {q.id for q in guideline.questions if q.answer == "free_text"} == {
        "how_it_worked", "effects", "improvements"}


def test_consent_rules(guideline: BhtGuideline) -> None:
    c = guideline.consent
    assert c.max_months == 12 and "längst 12 månader" in c.validity.text
    assert "skriftlig form" in c.revocation.text
    assert c.transfer_answers == ("Ja", "Nej")
    assert {p.id: p.label for p in c.parties} == PARTY_LABELS
    assert "fb-6-13" in c.per_guardian.legal


def test_consent_boxes_are_the_forms_parties(guideline: BhtGuideline) -> None:
    form = load_definition(ROOT / "forms" / f"{guideline.consent.form}.v1.yaml")
    field = form.field_for("parties")
    assert field is not None
    assert [(c.value, c.label) for c in field.choices] == [
        (p.id, p.label) for p in guideline.consent.parties]


def test_special_situations(guideline: BhtGuideline) -> None:
    assert [s.id for s in guideline.special_situations] == list(SITUATION_IDS)
    assert guideline.situation("lvu").consent == "not_required_but_sought"
    assert guideline.situation("family_home_sol").consent == "required_by_social_services"
    assert guideline.situation("undocumented").consent == "required_unless_secrecy_breaking"
    assert "2025:400" in guideline.situation("family_home_sol").quote.note
    assert "sol-19-1" in guideline.situation("undocumented").quote.legal


def test_every_legal_id_exists() -> None:
    refs = load_references(ROOT / "resources" / "legal" / "references.yaml")
    from oro_desktop.core.barnhalsoteam import load_bht_guideline

    assert load_bht_guideline(GUIDELINE_FILE, refs).sip.legal == ("sol-10-8", "hsl-16-4")


def test_guidance_service_leaves_the_file_to_its_own_loader() -> None:
    service = GuidanceService(ROOT / "resources")
    assert "jamtland-barnhalsoteam" not in service.guidelines
    raw = yaml.safe_load(Path(GUIDELINE_FILE).read_text(encoding="utf-8"))
    assert raw["kind"] == "barnhalsoteam"
