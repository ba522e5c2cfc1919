"""ConsentService against a real encrypted store: round trip, persons, lists, lifecycle."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date, timedelta

import pypdf
import pytest
import yaml

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.paths import forms_dir
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.persons import PersonService
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ADMIN, PASSWORD, TODAY, audit_rows, example

TYRA = "202103159808"


def _signed(service, clock, data=None, *, on=TODAY) -> int:
    clock.day = on
    cid = service.save(None, data or example()).id
    service.mark_printed(cid, on)
    service.register_signature(cid, received_on=on, registered_by="admin")
    return cid


def test_round_trip_keeps_form_id_version_and_data(service, db_path, session):
    result = service.save(None, example())
    assert result.problems == []
    session.close()
    again = Session.unlock(db_path, ADMIN, PASSWORD, kdf=FAST_INSECURE)
    try:
        view = ConsentService(again, service.library, today=lambda: TODAY).get(result.id)
        assert (view.consent.form_id, view.consent.form_version) == (
            "barnhalsoteam-samtycke", 1)
        assert view.data == example()
        assert view.status is ConsentStatus.DRAFT
        assert view.child is not None and view.child.identity.value == TYRA
        assert [g.name for g in view.guardians] == ["Tolvan Tolvansson", "Elva Elvasdotter"]
        assert view.consent.valid_to == date(2027, 3, 1)
    finally:
        again.close()


def test_a_draft_may_be_incomplete_and_reports_its_problems(service):
    result = service.save(None, {"barn_namn": "Tyra Tolvansson"})
    assert result.problems and all(p.message for p in result.problems)
    assert service.get(result.id).status is ConsentStatus.DRAFT
    assert service.get(result.id).child is None  # no number yet: no person created


def test_child_found_again_by_number_and_consents_listed_together(service, session, clock):
    first = _signed(service, clock)
    # The same child typed with 10 digits and a dash, months later, with a new address.
    clock.day = TODAY + timedelta(days=200)
    second = service.save(None, example(
        barn_personnummer={"kind": "personnummer", "value": "210315-9808"},
        barn_adress="Nya gatan 1\n831 31 Östersund")).id
    other = service.save(None, example(barn_namn="Tolvan Tolvansson",
                                       barn_personnummer={"kind": "personnummer",
                                                          "value": "191212121212"})).id
    child = service.get(first).child
    assert service.get(second).child.id == child.id != service.get(other).child.id
    assert {r.id for r in service.for_child(child.id)} == {first, second}
    persons = PersonService(session)
    found = persons.find_by_number("20210315-9808", today=TODAY)
    assert found.id == child.id and found.address.startswith("Nya gatan")
    assert [p.id for p in persons.search("tyra")] == [child.id]
    other_child = service.get(other).child
    service.save(None, example(barn_namn="Åsa Örnberg", barn_personnummer={
        "kind": "personnummer", "value": "202103159816"}))
    assert [p.name for p in persons.search("åsa ö")] == ["Åsa Örnberg"]
    assert other_child.id not in [p.id for p in persons.search("tyra")]
    assert [p.id for p in persons.search("20210315-9808")] == [child.id]
    # Guardians are persons, found again through the child's earlier consent.
    g1 = {g.name: g.person_id for g in service.get(first).guardians}
    g2 = {g.name: g.person_id for g in service.get(second).guardians}
    assert g1 == g2 and all(g1.values())


def test_new_consent_from_person_is_prefilled(service, clock):
    cid = _signed(service, clock)
    child = service.get(cid).child
    new = service.from_person(child.id)
    assert new.data["barn_namn"] == "Tyra Tolvansson"
    assert new.data["barn_personnummer"] == {"kind": "personnummer", "value": TYRA}
    assert new.data["underskrifter"] == [{"name": "Tolvan Tolvansson"}, {"name": "Elva Elvasdotter"}]
    assert new.data["inhamtat_namn"] == "Maja Exempelsson"
    assert "giltighet" not in new.data


def test_protected_identity_is_kept_and_masked(service, session, clock):
    protected = {"kind": "personnummer", "value": TYRA, "protected": True}
    cid = service.save(None, example(barn_personnummer=protected, barn_adress="")).id
    # A later form that forgets the mark does not clear it; the mark is written back.
    later = service.save(None, example()).id
    assert service.get(later).data["barn_personnummer"]["protected"] is True
    child = service.get(cid).child
    assert child.protected and child.number_display() == "20210315-****"
    rows = {r.id: r for r in service.list()}
    assert rows[cid].child_number == "20210315-****" and rows[cid].protected
    assert TYRA in rows[cid].search_text  # still found by the full number
    assert PersonService(session).set_protected(child.id, False).protected is False


def _statuses(service, clock) -> dict[ConsentStatus, int]:
    """One consent per status at TODAY (2026-03-02)."""
    out = {}
    out[ConsentStatus.DRAFT] = service.save(None, {"barn_namn": "Alva"}).id
    printed = service.save(None, example()).id
    service.mark_printed(printed, TODAY)
    out[ConsentStatus.PRINTED] = printed
    start = date(2025, 3, 20)  # valid to 2026-03-19: 17 days left
    out[ConsentStatus.EXPIRING] = _signed(service, clock, example(
        underskrifter=[{"name": "Tolvan Tolvansson", "date": "2025-03-20"}],
        giltighet={"from": start.isoformat(), "to": "2026-03-19"}), on=start)
    start = date(2025, 12, 1)
    out[ConsentStatus.ACTIVE] = _signed(service, clock, example(
        underskrifter=[{"name": "Tolvan Tolvansson", "date": "2025-12-01"}],
        giltighet={"from": "2025-12-01", "to": "2026-11-30"}), on=start)
    out[ConsentStatus.EXPIRED] = _signed(service, clock, example(
        underskrifter=[{"name": "Tolvan Tolvansson", "date": "2024-06-01"}],
        giltighet={"from": "2024-06-01", "to": "2025-05-31"}), on=date(2024, 6, 1))
    clock.day = TODAY
    revoked = _signed(service, clock, example(
        underskrifter=[{"name": "Tolvan Tolvansson", "date": "2026-01-10"}],
        giltighet={"from": "2026-01-10", "to": "2027-01-09"}), on=date(2026, 1, 10))
    clock.day = TODAY
    service.revoke(revoked, received_on=date(2026, 2, 1), registered_by="admin")
    out[ConsentStatus.REVOKED] = revoked
    declined = service.save(None, example()).id
    service.decline(declined, on=TODAY, registered_by="admin")
    out[ConsentStatus.DECLINED] = declined
    clock.day = date(2026, 2, 20)
    signed = _signed(service, clock, example(
        underskrifter=[{"name": "Tolvan Tolvansson", "date": "2026-02-20"}],
        giltighet={"from": "2026-04-01", "to": "2027-03-31"}), on=date(2026, 2, 20))
    out[ConsentStatus.SIGNED] = signed
    clock.day = TODAY
    return out


def test_status_filter_and_order_at_a_fixed_date(service, clock):
    ids = _statuses(service, clock)
    rows = service.list(TODAY)
    assert [r.status for r in rows] == [
        ConsentStatus.EXPIRING, ConsentStatus.PRINTED, ConsentStatus.DRAFT, ConsentStatus.ACTIVE,
        ConsentStatus.SIGNED, ConsentStatus.EXPIRED, ConsentStatus.REVOKED, ConsentStatus.DECLINED]
    assert rows[0].days_left == 17 and rows[0].id == ids[ConsentStatus.EXPIRING]
    for status, cid in ids.items():
        assert [r.id for r in service.list(TODAY, status)] == [cid]
    # Thirty days later the expiring one has expired and the active one is unchanged.
    later = service.list(TODAY + timedelta(days=30), ConsentStatus.EXPIRED)
    assert {r.id for r in later} == {ids[ConsentStatus.EXPIRED], ids[ConsentStatus.EXPIRING]}


def test_every_transition_is_audited_exactly_once(service, session, clock):
    def consent_audit(cid):
        return [(a, json.loads(d or "{}").get("event"))
                for a, _t, _i, d in audit_rows(session, "consent", cid)]

    cid = service.save(None, example()).id
    assert consent_audit(cid) == [("create", None)]
    service.save(cid, example())  # unchanged: nothing written, nothing audited
    assert consent_audit(cid) == [("create", None)]
    service.save(cid, example(barn_telefon="063-111 11 11"))
    service.mark_printed(cid, TODAY)
    service.record_output(cid, "print", {"pages": 1})
    service.record_output(cid, "export", {"format": "pdf"})
    service.register_signature(cid, received_on=TODAY, registered_by="admin")
    service.attach_scan(cid, b"%PDF-1.4 scan", "application/pdf", "scan.pdf")
    service.revoke(cid, received_on=TODAY, registered_by="admin")
    new = service.renew(cid)
    assert consent_audit(cid) == [
        ("create", None), ("update", None), ("update", "printed"), ("print", None),
        ("export", None), ("update", "signed"), ("update", "scan"), ("update", "revoked")]
    assert consent_audit(new) == [("create", None)]
    other = service.save(None, example()).id
    service.decline(other, on=TODAY, registered_by="admin")
    assert consent_audit(other)[-1] == ("update", "declined")
    # Reads of a person's data are audited too.
    before = len(audit_rows(session))
    service.get(cid)
    service.list()
    assert [r[0] for r in audit_rows(session)[before:]] == ["read", "read"]


def test_printing_from_the_preview_marks_a_complete_draft_printed(service):
    cid = service.save(None, example()).id
    service.record_output(cid, "print", {"pages": 1})
    assert service.get(cid).status is ConsentStatus.PRINTED
    incomplete = service.save(None, {"barn_namn": "Alva"}).id
    service.record_output(incomplete, "print", {"pages": 1})
    assert service.get(incomplete).status is ConsentStatus.DRAFT


def test_editing_a_printed_consent_sends_it_back_to_draft(service):
    cid = service.save(None, example()).id
    service.mark_printed(cid, TODAY)
    service.save(cid, example(barn_telefon="063-111 11 11"))
    assert service.get(cid).status is ConsentStatus.DRAFT


def test_invalid_consent_cannot_be_marked_printed(service):
    cid = service.save(None, example(verksamheter=[])).id
    with pytest.raises(InvalidInput) as err:
        service.mark_printed(cid, TODAY)
    assert "Markera minst en verksamhet" in err.value.message
    assert service.get(cid).status is ConsentStatus.DRAFT


def test_revoking_a_revoked_or_declined_consent_is_refused_in_swedish(service, clock):
    cid = _signed(service, clock)
    service.revoke(cid, received_on=TODAY, registered_by="admin")
    with pytest.raises(InvalidInput, match="redan återkallat"):
        service.revoke(cid, received_on=TODAY, registered_by="admin")
    declined = service.save(None, example()).id
    service.decline(declined, on=TODAY, registered_by="admin")
    with pytest.raises(InvalidInput, match="avböjt samtycke kan inte återkallas"):
        service.revoke(declined, received_on=TODAY, registered_by="admin")


def test_signed_consent_cannot_be_edited_and_renew_prefills(service, clock):
    cid = _signed(service, clock)
    with pytest.raises(InvalidInput, match="Förnya samtycke"):
        service.save(cid, example(barn_telefon="063-111 11 11"))
    new = service.get(service.renew(cid))
    assert new.status is ConsentStatus.DRAFT and new.renewed_from == cid
    # The next period is proposed (from the day after the old one ends, 12 months).
    old = service.get(cid).consent
    assert new.data["giltighet"] == {
        "from": (old.valid_to + timedelta(days=1)).isoformat(),
        "to": (old.valid_to.replace(year=old.valid_to.year + 1)).isoformat()}
    assert new.data["underskrifter"] == [{"name": "Tolvan Tolvansson"}, {"name": "Elva Elvasdotter"}]
    assert new.child.id == service.get(cid).child.id


def test_scan_is_stored_encrypted_in_the_file(service, clock, db_path, session):
    cid = _signed(service, clock)
    marker = b"%PDF-1.4 UNIQUE-SCAN-MARKER-4711"
    service.attach_scan(cid, marker, "application/pdf", "underskrift.pdf")
    assert service.scan(cid).content == marker
    with pytest.raises(InvalidInput, match="PDF-, PNG-"):
        service.attach_scan(cid, b"x", "text/plain")
    session.close()
    assert marker not in db_path.read_bytes()


def _pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_old_filled_form_renders_with_its_old_definition(session, tmp_path, clock):
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(forms_dir() / "barnhalsoteam-samtycke.v1.yaml", forms)
    old = ConsentService(session, FormLibrary(forms), today=clock).save(None, example()).id
    definition = yaml.safe_load((forms / "barnhalsoteam-samtycke.v1.yaml").read_text("utf-8"))
    definition["version"] = 2
    definition["title"] = "Samtycke till samverkan – Barnhälsoteam (ny version)"
    (forms / "barnhalsoteam-samtycke.v2.yaml").write_text(
        yaml.safe_dump(definition, allow_unicode=True), "utf-8")
    service = ConsentService(session, FormLibrary(forms), today=clock)
    old_text = _pdf_text(service.render_pdf(old))
    assert "version 1" in old_text and "ny version" not in old_text
    new = service.save(None, example()).id
    assert service.get(new).consent.form_version == 2
    assert "ny version" in _pdf_text(service.render_pdf(new))


def test_protected_childs_address_is_never_printed(service):
    first = service.save(None, example(barn_personnummer={
        "kind": "personnummer", "value": TYRA, "protected": True}, barn_adress="")).id
    assert "Exempelgatan" not in _pdf_text(service.render_pdf(first))
    # A later form typed with the address and without the mark: the store's mark wins.
    later = service.save(None, example()).id
    text = _pdf_text(service.render_pdf(later))
    assert "Tyra Tolvansson" in text and "Exempelgatan" not in text


def test_identity_typed_as_plain_text_is_found_and_keeps_protection(service):
    service.save(None, example(barn_personnummer={
        "kind": "personnummer", "value": TYRA, "protected": True}, barn_adress=""))
    later = service.get(service.save(None, example(barn_personnummer="20210315-9808")).id)
    assert later.child.protected
    assert later.data["barn_personnummer"] == {"kind": "personnummer", "value": TYRA,
                                               "protected": True}
