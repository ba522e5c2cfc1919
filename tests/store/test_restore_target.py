"""Restore checks the target, not the backup (issue 9, defect 1)."""

from __future__ import annotations

import pytest

from oro_desktop.services import maintenance, users
from oro_desktop.services.maintenance import before_restore_path
from oro_desktop.services.session import Session
from oro_desktop.store.errors import PermissionDenied, StoreError
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ADMIN, ADMIN_PW, TOLVAN_PNR, audit_rows

ANNA, ANNA_PW = "anna", "annas-lösen"


@pytest.fixture
def real_store(session, db_path):
    users.add_user(session, ANNA, "clinician", ANNA_PW, kdf=FAST_INSECURE)
    session.drafts.save("d1", "consent", {"pnr": TOLVAN_PNR})
    session.close()
    return db_path


def _own_store_backup(tmp_path, name=ANNA, password=ANNA_PW):
    """What a clinician can make alone: a store of their own, where they are admin."""
    own = tmp_path / "own" / "oro.db"
    s, _ = Session.create(own, name, password, kdf=FAST_INSECURE)
    out = tmp_path / "own.bak"
    maintenance.backup(s, out)
    s.close()
    return out


def test_clinician_cannot_restore_their_own_store_over_the_real_one(real_store, tmp_path):
    out = _own_store_backup(tmp_path)
    before = real_store.read_bytes()
    with pytest.raises(PermissionDenied):
        maintenance.restore(real_store, out, ANNA, ANNA_PW)
    assert real_store.read_bytes() == before
    assert not before_restore_path(real_store).exists()


def test_admin_is_refused_another_stores_backup_without_the_explicit_flag(real_store, tmp_path):
    out = _own_store_backup(tmp_path, ADMIN, ADMIN_PW)
    before = real_store.read_bytes()
    with pytest.raises(StoreError) as info:
        maintenance.restore(real_store, out, ADMIN, ADMIN_PW)
    assert "annan databas" in info.value.message and "--replace-with-other-store" in info.value.message
    assert real_store.read_bytes() == before
    # Explicitly: allowed for an admin of the target, kept aside, and audited.
    maintenance.restore(real_store, out, ADMIN, ADMIN_PW, replace_with_other_store=True)
    kept = before_restore_path(real_store)
    assert kept.read_bytes() == before
    s = Session.unlock(real_store, ADMIN, ADMIN_PW)
    try:
        row = s.store.conn.execute(
            "SELECT detail FROM audit WHERE action = 'restore' ORDER BY id DESC").fetchone()
        assert "replaced_other_store" in row[0] and "before-restore" in row[0]
    finally:
        s.close()
    # The kept file still opens with the old key file beside it.
    Session.unlock(kept, ANNA, ANNA_PW).close()


def test_restore_of_the_same_store_keeps_the_replaced_file(real_store, tmp_path):
    s = Session.unlock(real_store, ADMIN, ADMIN_PW)
    out = tmp_path / "b.bak"
    maintenance.backup(s, out)
    s.drafts.delete("d1")
    s.close()
    before = real_store.read_bytes()
    maintenance.restore(real_store, out, ADMIN, ADMIN_PW)
    assert before_restore_path(real_store).read_bytes() == before
    assert before_restore_path(real_store).stat().st_mode & 0o777 == 0o600
    s = Session.unlock(real_store, ADMIN, ADMIN_PW)
    try:
        assert s.drafts.load("d1") is not None
        assert [r[2] for r in audit_rows(s)][-2:] == ["restore", "login"]
    finally:
        s.close()


def test_password_is_checked_against_the_target_not_the_backup(real_store, tmp_path):
    s = Session.unlock(real_store, ADMIN, ADMIN_PW)
    out = tmp_path / "b.bak"
    maintenance.backup(s, out)
    s.close()
    # Only the backup's key file knows this password: the target does not.
    s = Session.unlock(real_store, ADMIN, ADMIN_PW)
    users.change_password(s, ADMIN_PW, "nytt-lösenord-9", kdf=FAST_INSECURE)
    s.close()
    from oro_desktop.store.errors import WrongCredentials

    with pytest.raises(WrongCredentials):
        maintenance.restore(real_store, out, ADMIN, ADMIN_PW)
    maintenance.restore(real_store, out, ADMIN, "nytt-lösenord-9")
    Session.unlock(real_store, ADMIN, "nytt-lösenord-9").close()
