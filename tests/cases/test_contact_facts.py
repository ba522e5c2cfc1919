"""The violence facts of a case's contact (Kronoberg, Samverkan vid avsaknad av samtycke,
punkt 6) and the checklist rule of tick_step, through the real case service and store."""

from __future__ import annotations

import json

import pytest

from oro_desktop.errors import InvalidInput
from tests.cases.conftest import PARENT_A, PARENT_B, TODAY, person
from tests.cases.test_case_scenarios import _consent, _open


def _count(session, table):
    return session.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _violence_case(cases):
    uid = cases.open("Ljungby", guideline_id="kronoberg-nyfott-barn", concerns=["violence"],
                     child=person("Liten Testare"), initiator_kind="BB")
    a = cases.add_person(uid, "guardian", person(*PARENT_A))
    _consent(cases, uid, a, "no")
    return uid


def test_the_concern_alone_does_not_exempt_and_the_case_view_asks(cases):
    uid = _violence_case(cases)
    view = cases.view(uid)
    assert not view.contact.recorded and not view.contact.exempt
    assert "inform_before_after" in view.guidance.codes()
    assert "violence_exemption" not in view.guidance.codes()
    assert any("orosanmälan om våld" in n for n in view.notices)
    assert not cases.situation(uid).violence


def test_a_violence_report_the_parent_is_not_part_of_exempts(session, cases):
    uid = _violence_case(cases)
    cases.set_contact_facts(uid, violence=True, parent_takes_part=False)
    view = cases.view(uid)
    assert view.contact.exempt and view.contact.recorded
    assert "violence_exemption" in view.guidance.codes()
    assert "inform_before_after" not in view.guidance.codes()
    assert all(s.skipped for s in view.steps if "informer" in s.text.lower())
    situation = cases.situation(uid)
    assert situation.violence and not situation.parent_takes_part
    assert not any("orosanmälan om våld" in n for n in view.notices)
    assert "inte är delaktig" in view.history[-1].text
    row = session.store.conn.execute(
        "SELECT detail FROM audit WHERE action = 'update' AND record_type = 'case'"
        " ORDER BY id DESC LIMIT 1").fetchone()
    assert json.loads(row[0]) == {"violence": True, "parent_takes_part": False}


def test_the_parent_taking_part_means_she_is_told(cases):
    uid = _violence_case(cases)
    cases.set_contact_facts(uid, violence=True, parent_takes_part=True)
    view = cases.view(uid)
    assert not view.contact.exempt
    assert "violence_exemption" not in view.guidance.codes()
    assert "inform_before_after" in view.guidance.codes()
    assert "är delaktig i" in view.history[-1].text
    # the newest record counts; "not a violence report" drops parent_takes_part
    cases.set_contact_facts(uid, violence=False, parent_takes_part=True)
    view = cases.view(uid)
    assert view.contact.recorded and not view.contact.violence
    assert not view.contact.parent_takes_part


def test_a_region_without_the_exemption_warns_instead(cases):
    uid = cases.open("Krokom", guideline_id="jamtland-harjedalen-vantat-barn",
                     due_date=TODAY.replace(month=6), concerns=["violence"],
                     initiator_kind="socialtjänsten")
    p = cases.add_person(uid, "pregnant", person("Sara Provsdotter", "19900214-9848"))
    _consent(cases, uid, p, "no")
    cases.set_contact_facts(uid, violence=True)
    codes = cases.view(uid).guidance.codes()
    assert "violence_no_exemption" in codes and "violence_exemption" not in codes


def test_a_closed_case_refuses_the_facts(session, cases):
    uid = _violence_case(cases)
    cases.close(uid)
    before = _count(session, "case_events")
    with pytest.raises(InvalidInput, match="avslutat"):
        cases.set_contact_facts(uid, violence=True)
    assert _count(session, "case_events") == before


def test_only_a_step_on_the_checklist_is_ticked_and_a_refusal_writes_nothing(session, cases):
    _g, uid, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, a, "no")
    _consent(cases, uid, b, "no")
    shown = {s.step_id for s in cases.view(uid).steps}
    assert "a1-1" not in shown
    before = [_count(session, t) for t in ("case_steps", "case_events")]
    with pytest.raises(InvalidInput, match="checklista"):
        cases.tick_step(uid, "a1-1", note="Samverkansmöte.")
    assert [_count(session, t) for t in ("case_steps", "case_events")] == before
    on_list = sorted(shown - {"ask-consent"})[0]
    cases.tick_step(uid, on_list, note="Gjort.")
    assert next(s for s in cases.view(uid).steps if s.step_id == on_list).ticked


def test_a_step_ticked_before_the_answer_changed_can_be_unticked(cases):
    _g, uid, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, a, "yes")
    _consent(cases, uid, b, "yes")
    cases.tick_step(uid, "a1-1", note="Möte bokat.")
    _consent(cases, uid, a, "no")
    _consent(cases, uid, b, "no")
    assert "a1-1" not in {s.step_id for s in cases.view(uid).steps}
    cases.tick_step(uid, "a1-1", ticked=False)  # taking a mark back is always allowed
    with pytest.raises(InvalidInput):
        cases.tick_step(uid, "a1-1")


def test_the_contact_facts_survive_an_export_and_import(session, cases, tmp_path):
    from oro_desktop.core.forms import FormLibrary
    from oro_desktop.paths import forms_dir
    from oro_desktop.services.cases import CaseService
    from oro_desktop.services.cases_transfer import CaseTransfer
    from oro_desktop.services.session import Session
    from oro_desktop.store.kdf import FAST_INSECURE
    from tests.cases.conftest import ADMIN, PASSWORD

    uid = _violence_case(cases)
    cases.set_contact_facts(uid, violence=True, parent_takes_part=False)
    data = CaseTransfer(session, cases.guidance, FormLibrary(forms_dir()),
                        today=lambda: TODAY).export_data()
    fresh, _key = Session.create(tmp_path / "ny.db", ADMIN, PASSWORD, kdf=FAST_INSECURE)
    try:
        other = CaseService(fresh, cases.guidance, FormLibrary(forms_dir()), today=lambda: TODAY)
        CaseTransfer(fresh, cases.guidance, FormLibrary(forms_dir()),
                     today=lambda: TODAY).import_data(data)
        view = other.view(uid)
        assert view.contact.exempt and "violence_exemption" in view.guidance.codes()
    finally:
        fresh.close()
