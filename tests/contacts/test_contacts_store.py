"""Local changes in the encrypted store: they win, they are audited, they survive a
reopen, and an import is one transaction (a bad file or a failure changes nothing)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from oro_desktop.core.contacts import DirectoryError
from oro_desktop.services.contacts import ContactService, ImportResult
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE
from oro_desktop.store.repos import contacts as contacts_repo
from tests.contacts.samples import BAD_IMPORT

ADMIN, PASSWORD = "admin", "korrekt-häst-batteri"

@pytest.fixture()
def session(tmp_path: Path):
    session, _ = Session.create(tmp_path / "oro.db", ADMIN, PASSWORD, kdf=FAST_INSECURE)
    yield session
    session.close()


@pytest.fixture()
def service(session: Session, shipped_dir: Path) -> ContactService:
    return ContactService(session, shipped_dir)


def reverified(path: Path) -> None:
    """Change every entry of an export (as after a clinic re-verified all numbers)."""
    text = path.read_text(encoding="utf-8")
    assert text.count("verified: '2026-11-23'") == 82
    path.write_text(text.replace("verified: '2026-11-23'", "verified: '2026-11-24'"), encoding="utf-8")


def contact_audit(session: Session) -> list[tuple]:
    return session.store.conn.execute(
        "SELECT actor, action, record_id FROM audit WHERE record_type = 'contact' ORDER BY id"
    ).fetchall()


def test_table_is_strict(session: Session) -> None:
    sql = session.store.conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'contact_overrides'"
    ).fetchone()[0]
    assert "STRICT" in sql


def test_edit_hide_revert_are_stored_and_audited(session: Session, service: ContactService) -> None:
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    service.save_entry(replace(vaxjo, notes="Lokal anteckning"))
    service.hide_entry("kronoberg/socialtjanst/lessebo")
    new = replace(vaxjo, id="kronoberg/lokal/exempel", unit="Exempelenheten", kind="familjecentral")
    service.save_entry(new)
    assert contact_audit(session) == [
        (ADMIN, "update", "kronoberg/socialtjanst/vaxjo"),
        (ADMIN, "update", "kronoberg/socialtjanst/lessebo"),
        (ADMIN, "create", "kronoberg/lokal/exempel"),
    ]
    # A second service on the same store (a fresh cache) sees the same directory.
    again = ContactService(session, service._shipped_dir)
    assert again.get(vaxjo.id).notes == "Lokal anteckning" and again.get(vaxjo.id).local
    assert again.get("kronoberg/socialtjanst/lessebo") is None
    assert again.get(new.id) is not None
    service.revert_entry(vaxjo.id)
    assert service.get(vaxjo.id) == vaxjo
    assert contact_audit(session)[-1] == (ADMIN, "delete", vaxjo.id)


def test_import_of_a_bad_file_changes_nothing(session: Session, service: ContactService, tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text(BAD_IMPORT, encoding="utf-8")
    audit_before = session.store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    with pytest.raises(DirectoryError):
        service.import_file(bad)
    assert contacts_repo.count(session.store.conn) == 0
    assert session.store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == audit_before


def test_import_failing_half_way_is_rolled_back(
    session: Session, service: ContactService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "kontakter.yaml"
    service.export(out)
    reverified(out)
    calls = {"n": 0}
    real_upsert = contacts_repo.upsert

    def failing_upsert(conn, override):
        calls["n"] += 1
        if calls["n"] == 10:
            raise OSError("disken tog slut")
        return real_upsert(conn, override)

    monkeypatch.setattr(contacts_repo, "upsert", failing_upsert)
    with pytest.raises(OSError):
        service.import_file(out)
    assert contacts_repo.count(session.store.conn) == 0
    assert [a for _, a, _ in contact_audit(session)] == ["export"]


def test_import_and_export_are_audited(session: Session, service: ContactService, tmp_path: Path) -> None:
    out = tmp_path / "kontakter.yaml"
    assert service.export(out) == 82
    assert service.import_file(out) == ImportResult(total=82, changed=0)
    assert contacts_repo.count(session.store.conn) == 0
    reverified(out)
    assert service.import_file(out) == ImportResult(total=82, changed=82)
    assert contacts_repo.count(session.store.conn) == 82
    assert service.get("kronoberg/socialtjanst/vaxjo").verified.isoformat() == "2026-11-24"
    assert [a for _, a, _ in contact_audit(session)] == ["export", "import", "import"]
    assert session.store.check() == []
