"""Filled forms keep every version: one save = one version + one audit entry; versions are
listed, opened read-only, rendered as they printed and diffed with Swedish labels."""

from __future__ import annotations

import io
import json

import pypdf
import pytest

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.errors import InvalidInput
from oro_desktop.services.changes import Change
from oro_desktop.services.form_versions import FormVersionService
from oro_desktop.store.errors import StoreError

from .conftest import TODAY, audit_rows, example


@pytest.fixture
def versions(session, library) -> FormVersionService:
    return FormVersionService(session, library)


def _consent_audits(session, cid) -> list[str]:
    return [r[0] for r in audit_rows(session, "consent", cid)]


def test_each_save_appends_a_version_and_one_audit_entry(service, versions, session):
    cid = service.save(None, example()).id
    owner = service.get(cid).form_uid
    assert [v.number for v in versions.list_versions(owner)] == [1]
    service.save(cid, example())  # unchanged: no version, no audit
    assert [v.number for v in versions.list_versions(owner)] == [1]
    assert _consent_audits(session, cid) == ["create", "read"]
    service.save(cid, example(barn_telefon="063-111 11 11"))
    service.save(cid, example(barn_telefon="063-222 22 22", barn_namn="Tyra Tolvansdotter"))
    listed = versions.list_versions(owner)
    assert [(v.number, v.current, v.created_by) for v in listed] == [
        (1, False, "admin"), (2, False, "admin"), (3, True, "admin")]
    assert [a for a in _consent_audits(session, cid) if a != "read"] == [
        "create", "update", "update"]
    # The newest is current: the consent shows it; older ones open read-only as they were.
    assert service.get(cid).data["barn_telefon"] == "063-222 22 22"
    first = versions.get(listed[0].uid)
    assert first.data == example() and first.definition.key == ("barnhalsoteam-samtycke", 1)
    assert not first.info.current


def test_diff_names_fields_with_swedish_labels_row_by_row(service, versions):
    cid = service.save(None, example()).id
    service.save(cid, example(
        barn_telefon="063-111 11 11",
        underskrifter=[{"name": "Tolvan Tolvansson", "date": "2026-03-02"},
                       {"name": "Elva Elvasson", "date": "2026-03-02"}],
        giltighet={"from": "2026-03-02", "to": "2026-12-31"},
        overforing_vid_flytt=False))
    a, b = versions.list_versions(service.get(cid).form_uid)
    changes = versions.diff(a.uid, b.uid)
    got = {(c.label, c.before, c.after) for c in changes}
    definition = versions.get(b.uid).definition
    phone = definition.field("barn_telefon").label
    signs = definition.field("underskrifter")
    validity = definition.field("giltighet")
    moving = definition.field("overforing_vid_flytt")
    assert (phone, "063-123 45 67", "063-111 11 11") in got
    assert (f"{signs.label}, rad 2: {signs.sub_label('name')}", "Elva Elvasdotter",
            "Elva Elvasson") in got
    assert (f"{validity.label}: {validity.sub_label('to')}", "2027-03-01", "2026-12-31") in got
    assert (moving.label, moving.sub_label("yes"), moving.sub_label("no")) in got
    assert len(changes) == 4
    assert versions.diff(a.uid, a.uid) == []


def test_versions_render_exactly_as_they_printed(service, versions):
    cid = service.save(None, example()).id
    printed = service.render_pdf(cid)
    service.save(cid, example(barn_namn="Tyra Annat Namn"))
    first = versions.list_versions(service.get(cid).form_uid)[0]
    again = versions.pdf_job(first.uid)()
    assert again == printed
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(again)).pages)
    assert "Tyra Tolvansson" in text and "Tyra Annat Namn" not in text


def test_versions_are_append_only_in_the_file(service, session):
    cid = service.save(None, example()).id
    service.save(cid, example(barn_telefon="063-111 11 11"))
    conn = session.store.conn
    for sql in ("UPDATE form_versions SET data = '{}'", "DELETE FROM form_versions",
                "UPDATE filled_forms SET data = '{}'", "DELETE FROM filled_forms",
                "UPDATE consents SET uid = 'ffffffffffffffffffffffffffffffff'"):
        with pytest.raises(StoreError):
            with session.store.unit_of_work("admin") as uow:
                uow.conn.execute(sql)
    assert conn.execute("SELECT count(*) FROM form_versions").fetchone()[0] == 2
    # A version out of sequence is refused too.
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute(
                "INSERT INTO form_versions (uid, filled_form_id, number, form_id, form_version,"
                " data, created_at, created_by) SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',"
                " filled_form_id, 5, form_id, form_version, data, created_at, created_by"
                " FROM form_versions LIMIT 1")


def test_diff_of_versions_of_different_forms_is_refused(service, versions):
    a = versions.list_versions(service.get(service.save(None, example()).id).form_uid)[0]
    b = versions.list_versions(service.get(service.save(None, example()).id).form_uid)[0]
    with pytest.raises(InvalidInput, match="olika blanketter"):
        versions.diff(a.uid, b.uid)


def test_reading_versions_is_audited(service, versions, session):
    cid = service.save(None, example())
    owner = service.get(cid.id).form_uid
    before = len(audit_rows(session))
    listed = versions.list_versions(owner)
    versions.get(listed[0].uid)
    rows = audit_rows(session)[before:]
    assert [(r[0], r[1], r[2]) for r in rows] == [("read", "filled_form", owner)] * 2


def test_every_consent_write_publishes_its_change_after_commit(service, session, clock):
    seen: list[Change] = []
    session.changes.subscribe(seen.append)
    result = service.save(None, example())
    uid = service.get(result.id).uid
    assert result.uid == uid
    kinds = [(c.kind, c.action) for c in seen]
    # The child and its two guardians were created, then the consent.
    assert kinds == [("person", "created")] * 3 + [("consent", "created")]
    assert seen[-1] == Change("consent", uid, "created")
    seen.clear()
    service.save(result.id, example())  # nothing changed: nothing published
    assert seen == []
    service.save(result.id, example(barn_adress="Nya gatan 1\n831 31 Östersund"))
    assert [(c.kind, c.action) for c in seen] == [("person", "updated"), ("consent", "updated")]
    seen.clear()
    service.mark_printed(result.id, TODAY)
    service.register_signature(result.id, received_on=TODAY, registered_by="admin")
    service.attach_scan(result.id, b"%PDF-1.4 x", "application/pdf")
    service.revoke(result.id, received_on=TODAY, registered_by="admin")
    assert seen == [Change("consent", uid, "updated")] * 4
    seen.clear()
    new = service.renew(result.id)
    assert seen == [Change("consent", service.get(new).uid, "created")]
    seen.clear()
    other = service.save(None, example()).id
    seen.clear()
    service.decline(other, on=TODAY, registered_by="admin")
    assert [c.action for c in seen] == ["updated"]
    # A refused write publishes nothing.
    seen.clear()
    with pytest.raises(InvalidInput):
        service.revoke(other, received_on=TODAY, registered_by="admin")
    assert seen == []
    # A row refreshed by its uid is the same as in the full list.
    assert service.row(uid) == next(r for r in service.list() if r.uid == uid)
    assert service.row(uid).status is ConsentStatus.REVOKED


def test_a_save_with_an_impossible_date_changes_nothing(service, session, db_path):
    """Issue 9.6: a validity start of 9999-12-31 used to commit and then raise."""
    conn = session.store.conn

    def counts():
        return [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("consents", "filled_forms", "persons", "audit")]

    before = counts()
    bad = example(giltighet={"from": "9999-12-31", "to": "9999-12-31"})
    with pytest.raises(InvalidInput, match="rimligt datum"):
        service.save(None, bad)
    assert counts() == before
    cid = service.save(None, example()).id
    before = counts()
    with pytest.raises(InvalidInput, match="rimligt datum"):
        service.save(cid, example(underskrifter=[{"name": "Tolvan Tolvansson",
                                                  "date": "1899-12-31"}]))
    assert counts() == before
    assert service.get(cid).data == example()
    assert json.loads(audit_rows(session, "consent", cid)[0][3])["form"] == "barnhalsoteam-samtycke"


def test_an_oversized_draft_is_refused_before_anything_is_written(service, session):
    """A draft may be incomplete, never unbounded: a 20 MB name is not stored (issue 9.8)."""
    conn = session.store.conn

    def counts():
        return [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("consents", "filled_forms", "form_versions", "persons", "audit")]

    before = counts()
    with pytest.raises(InvalidInput, match="för lång"):
        service.save(None, example(barn_namn="Å" * 20_000_000))
    assert counts() == before
