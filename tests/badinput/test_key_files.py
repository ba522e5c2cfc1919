"""Key files and backups named from outside (`--db`'s `.keys`, `restore BACKUP`).

These paths are read by the store layer (store/keyslots.py, store/backup.py), which the
trust-a branch is reworking for issue 9 defects 1 and 7. The cases below fail on this
branch; they are strict xfails so that the merge which fixes them turns them into
failures to be un-marked, not silent passes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ADMIN, PW, assert_refused

PENDING = "store layer reads key files unbounded (trust-a: KeyFile.load / restore)"


def _fake_store(where, keys: bytes | None = None, fifo_keys: bool = False):
    where.mkdir()
    (where / "oro.db").write_bytes(b"\0" * 4096)
    if fifo_keys:
        os.mkfifo(where / "oro.db.keys")
    elif keys is not None:
        (where / "oro.db.keys").write_bytes(keys)
    return where / "oro.db"


def _subprocess(argv: list[str], timeout: float = 3.0):
    env = dict(os.environ, ORO_INSECURE_FAST_KDF="1", ORO_PASSWORD=PW)
    try:
        r = subprocess.run([sys.executable, "-m", "oro_desktop.cli.main", *argv],
                           capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail("the command hung on the input")
    return r.returncode, r.stdout, r.stderr


@pytest.mark.parametrize("name, keys", [
    ("not JSON", b"garbage"),
    ("a list", b"[]"),
    ("wrong version", b'{"format": "x", "version": 1}'),
    ("5000-digit version", b'{"format": "x", "version": 1' + b"0" * 5000 + b"}"),
])
def test_damaged_key_files_are_refused_with_one_line(tmp_path, cli, name, keys):
    db = _fake_store(tmp_path / "s", keys)
    before = (db.read_bytes(), (tmp_path / "s" / "oro.db.keys").read_bytes())
    code, out, err = cli(["check", "--db", str(db), "--user", ADMIN], env={"ORO_PASSWORD": PW})
    assert_refused(code, out, err)
    assert (db.read_bytes(), (tmp_path / "s" / "oro.db.keys").read_bytes()) == before


def test_a_deeply_nested_key_file_is_refused(tmp_path, cli):
    db = _fake_store(tmp_path / "s", b"[" * 100_000)
    code, out, err = cli(["check", "--db", str(db), "--user", ADMIN], env={"ORO_PASSWORD": PW})
    assert_refused(code, out, err)


def test_a_key_file_that_is_a_fifo_does_not_hang(tmp_path):
    db = _fake_store(tmp_path / "s", fifo_keys=True)
    assert_refused(*_subprocess(["check", "--db", str(db), "--user", ADMIN]))


def test_restoring_from_a_fifo_does_not_hang(tmp_path, corpus):
    os.mkfifo(tmp_path / "backup.bak")
    assert_refused(*_subprocess(["restore", str(tmp_path / "backup.bak"), "--db",
                                 str(corpus.db), "--user", ADMIN]))


@pytest.mark.parametrize("name", ["dir", "loop1", "garbage", "dangling", "nowhere"])
def test_restore_from_a_hostile_path_is_refused_and_changes_nothing(corpus, cli, name):
    before = corpus.digest()
    code, out, err = cli(["restore", str(corpus.files / name), "--db", str(corpus.db),
                          "--user", ADMIN], env={"ORO_PASSWORD": PW})
    assert_refused(code, out, err)
    assert corpus.digest() == before
