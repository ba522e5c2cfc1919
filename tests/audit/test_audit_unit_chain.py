"""Migration 0006: each audit entry carries the care unit, old rows keep verifying,
and no entry younger than five years can be deleted."""

from __future__ import annotations

import pytest

from oro_desktop.store import audit, migrations
from oro_desktop.store.connection import open_connection
from oro_desktop.store.errors import StoreError



def _append(conn, *args, **kwargs) -> int:
    conn.execute("BEGIN IMMEDIATE")
    row_id = audit.append(conn, *args, **kwargs)
    conn.execute("COMMIT")
    return row_id


def test_new_entries_carry_the_unit_from_settings(session):
    session.set_setting("unit_name", "BVC Östersund")
    with session.store.unit_of_work("admin") as uow:
        row_id = uow.audit("read", "person", "7")
    (entry,) = [e for e in audit.query(session.store.conn) if e.id == row_id]
    assert entry.unit == "BVC Östersund"
    assert entry.to_dict()["unit"] == "BVC Östersund"
    chain = session.store.conn.execute("SELECT chain FROM audit WHERE id = ?", (row_id,)).fetchone()
    assert chain == (2,)
    assert session.store.check() == []


def test_entries_before_a_unit_is_set_have_none(session):
    with session.store.unit_of_work("admin") as uow:
        row_id = uow.audit("read", "person", "7")
    (entry,) = [e for e in audit.query(session.store.conn) if e.id == row_id]
    assert entry.unit is None


def test_rows_from_before_0006_keep_verifying_and_new_rows_follow(tmp_path):
    conn = open_connection(tmp_path / "m.db", bytes(range(32)), create=True)
    try:
        migrations.migrate(conn, 5)
        for i in range(3):
            _append(conn, "anna", "read", "person", str(i))
        migrations.migrate(conn)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings VALUES ('unit_name', '\"Mödravården\"', 'x', 'anna')")
        conn.execute("COMMIT")
        _append(conn, "anna", "print", "consent", "9")
        rows = conn.execute("SELECT id, chain, unit FROM audit ORDER BY id").fetchall()
        assert rows == [(1, 1, None), (2, 1, None), (3, 1, None), (4, 2, "Mödravården")]
        assert audit.verify_chain(conn) == []
    finally:
        conn.close()


def test_changing_the_unit_of_an_entry_is_detected(session):
    session.set_setting("unit_name", "BVC Östersund")
    with session.store.unit_of_work("admin") as uow:
        row_id = uow.audit("read", "person", "7")
    conn = session.store.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET unit = 'Annan enhet' WHERE id = ?", (row_id,))
    assert any(f"post {row_id}" in p and "ändrats" in p for p in session.store.check())


def test_relabelling_a_row_as_chain_1_is_detected(session):
    session.set_setting("unit_name", "BVC Östersund")
    with session.store.unit_of_work("admin") as uow:
        row_id = uow.audit("read", "person", "7")
    conn = session.store.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET chain = 1, unit = NULL WHERE id = ?", (row_id,))
    assert any(f"post {row_id}" in p for p in session.store.check())


def test_row_hash_without_unit_is_the_old_hash():
    old = audit.row_hash(audit.GENESIS, 1, "2026-01-01T00:00:00.000+00:00", "a", "read",
                         "person", "1", None)
    assert old == audit.row_hash(audit.GENESIS, 1, "2026-01-01T00:00:00.000+00:00", "a",
                                 "read", "person", "1", None, chain=1, unit="ignored")
    assert old != audit.row_hash(audit.GENESIS, 1, "2026-01-01T00:00:00.000+00:00", "a",
                                 "read", "person", "1", None, chain=2, unit=None)


def test_a_young_entry_cannot_be_deleted_even_without_the_append_only_trigger(session):
    conn = session.store.conn
    conn.execute("DROP TRIGGER audit_no_delete")
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute("DELETE FROM audit WHERE id = 1")
    # Six years old: the retention floor no longer holds it (deliberate pruning only).
    with session.store.unit_of_work("admin") as uow:
        uow.conn.execute(
            "INSERT INTO audit (id, ts, actor, action, prev_hash, hash) VALUES "
            "(1000, strftime('%Y-%m-%dT%H:%M:%f', 'now', '-6 years'), 'x', 'read', '', '')")
    with session.store.unit_of_work("admin") as uow:
        uow.conn.execute("DELETE FROM audit WHERE id = 1000")
    assert conn.execute("SELECT count(*) FROM audit WHERE id = 1000").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM audit WHERE id = 1").fetchone() == (1,)
