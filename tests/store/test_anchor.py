"""Committed data that goes missing is detected (issue 9, defect 2), and `check` never writes.

Real damage only: a flipped byte in the first WAL frame, a deleted WAL, audit rows deleted
after the append-only triggers were dropped, an emptied audit log.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from oro_desktop.services import maintenance
from oro_desktop.services.session import Session
from oro_desktop.store import recovery
from oro_desktop.store.connection import _raw_connect
from oro_desktop.store.errors import DataMissing

from .conftest import ADMIN, ADMIN_PW, TOLVAN_NAME, TOLVAN_PNR

RECORDS = 20


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


def _crashed_copy(created, db_path: Path, tmp_path: Path) -> Path:
    """A copy of the store as a crash leaves it: RECORDS commits that exist only in the WAL."""
    session, _ = created
    session.close()
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    conn = s.store.conn
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    with s.store.unit_of_work(ADMIN) as uow:
        uow.conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, pnr TEXT, name TEXT) STRICT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for i in range(RECORDS):
        with s.store.unit_of_work(ADMIN) as uow:
            rowid = uow.conn.execute("INSERT INTO people (pnr, name) VALUES (?, ?)",
                                     (TOLVAN_PNR, f"{TOLVAN_NAME} {i}")).lastrowid
            uow.audit("create", "people", rowid)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("oro.db", "oro.db-wal", "oro.db.keys", "oro.db.anchor"):
        shutil.copy2(db_path.parent / name, copy / name)
    s.close()
    assert (copy / "oro.db-wal").stat().st_size > 0
    return copy / "oro.db"


def _expect_missing(path: Path, kind: str) -> DataMissing:
    before = _digests(path.parent)
    with pytest.raises(DataMissing) as info:
        Session.unlock(path, ADMIN, ADMIN_PW)
    assert info.value.kind == kind, info.value.message
    assert "restore" in info.value.message
    report = maintenance.check_store(path, ADMIN, ADMIN_PW)
    assert not report.ok
    assert info.value.message in report.problems
    # Neither the refused unlock nor check changed a byte (no WAL merged or truncated).
    after = _digests(path.parent)
    after.pop("oro.db-shm", None)
    before.pop("oro.db-shm", None)
    assert after == before
    return info.value


def test_intact_crash_copy_opens_with_every_record(created, db_path, tmp_path):
    copy = _crashed_copy(created, db_path, tmp_path)
    report = maintenance.check_store(copy, ADMIN, ADMIN_PW)
    assert report.ok, report.problems
    s = Session.unlock(copy, ADMIN, ADMIN_PW)
    try:
        assert s.store.conn.execute("SELECT count(*) FROM people").fetchone()[0] == RECORDS
    finally:
        s.close()


def test_flipped_byte_in_first_wal_frame_is_reported_as_lost_wal(created, db_path, tmp_path):
    copy = _crashed_copy(created, db_path, tmp_path)
    wal = Path(f"{copy}-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 24 + 100] ^= 0x01  # WAL header, first frame header, then page data
    wal.write_bytes(bytes(data))
    problem = _expect_missing(copy, "wal-lost")
    assert "WAL" in problem.message and problem.last_intact


def test_deleted_wal_is_reported_as_lost_wal(created, db_path, tmp_path):
    copy = _crashed_copy(created, db_path, tmp_path)
    os.unlink(f"{copy}-wal")
    problem = _expect_missing(copy, "wal-lost")
    assert problem.last_intact in problem.message


def _raw(created, db_path: Path):
    _, key = created
    return _raw_connect(str(db_path), recovery.database_key(recovery.parse_key(key)))


def test_deleted_audit_rows_with_triggers_dropped(created, db_path):
    session, _ = created
    for i in range(10):
        with session.store.unit_of_work(ADMIN) as uow:
            uow.audit("read", "person", i)
    session.close()
    conn = _raw(created, db_path)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DROP TRIGGER IF EXISTS audit_retention_5y")
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DELETE FROM audit WHERE id > 5")
    conn.commit()
    conn.close()
    problem = _expect_missing(db_path, "triggers-dropped")
    assert "tagits bort" in problem.message and "Poster har också tagits bort" in problem.message


def test_emptied_audit_log_with_triggers_put_back(created, db_path):
    session, _ = created
    session.close()
    conn = _raw(created, db_path)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DROP TRIGGER IF EXISTS audit_retention_5y")
    conn.execute("DELETE FROM audit")
    conn.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
                 " SELECT RAISE(ABORT, 'audit log is append-only'); END")
    conn.commit()
    conn.close()
    _expect_missing(db_path, "audit-emptied")


def test_rows_deleted_in_the_middle_are_a_truncated_log(created, db_path):
    session, _ = created
    for i in range(10):
        with session.store.unit_of_work(ADMIN) as uow:
            uow.audit("read", "person", i)
    session.close()
    conn = _raw(created, db_path)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DROP TRIGGER IF EXISTS audit_retention_5y")
    conn.execute("DELETE FROM audit WHERE id BETWEEN 3 AND 6 OR id > 10")
    conn.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
                 " SELECT RAISE(ABORT, 'audit log is append-only'); END")
    conn.commit()
    conn.close()
    _expect_missing(db_path, "audit-truncated")


def test_forged_anchor_is_reported(session, db_path):
    session.close()
    import json

    from oro_desktop.store.anchor import _checksum

    anchor = db_path.with_name("oro.db.anchor")
    doc = json.loads(anchor.read_text())
    doc["audit_id"] = 1  # an older entry: what someone who deleted the tail would claim
    doc["sum"] = _checksum(doc)  # the plain checksum anyone can compute; the MAC they cannot
    anchor.write_text(json.dumps(doc))
    _expect_missing(db_path, "anchor-foreign")


def test_torn_anchor_is_treated_as_missing_and_rewritten(session, db_path):
    session.close()
    anchor = db_path.with_name("oro.db.anchor")
    data = bytearray(anchor.read_bytes())
    data[40:60] = b"x" * 20
    anchor.write_bytes(bytes(data))
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()
    assert maintenance.check_store(db_path, ADMIN, ADMIN_PW).ok


def test_check_never_merges_the_wal(created, db_path, tmp_path):
    copy = _crashed_copy(created, db_path, tmp_path)
    copy.with_name(".oro.db.leftover.tmp").write_bytes(b"x" * 4096)  # check leaves even this
    before = _digests(copy.parent)
    for _ in range(3):
        assert maintenance.check_store(copy, ADMIN, ADMIN_PW).ok
    after = _digests(copy.parent)
    after.pop("oro.db-shm", None)
    assert after == before
