"""The bad-input corpus: shared store, in-process CLI runner, the refusal assertions.

Every case feeds one bad input to `oro-admin` (in-process through main(), a few in a
real subprocess) or to a service, and asserts what issue 9 asks of every refusal:
no traceback, one line saying why, a non-zero exit that is not the guard's "unexpected
error" (70: that would be a bug hidden by the guard), and, where the input was
refused, the store's bytes unchanged (SHA-256 of every store file before and after).
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from oro_desktop.cli import options
from oro_desktop.cli.main import INTERNAL_ERROR, main
from oro_desktop.services.session import Session
from oro_desktop.services.users import add_user
from oro_desktop.store.kdf import FAST_INSECURE

ADMIN, PW = "admin", "korrekt-häst-batteri"
CLINICIAN, CLINICIAN_PW = "bertil", "bertils-losenord"
ENV_VARS = ("ORO_DB", "ORO_USER", "ORO_PASSWORD", "ORO_NEW_PASSWORD", "ORO_RECOVERY_KEY",
            "ORO_DEBUG")
STORE_FILES = ("oro.db", "oro.db-wal", "oro.db.keys", "oro.db.failed")


@dataclass
class Corpus:
    """One store per module plus a folder of hostile files (made once)."""

    db: Path
    files: Path

    def digest(self) -> dict[str, str]:
        out = {}
        for name in STORE_FILES:
            path = self.db.parent / name
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"
        return out


def _hostile_files(where: Path) -> Path:
    where.mkdir()
    (where / "dir").mkdir()
    (where / "empty").write_bytes(b"")
    (where / "loop1").symlink_to(where / "loop2")
    (where / "loop2").symlink_to(where / "loop1")
    (where / "dangling").symlink_to(where / "nowhere")
    os.mkfifo(where / "fifo")
    (where / "garbage").write_bytes(bytes(range(256)) * 40)
    (where / "not-utf8").write_bytes(b'{"barn_namn": "\xff\xfe\xc3\x28"}')
    (where / "utf16").write_bytes('{"barn_namn": "Tolvan"}'.encode("utf-16"))
    (where / "nul").write_bytes(b'{"barn_namn": "a\x00b"}')
    (where / "huge").write_bytes(b'{"barn_namn": "' + b"a" * (9 * 1024 * 1024) + b'"}')
    unreadable = where / "unreadable"
    unreadable.write_text("{}")
    unreadable.chmod(0)
    return where


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Iterator[Corpus]:
    base = tmp_path_factory.mktemp("badinput")
    db = base / "store" / "oro.db"
    session, _key = Session.create(db, ADMIN, PW, kdf=FAST_INSECURE)
    add_user(session, CLINICIAN, "clinician", CLINICIAN_PW, kdf=FAST_INSECURE)
    session.set_setting("unit_name", "BVC Exempelby")
    session.close()
    yield Corpus(db, _hostile_files(base / "files"))
    (base / "files" / "unreadable").chmod(0o600)


@pytest.fixture
def cli(monkeypatch, capsys):
    """run(argv, stdin=b"", env={}) -> (code, out, err), in-process."""
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ORO_INSECURE_FAST_KDF", "1")

    def run(argv: list[str], stdin: bytes = b"", env: dict[str, str] | None = None):
        options.reset_stdin_reader()
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse --help only; errors return
            code = exc.code
        out, err = capsys.readouterr()
        for key in env or {}:
            monkeypatch.delenv(key, raising=False)
        return code, out, err

    from oro_desktop.store import kdf

    warned = kdf._warned
    yield run
    options.reset_stdin_reader()
    kdf._warned = warned  # the once-per-process KDF warning stays for the suites after us


def reason_lines(err: str) -> list[str]:
    """stderr without the test-only KDF warning."""
    return [line for line in err.splitlines()
            if line.strip() and "ORO_INSECURE_FAST_KDF" not in line]


def assert_refused(code, out: str, err: str) -> str:
    """The refusal contract; returns the one reason line."""
    assert "Traceback" not in out + err, err
    assert isinstance(code, int) and code != 0, (code, out, err)
    assert code != INTERNAL_ERROR, f"the guard caught an unexpected error: {err}"
    lines = reason_lines(err)
    assert len(lines) == 1, f"want one reason line, got {lines!r}"
    assert len(lines[0]) > len("oro-admin: ") + 5
    return lines[0]
