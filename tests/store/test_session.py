"""Session lifecycle: create, unlock, wrong credentials, lock/close, settings, drafts, users."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from oro_desktop.errors import InvalidInput
from oro_desktop.services import users
from oro_desktop.services.session import Session, default_store_path, store_exists
from oro_desktop.store.errors import (
    NotFound, PermissionDenied, StoreClosed, StoreExists, StoreInUse, WrongCredentials,
)
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ADMIN, ADMIN_PW, TOLVAN_NAME, TOLVAN_PNR, audit_rows


def _digests(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file() and not p.name.endswith((".failed", ".lock"))
    }


def test_create_returns_admin_session_and_recovery_key(created, db_path):
    session, key = created
    assert session.user.name == ADMIN and session.user.role == "admin"
    assert session.path == db_path
    assert store_exists(db_path)
    groups = key.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    # The file on disk is not a plaintext SQLite database.
    assert not db_path.read_bytes().startswith(b"SQLite format 3")


def test_create_refuses_existing_store(created, db_path):
    with pytest.raises(StoreExists):
        Session.create(db_path, "other", ADMIN_PW, kdf=FAST_INSECURE)


def test_create_rejects_bad_input_and_leaves_nothing(tmp_path):
    path = tmp_path / "oro.db"
    with pytest.raises(InvalidInput):
        Session.create(path, "admin", "kort", kdf=FAST_INSECURE)
    with pytest.raises(InvalidInput):
        Session.create(path, "bad name!", ADMIN_PW, kdf=FAST_INSECURE)
    assert not store_exists(path)


def test_unlock_with_right_password(created, db_path):
    session, _ = created
    session.close()
    again = Session.unlock(db_path, "ADMIN", ADMIN_PW)  # user names are case-insensitive
    try:
        assert again.user.name == ADMIN and again.user.role == "admin"
    finally:
        again.close()


@pytest.mark.parametrize("user,password", [(ADMIN, "fel-lösenord"), ("nobody", ADMIN_PW), ("", "")])
def test_wrong_password_or_user_is_clear_and_changes_nothing(created, db_path, user, password):
    session, _ = created
    session.close()
    before = _digests(db_path.parent)
    with pytest.raises(WrongCredentials) as info:
        Session.unlock(db_path, user, password, kdf=FAST_INSECURE)
    assert info.value.message == "Fel användarnamn eller lösenord."
    assert _digests(db_path.parent) == before
    # The attempt is audited at the next successful login, as one failed_login entry.
    again = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        rows = [r for r in audit_rows(again) if r[2] == "failed_login"]
        assert len(rows) == 1 and rows[0][4] == (user if user == ADMIN else "?")
        assert audit_rows(again)[-1][2] == "login"
    finally:
        again.close()


def test_failed_logins_are_not_audited_twice(created, db_path):
    session, _ = created
    session.close()
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, ADMIN, "fel-lösenord")
    for _ in range(2):
        s = Session.unlock(db_path, ADMIN, ADMIN_PW)
        n = sum(1 for r in audit_rows(s) if r[2] == "failed_login")
        s.close()
        assert n == 1


def test_missing_store_is_not_found(tmp_path):
    with pytest.raises(NotFound):
        Session.unlock(tmp_path / "none.db", ADMIN, ADMIN_PW)


def test_second_opener_in_same_process_gets_store_in_use(session, db_path):
    with pytest.raises(StoreInUse) as info:
        Session.unlock(db_path, ADMIN, ADMIN_PW)
    assert "används redan" in info.value.message


def test_lock_and_close_are_idempotent_and_audited(created, db_path):
    session, _ = created
    session.lock()
    session.lock()
    session.close()
    with pytest.raises(StoreClosed):
        session.store
    again = Session.unlock(db_path, ADMIN, ADMIN_PW)
    actions = [r[2] for r in audit_rows(again)]
    again.close()
    assert actions == ["create", "lock", "login"]


def test_context_manager_logs_out(created, db_path):
    session, _ = created
    with session:
        pass
    assert not session.is_open
    with Session.unlock(db_path, ADMIN, ADMIN_PW) as again:
        assert [r[2] for r in audit_rows(again)][-2:] == ["logout", "login"]


def test_settings_defaults_set_and_admin_only(session, db_path):
    assert session.get_setting("idle_minutes") == 10
    assert session.get_setting("unknown", "x") == "x"
    session.set_setting("idle_minutes", 5)
    session.set_setting("idle_minutes", 7)
    session.set_setting("unit_name", "BVC Östersund")
    assert session.get_setting("idle_minutes") == 7
    assert [r[2:] for r in audit_rows(session) if r[3] == "setting"] == [
        ("create", "setting", "idle_minutes"),
        ("update", "setting", "idle_minutes"),
        ("create", "setting", "unit_name"),
    ]
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.close()
    clinician = Session.unlock(db_path, "anna", "annas-lösen")
    try:
        assert clinician.user.role == "clinician"
        assert clinician.get_setting("unit_name") == "BVC Östersund"
        with pytest.raises(PermissionDenied):
            clinician.set_setting("idle_minutes", 1)
        with pytest.raises(PermissionDenied):
            users.add_user(clinician, "eve", "admin", "eves-lösen", kdf=FAST_INSECURE)
    finally:
        clinician.close()


def test_drafts_roundtrip_per_user_and_audit_only_create_delete(session, db_path):
    payload = {"pnr": TOLVAN_PNR, "name": TOLVAN_NAME, "rows": [1, 2]}
    for i in range(5):
        session.drafts.save("consent-1", "consent", {**payload, "i": i})
    session.drafts.save("plan-1", "plan", {"x": "å"})
    assert session.drafts.load("consent-1") == {**payload, "i": 4}
    assert session.drafts.load("missing") is None
    assert [d.key for d in session.drafts.list("consent")] == ["consent-1"]
    assert {d.key for d in session.drafts.list()} == {"consent-1", "plan-1"}
    session.drafts.delete("plan-1")
    session.drafts.delete("plan-1")
    draft_audit = [r[2:] for r in audit_rows(session) if r[3] == "draft"]
    assert draft_audit == [
        ("create", "draft", "consent-1"), ("create", "draft", "plan-1"), ("delete", "draft", "plan-1"),
    ]
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.lock()
    # A draft survives lock/unlock, and another user does not see it.
    other = Session.unlock(db_path, "anna", "annas-lösen")
    assert other.drafts.load("consent-1") is None and other.drafts.list() == []
    other.close()
    again = Session.unlock(db_path, ADMIN, ADMIN_PW)
    assert again.drafts.load("consent-1")["name"] == TOLVAN_NAME
    again.close()


def test_users_list_and_duplicates(session):
    users.add_user(session, "Anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    with pytest.raises(InvalidInput):
        users.add_user(session, "anna", "admin", "annas-lösen", kdf=FAST_INSECURE)
    with pytest.raises(InvalidInput):
        users.add_user(session, "bo", "superuser", "bos-lösen1", kdf=FAST_INSECURE)
    assert [(u.name, u.role) for u in users.list_users(session)] == [("admin", "admin"), ("anna", "clinician")]


def test_default_store_path_is_under_user_data_dir():
    path = default_store_path()
    assert path.name == "oro.db" and "oro_desktop" in str(path)


def test_session_usable_after_reopen_with_data(session, db_path):
    with session.store.unit_of_work(session.user.name) as uow:
        uow.db["scratch"].insert({"id": 1, "v": "x"}, pk="id")
        uow.audit("create", "scratch", 1)
    session.close()
    again = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        assert list(again.store.db["scratch"].rows) == [{"id": 1, "v": "x"}]
    finally:
        again.close()
    assert not os.path.exists(f"{db_path}-wal") or os.path.getsize(f"{db_path}-wal") == 0


def test_os_errors_become_store_errors(tmp_path):
    from oro_desktop.store.errors import StoreError

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Session.create(blocker / "oro.db", ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    assert "kunde inte" in info.value.message


def test_key_file_keeps_the_database_file_permissions(tmp_path):
    from oro_desktop.store.keyslots import keys_path

    path = tmp_path / "oro.db"
    old = os.umask(0o022)
    try:
        session, _ = Session.create(path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
        users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
        session.close()
    finally:
        os.umask(old)
    assert keys_path(path).stat().st_mode & 0o777 == path.stat().st_mode & 0o777


def test_unknown_user_name_is_not_written_down(created, db_path):
    session, _ = created
    session.close()
    secretish = "Sommar2026!"  # a password typed into the name field
    with pytest.raises(WrongCredentials):
        Session.unlock(db_path, secretish, "x")
    for f in db_path.parent.iterdir():
        assert secretish.lower().encode() not in f.read_bytes().lower()
