"""The one opening sequence (store/opening.py), used by every path into a store (issue 8)."""

from __future__ import annotations

import json
import os

import pytest

from oro_desktop.services import maintenance, users
from oro_desktop.services.session import Session
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.errors import KeyFileDamaged, StoreDamaged, WrongCredentials
from oro_desktop.store.kdf import FAST_INSECURE
from oro_desktop.store.keyslots import keys_path

from .conftest import ADMIN, ADMIN_PW, audit_rows

# A slot cost that differs from every default, so a decoy derivation can be recognised.
SLOT_KDF = kdf_mod.KdfParams(time_cost=2, memory_kib=16, parallelism=1)


@pytest.fixture
def counted(monkeypatch):
    """Every Argon2id derivation, as the parameters it was asked for."""
    calls: list[kdf_mod.KdfParams] = []
    real = kdf_mod.derive

    def derive(password, salt, params):
        calls.append(params)
        return real(password, salt, params)

    monkeypatch.setattr(kdf_mod, "derive", derive)
    return calls


@pytest.fixture
def store_with_slot_kdf(db_path):
    session, key = Session.create(db_path, ADMIN, ADMIN_PW, kdf=SLOT_KDF)
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=SLOT_KDF)
    session.close()
    return db_path, key


def _attempts(path, user, password):
    """Each path into the store, with the given credentials."""
    return {
        "unlock": lambda: Session.unlock(path, user, password, kdf=FAST_INSECURE),
        "check": lambda: maintenance.check_store(path, user, password),
        "restore": lambda: maintenance.restore(path, path.with_name("none.bak"), user, password),
    }


@pytest.mark.parametrize("route", ["unlock", "check"])
@pytest.mark.parametrize("user,password", [(ADMIN, "fel-lösenord"), ("nobody", ADMIN_PW),
                                           ("", ""), ("x" * 500, "y")])
def test_unknown_user_costs_exactly_what_a_wrong_password_costs(
        store_with_slot_kdf, counted, route, user, password):
    db_path, _ = store_with_slot_kdf
    with pytest.raises(WrongCredentials):
        _attempts(db_path, user, password)[route]()
    # One derivation with the real slots' parameters, whichever of the two was wrong.
    assert counted == [SLOT_KDF]


def test_restore_checks_credentials_with_the_same_cost(store_with_slot_kdf, counted, tmp_path):
    db_path, _ = store_with_slot_kdf
    s = Session.unlock(db_path, ADMIN, ADMIN_PW, kdf=SLOT_KDF)
    maintenance.backup(s, tmp_path / "b.db")
    s.close()
    for user in ("nobody", ADMIN):
        counted.clear()
        with pytest.raises(WrongCredentials):
            maintenance.restore(db_path, tmp_path / "b.db", user, "fel-lösenord")
        assert counted == [SLOT_KDF]


def test_unlock_runs_no_full_file_verification(session, db_path, monkeypatch):
    session.close()
    from oro_desktop.store import connection as connection_mod
    from oro_desktop.store import store as store_mod

    def refuse(*args):
        raise AssertionError("cipher_integrity_check ran during unlock")

    monkeypatch.setattr(store_mod, "page_problems", refuse)
    monkeypatch.setattr(connection_mod, "page_problems", refuse)
    monkeypatch.setattr(connection_mod, "cipher_problems", refuse)
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()


def test_kdf_parameters_below_policy_are_raised_at_login(db_path):
    session, _ = Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    session.close()
    Session.unlock(db_path, ADMIN, ADMIN_PW, kdf=SLOT_KDF).close()
    slot = json.loads(keys_path(db_path).read_text())["slots"][0]
    assert slot["kdf"]["time_cost"] == 2 and slot["kdf"]["memory_kib"] == 16
    s = Session.unlock(db_path, ADMIN, ADMIN_PW, kdf=SLOT_KDF)
    try:
        assert [r[2] for r in audit_rows(s)].count("password_change") == 1
    finally:
        s.close()


# -- key file parameters (issue 9, defect 7) ------------------------------------------
@pytest.mark.parametrize("field,value", [
    ("memory_kib", -1), ("memory_kib", 10**12), ("time_cost", 10**9), ("time_cost", 0),
    ("parallelism", 0), ("parallelism", 10**6), ("salt", "AA=="), ("nonce", ""),
    ("wrapped", "AAAA"), ("time_cost", "drei"), ("memory_kib", True),
])
def test_out_of_range_key_file_is_damaged_not_a_failed_login(session, db_path, field, value):
    session.close()
    doc = json.loads(keys_path(db_path).read_text())
    slot = doc["slots"][0]
    if field in ("salt", "nonce", "wrapped"):
        slot[field] = value
    else:
        slot["kdf"][field] = value
    keys_path(db_path).write_text(json.dumps(doc))
    with pytest.raises(KeyFileDamaged) as info:
        Session.unlock(db_path, ADMIN, ADMIN_PW)
    assert "nyckelfilen är skadad" in info.value.message.lower()
    assert "recover" in info.value.message
    assert not db_path.with_name("oro.db.failed").exists()  # not counted as a failed login
    with pytest.raises(KeyFileDamaged):
        maintenance.check_store(db_path, ADMIN, ADMIN_PW)


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b"[]", b'{"format": 1}',
                                     b"[" * 100000 + b"]" * 100000])
def test_garbage_key_file_is_damaged(session, db_path, content, created):
    _, recovery_key = created
    session.close()
    keys_path(db_path).write_bytes(content)
    with pytest.raises(KeyFileDamaged):
        Session.unlock(db_path, ADMIN, ADMIN_PW)
    assert not db_path.with_name("oro.db.failed").exists()
    # ... and the pointer is right: recover rebuilds it.
    users.recover_user(db_path, recovery_key, ADMIN, "nytt-lösenord-1", kdf=FAST_INSECURE)
    Session.unlock(db_path, ADMIN, "nytt-lösenord-1").close()


# -- killed restores leave temporary copies (issue 9, defect 10) ------------------------
def test_stale_temporary_copies_are_removed_at_the_next_open(session, db_path):
    session.close()
    stale = [db_path.with_name(".oro.db.k3j2h1.tmp"), db_path.with_name(".oro.db.k3j2h1.tmp-wal"),
             db_path.with_name(".oro.db.keys.abc.tmp")]
    for path in stale:
        path.write_bytes(os.urandom(8192))
    unrelated = db_path.with_name("notes.tmp")
    unrelated.write_bytes(b"x")
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()
    assert not any(p.exists() for p in stale)
    assert unrelated.exists()


# -- init is atomic (issue 9, defect 13) ----------------------------------------------
def test_init_killed_before_key_file_leaves_nothing_that_blocks_a_new_init(db_path, monkeypatch):
    from oro_desktop.store import keyslots

    def die(self, path):
        raise KeyboardInterrupt  # stands for the process dying here

    monkeypatch.setattr(keyslots.KeyFile, "save", die)
    with pytest.raises(KeyboardInterrupt):
        Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    monkeypatch.undo()
    assert not db_path.exists() and not keys_path(db_path).exists()
    session, _ = Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    session.close()
    assert [p.name for p in db_path.parent.iterdir() if ".tmp" in p.name] == []


def test_init_killed_between_key_file_and_rename_is_finished_at_next_open(db_path, monkeypatch):
    import oro_desktop.services.session as session_mod

    real = os.replace

    def die(src, dst):
        if str(dst) == str(db_path):
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(session_mod.os, "replace", die)
    with pytest.raises(KeyboardInterrupt):
        Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    monkeypatch.undo()
    assert not db_path.exists() and keys_path(db_path).exists()
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()
    assert db_path.exists()


def test_missing_database_with_key_file_says_so(session, db_path):
    session.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{db_path}{suffix}"):
            os.unlink(f"{db_path}{suffix}")
    with pytest.raises(Exception) as info:
        Session.unlock(db_path, ADMIN, ADMIN_PW)
    assert "Databasfilen" in info.value.message and "restore" in info.value.message


def test_first_page_damage_is_store_damaged_on_every_path(session, db_path):
    session.close()
    data = bytearray(db_path.read_bytes())
    data[300] ^= 0x10
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        Session.unlock(db_path, ADMIN, ADMIN_PW)
    report = maintenance.check_store(db_path, ADMIN, ADMIN_PW)
    assert not report.ok and "första sidan" in report.problems[0]


def test_database_without_key_file_is_named_as_half_made_with_both_ways_out(session, db_path):
    from oro_desktop.store.errors import HalfMadeStore

    session.close()
    keys_path(db_path).unlink()
    before = db_path.read_bytes()
    with pytest.raises(HalfMadeStore) as info:
        Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    assert "avbröts" in info.value.message and "recover" in info.value.message
    assert db_path.read_bytes() == before
