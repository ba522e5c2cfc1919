"""Migration 0002: the version-1 fixture upgrades with its data intact; the new tables
hold what the consents need and refuse what they must not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oro_desktop.services.session import Session
from oro_desktop.store import migrations
from oro_desktop.store.connection import open_connection
from oro_desktop.store.errors import StoreError

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "v1"
NEW_TABLES = ("persons", "filled_forms", "consents", "consent_guardians", "attachments")


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_version_1_fixture_upgrades_with_data_intact(tmp_path):
    for name in ("oro.db", "oro.db.keys"):
        shutil.copy2(FIXTURE_V1 / name, tmp_path / name)
    db = tmp_path / "oro.db"
    # Test credentials documented in tests/store/fixtures/make_fixture.py.
    session = Session.unlock(db, "admin", "fixture-lösen-1")
    try:
        conn = session.store.conn
        assert migrations.current_version(conn) == migrations.latest_version() >= 2
        assert set(NEW_TABLES) <= _tables(conn)
        assert session.get_setting("unit_name") == "BVC Testenheten"
        assert session.drafts.load("fixture-draft") == {
            "pnr": "19121212-1212", "name": "Tolvan Tolvansson"}
        assert session.store.check() == []
        # The audit chain written under version 1 still verifies after the upgrade.
        assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] > 0
    finally:
        session.close()
    Session.unlock(db, "anna", "annas-lösen-1").close()


def test_new_tables_are_strict_and_checked(tmp_path):
    conn = open_connection(tmp_path / "m.db", bytes(range(32)), create=True)
    try:
        migrations.migrate(conn, 2)
        for name in NEW_TABLES:
            (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            assert sql.rstrip().upper().endswith("STRICT"), name
        stamp = ("2026-01-01T00:00:00", "admin", "2026-01-01T00:00:00", "admin")
        conn.execute(
            "INSERT INTO persons (id_kind, id_value, name, created_at, created_by, updated_at,"
            " updated_by) VALUES ('personnummer', '191212121212', 'Tolvan Tolvansson', ?, ?, ?, ?)",
            stamp)
        bad_rows = [
            # A personnummer must be 12 digits.
            ("INSERT INTO persons (id_kind, id_value, name, created_at, created_by, updated_at,"
             " updated_by) VALUES ('personnummer', '121212-1212', 'X', ?, ?, ?, ?)", stamp),
            # The same number twice is the same person.
            ("INSERT INTO persons (id_kind, id_value, name, created_at, created_by, updated_at,"
             " updated_by) VALUES ('personnummer', '191212121212', 'Y', ?, ?, ?, ?)", stamp),
            # Form data must be JSON.
            ("INSERT INTO filled_forms (form_id, form_version, data, created_at, created_by,"
             " updated_at, updated_by) VALUES ('f', 1, 'not json', ?, ?, ?, ?)", stamp),
        ]
        for sql, params in bad_rows:
            with pytest.raises(Exception):
                conn.execute(sql, params)
        conn.execute(
            "INSERT INTO filled_forms (form_id, form_version, data, created_at, created_by,"
            " updated_at, updated_by) VALUES ('f', 1, '{}', ?, ?, ?, ?)", stamp)
        with pytest.raises(Exception):  # not a real date
            conn.execute(
                "INSERT INTO consents (filled_form_id, valid_to, created_at, created_by,"
                " updated_at, updated_by) VALUES (1, '2026-02-30', ?, ?, ?, ?)", stamp)
        with pytest.raises(Exception):  # revoked without a signature
            conn.execute(
                "INSERT INTO consents (filled_form_id, revoked_received_on, revoked_registered_by,"
                " created_at, created_by, updated_at, updated_by)"
                " VALUES (1, '2026-01-01', 'admin', ?, ?, ?, ?)", stamp)
    finally:
        conn.close()


def test_version_2_refused_by_a_program_that_only_knows_version_1(tmp_path, monkeypatch):
    conn = open_connection(tmp_path / "m.db", bytes(range(32)), create=True)
    try:
        migrations.migrate(conn, 2)
        only_v1 = migrations.discover()[:1]
        monkeypatch.setattr(migrations, "discover", lambda: only_v1)
        with pytest.raises(StoreError):
            migrations.migrate(conn)
    finally:
        conn.close()
