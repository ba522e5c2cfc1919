"""Each rule of the working model, through the case and disclosure services."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.services.cases import CaseService
from oro_desktop.services.disclosures import DisclosureRefused
from oro_desktop.services.guidance import GuidanceService
from oro_desktop.store.errors import StoreError
from tests.cases.conftest import (
    BABY, NOW, PARENT_A, PARENT_B, PREGNANT, TODAY, person, private, public,
)
from tests.cases.test_case_scenarios import _consent, _open

ADDRESS = "Hemligvägen 7, 352 30 Växjö"


def _count(session, table):
    return session.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_one_parent_never_answers_for_the_other(session, cases):
    _, uid, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, a, "yes")
    view = cases.view(uid)
    answers = {p.uid: p.answer for p in view.persons}
    assert answers[a] == "yes" and answers[b] == "not_asked"
    assert "consent_not_asked" in view.guidance.codes()
    # the filled form names exactly one parent: the one who answered
    data = json.loads(session.store.conn.execute(
        "SELECT f.data FROM case_consents c JOIN filled_forms f ON f.id = c.filled_form_id").fetchone()[0])
    assert data["foralder_namn"] == PARENT_A[0] and PARENT_B[0] not in json.dumps(data)
    _consent(cases, uid, b, "no")
    view = cases.view(uid)
    assert {p.uid: p.answer for p in view.persons}[b] == "no"
    assert "each_parent_answers" in view.guidance.codes()
    assert {p.uid: p.answer for p in view.persons}[a] == "yes"  # unchanged by b's no


def test_only_the_consent_role_answers(cases):
    _, uid, _asked = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund",
                           "barnmorskemottagning")
    view = cases.view(uid)
    partner = next(p for p in view.persons if p.role == "partner")
    with pytest.raises(InvalidInput, match="för sig själv"):
        _consent(cases, uid, partner.uid, "yes")
    with pytest.raises(InvalidInput, match="finns inte i ärendet"):
        _consent(cases, uid, "0" * 32, "yes")


def test_a_refusal_is_recorded_and_asking_again_is_a_new_entry(session, cases):
    _, uid, (who, _b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, who, "no")
    assert {p.uid: p.answer for p in cases.view(uid).persons}[who] == "no"
    cases.record_consent(uid, who, answer="yes", manner="written", asked_on=TODAY,
                         asked_by="Maja", function="BVC", content="Kontakt med socialtjänsten.")
    view = cases.view(uid)
    mine = next(p for p in view.persons if p.uid == who)
    assert mine.answer == "yes" and [c.answer for c in mine.consents] == ["no", "yes"]
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute("UPDATE case_consents SET answer = 'yes'")
    cases.tick_step(uid, "a1-1")
    for sql in ("DELETE FROM case_steps", "UPDATE case_events SET text = 'x'",
                "DELETE FROM cases", "UPDATE case_participants SET role = 'relative'"):
        with pytest.raises(StoreError):
            with session.store.unit_of_work("admin") as uow:
                uow.conn.execute(sql)


def test_oral_consent_needs_what_was_said(cases):
    _, uid, (who, _b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    with pytest.raises(InvalidInput, match="vad som sades"):
        cases.record_consent(uid, who, answer="no", manner="oral", asked_on=TODAY, asked_by="M",
                             function="BVC", content="x")


def test_private_recipient_under_osl_is_refused_and_nothing_is_written(session, cases, disclosures):
    _, uid, asked = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund", "socialtjänsten")
    _consent(cases, uid, asked[0], "no")
    forms_before, rows_before = _count(session, "filled_forms"), _count(session, "disclosures")
    with pytest.raises(DisclosureRefused) as info:
        disclosures.record(uid, disclosed_on=TODAY, sender=public("Socialtjänsten Östersund", "socialtjänsten"),
                           recipient=private("Hälsocentralen Privat AB", "barnmorskemottagning"),
                           legal_basis="osl-26-9", content="x", decided_by="Chef",
                           told_before_on=TODAY, told_before="y")
    codes = [c for c, _t in info.value.warnings]
    assert "private_recipient" in codes
    assert "6 kap. 12 §" in info.value.message
    assert (_count(session, "filled_forms"), _count(session, "disclosures")) == (forms_before, rows_before)


def test_wrong_sector_basis_is_refused(cases, disclosures):
    _, uid, asked = _open(cases, "vastra-gotaland-vantat-barn", "Borås", "barnmorskemottagning")
    _consent(cases, uid, asked[0], "no")
    with pytest.raises(DisclosureRefused):
        disclosures.record(uid, disclosed_on=TODAY, sender=public("BMM Borås", "barnmorskemottagning"),
                           recipient=public("Socialtjänsten Borås", "socialtjänsten"),
                           legal_basis="osl-26-9", content="x", decided_by="Chef",
                           told_before_on=TODAY, told_before="y")


def test_no_disclosure_without_a_no(cases, disclosures):
    _, uid, asked = _open(cases, "vastra-gotaland-vantat-barn", "Borås", "barnmorskemottagning")
    with pytest.raises(InvalidInput, match="svarat nej"):
        disclosures.record(uid, disclosed_on=TODAY, sender=public("BMM Borås", "barnmorskemottagning"),
                           recipient=public("Socialtjänsten Borås", "socialtjänsten"),
                           legal_basis="osl-25-12", content="x", decided_by="Chef",
                           told_before_on=TODAY, told_before="y")


def _kronoberg_no(cases):
    _, uid, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, a, "no")
    return uid


def _record(disclosures, uid, **telling):
    return disclosures.record(uid, disclosed_on=TODAY, sender=public("BVC Växjö", "BVC"),
                              recipient=public("Socialtjänsten Växjö", "socialtjänsten"),
                              legal_basis="osl-25-12", content="Oro för barnet.",
                              decided_by="Enhetschef BVC", **telling)


def test_told_before_is_required_then_told_after_once(session, cases, disclosures):
    uid = _kronoberg_no(cases)
    with pytest.raises(InvalidInput, match="före"):
        _record(disclosures, uid)
    d = _record(disclosures, uid, told_before_on=date(2026, 3, 1), told_before="Att kontakt tas.")
    assert [x.uid for x in disclosures.to_tell_after()] == [d]
    disclosures.tell_after(d, TODAY, "Att kontakten tagits och vad som framkom.")
    assert disclosures.to_tell_after() == []
    [entry] = disclosures.for_case(uid)
    assert entry.told_after_on == TODAY
    with pytest.raises(InvalidInput, match="redan"):
        disclosures.tell_after(d, TODAY, "igen")
    versions = session.store.conn.execute(
        "SELECT count(*) FROM form_versions v JOIN disclosures d ON d.filled_form_id = v.filled_form_id"
    ).fetchone()[0]
    assert versions == 2  # the record form got its second version, the first is kept


def test_violence_exemption_only_where_the_guideline_has_it(cases, disclosures):
    uid = _kronoberg_no(cases)
    with pytest.raises(InvalidInput, match="skälet"):
        _record(disclosures, uid, exemption="vald")
    with pytest.raises(InvalidInput, match="informeras personen inte"):
        _record(disclosures, uid, exemption="vald", exemption_reason="Orosanmälan om våld.",
                told_before_on=TODAY, told_before="x")
    reason = "Orosanmälan om misstänkt våld; föräldern är inte delaktig."
    # The exemption rests on what the case records about the contact.
    with pytest.raises(InvalidInput, match="inte själv är delaktig"):
        _record(disclosures, uid, exemption="vald", exemption_reason=reason)
    cases.set_contact_facts(uid, violence=True, parent_takes_part=True)
    with pytest.raises(InvalidInput, match="inte själv är delaktig"):
        _record(disclosures, uid, exemption="vald", exemption_reason=reason)
    assert disclosures.for_case(uid) == []
    cases.set_contact_facts(uid, violence=True, parent_takes_part=False)
    d = _record(disclosures, uid, exemption="vald", exemption_reason=reason)
    [entry] = disclosures.for_case(uid)
    assert entry.uid == d and entry.informed == "exemption" and not entry.waiting_to_tell_after
    _, juid, asked = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund",
                           "barnmorskemottagning")
    _consent(cases, juid, asked[0], "no")
    with pytest.raises(InvalidInput, match="inget undantag"):
        disclosures.record(juid, disclosed_on=TODAY, sender=public("BMM", "barnmorskemottagning"),
                           recipient=public("Socialtjänsten Östersund", "socialtjänsten"),
                           legal_basis="osl-25-12", content="x", decided_by="Chef",
                           exemption="vald", exemption_reason="Våld.")


def test_barnet_ar_fott_says_anmalningsplikt(cases):
    _, uid, pregnant = _open(cases, "jamtland-harjedalen-vantat-barn", "Östersund",
                             "barnmorskemottagning")
    result = cases.child_born(uid, date(2026, 2, 28))
    assert "SoL (2025:400) 19 kap. 1 §" in result.notice
    assert "SoL (2001:453) 14 kap. 1 §" in result.notice
    assert result.continued_under == ""  # Jämtland has no newborn guideline
    view = cases.view(uid)
    roles = {p.role for p in view.persons}
    assert roles == {"child", "guardian", "partner"}
    assert next(p for p in view.persons if p.role == "guardian").uid == pregnant[0]
    assert "anmalningsplikt" in view.guidance.codes()
    assert any("19 kap. 1 §" in n for n in view.notices)
    assert view.history[-1].action == "born"
    with pytest.raises(InvalidInput, match="redan"):
        cases.child_born(uid, date(2026, 2, 28))


# -- a fictitious fourth region, with an expected-child and a newborn guideline -----------
def _fourth(tmp_path: Path) -> Path:
    from tests.guidance.test_guidance_fourth_region import CONTACTS, GUIDELINE

    root = tmp_path / "resources"
    for part in ("legal", "guidelines", "contacts"):
        shutil.copytree(resources_dir() / part, root / part)
    (root / "guidelines" / "exempel-vantat-barn.yaml").write_text(GUIDELINE, encoding="utf-8")
    newborn = (GUIDELINE.replace("id: exempel-vantat-barn", "id: exempel-nyfott-barn")
               .replace("situation: expected_child", "situation: newborn")
               .replace("väntat barn", "nyfött barn")
               .replace("asked: pregnant_person", "asked: each_parent")
               .replace('person_label: "den gravida"', 'person_label: "föräldern"'))
    (root / "guidelines" / "exempel-nyfott-barn.yaml").write_text(newborn, encoding="utf-8")
    (root / "contacts" / "exempel.yaml").write_text(CONTACTS, encoding="utf-8")
    return root


def test_fourth_region_through_the_case_view_and_the_birth(session, tmp_path):
    guidance = GuidanceService(_fourth(tmp_path))
    cases = CaseService(session, guidance, FormLibrary(forms_dir()), today=lambda: TODAY,
                        now=lambda: NOW)
    uid = cases.open("Ankeby", guideline_id="exempel-vantat-barn", due_date=date(2026, 5, 1),
                     initiator_kind="BB")
    cases.add_person(uid, "pregnant", person(*PREGNANT))
    view = cases.view(uid)
    assert view.guidance is not None and view.row.region == "Region Exempel"
    assert [s.step_id for s in view.steps] == ["ask-consent"]
    with pytest.raises(InvalidInput, match="ingen samtyckesblankett"):
        _consent(cases, uid, view.persons[1].uid, "yes")
    result = cases.child_born(uid, TODAY, child=person(*BABY))
    assert result.continued_under == "exempel-nyfott-barn"
    view = cases.view(uid)
    assert view.row.guideline_id == "exempel-nyfott-barn"
    assert view.guidance.guideline.situation == "newborn"
    assert any(p.role == "child" and p.name == BABY[0] for p in view.persons)


def test_protected_address_is_absent_from_lists_views_and_search(cases):
    uid = cases.open("Växjö", guideline_id="kronoberg-nyfott-barn",
                     child=person("Skyddad Provbarn", BABY[1], address=ADDRESS, protected=True))
    cases.add_person(uid, "guardian", person(*PARENT_A, address=ADDRESS, protected=True))
    for shown in (cases.list_page(0, 10), cases.row(uid), cases.view(uid),
                  cases.search("Provbarn"), cases.search("alva")):
        assert "Hemligvägen" not in repr(shown)
    view = cases.view(uid)
    assert all(p.address == "" and p.number.endswith("****") for p in view.persons)
