"""Each rule of the engine, one test (or a few) per rule."""

from __future__ import annotations

import pytest

from oro_desktop.core.guidance import Answer, SituationError
from oro_desktop.core.guidance.result import Guidance
from tests.guidance.conftest import JAMTLAND, KRONOBERG, VGR, Run

SOCIAL = {"kind": "socialtjänsten", "name": "Socialtjänsten, mottagningen", "public": True}
PRIVATE_HC = {"kind": "barnmorskemottagning", "name": "Hälsocentralen Privat AB", "public": False}


def _applies(guidance: Guidance, person: str) -> list[str]:
    return [r.step.id for r in guidance.steps if person in r.applies_to]


def _warning(guidance: Guidance, code: str) -> str:
    return next(w.text for w in guidance.warnings if w.code == code)


# A newborn's parents each answer for themselves.

def test_one_parents_yes_is_not_the_other_parents(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "yes", "Förälder B": "not_asked"})
    assert g.alternative is None
    assert [(p.person, p.alternative) for p in g.persons] == [("Förälder A", 1), ("Förälder B", None)]
    # B gets "ask first" and the anmälningsplikt that holds whatever anyone answers; no
    # step of Alternativ 1 is taken on B's behalf.
    assert _applies(g, "Förälder B") == ["ask-consent", "a1-1"]
    assert "a1-3" in _applies(g, "Förälder A")
    assert "Förälder B har inte tillfrågats" in _warning(g, "consent_not_asked")
    text = _warning(g, "each_parent_answers")
    assert "Den ena föräldern kan inte ge eller motsätta sig samtycke för den andra föräldern." in text
    assert "Förälder A: ja" in text and "Förälder B: inte tillfrågad" in text


def test_parents_yes_and_no_get_their_own_alternatives(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "yes", "Förälder B": "no"})
    assert g.alternative == 2
    assert {p.person: p.alternative for p in g.persons} == {"Förälder A": 1, "Förälder B": 2}
    a_steps, b_steps = _applies(g, "Förälder A"), _applies(g, "Förälder B")
    assert not any(s.startswith("a2-") for s in a_steps)
    assert [s for s in b_steps if s.startswith("a1-")] == ["a1-1"]  # the shared anmälningsplikt
    assert "a2-6" in b_steps


def test_both_parents_yes_is_alternative_one(run: Run) -> None:
    g = run(KRONOBERG)
    assert g.alternative == 1 and "each_parent_answers" not in g.codes()
    assert all(r.alternative == 1 for r in g.steps)


def test_expected_child_asks_only_the_pregnant_person(run: Run) -> None:
    with pytest.raises(SituationError, match="den gravida"):
        run(JAMTLAND, consents={"den gravida": "yes", "partnern": "no"})


# Without consent: only what is needed, OSL by sector, only between public bodies.

def test_no_consent_from_healthcare_cites_osl_25_12(run: Run) -> None:
    g = run(JAMTLAND, consents={"den gravida": "no"})
    text = _warning(g, "disclosure_limits")
    assert "OSL (2009:400) 25 kap. 12 §" in text and "nödvändig insats till skydd för det väntade barnet" in text
    assert "bara det som behövs" in text and "offentlig regi" in text
    applies = {b.ref.id: b.applies for b in g.legal_bases}
    assert applies["osl-25-12"] is True and applies["osl-26-9"] is False


def test_no_consent_from_social_services_cites_osl_26_9(run: Run) -> None:
    g = run(JAMTLAND, consents={"den gravida": "no"}, initiator=SOCIAL)
    assert "OSL (2009:400) 26 kap. 9 §" in _warning(g, "disclosure_limits")
    assert {b.ref.id: b.applies for b in g.legal_bases}["osl-26-9"] is True


def test_consent_needs_no_disclosure_warning(run: Run) -> None:
    g = run(JAMTLAND)
    assert "disclosure_limits" not in g.codes()
    assert [b.ref.id for b in g.legal_bases][0] == "osl-12-2"


def test_private_party_is_warned_and_gets_psl(run: Run) -> None:
    g = run(JAMTLAND, consents={"den gravida": "no"}, initiator=PRIVATE_HC)
    text = _warning(g, "private_party")
    assert "Hälsocentralen Privat AB" in text
    assert "Patientsäkerhetslagen (2010:659) 6 kap. 12 §" in text
    assert "sekretessbrytande bestämmelserna" in text
    assert "icke-regiondrivna Hälsocentraler" in text  # Jämtland's own rule
    assert "disclosure_limits" not in g.codes()
    applies = {b.ref.id: b.applies for b in g.legal_bases}
    assert applies == {"osl-25-12": False, "osl-26-9": False, "psl-6-12": True}


def test_public_party_gets_no_private_warning(run: Run) -> None:
    assert "private_party" not in run(JAMTLAND, consents={"den gravida": "no"}).codes()


def test_private_recipient_is_refused(run: Run) -> None:
    recipient = {"kind": "BVC", "name": "Privat BVC", "public": False}
    g = run(KRONOBERG, consents={"Förälder A": "no"}, recipient=recipient)
    w = next(w for w in g.warnings if w.code == "private_recipient")
    assert w.level == "refusal" and "Privat BVC" in w.text and "6 kap. 12 §" in w.text


# Told before and after, except a violence report the parent is not part of.

def test_told_before_and_after_without_violence(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "no"})
    step = next(r for r in g.steps if r.step.id == "a2-6")
    assert not step.skipped and "inform_before_after" in g.codes()


def test_violence_exemption_skips_informing(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "no"}, violence=True)
    step = next(r for r in g.steps if r.step.id == "a2-6")
    assert step.skipped and "inte informeras" in step.skipped_reason
    assert "violence_exemption" in g.codes() and "inform_before_after" not in g.codes()


def test_parent_taking_part_is_informed_even_about_violence(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "no"}, violence=True, parent_takes_part=True)
    step = next(r for r in g.steps if r.step.id == "a2-6")
    assert not step.skipped and "violence_exemption" not in g.codes()


def test_guideline_without_exemption_says_so(run: Run) -> None:
    g = run(JAMTLAND, consents={"den gravida": "no"}, violence=True)
    step = next(r for r in g.steps if r.step.id == "a2-4")
    assert not step.skipped and "violence_no_exemption" in g.codes()


# LVM and the expected child.

@pytest.mark.parametrize("guideline_id", [JAMTLAND, VGR])
def test_lvm_cannot_protect_only_the_expected_child(run: Run, guideline_id: str) -> None:
    g = run(guideline_id, consents={"den gravida": "no"})
    assert "LVM kan inte tillämpas enbart till skydd för det väntade barnet" in _warning(
        g, "lvm_not_for_expected_child")
    assert "lvm_not_for_expected_child" not in run(guideline_id).codes()


def test_no_lvm_warning_for_a_newborn(run: Run) -> None:
    assert "lvm_not_for_expected_child" not in run(KRONOBERG, consents={"Förälder A": "no"}).codes()


# Anmälningsplikt once the child is born.

def test_born_child_means_anmalningsplikt_with_current_and_former(run: Run) -> None:
    g = run(JAMTLAND, child_born=True)
    text = _warning(g, "anmalningsplikt")
    assert "SoL (2025:400) 19 kap. 1 § (tidigare SoL (2001:453) 14 kap. 1 §)" in text
    basis = next(b for b in g.legal_bases if b.ref.id == "sol-19-1")
    assert basis.ref.former is not None and basis.ref.former.citation == "SoL (2001:453) 14 kap. 1 §"
    assert "anmalningsplikt_after_birth" not in g.codes()


def test_expected_child_is_told_what_happens_at_birth(run: Run) -> None:
    g = run(JAMTLAND)
    assert "anmalningsplikt" not in g.codes() and "anmalningsplikt_after_birth" in g.codes()


def test_newborn_always_has_anmalningsplikt(run: Run) -> None:
    g = run(KRONOBERG)
    assert "anmalningsplikt" in g.codes()
    assert g.steps[0].step.role == "anmalningsplikt"


# The guideline's validity.

@pytest.mark.parametrize("at, code, expired", [
    ("2026-10-01 10:00", None, False),
    ("2026-11-23 10:00", "guideline_expires_soon", False),
    ("2026-12-31 10:00", "guideline_expired", True),
    ("2027-03-01 10:00", "guideline_expired", True),
])
def test_validity(run: Run, at: str, code: str | None, expired: bool) -> None:
    g = run(JAMTLAND, at=at)
    assert g.validity.expired is expired
    codes = [c for c in g.codes() if c.startswith("guideline_")]
    assert codes == ([code] if code else [])
    if expired:
        assert _warning(g, "guideline_expired") == (
            "Riktlinjen gällde t.o.m. 2026-12-31 – kontrollera om det finns en ny version.")


def test_guideline_without_end_never_expires(run: Run) -> None:
    g = run(KRONOBERG, at="2031-01-01 10:00")
    assert g.validity.valid_through is None and not g.validity.expired


# Whom to contact now.

def test_after_hours_route_first_when_closed(run: Run) -> None:
    g = run(JAMTLAND, at="2026-11-23 22:00")
    route = g.contacts[0]
    assert route.closed and route.items[0].entry.phones[0].number == "112"
    assert "no_after_hours_route" not in g.codes()


def test_office_hours_put_social_services_first(run: Run) -> None:
    g = run(JAMTLAND)
    route = g.contacts[0]
    assert not route.closed and route.items[0].entry.id == "jamtland-harjedalen/socialtjanst/ostersund"
    assert "route_fill_locally" in g.codes()


def test_unit_closed_by_its_own_hours_and_no_after_hours_route(run: Run) -> None:
    g = run(KRONOBERG, municipality="Markaryd", at="2026-11-27 15:30")  # Friday; closes 15.00
    route = next(r for r in g.contacts if r.kind == "socialtjänstens mottagning")
    assert route.closed
    assert "enligt enhetens egna öppettider (mån–tors 8.00–16.00, fre 8.00–15.00)" in route.explanation
    assert "Vid akut fara: ring 112" in _warning(g, "no_after_hours_route")
    g = run(KRONOBERG, municipality="Markaryd", at="2026-11-27 14:30")
    assert not next(r for r in g.contacts if r.kind == "socialtjänstens mottagning").closed
    assert "no_after_hours_route" not in g.codes()


def test_municipality_initiating_contacts_the_midwives(run: Run) -> None:
    g = run(JAMTLAND, initiator=SOCIAL)
    assert [s.step.id for s in g.steps] == ["a1-2", "a1-3", "a1-4"]
    assert g.contacts[0].items[0].entry.id == "jamtland-harjedalen/barnmorskemottagning/via-vaxeln"


def test_missing_route_is_a_warning(run: Run) -> None:
    g = run(VGR, initiator=SOCIAL)  # no VG midwife routes in the shipped directory
    assert "route_missing" in g.codes()


# The situation must fit the guideline.

def test_unknown_municipality_is_refused(run: Run) -> None:
    with pytest.raises(SituationError, match="Växjö"):
        run(JAMTLAND, municipality="Växjö")


def test_municipality_spelling_is_forgiven(run: Run) -> None:
    assert run(JAMTLAND, municipality="ostersunds kommun").municipality == "Östersund"


def test_answers_are_kept_per_person(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "no", "Förälder B": "yes"})
    assert g.situation.answer_of("Förälder A") is Answer.NO
    assert g.situation.answer_of("Förälder B") is Answer.YES
