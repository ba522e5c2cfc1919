"""A scenario per guideline and alternative, built from the guideline's own steps.

The expected steps are read from the shipped file (filtered by who initiates), so a
scenario fails if the engine drops, reorders or invents a step; the expected contacts
are the routes the same steps name.
"""

from __future__ import annotations

import pytest

from oro_desktop.core.guidance import Guideline
from oro_desktop.services.guidance import GuidanceService
from tests.guidance.conftest import JAMTLAND, KRONOBERG, VGR, Run

HEALTHCARE = {"kind": "barnmorskemottagning", "name": "Barnmorskemottagningen", "public": True}
SOCIAL = {"kind": "socialtjänsten", "name": "Socialtjänsten", "public": True}
NEONATAL = {"kind": "neonatal", "name": "Neonatalavdelningen", "public": True}


def _expected(guideline: Guideline, number: int, sector: str) -> list[str]:
    return [s.id for s in guideline.alternative(number).steps
            if not s.initiator or sector in s.initiator]


def _routes(guideline: Guideline, ids: list[str], sector: str) -> list[str]:
    """The routes the steps name; social services do not call themselves."""
    kinds: list[str] = []
    for number in (1, 2):
        for step in guideline.alternative(number).steps:
            if step.id in ids:
                kinds += [c.kind for c in step.contacts if c.kind not in kinds]
    if sector == "social_services":
        kinds = [k for k in kinds if k not in ("socialtjänstens mottagning", "socialjour")]
    return kinds


SCENARIOS = [
    (JAMTLAND, "yes", HEALTHCARE, "healthcare"),
    (JAMTLAND, "no", HEALTHCARE, "healthcare"),
    (JAMTLAND, "yes", SOCIAL, "social_services"),
    (JAMTLAND, "no", SOCIAL, "social_services"),
    (VGR, "yes", HEALTHCARE, "healthcare"),
    (VGR, "no", HEALTHCARE, "healthcare"),
    (VGR, "no", SOCIAL, "social_services"),
    (KRONOBERG, "yes", NEONATAL, "healthcare"),
    (KRONOBERG, "no", NEONATAL, "healthcare"),
    (KRONOBERG, "no", SOCIAL, "social_services"),
]


@pytest.mark.parametrize("guideline_id, answer, initiator, sector", SCENARIOS)
def test_scenario(run: Run, service: GuidanceService, guideline_id: str, answer: str,
                  initiator: dict[str, object], sector: str) -> None:
    guideline = service.guidelines[guideline_id]
    person = "den gravida" if guideline.situation == "expected_child" else "Förälder A"
    g = run(guideline_id, consents={person: answer}, initiator=initiator)
    number = 1 if answer == "yes" else 2
    ids = _expected(guideline, number, sector)
    assert g.alternative == number
    assert [r.step.id for r in g.steps] == ids
    assert all(r.alternative == number and r.applies_to == (person,) for r in g.steps)
    assert [r.step.source for r in g.steps] == [
        s.source for s in guideline.alternative(number).steps if s.id in ids]
    assert [c.kind for c in g.contacts] == _routes(guideline, ids, sector)
    assert g.interventions and g.interventions[0][0] == number
    bases = [b.ref.id for b in g.legal_bases]
    for basis in guideline.alternative(number).legal_bases:
        assert basis.ref in bases
    if number == 2:
        assert "disclosure_limits" in g.codes()
        assert [n for n, _ in g.principles] == [2] * len(guideline.alternative(2).principles)
    else:
        assert "disclosure_limits" not in g.codes() and not g.principles


def test_jamtland_alternative_two_by_midwife_reads_as_the_guideline(run: Run) -> None:
    g = run(JAMTLAND, consents={"den gravida": "no"})
    assert [r.step.number for r in g.steps] == [1, 3, 4, 5]
    first = g.steps[0].step
    assert first.text.startswith("Om det är personal vid en barnmorskemottagning")
    assert first.source == "2. Arbetsmodell för samverkan, Alternativ 2, punkt 1"
    assert [i.entry.kind for i in g.contacts[0].items] == ["socialtjänstens mottagning", "socialjour"]


def test_kronoberg_motivation_shown_without_consent(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "no"})
    assert len(g.motivate_consent) == 5
    assert g.motivate_consent[0].text.startswith("Använd anpassad kommunikation")
    assert not run(KRONOBERG).motivate_consent


def test_vgr_warns_that_it_is_built_from_the_draft(run: Run) -> None:
    assert "guideline_draft" in run(VGR).codes()
    assert "guideline_draft" not in run(JAMTLAND).codes()


def test_kronoberg_social_services_without_consent_summon_healthcare(run: Run) -> None:
    g = run(KRONOBERG, consents={"Förälder A": "no"}, initiator=SOCIAL)
    kinds = [c.kind for c in g.contacts]
    assert "socialtjänstens mottagning" not in kinds
    assert kinds[:2] == ["BVC", "föräldra- och barnhälsovårdspsykolog"]
    assert "a2-2" not in [r.step.id for r in g.steps]  # "kontaktar socialtjänsten" is for others
