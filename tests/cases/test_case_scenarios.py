"""A scenario per guideline and alternative, through the service, from the guideline's own
steps: open, add persons, record consents, tick the steps in order, record a disclosure."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.guidance.model import EXPECTED_CHILD
from oro_desktop.core.guidance.situation import sector_of
from tests.cases.conftest import (
    PARENT_A, PARENT_B, PARTNER, PREGNANT, BABY, TODAY, person, public,
)

SCENARIOS = [
    ("jamtland-harjedalen-vantat-barn", "Östersund", "barnmorskemottagning"),
    ("jamtland-harjedalen-vantat-barn", "Krokom", "socialtjänsten"),
    ("vastra-gotaland-vantat-barn", "Borås", "barnmorskemottagning"),
    ("kronoberg-nyfott-barn", "Växjö", "BVC"),
]


def _open(cases, guideline_id, town, kind):
    g = cases.guidance.guideline(guideline_id)
    if g.situation == EXPECTED_CHILD:
        uid = cases.open(town, guideline_id=guideline_id, due_date=date(2026, 6, 1),
                         concerns=["mental"], initiator_kind=kind)
        asked = [cases.add_person(uid, "pregnant", person(*PREGNANT))]
        cases.add_person(uid, "partner", person(*PARTNER))
    else:
        uid = cases.open(town, guideline_id=guideline_id, child=person(*BABY),
                         concerns=["parenting"], initiator_kind=kind)
        asked = [cases.add_person(uid, "guardian", person(*PARENT_A)),
                 cases.add_person(uid, "guardian", person(*PARENT_B))]
    return g, uid, asked


def _consent(cases, uid, who, answer):
    kwargs = dict(said="Svarade muntligt.") if answer == "no" else {}
    return cases.record_consent(uid, who, answer=answer, manner="oral" if answer == "no" else "written",
                                asked_on=TODAY, asked_by="Maja Exempelsson", function="Barnmorska",
                                content="Att oro finns och vilket stöd som behövs.", **kwargs)


@pytest.mark.parametrize("guideline_id,town,kind", SCENARIOS)
@pytest.mark.parametrize("alternative", [1, 2])
def test_scenario(cases, disclosures, guideline_id, town, kind, alternative):
    g, uid, asked = _open(cases, guideline_id, town, kind)
    answer = "yes" if alternative == 1 else "no"
    for who in asked:
        _consent(cases, uid, who, answer)
    view = cases.view(uid)
    assert view.guidance is not None, view.guidance_problem
    assert view.guidance.alternative == alternative
    sector = sector_of(kind)
    own = [s.id for s in g.alternative(alternative).steps
           if not s.initiator or sector in s.initiator]
    shown = [s.step_id for s in view.steps if s.alternative == alternative]
    assert shown and set(shown) <= set(own)
    assert all(not s.ticked for s in view.steps)
    for item in view.steps:  # in the guideline's order
        cases.tick_step(uid, item.step_id, note=f"Klart: steg {item.number}")
    view = cases.view(uid)
    assert all(s.ticked and s.ticked_by == "admin" for s in view.steps)
    assert [h.action for h in view.history].count("tick") == len(view.steps)
    assert {p.answer for p in view.persons if p.uid in asked} == {answer}
    if alternative == 2:
        basis = "osl-25-12" if sector == "healthcare" else "osl-26-9"
        other = ("socialtjänsten", "Socialtjänsten " + town) if sector == "healthcare" \
            else ("barnmorskemottagning", "Barnmorskemottagningen " + town)
        d = disclosures.record(
            uid, disclosed_on=TODAY, sender=public(f"{kind} {town}", kind),
            recipient=public(other[1], other[0]), legal_basis=basis,
            content="Att oro finns för barnet.", decided_by="Maja Exempelsson, barnmorska",
            told_before_on=TODAY, told_before="Att kontakt tas och vad som sägs.")
        view = cases.view(uid)
        assert [x.uid for x in view.disclosures] == [d]
        assert view.disclosures[0].waiting_to_tell_after
        assert "OSL (2009:400)" in view.disclosures[0].legal_basis_text
        assert view.no_consent
    else:
        assert not view.no_consent and not view.disclosures


def test_case_writes_publish_changes_and_reads_are_audited(session, cases):
    seen = []
    session.changes.subscribe(seen.append, kinds=["case"])
    g, uid, asked = _open(cases, *SCENARIOS[0])
    assert seen[0].id == uid and seen[0].action == "created"
    assert all(c.id == uid for c in seen)
    before = session.store.conn.execute(
        "SELECT count(*) FROM audit WHERE record_type = 'case' AND action = 'read'").fetchone()[0]
    cases.view(uid)
    cases.list_page(0, 10)
    after = session.store.conn.execute(
        "SELECT count(*) FROM audit WHERE record_type = 'case' AND action = 'read'").fetchone()[0]
    assert after == before + 2


def test_region_setting_decides_the_default_guideline(session, cases):
    session.set_setting("default_region", "kronoberg")
    uid = cases.open("Ljungby", child=person(*BABY))
    assert cases.row(uid).guideline_id == "kronoberg-nyfott-barn"
    session.set_setting("default_region", "jamtland-harjedalen")
    uid = cases.open("Åre", due_date=date(2026, 7, 1))
    assert cases.row(uid).guideline_id == "jamtland-harjedalen-vantat-barn"
    with pytest.raises(Exception, match="Kommunen"):
        cases.open("Växjö", due_date=date(2026, 7, 1))  # a Kronoberg town, Jämtland guideline


def test_list_pages_and_search(cases):
    uids = [_open(cases, *s)[1] for s in SCENARIOS]
    assert cases.list_count() == 4 and cases.list_count(status="open") == 4
    page = cases.list_page(0, 3) + cases.list_page(3, 3)
    assert sorted(r.uid for r in page) == sorted(uids)
    assert {r.uid for r in cases.search("alva prov")} == {uids[3]}
    assert {r.uid for r in cases.search("tova")} == set(uids[:3])
    assert {r.uid for r in cases.search("19880101")} == {uids[3]}
    assert [r.uid for r in cases.search(uids[1][:8])] == [uids[1]]
    cases.close(uids[0])
    assert cases.row(uids[0]).status == "closed"
    assert cases.list_page(0, 10)[-1].uid == uids[0]  # closed after open
