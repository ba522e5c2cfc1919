"""The database key changes on remove, disable, passwd and rekey (issue 9, defect 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from oro_desktop.services import maintenance, users
from oro_desktop.services.session import Session
from oro_desktop.store import opening
from oro_desktop.store.connection import probe
from oro_desktop.store.errors import StoreDamaged, WrongCredentials
from oro_desktop.store.kdf import FAST_INSECURE
from oro_desktop.store.keyslots import KeyFile, keys_path, open_slot

from .conftest import ADMIN, ADMIN_PW, audit_rows

ANNA, ANNA_PW = "anna", "annas-lösen"


def _old_copy(db_path: Path, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / f"{name}.keys"
    shutil.copy(keys_path(db_path), copy)
    return copy


def _opens_live(db_path: Path, keys_copy: Path, user: str, password: str) -> bool:
    """Can this slot from an old key file, with this password, decrypt the live file?"""
    keyfile = KeyFile.load(keys_copy)
    key = open_slot(keyfile.store_id, keyfile.slots[user], password)
    try:
        probe(db_path, key)
    except StoreDamaged:
        return False
    return True


@pytest.fixture
def two_users(session, db_path):
    users.add_user(session, ANNA, "clinician", ANNA_PW, kdf=FAST_INSECURE)
    return session


def test_removed_users_old_slot_no_longer_opens_the_live_store(two_users, db_path, tmp_path):
    old = _old_copy(db_path, tmp_path, "before")
    assert _opens_live(db_path, old, ANNA, ANNA_PW)
    result = users.remove_user(two_users, ANNA)
    assert result.resealed == [ADMIN] and result.recovery_key is None
    assert not _opens_live(db_path, old, ANNA, ANNA_PW)
    assert ANNA not in KeyFile.load(keys_path(db_path)).slots
    two_users.close()
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, ANNA, ANNA_PW)
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()  # the others keep their passwords


def test_disabled_user_is_locked_out_and_can_be_enabled_again(two_users, db_path, tmp_path):
    old = _old_copy(db_path, tmp_path, "before")
    users.disable_user(two_users, ANNA)
    assert not _opens_live(db_path, old, ANNA, ANNA_PW)
    two_users.close()
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, ANNA, ANNA_PW)
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    users.enable_user(s, ANNA, "annas-nya-lösen", kdf=FAST_INSECURE)
    s.close()
    Session.unlock(db_path, ANNA, "annas-nya-lösen").close()


def test_old_password_from_an_old_key_file_no_longer_opens(two_users, db_path, tmp_path):
    two_users.close()
    s = Session.unlock(db_path, ANNA, ANNA_PW)
    old = _old_copy(db_path, tmp_path, "before")
    result = users.change_password(s, ANNA_PW, "annas-nya-lösen", kdf=FAST_INSECURE)
    assert result is not None and result.recovery_key is None  # a clinician gets no key
    s.close()
    assert not _opens_live(db_path, old, ANNA, ANNA_PW)
    assert not _opens_live(db_path, old, ADMIN, ADMIN_PW)  # nobody's old slot does
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()
    Session.unlock(db_path, ANNA, "annas-nya-lösen").close()


def test_recovery_key_survives_a_rekey_that_keeps_it(created, db_path):
    session, key = created
    users.add_user(session, ANNA, "clinician", ANNA_PW, kdf=FAST_INSECURE)
    users.remove_user(session, ANNA)
    session.close()
    keys_path(db_path).unlink()  # the .recovery copy still has the sealed key
    users.recover_user(db_path, key, ADMIN, "nytt-lösenord-1", kdf=FAST_INSECURE)
    Session.unlock(db_path, ADMIN, "nytt-lösenord-1").close()


def test_rekey_rotates_the_recovery_key_and_proves_it(created, db_path, tmp_path):
    session, old_recovery = created
    users.add_user(session, ANNA, "clinician", ANNA_PW, kdf=FAST_INSECURE)
    old = _old_copy(db_path, tmp_path, "before")
    before = session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    result = users.rekey_store(session)
    assert result.recovery_key and result.recovery_key != old_recovery
    assert sorted(result.resealed) == [ADMIN, ANNA]
    # The open session goes on working under the new key.
    session.drafts.save("after-rekey", "consent", {"x": 1})
    assert session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] > before
    session.close()
    assert not _opens_live(db_path, old, ADMIN, ADMIN_PW)
    with pytest.raises(StoreDamaged):
        users.recover_user(db_path, old_recovery, ADMIN, "x-lösenord-1", kdf=FAST_INSECURE)
    users.recover_user(db_path, result.recovery_key, ADMIN, "nytt-lösenord-1", kdf=FAST_INSECURE)
    Session.unlock(db_path, ANNA, ANNA_PW).close()
    s = Session.unlock(db_path, ADMIN, "nytt-lösenord-1")
    try:
        assert "rekey" in [r[2] for r in audit_rows(s)]
        assert s.store.check() == []
    finally:
        s.close()
    assert maintenance.check_store(db_path, ADMIN, "nytt-lösenord-1").ok


def test_backup_from_before_a_rekey_restores_with_todays_password(two_users, db_path, tmp_path):
    out = tmp_path / "b.bak"
    maintenance.backup(two_users, out)
    users.remove_user(two_users, ANNA)
    two_users.close()
    maintenance.restore(db_path, out, ADMIN, ADMIN_PW)
    # The restored file is under today's key: the removed user's slot in the backup's
    # own key file does not open it.
    assert not _opens_live(db_path, Path(f"{out}.keys"), ANNA, ANNA_PW)
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, ANNA, ANNA_PW)


def test_last_admin_and_self_cannot_be_removed(session):
    from oro_desktop.errors import InvalidInput

    with pytest.raises(InvalidInput):
        users.remove_user(session, ADMIN)


def test_version_1_slot_is_upgraded_at_login(created, db_path):
    """Stores made before rekey existed: a login turns the slot into a resealable one."""
    session, _ = created
    session.close()
    fixture = Path(__file__).parent / "fixtures" / "v1"
    target = db_path.parent / "v1"
    shutil.copytree(fixture, target)
    doc = json.loads((target / "oro.db.keys").read_text())
    assert all(slot.get("v") is None for slot in doc["slots"])
    s = Session.unlock(target / "oro.db", "admin", "fixture-lösen-1")
    try:
        assert KeyFile.load(target / "oro.db.keys").slots["admin"].version == 2
        result = users.rekey_store(s)
        assert result.resealed == ["admin"] and result.dropped == ["anna"]
    finally:
        s.close()
    Session.unlock(target / "oro.db", "admin", "fixture-lösen-1").close()
    with pytest.raises(WrongCredentials):
        Session.unlock(target / "oro.db", "anna", "annas-lösen-1")


def test_interrupted_rekey_is_settled_at_the_next_open(two_users, db_path, monkeypatch):
    from oro_desktop.store import rekey as rekey_mod

    real = rekey_mod.os.replace

    def die(src, dst):
        if str(src).endswith(".keys.next"):
            raise KeyboardInterrupt  # killed after PRAGMA rekey, before the key file moved
        return real(src, dst)

    monkeypatch.setattr(rekey_mod.os, "replace", die)
    with pytest.raises(KeyboardInterrupt):
        users.rekey_store(two_users)
    monkeypatch.undo()
    two_users.store.close()
    assert opening.key_opens(db_path, bytearray(32)) is False
    Session.unlock(db_path, ANNA, ANNA_PW).close()
    assert not db_path.with_name("oro.db.keys.next").exists()
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()


def test_recovery_key_opens_a_backup_made_after_a_rekey_without_its_key_file(created, db_path, tmp_path):
    session, key = created
    users.add_user(session, ANNA, "clinician", ANNA_PW, kdf=FAST_INSECURE)
    users.remove_user(session, ANNA)  # the database key is now random, sealed to the recovery key
    out = tmp_path / "b.bak"
    maintenance.backup(session, out)
    session.close()
    assert Path(f"{out}.recovery").exists()
    Path(f"{out}.keys").unlink()
    target = tmp_path / "new" / "oro.db"
    maintenance.restore(target, out, None, None, recovery_key=key)
    users.recover_user(target, key, ADMIN, "nytt-lösenord-1", kdf=FAST_INSECURE)
    Session.unlock(target, ADMIN, "nytt-lösenord-1").close()
