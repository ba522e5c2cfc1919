"""Password change and recovery: new password opens, old one does not."""

from __future__ import annotations

import json

import pytest

from oro_desktop.errors import InvalidInput
from oro_desktop.services import users
from oro_desktop.services.session import Session
from oro_desktop.store.errors import NotFound, StoreDamaged, WrongCredentials
from oro_desktop.store.kdf import FAST_INSECURE
from oro_desktop.store.keyslots import keys_path

from .conftest import ADMIN, ADMIN_PW, audit_rows


def test_change_own_password(session, db_path):
    with pytest.raises(WrongCredentials):
        users.change_password(session, "inte-rätt-gammalt", "nytt-lösenord", kdf=FAST_INSECURE)
    users.change_password(session, ADMIN_PW, "nytt-lösenord", kdf=FAST_INSECURE)
    assert [r[2] for r in audit_rows(session)][-2:] == ["password_change", "rekey"]
    session.close()
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, ADMIN, ADMIN_PW)
    Session.unlock(db_path, ADMIN, "nytt-lösenord").close()


def test_recover_resets_password_without_the_old_one(created, db_path):
    session, key = created
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.close()
    Session.recover(db_path, key, "anna", "annas-nya-lösen", kdf=FAST_INSECURE)
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, "anna", "annas-lösen")
    s = Session.unlock(db_path, "anna", "annas-nya-lösen")
    assert s.user.role == "clinician"
    rows = audit_rows(s)
    s.close()
    assert ("recovery-key", "recover", "user", "anna") in [r[1:] for r in rows]
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()  # the others are untouched


@pytest.mark.parametrize("damage", ["delete", "garbage", "truncate"])
def test_recover_rebuilds_lost_or_damaged_key_file(created, db_path, damage):
    session, key = created
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.close()
    kp = keys_path(db_path)
    if damage == "delete":
        kp.unlink()
        with pytest.raises(NotFound):
            Session.unlock(db_path, ADMIN, ADMIN_PW)
    elif damage == "garbage":
        kp.write_bytes(b"\x00garbage")
        with pytest.raises(StoreDamaged):
            Session.unlock(db_path, ADMIN, ADMIN_PW)
    else:
        kp.write_bytes(kp.read_bytes()[:40])
        with pytest.raises(StoreDamaged):
            Session.unlock(db_path, ADMIN, ADMIN_PW)
    Session.recover(db_path, key, ADMIN, "admins-nya-lösen", kdf=FAST_INSECURE)
    Session.unlock(db_path, ADMIN, "admins-nya-lösen").close()
    # Anna's slot came back from the mirror inside the encrypted file.
    Session.unlock(db_path, "anna", "annas-lösen").close()
    assert json.loads(kp.read_text())["format"] == "oro_desktop-keys"


def test_recover_with_wrong_key_or_user(created, db_path, tmp_path):
    session, key = created
    session.close()
    other_db = tmp_path / "other" / "oro.db"
    other, other_key = Session.create(other_db, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    other.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreDamaged):
        Session.recover(db_path, other_key, ADMIN, "nytt-lösenord", kdf=FAST_INSECURE)
    assert db_path.read_bytes() == before
    with pytest.raises(InvalidInput):
        Session.recover(db_path, "ABCD-EFGH", ADMIN, "nytt-lösenord", kdf=FAST_INSECURE)
    with pytest.raises(NotFound):
        Session.recover(db_path, key, "nobody", "nytt-lösenord", kdf=FAST_INSECURE)
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()


def test_slot_cannot_be_moved_to_another_user(created, db_path):
    session, _ = created
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.close()
    kp = keys_path(db_path)
    doc = json.loads(kp.read_text())
    by_user = {s["user"]: s for s in doc["slots"]}
    # Anna copies the admin's slot fields into hers to claim admin's password: GCM AAD refuses.
    forged = dict(by_user["admin"], user="anna")
    doc["slots"] = [by_user["admin"], forged]
    kp.write_text(json.dumps(doc))
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, "anna", ADMIN_PW)
