"""Backup and restore: WAL content included, verified, corrupt backups refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oro_desktop.services import maintenance, users
from oro_desktop.services.session import Session
from oro_desktop.store.errors import PermissionDenied, StoreDamaged, StoreError, WrongCredentials
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ADMIN, ADMIN_PW, TOLVAN_NAME, TOLVAN_PNR, audit_rows


def _content(session) -> dict[str, list]:
    conn = session.store.conn
    # Ordinary tables: an FTS index (virtual and shadow tables) is derived from them.
    names = sorted(r[1] for r in conn.execute("PRAGMA table_list")
                   if r[0] == "main" and r[2] == "table" and not r[1].startswith("sqlite_"))
    return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}


def _fill(session, n=200):
    with session.store.unit_of_work(ADMIN) as uow:
        uow.conn.execute("CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, pnr TEXT, name TEXT) STRICT")
        for i in range(n):
            uow.conn.execute("INSERT INTO people (pnr, name) VALUES (?, ?)", (TOLVAN_PNR, f"{TOLVAN_NAME} {i}"))
        uow.audit("create", "people", None, {"n": n})


def test_backup_while_data_is_in_wal_then_restore(session, db_path, tmp_path):
    session.store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    _fill(session)
    session.drafts.save("d1", "consent", {"pnr": TOLVAN_PNR})
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the newest data lives only in the WAL
    out = tmp_path / "backup" / "oro-backup.db"
    out.parent.mkdir()
    before = _content(session)
    counts = maintenance.backup(session, out)
    assert counts["people"] == 200 and out.exists() and Path(f"{out}.keys").exists()
    assert not out.read_bytes().startswith(b"SQLite format 3")
    assert audit_rows(session)[-1][2] == "backup"
    # Change the live store after the backup; the restore must bring back the old state.
    session.drafts.delete("d1")
    session.close()
    maintenance.restore(db_path, out, ADMIN, ADMIN_PW)
    restored = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        after = _content(restored)
        for table in before:
            if table == "audit":
                assert after[table][: len(before[table])] == before[table]
            else:
                assert after[table] == before[table], table
        actions = [r[2] for r in audit_rows(restored)]
        assert actions[len(before["audit"]):] == ["restore", "login"]
        assert restored.store.check() == []
    finally:
        restored.close()


def test_backup_refuses_existing_output(session, tmp_path):
    out = tmp_path / "b.db"
    out.write_bytes(b"x")
    with pytest.raises(StoreError):
        maintenance.backup(session, out)
    assert out.read_bytes() == b"x"


def test_backup_is_admin_only(session, db_path, tmp_path):
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.close()
    s = Session.unlock(db_path, "anna", "annas-lösen")
    try:
        with pytest.raises(PermissionDenied):
            maintenance.backup(s, tmp_path / "b.db")
    finally:
        s.close()


@pytest.mark.parametrize("damage", ["flip-inner", "flip-first", "truncate"])
def test_corrupt_backup_is_refused_and_target_unchanged(session, db_path, tmp_path, damage):
    _fill(session, 2000)
    out = tmp_path / "b.db"
    maintenance.backup(session, out)
    session.close()
    data = bytearray(out.read_bytes())
    if damage == "flip-inner":
        data[len(data) // 2] ^= 0x01
    elif damage == "flip-first":
        data[100] ^= 0x01
    else:
        data = data[: len(data) // 2]
    out.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(StoreDamaged) as info:
        maintenance.restore(db_path, out, ADMIN, ADMIN_PW)
    assert "Inget har ändrats" in info.value.message
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()


def test_restore_needs_admin_credentials(session, db_path, tmp_path):
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    out = tmp_path / "b.db"
    maintenance.backup(session, out)
    session.close()
    with pytest.raises(WrongCredentials):
        maintenance.restore(db_path, out, ADMIN, "fel-lösenord")
    with pytest.raises(PermissionDenied):
        maintenance.restore(db_path, out, "anna", "annas-lösen")


def test_restore_to_new_place_and_with_recovery_key(created, tmp_path):
    session, key = created
    _fill(session, 10)
    out = tmp_path / "b.db"
    maintenance.backup(session, out)
    session.close()
    # Fresh machine: the backup's .keys opens it with the same password.
    target = tmp_path / "new" / "oro.db"
    maintenance.restore(target, out, ADMIN, ADMIN_PW)
    Session.unlock(target, ADMIN, ADMIN_PW).close()
    # Key file lost too: the recovery key restores, and the key file is rebuilt from the mirror.
    os.unlink(f"{out}.keys")
    target2 = tmp_path / "new2" / "oro.db"
    maintenance.restore(target2, out, None, None, recovery_key=key)
    Session.unlock(target2, ADMIN, ADMIN_PW).close()


def test_check_reports_ok(session, db_path):
    session.close()
    report = maintenance.check_store(db_path, ADMIN, ADMIN_PW)
    assert report.ok, report.problems
    assert report.schema_version >= 1 and report.audit_entries >= 2


def test_wrong_password_in_check_is_parked_as_failed_login(session, db_path):
    session.close()
    with pytest.raises(WrongCredentials):
        maintenance.check_store(db_path, ADMIN, "fel-lösenord")
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        assert [r[2] for r in audit_rows(s)][-2:] == ["failed_login", "login"]
    finally:
        s.close()


def _break_chain(created, db_path):
    from oro_desktop.store import recovery
    from oro_desktop.store.connection import _raw_connect

    _, key = created
    conn = _raw_connect(str(db_path), recovery.database_key(recovery.parse_key(key)))
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE id = 1")
    conn.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
                 " SELECT RAISE(ABORT, 'audit log is append-only'); END")
    conn.commit()
    conn.close()


def test_broken_audit_chain_blocks_backup_with_a_clear_reason_unless_allowed(created, db_path, tmp_path):
    session, _ = created
    _fill(session, 10)
    session.close()
    _break_chain(created, db_path)
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        out = tmp_path / "b.db"
        with pytest.raises(StoreDamaged) as info:
            maintenance.backup(s, out)
        assert "Granskningsloggen är bruten" in info.value.message
        assert "--allow-broken-audit" in info.value.message
        assert not out.exists()
        counts = maintenance.backup(s, out, allow_broken_audit=True)
        assert counts["people"] == 10 and out.exists()
        details = [r[0] for r in s.store.conn.execute(
            "SELECT detail FROM audit WHERE action = 'backup' ORDER BY id")]
        assert len(details) == 2 and all("audit_chain_broken" in d for d in details)
    finally:
        s.close()
    # The copy itself says so: its own log has the entry written before the copy.
    from oro_desktop.store import backup as backup_mod, recovery

    key = recovery.database_key(recovery.parse_key(created[1]))
    conn = backup_mod._readonly(out, key)
    try:
        rows = conn.execute("SELECT detail FROM audit WHERE action = 'backup'").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1 and "audit_chain_broken" in rows[0][0]
