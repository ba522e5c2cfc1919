"""`oro-admin` store and user commands, run in-process through main() (plus one real subprocess)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oro_desktop.cli import options
from oro_desktop.cli.main import build_parser, main
from oro_desktop.store.recovery import parse_key

PW = "korrekt-häst-batteri"


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for var in ("ORO_DB", "ORO_USER", "ORO_PASSWORD", "ORO_NEW_PASSWORD", "ORO_RECOVERY_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")
    from oro_desktop.store import kdf as kdf_mod

    monkeypatch.setattr(kdf_mod, "_warned", False)  # the warning is once per process
    options.reset_stdin_reader()
    yield
    options.reset_stdin_reader()


def run(capsys, monkeypatch, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    options.reset_stdin_reader()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin if stdin is not None else ""))
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path, capsys, monkeypatch):
    db = tmp_path / "oro.db"
    code, out, _ = run(capsys, monkeypatch, "init", "--db", str(db), "--admin", "admin",
                       "--password-stdin", "--json", stdin=f"{PW}\n")
    assert code == 0
    return db, json.loads(out)["recovery_key"]


def _audit(capsys, monkeypatch, db: Path, *extra: str, pw: str = PW) -> list[dict]:
    code, out, err = run(capsys, monkeypatch, "audit", "--db", str(db), "--user", "admin",
                         "--password-stdin", "--json", *extra, stdin=f"{pw}\n")
    assert code == 0, err
    return json.loads(out)


COMMANDS = ["init", "check", "backup", "restore", "user", "passwd", "recover", "audit", "rekey"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_documents_itself(capsys, command):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "användning: oro-admin " + command in out and len(out) > 200
    if command not in ("init", "user"):
        assert "--db" in out and "--password-stdin" in out and "--json" in out


def test_init_prints_recovery_key_once_in_text(tmp_path, capsys, monkeypatch):
    db = tmp_path / "d" / "oro.db"
    code, out, err = run(capsys, monkeypatch, "init", "--db", str(db), "--admin", "Admin",
                         "--password-stdin", stdin=f"{PW}\n")
    assert code == 0
    assert "ÅTERSTÄLLNINGSNYCKEL" in out and "ORO_INSECURE_FAST_KDF" in err
    key_lines = [l.strip() for l in out.splitlines() if l.startswith("    ")]
    assert parse_key("".join(key_lines))
    # A second init is refused with one line and leaves the file alone.
    before = db.read_bytes()
    code, out, err = run(capsys, monkeypatch, "init", "--db", str(db), "--admin", "x",
                         "--password-stdin", stdin=f"{PW}\n")
    assert code != 0 and len(err.strip().splitlines()) <= 2 and "finns redan" in err
    assert db.read_bytes() == before


def test_init_rejects_short_password(tmp_path, capsys, monkeypatch):
    db = tmp_path / "oro.db"
    code, _, err = run(capsys, monkeypatch, "init", "--db", str(db), "--admin", "a",
                       "--password-stdin", stdin="kort\n")
    assert code == 2 and "minst" in err and not db.exists()


def test_missing_password_without_terminal_is_one_line(store, capsys, monkeypatch):
    db, _ = store
    code, _, err = run(capsys, monkeypatch, "user", "list", "--db", str(db), "--user", "admin")
    assert code == 2 and err.count("\n") == 1 and "ORO_PASSWORD" in err


def test_user_add_list_and_env_variables(store, capsys, monkeypatch):
    db, _ = store
    monkeypatch.setenv("ORO_DB", str(db))
    monkeypatch.setenv("ORO_USER", "admin")
    monkeypatch.setenv("ORO_PASSWORD", PW)
    monkeypatch.setenv("ORO_NEW_PASSWORD", "annas-lösen")
    code, out, err = run(capsys, monkeypatch, "user", "add", "anna", "--role", "clinician", "--json")
    assert code == 0, err
    assert json.loads(out)["role"] == "clinician"
    code, out, _ = run(capsys, monkeypatch, "user", "list", "--json")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("admin", "admin"), ("anna", "clinician")]
    # The clinician cannot add users; nothing changes.
    monkeypatch.setenv("ORO_USER", "anna")
    monkeypatch.setenv("ORO_PASSWORD", "annas-lösen")
    code, _, err = run(capsys, monkeypatch, "user", "add", "eve", "--role", "admin")
    assert code != 0 and "behörighet" in err
    # Duplicate and bad role.
    monkeypatch.setenv("ORO_USER", "admin")
    monkeypatch.setenv("ORO_PASSWORD", PW)
    code, _, err = run(capsys, monkeypatch, "user", "add", "anna", "--role", "admin")
    assert code == 2 and "finns redan" in err
    code, _, _ = run(capsys, monkeypatch, "user", "add", "bo", "--role", "boss")
    assert code == 2


def test_wrong_password_is_one_clear_line(store, capsys, monkeypatch):
    db, _ = store
    before = db.read_bytes()
    code, out, err = run(capsys, monkeypatch, "user", "list", "--db", str(db), "--user", "admin",
                         "--password-stdin", stdin="fel-lösenord\n")
    assert code == 4 and out == ""
    assert err.strip().splitlines()[-1] == "oro-admin: Fel användarnamn eller lösenord."
    assert db.read_bytes() == before


def test_passwd_and_recover(store, capsys, monkeypatch):
    db, key = store
    code, _, err = run(capsys, monkeypatch, "passwd", "--db", str(db), "--user", "admin",
                       "--password-stdin", stdin=f"{PW}\nnytt-lösenord\n")
    assert code == 0, err
    code, *_ = run(capsys, monkeypatch, "user", "list", "--db", str(db), "--user", "admin",
                   "--password-stdin", stdin=f"{PW}\n")
    assert code == 4
    # Recovery without the user's password, key typed sloppily.
    sloppy = key.lower().replace("-", " ")
    code, _, err = run(capsys, monkeypatch, "recover", "--db", str(db), "--user", "admin",
                       "--password-stdin", stdin=f"{sloppy}\nåterställt-lösen\n")
    assert code == 0, err
    for old in (PW, "nytt-lösenord"):
        code, *_ = run(capsys, monkeypatch, "user", "list", "--db", str(db), "--user", "admin",
                       "--password-stdin", stdin=f"{old}\n")
        assert code == 4
    code, *_ = run(capsys, monkeypatch, "user", "list", "--db", str(db), "--user", "admin",
                   "--password-stdin", stdin="återställt-lösen\n")
    assert code == 0
    code, _, err = run(capsys, monkeypatch, "recover", "--db", str(db), "--user", "admin",
                       "--password-stdin", stdin="AAAA-BBBB\nåterställt-lösen\n")
    assert code == 2 and "Återställningsnyckeln" in err


def test_check_ok_and_damage(store, capsys, monkeypatch):
    db, key = store
    code, out, _ = run(capsys, monkeypatch, "check", "--db", str(db), "--user", "admin",
                       "--password-stdin", "--json", stdin=f"{PW}\n")
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, _ = run(capsys, monkeypatch, "check", "--db", str(db), "--with-recovery-key",
                       "--password-stdin", stdin=f"{key}\n")
    assert code == 0 and out.startswith("OK")
    data = bytearray(db.read_bytes())
    data[150] ^= 0xFF
    db.write_bytes(bytes(data))
    code, out, _ = run(capsys, monkeypatch, "check", "--db", str(db), "--user", "admin",
                       "--password-stdin", stdin=f"{PW}\n")
    assert code == 1 and "FEL" in out and "första sidan" in out


def test_backup_restore_and_corrupt_backup(store, tmp_path, capsys, monkeypatch):
    db, _ = store
    out_file = tmp_path / "b" / "kopia.db"
    out_file.parent.mkdir()
    code, out, err = run(capsys, monkeypatch, "backup", str(out_file), "--db", str(db),
                         "--user", "admin", "--password-stdin", "--json", stdin=f"{PW}\n")
    assert code == 0, err
    assert json.loads(out)["rows"]["users"] == 1
    target = tmp_path / "restored" / "oro.db"
    code, _, err = run(capsys, monkeypatch, "restore", str(out_file), "--db", str(target),
                       "--user", "admin", "--password-stdin", stdin=f"{PW}\n")
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "check", "--db", str(target), "--user", "admin",
                       "--password-stdin", stdin=f"{PW}\n")
    assert code == 0
    data = bytearray(out_file.read_bytes())
    data[len(data) // 2] ^= 0x01
    out_file.write_bytes(bytes(data))
    before = target.read_bytes()
    code, _, err = run(capsys, monkeypatch, "restore", str(out_file), "--db", str(target),
                       "--user", "admin", "--password-stdin", stdin=f"{PW}\n")
    assert code != 0 and "Inget har ändrats" in err
    assert target.read_bytes() == before


def test_each_admin_action_leaves_exactly_one_entry(store, tmp_path, capsys, monkeypatch):
    db, key = store
    # (expected action, argv, stdin, admin password before, admin password after)
    steps = [
        ("create", ["user", "add", "anna", "--role", "clinician"], f"{PW}\nannas-lösen\n", PW, PW),
        ("password_change", ["passwd"], f"{PW}\nnytt-lösenord\n", PW, "nytt-lösenord"),
        ("recover", ["recover"], f"{key}\n{PW}\n", "nytt-lösenord", PW),
        ("backup", ["backup", str(tmp_path / "k.db")], f"{PW}\n", PW, PW),
        ("restore", ["restore", str(tmp_path / "k.db")], f"{PW}\n", PW, PW),
    ]
    for action, argv, stdin, pw_before, pw_after in steps:
        before = _audit(capsys, monkeypatch, db, pw=pw_before)
        code, _, err = run(capsys, monkeypatch, *argv, "--db", str(db), "--user", "admin",
                           "--password-stdin", stdin=stdin)
        assert code == 0, (action, err)
        after = _audit(capsys, monkeypatch, db, pw=pw_after)
        if action == "restore":
            new = [e["action"] for e in after if e["action"] == "restore"]
            assert new == ["restore"]
            continue
        added = [e["action"] for e in after[: len(after) - len(before)]]
        assert added.count(action) == 1, (action, added)


def test_audit_filters_and_bad_input(store, capsys, monkeypatch):
    db, _ = store
    entries = _audit(capsys, monkeypatch, db)
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    assert entries[-1]["action"] == "create"
    only_admin = _audit(capsys, monkeypatch, db, "--by", "admin", "--record", "admin")
    assert only_admin and all(e["actor"] == "admin" for e in only_admin)
    assert _audit(capsys, monkeypatch, db, "--since", "2199-01-01") == []
    code, _, err = run(capsys, monkeypatch, "audit", "--db", str(db), "--user", "admin",
                       "--password-stdin", "--since", "igår", stdin=f"{PW}\n")
    assert code == 2 and "--since" in err


def test_real_entry_point_in_subprocess(tmp_path):
    db = tmp_path / "oro.db"
    env = dict(os.environ, ORO_INSECURE_FAST_KDF="1", ORO_PASSWORD=PW, ORO_DB=str(db), ORO_USER="admin")
    run_ = lambda *a: subprocess.run([sys.executable, "-m", "oro_desktop.cli.main", *a],
                                     capture_output=True, text=True, env=env, timeout=60)
    r = run_("init", "--admin", "admin", "--json")
    assert r.returncode == 0, r.stderr
    assert "VARNING" in r.stderr
    assert parse_key(json.loads(r.stdout)["recovery_key"])
    r = run_("check")
    assert r.returncode == 0 and r.stdout.startswith("OK")


def test_user_remove_disable_and_rekey(store, tmp_path, capsys, monkeypatch):
    import shutil

    db, old_key = store
    monkeypatch.setenv("ORO_DB", str(db))
    monkeypatch.setenv("ORO_USER", "admin")
    monkeypatch.setenv("ORO_PASSWORD", PW)
    for name in ("anna", "bo"):
        monkeypatch.setenv("ORO_NEW_PASSWORD", f"{name}s-lösen-1")
        assert run(capsys, monkeypatch, "user", "add", name, "--role", "clinician")[0] == 0
    old_keys = tmp_path / "old.keys"
    shutil.copy(f"{db}.keys", old_keys)
    code, out, err = run(capsys, monkeypatch, "user", "remove", "anna", "--json")
    assert code == 0, err
    assert json.loads(out)["removed"] is True and json.loads(out)["recovery_key"] is None
    code, out, err = run(capsys, monkeypatch, "user", "disable", "bo")
    assert code == 0 and "avstängd" in out, err
    # Neither can sign in, and the old key file with their slots opens nothing.
    for name in ("anna", "bo"):
        code, _, err = run(capsys, monkeypatch, "user", "list", "--user", name,
                           "--password-stdin", stdin=f"{name}s-lösen-1\n")
        assert code == 4, err
    # Rekey: a new recovery key, shown once; the old one stops working.
    code, out, err = run(capsys, monkeypatch, "rekey")
    assert code == 0 and "NY ÅTERSTÄLLNINGSNYCKEL" in out, err
    new_key = "".join(l.strip() for l in out.splitlines() if l.startswith("    "))
    assert parse_key(new_key)
    monkeypatch.setenv("ORO_NEW_PASSWORD", "nytt-admin-lösen")
    code, _, err = run(capsys, monkeypatch, "recover", "--password-stdin",
                       stdin=f"{old_key}\nnytt-admin-lösen\n")
    assert code != 0, err
    code, _, err = run(capsys, monkeypatch, "recover", "--password-stdin",
                       stdin=f"{new_key}\nnytt-admin-lösen\n")
    assert code == 0, err


def test_restore_of_another_store_needs_the_explicit_flag(store, tmp_path, capsys, monkeypatch):
    db, _ = store
    other = tmp_path / "other" / "oro.db"
    assert run(capsys, monkeypatch, "init", "--db", str(other), "--admin", "admin",
               "--password-stdin", stdin=f"{PW}\n")[0] == 0
    bak = tmp_path / "other.bak"
    assert run(capsys, monkeypatch, "backup", str(bak), "--db", str(other), "--user", "admin",
               "--password-stdin", stdin=f"{PW}\n")[0] == 0
    before = db.read_bytes()
    code, _, err = run(capsys, monkeypatch, "restore", str(bak), "--db", str(db), "--user",
                       "admin", "--password-stdin", stdin=f"{PW}\n")
    assert code != 0 and "--replace-with-other-store" in err and db.read_bytes() == before
    code, _, err = run(capsys, monkeypatch, "restore", str(bak), "--db", str(db), "--user",
                       "admin", "--password-stdin", "--replace-with-other-store", stdin=f"{PW}\n")
    assert code == 0, err
    assert Path(f"{db}.before-restore").read_bytes() == before
