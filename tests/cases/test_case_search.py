"""The global search of Ärenden: cases and persons as you type, by name, number or case id
(the FTS person search), one audited read; never an address, a protected number masked."""

from __future__ import annotations

from dataclasses import fields

from oro_desktop.services.case_views import PersonHit
from tests.cases.conftest import PARENT_A, PARENT_B, PREGNANT, person
from tests.cases.test_case_scenarios import _open

HIDDEN = "Hemligvägen 7, 831 30 Östersund"


def _audits(session):
    return session.store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'read' AND record_type = 'case'").fetchone()[0]


def test_a_name_finds_the_persons_and_their_cases_grouped(session, cases):
    _, newborn, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _, expected, _asked = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund",
                                "barnmorskemottagning")
    before = _audits(session)
    found = cases.find("provare")
    assert _audits(session) == before + 1  # one audited read
    assert [r.uid for r in found.cases] == [newborn]
    by_name = {p.name: p for p in found.persons}
    assert {PARENT_A[0], PARENT_B[0]} <= set(by_name)
    assert by_name[PARENT_A[0]].case_uids == (newborn,)
    assert by_name[PARENT_A[0]].roles == ("Vårdnadshavare",)
    assert cases.of_person(a)[0].uid == newborn
    assert expected not in [r.uid for r in found.cases]


def test_a_number_or_a_case_id_finds_too(cases):
    _, newborn, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    found = cases.find(PARENT_B[1][:8])
    assert PARENT_B[0] in [p.name for p in found.persons]
    assert [r.uid for r in found.cases] == [newborn]
    by_id = cases.find(newborn[:8])
    assert [r.uid for r in by_id.cases] == [newborn] and by_id.persons == ()
    assert cases.find("   ").cases == () and cases.find("zzzqqq").persons == ()


def test_a_protected_person_is_found_without_address_and_with_a_masked_number(cases):
    uid = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                     due_date=cases.today().replace(year=cases.today().year + 1),
                     initiator_kind="barnmorskemottagning")
    cases.add_person(uid, "pregnant", person(*PREGNANT, protected=True, address=HIDDEN))
    hit = next(p for p in cases.find("Tova").persons if p.name == PREGNANT[0])
    assert hit.protected and hit.number.endswith("-****") and hit.case_uids == (uid,)
    assert "address" not in {f.name for f in fields(PersonHit)}
    assert HIDDEN not in repr(cases.find("Tova")) and HIDDEN not in repr(cases.find("1985"))
