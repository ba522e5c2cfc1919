"""`CaseService.situation`: the guidance situation of a case as core data, the same the
case view's guidance is computed for, with each parent's own answer."""

from __future__ import annotations

import pytest

from oro_desktop.core.guidance.model import Answer
from oro_desktop.core.guidance.situation import Situation
from oro_desktop.errors import InvalidInput
from tests.cases.conftest import NOW, PARENT_A, PARENT_B, PREGNANT
from tests.cases.test_case_scenarios import _consent, _open


def _answers(situation: Situation) -> dict[str, str]:
    return {a.person: a.answer.value if isinstance(a.answer, Answer) else str(a.answer)
            for a in situation.answers}


def test_a_newborns_situation_has_each_parents_own_answer(session, cases):
    _, uid, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    situation = cases.situation(uid)
    assert isinstance(situation, Situation)
    assert (situation.guideline, situation.municipality) == ("kronoberg-nyfott-barn", "Växjö")
    assert situation.initiator.kind == "BVC" and situation.initiator.public
    assert situation.at == NOW.replace(second=0)
    assert _answers(situation) == {PARENT_A[0]: "not_asked", PARENT_B[0]: "not_asked"}
    _consent(cases, uid, b, "no")
    assert _answers(cases.situation(uid)) == {PARENT_A[0]: "not_asked", PARENT_B[0]: "no"}
    assert cases.view(uid).situation == cases.situation(uid)  # what the view's guidance used


def test_an_expected_childs_situation_asks_the_pregnant_person_only(cases):
    _, uid, _asked = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund",
                           "barnmorskemottagning")
    situation = cases.situation(uid)
    assert list(_answers(situation)) == [PREGNANT[0]]
    assert not situation.child_born and not situation.violence


def test_the_situation_read_is_audited_and_an_unknown_case_is_refused(session, cases):
    _, uid, _asked = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    before = session.store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'read' AND record_type = 'case'").fetchone()[0]
    cases.situation(uid)
    after = session.store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'read' AND record_type = 'case'").fetchone()[0]
    assert after == before + 1
    with pytest.raises(Exception, match="finns inte"):
        cases.situation("0" * 32)


def test_a_case_whose_guideline_left_the_program_is_refused_with_one_line(session, cases):
    _, uid, _asked = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    session.store.conn.execute("UPDATE cases SET guideline_id = 'borttagen-riktlinje'")
    with pytest.raises(InvalidInput, match="Okänd riktlinje"):
        cases.situation(uid)
    assert cases.view(uid).situation is None and cases.view(uid).guidance_problem
