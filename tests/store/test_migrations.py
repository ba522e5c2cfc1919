"""Migrations: discovery, STRICT tables, and every older fixture file upgrades cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oro_desktop.services.session import Session
from oro_desktop.store import migrations
from oro_desktop.store.connection import open_connection
from oro_desktop.store.errors import StoreError
from oro_desktop.store.migrations.sql import split_statements
from oro_desktop.store.recovery import database_key, parse_key

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_VERSIONS = sorted(int(p.name[1:]) for p in FIXTURES.glob("v[0-9]*") if p.is_dir())


def test_discovery_is_ordered_without_gaps():
    found = migrations.discover()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert found[0].name == "m0001_core"
    assert migrations.latest_version() == found[-1].version


def test_new_store_is_at_latest_version_with_strict_tables(session):
    conn = session.store.conn
    assert migrations.current_version(conn) == migrations.latest_version()
    # Ordinary tables (PRAGMA table_list type 'table'): FTS5's virtual and shadow
    # tables cannot be STRICT.
    tables = [r[1] for r in conn.execute("PRAGMA table_list")
              if r[0] == "main" and r[2] == "table" and not r[1].startswith("sqlite_")]
    for name in ("meta", "users", "key_slots", "settings", "audit", "drafts"):
        assert name in tables
    for name in tables:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        assert sql.rstrip().upper().endswith("STRICT"), f"{name} is not STRICT"
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:
            # STRICT: a BLOB in a TEXT column is refused, not silently stored.
            uow.conn.execute(
                "INSERT INTO users (name, role, created_at, created_by) VALUES (?, 'admin', 'x', 'y')",
                (b"bytes",),
            )


@pytest.mark.parametrize("version", [m.version for m in migrations.discover()])
def test_each_migration_upgrades_from_the_previous_version(tmp_path, version):
    key = bytes(range(32))
    conn = open_connection(tmp_path / "m.db", key, create=True)
    try:
        migrations.migrate(conn, version - 1)
        assert migrations.current_version(conn) == version - 1
        assert migrations.migrate(conn, version) == [version]
        assert migrations.current_version(conn) == version
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert migrations.migrate(conn, version) == []  # idempotent
    finally:
        conn.close()


def test_failed_migration_leaves_old_version(tmp_path, monkeypatch):
    conn = open_connection(tmp_path / "m.db", bytes(32), create=True)
    try:
        real = migrations.discover()

        def broken(c):
            c.execute("CREATE TABLE half_done (x INTEGER) STRICT")
            raise RuntimeError("crash in the middle")

        monkeypatch.setattr(migrations, "discover",
                            lambda: real + [migrations.Migration(len(real) + 1, "mbroken", broken)])
        with pytest.raises(RuntimeError):
            migrations.migrate(conn)
        assert migrations.current_version(conn) == len(real)
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    finally:
        conn.close()


def test_newer_file_than_program_is_refused(tmp_path):
    conn = open_connection(tmp_path / "m.db", bytes(32), create=True)
    try:
        migrations.migrate(conn)
        conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
        with pytest.raises(StoreError):
            migrations.migrate(conn)
    finally:
        conn.close()


def test_split_statements_keeps_trigger_bodies_whole():
    parts = split_statements("CREATE TABLE a (x INTEGER);\nCREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n"
                             "  SELECT RAISE(ABORT, 'no');\nEND;\n")
    assert len(parts) == 2 and parts[1].endswith("END;")


def test_fixture_exists_for_version_1():
    assert 1 in FIXTURE_VERSIONS


@pytest.mark.parametrize("version", FIXTURE_VERSIONS)
def test_fixture_file_upgrades_to_latest_and_keeps_data(tmp_path, version):
    src = FIXTURES / f"v{version}"
    for f in ("oro.db", "oro.db.keys"):
        shutil.copy2(src / f, tmp_path / f)
    db = tmp_path / "oro.db"
    session = Session.unlock(db, "admin", "fixture-lösen-1")
    try:
        assert migrations.current_version(session.store.conn) == migrations.latest_version()
        assert session.get_setting("unit_name") == "BVC Testenheten"
        assert session.drafts.load("fixture-draft")["name"] == "Tolvan Tolvansson"
        assert session.store.check() == []
    finally:
        session.close()
    Session.unlock(db, "anna", "annas-lösen-1").close()
    # The recovery key written beside the fixture still opens it.
    key = database_key(parse_key((src / "RECOVERY_KEY.txt").read_text()))
    conn = open_connection(db, key)
    conn.close()
