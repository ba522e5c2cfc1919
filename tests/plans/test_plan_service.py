"""The plan service on a real store: which plans fit a case, create, save versions (validated
first), history and diff, the follow-up reminder at fixed dates, printing old versions
exactly as they printed, the family copy under the violence exemption, audit and changes."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import typing
from datetime import date

import pytest
from pypdf import PdfReader

from oro_desktop.errors import InvalidInput
from oro_desktop.services import plans as plans_module
from oro_desktop.services.changes import Change
from oro_desktop.services.disclosures import Party
from oro_desktop.services.plans import NOT_SAVED_STAMP, FamilyCopyRefused, PlanRow, PlanService
from oro_desktop.store.errors import NotFound
from tests.plans.conftest import STORE_TODAY
from tests.plans.helpers import expected_case, filled, newborn_case


def _text(pdf: bytes) -> str:
    """The words of the PDF without white space (table cells wrap anywhere)."""
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _audit(session, action=None):
    with session.store.unit_of_work("admin") as uow:
        rows = uow.conn.execute("SELECT action, record_type, record_id, detail FROM audit"
                                " WHERE record_type = 'plan' ORDER BY id").fetchall()
    return [r for r in rows if action is None or r[0] == action]


def _history(services, case_uid):
    return [h.text for h in services.cases.view(case_uid).history]


# -- kinds and create ---------------------------------------------------------------------
def test_the_plan_forms_offered_follow_the_guidelines_situation(services):
    newborn, _ = newborn_case(services)
    jamtland, _ = expected_case(services)
    vgr, _ = expected_case(services, "vastra-gotaland-vantat-barn", "Borås")
    assert services.plans.kinds(newborn) == [("barnets-plan", "Barnets plan")]
    expected = [("samordnad-plan-vantat-barn", "Samordnad plan för det väntade barnet")]
    assert services.plans.kinds(jamtland) == expected
    assert services.plans.kinds(vgr) == expected
    with pytest.raises(InvalidInput, match="passar inte"):
        services.plans.create(newborn, "samordnad-plan-vantat-barn")
    with pytest.raises(NotFound):
        services.plans.kinds("0" * 32)


def test_a_new_plan_is_prefilled_from_the_case_and_has_no_version(services):
    case, person = expected_case(services)
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    uid = services.plans.create(case, "samordnad-plan-vantat-barn")
    definition, data = services.plans.current(uid)
    assert definition.id == "samordnad-plan-vantat-barn"
    assert data["gravid_namn"] == "Tova Testsson"
    assert data["gravid_personnummer"]["value"] == "198503129804"
    assert data["beraknad_forlossning"] == "2027-04-01"
    assert data["typ"] == "samordnad-plan"
    assert "samtycke" not in data  # nobody has answered yet: the meeting decides
    assert services.plans.versions(uid) == []
    (row,) = services.plans.for_case(case)
    assert (row.uid, row.versions, row.title) == (uid, 0, "Samordnad plan för det väntade barnet")
    assert row.case_label == "Väntat barn, BF 2027-04-01 – Östersund"
    assert Change("plan", uid, "created") in seen and Change("case", case, "updated") in seen
    assert "Plan skapad: Samordnad plan för det väntade barnet." in _history(services, case)
    assert [r[0] for r in _audit(services.session, "create")] == ["create"]


def test_the_consent_answer_is_prefilled_only_when_everyone_answered_alike(services):
    case, (a, b) = newborn_case(services, guardians=("Alva Provare", "Bo Provare"))
    ask = dict(manner="oral", asked_on=STORE_TODAY, asked_by="BVC", function="BVC",
               content="Oron", said="Svar")
    services.cases.record_consent(case, a, answer="yes", **ask)
    assert "samtycke" not in services.plans.current(services.plans.create(case, "barnets-plan"))[1]
    services.cases.record_consent(case, b, answer="no", **ask)
    uid = services.plans.create(case, "barnets-plan")
    assert services.plans.current(uid)[1]["samtycke"] == "utan"  # one no: without consent


def test_a_plan_cannot_be_created_in_a_closed_case(services):
    case, _ = newborn_case(services)
    services.cases.close(case, STORE_TODAY)
    with pytest.raises(InvalidInput, match="avslutat"):
        services.plans.create(case, "barnets-plan")


# -- save_version ---------------------------------------------------------------------------
def test_saving_validates_first_and_a_bad_version_changes_nothing(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    before_audit = len(_audit(services.session))
    before_history = _history(services, case)
    bad = filled("barnets-plan")
    del bad["samordningsansvarig"]  # required: who holds the coordination responsibility
    for data, message in ((bad, "kan inte sparas"), (filled("barnets-plan", okänt="x"), "inte känner"),
                          ("inte ett formulär", "formulär"),
                          (filled("barnets-plan", egen_syn="x" * 500_000), "för lång")):
        with pytest.raises(InvalidInput, match=message):
            services.plans.save_version(uid, data)  # type: ignore[arg-type]
    assert services.plans.versions(uid) == []
    assert services.plans.row(uid).coordinator == ""
    assert _history(services, case) == before_history
    assert len([r for r in _audit(services.session) if r[0] != "read"]) == \
        len([r for r in _audit(services.session)[:before_audit] if r[0] != "read"])


def test_a_saved_version_updates_the_columns_history_audit_and_changes(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    seen: list[Change] = []
    services.changes.subscribe(seen.append, kinds=["plan"])
    info = services.plans.save_version(uid, filled("barnets-plan"))
    assert (info.number, info.current, info.created_by) == (1, True, "admin")
    row = services.plans.row(uid)
    assert row.with_consent is False
    assert row.coordinator == "Anna Provsson, Barnavårdscentralen Exempel"
    assert row.follow_up_by == "Sven Testsson, Socialtjänsten Växjö kommun"
    assert row.next_follow_up == date(2026, 12, 15) and row.versions == 1
    assert row.days_to_follow_up == 14 and not row.follow_up_due
    assert seen == [Change("plan", uid, "saved")]
    assert "Planen sparad (version 1): Barnets plan." in _history(services, case)
    updates = _audit(services.session, "update")
    assert len(updates) == 1 and updates[0][2] == uid
    services.plans.save_version(uid, filled("barnets-plan", samtycke="med",
                                            nasta_uppfoljning="2027-01-10"))
    row = services.plans.row(uid)
    assert (row.with_consent, row.next_follow_up, row.versions) == (True, date(2027, 1, 10), 2)
    assert [v.number for v in services.plans.versions(uid)] == [1, 2]
    assert [v.current for v in services.plans.versions(uid)] == [False, True]


def test_the_diff_between_two_versions_is_field_by_field_and_row_by_row(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    first = filled("barnets-plan")
    services.plans.save_version(uid, first)
    second = filled("barnets-plan", mal="Barnet mår bra.")
    second["insatser"] = first["insatser"] + [
        {"part": "Kommunen", "vad": "Föräldrastödsgrupp.", "ansvarig": "Sven Testsson",
         "status": "planerad"}]
    services.plans.save_version(uid, second)
    changes = services.plans.diff(uid, 1, 2)
    labels = {c.label for c in changes}
    assert "Mål med planen" in labels
    assert any(c.row == 4 or "Föräldrastödsgrupp." in c.after for c in changes)
    assert services.plans.diff(uid, 2, 2) == []
    with pytest.raises(InvalidInput, match="ingen version 3"):
        services.plans.diff(uid, 1, 3)


# -- follow-up ------------------------------------------------------------------------------
def test_follow_ups_due_at_fixed_dates_and_sorted_with_undated_last(services, clock):
    case, _ = newborn_case(services)
    early = services.plans.create(case, "barnets-plan")
    late = services.plans.create(case, "barnets-plan")
    undated = services.plans.create(case, "barnets-plan")
    services.plans.save_version(late, filled("barnets-plan", nasta_uppfoljning="2027-02-01"))
    services.plans.save_version(early, filled("barnets-plan", nasta_uppfoljning="2026-12-15"))
    assert [r.uid for r in services.plans.list()] == [early, late, undated]
    assert services.plans.due() == []  # 1 December: nothing yet
    clock.today = date(2026, 12, 15)  # the day itself counts
    (due,) = services.plans.due()
    assert (due.uid, due.follow_up_due, due.days_to_follow_up) == (early, True, 0)
    assert [r.uid for r in services.plans.due(date(2027, 2, 2))] == [early, late]
    assert services.plans.due(date(2027, 2, 2))[0].days_to_follow_up == -49
    assert [r.uid for r in services.plans.list(due_before=date(2026, 12, 15))] == []
    assert [r.uid for r in services.plans.list(due_before=date(2026, 12, 16))] == [early]
    assert services.plans.row(undated).next_follow_up is None


# -- printing -------------------------------------------------------------------------------
def test_an_old_version_prints_byte_identical_after_a_later_save(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    services.plans.save_version(uid, filled("barnets-plan"))
    before = services.plans.pdf_job(uid, version=1)()
    services.plans.save_version(uid, filled("barnets-plan", samordningsansvarig="Ny Samordnare, BVC"))
    assert services.plans.pdf_job(uid, version=1)() == before
    newest = services.plans.pdf_job(uid)()
    assert newest != before
    text = _text(newest)
    assert _flat("Ny Samordnare, BVC") in text
    assert _flat(f"Version 2 · sparad {STORE_TODAY.isoformat()}") in text
    old_text = _text(before)
    for commitment in filled("barnets-plan")["insatser"]:
        assert _flat(commitment["vad"]) in old_text and _flat(commitment["ansvarig"]) in old_text
    assert _flat("Anna Provsson, Barnavårdscentralen Exempel") in old_text
    assert _flat("2026-12-15") in old_text and _flat("Version 1 · sparad") in old_text
    with pytest.raises(InvalidInput, match="ingen version 5"):
        services.plans.pdf_job(uid, version=5)


def test_an_unsaved_plan_prints_stamped_as_a_draft(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    assert _flat(NOT_SAVED_STAMP) in _text(services.plans.pdf_job(uid)())


def test_printing_is_audited_as_a_print_when_read(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    services.plans.save_version(uid, filled("barnets-plan"))
    services.plans.pdf_job(uid, version=1)
    services.plans.pdf_job(uid, family=True)
    prints = _audit(services.session, "print")
    assert [(r[2], json.loads(r[3])["family"], json.loads(r[3])["version"]) for r in prints] == [
        (uid, False, 1), (uid, True, 1)]
    services.plans.record_output(uid, "export", {"path": "/tmp/x.pdf"})
    assert _audit(services.session, "export")[0][2] == uid
    with pytest.raises(ValueError):
        services.plans.record_output(uid, "delete")


def test_the_family_copy_is_refused_under_the_violence_exemption(services):
    case, (a,) = newborn_case(services, guardians=("Alva Provare",))
    uid = services.plans.create(case, "barnets-plan")
    services.plans.save_version(uid, filled("barnets-plan"))
    family = services.plans.pdf_job(uid, family=True)()
    assert _flat("Planen i korthet") in _text(family)
    assert not services.plans.exemption_applies(case)
    services.cases.record_consent(case, a, answer="no", manner="oral", asked_on=STORE_TODAY,
                                  asked_by="BVC", function="BVC", content="Oron", said="Nej")
    services.cases.set_contact_facts(case, violence=True, parent_takes_part=False)
    services.disclosures.record(
        case, disclosed_on=STORE_TODAY, sender=Party("BVC Växjö", "BVC", True),
        recipient=Party("Socialtjänsten Växjö", "socialtjänsten", True), legal_basis="osl-25-12",
        content="Oro", decided_by="Chef", exemption="vald",
        exemption_reason="Misstänkt våld; föräldern är inte delaktig.")
    assert services.plans.exemption_applies(case)
    prints = len(_audit(services.session, "print"))
    with pytest.raises(FamilyCopyRefused, match="Familjeexemplaret skrivs inte ut"):
        services.plans.pdf_job(uid, family=True)
    assert len(_audit(services.session, "print")) == prints  # refused: nothing printed
    assert services.plans.pdf_job(uid)()[:4] == b"%PDF"  # the plan itself still prints


def test_the_guideline_of_a_plan_is_its_cases(services):
    case, _ = expected_case(services, "vastra-gotaland-vantat-barn", "Borås")
    uid = services.plans.create(case, "samordnad-plan-vantat-barn")
    assert services.plans.guideline(uid).id == "vastra-gotaland-vantat-barn"


# -- contract ---------------------------------------------------------------------------------
def _store_types(hint: object) -> list[str]:
    found = []
    for arg in typing.get_args(hint) or ():
        found += _store_types(arg)
    if getattr(hint, "__module__", "").startswith("oro_desktop.store"):
        found.append(str(hint))
    return found


def test_the_plan_service_hands_out_no_store_type():
    bad, seen = [], 0
    for name in dir(PlanService):
        member = getattr(PlanService, name)
        if name.startswith("_") or not callable(member):
            continue
        seen += 1
        bad += _store_types(typing.get_type_hints(member, vars(plans_module)).get("return"))
    for key, hint in typing.get_type_hints(PlanRow).items():
        seen += 1
        bad += _store_types(hint)
    assert seen > 25 and bad == []
    assert [f.name for f in dataclasses.fields(PlanRow)] == [
        "uid", "case_uid", "case_label", "form_id", "title", "with_consent", "coordinator",
        "follow_up_by", "next_follow_up", "follow_up_due", "days_to_follow_up", "versions",
        "updated_at", "updated_by"]


def test_services_wire_one_plan_service(services):
    assert services.plans is services.plans
    assert isinstance(services.plans, PlanService)
