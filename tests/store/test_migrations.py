"""Migrations: discovery, STRICT tables, and every older fixture file upgrades cleanly."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services import users
from oro_desktop.services.consent_views import list_order_key
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.form_versions import FormVersionService
from oro_desktop.services.persons import PersonService
from oro_desktop.services.session import Session
from oro_desktop.store import migrations
from oro_desktop.store.connection import open_connection
from oro_desktop.store.errors import StoreError
from oro_desktop.store.migrations.sql import split_statements
from oro_desktop.store.recovery import database_key, parse_key

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_DAY = date(2026, 3, 2)  # the day make_fixture.py made the consents
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


def test_fixture_exists_for_every_released_version():
    assert {1, 2, 3} <= set(FIXTURE_VERSIONS)


def _copy_fixture(tmp_path: Path, version: int) -> Path:
    src = FIXTURES / f"v{version}"
    for f in ("oro.db", "oro.db.keys"):
        shutil.copy2(src / f, tmp_path / f)
    return tmp_path / "oro.db"


def _content(version: int) -> dict:
    path = FIXTURES / f"v{version}" / "CONTENT.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {"consents": []}


@pytest.mark.parametrize("version", FIXTURE_VERSIONS)
def test_fixture_file_upgrades_to_latest_and_keeps_data(tmp_path, version):
    src = FIXTURES / f"v{version}"
    db = _copy_fixture(tmp_path, version)
    session = Session.unlock(db, "admin", "fixture-lösen-1")
    try:
        assert migrations.current_version(session.store.conn) == migrations.latest_version()
        assert session.get_setting("unit_name") == "BVC Testenheten"
        assert session.drafts.load("fixture-draft")["name"] == "Tolvan Tolvansson"
        assert {u.name: u.role for u in users.list_users(session)} == {
            "admin": "admin", "anna": "clinician"}
        assert session.store.check() == []
    finally:
        session.close()
    Session.unlock(db, "anna", "annas-lösen-1").close()
    # The recovery key written beside the fixture still opens it.
    key = database_key(parse_key((src / "RECOVERY_KEY.txt").read_text()))
    conn = open_connection(db, key)
    conn.close()


@pytest.mark.parametrize("version", [v for v in FIXTURE_VERSIONS if v >= 2])
def test_fixture_consents_persons_and_forms_survive_the_upgrade(tmp_path, version):
    """Every fact the fixture's CONTENT.json records, read back through today's services."""
    expected = _content(version)["consents"]
    assert len(expected) >= 4
    db = _copy_fixture(tmp_path, version)
    session = Session.unlock(db, "admin", "fixture-lösen-1")
    try:
        service = ConsentService(session, FormLibrary(forms_dir()), today=lambda: FIXTURE_DAY)
        assert {r.id for r in service.list()} == {c["id"] for c in expected}
        for want in expected:
            view = service.get(want["id"])
            consent = view.consent
            assert (consent.form_id, consent.form_version) == (want["form_id"], want["form_version"])
            assert view.data == want["data"]
            assert view.status.value == want["status_on_2026_03_02"]
            assert _iso(consent.valid_from) == want["valid_from"]
            assert _iso(consent.valid_to) == want["valid_to"]
            assert _iso(consent.printed_on) == want["printed_on"]
            signed = consent.signed
            assert (_iso(signed.signed_on) if signed else None) == want["signed_on"]
            assert (_iso(signed.received.on) if signed else None) == want["signed_received_on"]
            assert (signed.received.by if signed else None) == want["signed_registered_by"]
            assert (_iso(consent.declined.on) if consent.declined else None) == want["declined_on"]
            assert view.renewed_from == want["renewed_from"]
            assert [g.name for g in view.guardians] == want["guardians"]
            scan = service.scan(want["id"])
            assert (hashlib.sha256(scan.content).hexdigest() if scan else None) == want["scan_sha256"]
            child = want["child"]
            if child is None:
                assert view.child is None
                continue
            assert view.child is not None
            assert (view.child.identity.kind.value, view.child.identity.value,
                    view.child.identity.reason) == (child["kind"], child["value"], child["reason"])
            assert (view.child.name, view.child.protected, view.child.phone, view.child.address) == (
                child["name"], child["protected"], child["phone"], child["address"])
        # Migration 0004: every person, filled form and consent has a stable uid, and every
        # filled form its data as version 1; the list shows the typed names from columns.
        conn = session.store.conn
        for table in ("persons", "filled_forms", "consents", "form_versions"):
            uids = [r[0] for r in conn.execute(f"SELECT uid FROM {table}")]
            assert uids and all(re.fullmatch(r"[0-9a-f]{32}", u) for u in uids), table
            assert len(set(uids)) == len(uids)
        if version < 4:  # the migration made each filled form's data its version 1
            assert conn.execute(
                "SELECT count(*) FROM filled_forms f JOIN form_versions v ON v.filled_form_id = f.id"
                " WHERE v.number = 1 AND v.data = f.data").fetchone()[0] == len(expected)
        # Whatever the version: the newest version of every filled form is its current data.
        assert conn.execute(
            "SELECT count(*) FROM filled_forms f JOIN form_versions v ON v.filled_form_id = f.id"
            " WHERE v.number = (SELECT max(number) FROM form_versions w"
            " WHERE w.filled_form_id = f.id) AND v.data = f.data").fetchone()[0] == len(expected)
        listed = service.list()
        assert listed == sorted(listed, key=list_order_key)  # child_sort backfilled
        assert service.list_page(0, 2) + service.list_page(2, 10) == listed
        rows = {r.id: r for r in listed}
        for want in expected:
            assert rows[want["id"]].child_name == (want["child"] or {}).get(
                "name", want["data"]["barn_namn"])
            assert rows[want["id"]].uid == service.get(want["id"]).uid
        # An upgraded draft saved again gets its version 2; version 1 is kept as it was.
        versions = FormVersionService(session, FormLibrary(forms_dir()))
        draft = next(w for w in expected if w["status_on_2026_03_02"] == "draft")
        service.save(draft["id"], {**draft["data"], "barn_telefon": "063-999 99 99"})
        listed = versions.list_versions(service.get(draft["id"]).form_uid)
        # Before schema 4 the draft's history is one version; from 4 on the edit made in
        # the fixture is a version of its own. Either way the save adds exactly one.
        assert [v.number for v in listed] == list(range(1, len(listed) + 1))
        assert len(listed) == (2 if version < 4 else 3)
        assert versions.get(listed[-2].uid).data == draft["data"]
        assert [(c.label, c.before, c.after) for c in versions.diff(listed[-2].uid, listed[-1].uid)] \
            == [("Telefonnummer", draft["data"].get("barn_telefon", ""), "063-999 99 99")]
        # The children are still found again by their numbers.
        persons = PersonService(session)
        for want in expected:
            child = want["child"]
            if child and child["value"]:
                found = persons.find_by_number(child["value"], today=FIXTURE_DAY)
                assert found is not None and found.name == child["name"]
        assert session.store.check() == []
    finally:
        session.close()


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def test_repositories_generate_uids_and_keep_an_imported_one(session):
    from oro_desktop.core.identity import missing
    from oro_desktop.store.repos import forms as forms_repo
    from oro_desktop.store.repos import persons as persons_repo

    kept = "0123456789abcdef0123456789abcdef"
    with session.store.unit_of_work("admin") as uow:
        a = persons_repo.insert(uow.conn, "admin", missing("väntat barn"), "A")
        b = persons_repo.insert(uow.conn, "admin", missing("väntat barn"), "B", uid=kept)
        form = forms_repo.insert(uow.conn, "admin", "f", 1, {"x": 1})
        uid_a = persons_repo.get(uow.conn, a).uid
        assert re.fullmatch(r"[0-9a-f]{32}", uid_a) and uid_a != kept
        assert persons_repo.get_by_uid(uow.conn, kept).id == b
        assert re.fullmatch(r"[0-9a-f]{32}", forms_repo.get(uow.conn, form).uid)
    with pytest.raises(StoreError):  # unique
        with session.store.unit_of_work("admin") as uow:
            persons_repo.insert(uow.conn, "admin", missing("väntat barn"), "C", uid=kept)
    with pytest.raises(StoreError):  # never without one
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute("INSERT INTO persons (id_kind, name, created_at, created_by,"
                             " updated_at, updated_by) VALUES ('saknas', 'D', 'x', 'x', 'x', 'x')")
