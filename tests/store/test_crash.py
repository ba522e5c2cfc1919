"""Crash safety: a writer killed with SIGKILL at random moments loses no reported commit.

The child commits one row per unit of work (with its audit entry) and reports the row id
on a pipe only after COMMIT returned. The parent kills it at a random moment, 50 times;
after every kill the store must open, `check` must pass, and every reported row must be
there. Children are forked (POSIX only) so 50 rounds take seconds, not a minute.
"""

from __future__ import annotations

import os
import random
import signal
import select
import sys
import time

import pytest

from oro_desktop.services import maintenance
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ADMIN, ADMIN_PW, TOLVAN_PNR

ROUNDS = 50

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="needs fork() and SIGKILL")


def _child(db_path, write_fd: int, round_no: int) -> None:
    """Runs in the forked child: commit rows forever, report each after COMMIT."""
    try:
        session = Session.unlock(db_path, ADMIN, ADMIN_PW)
        os.write(write_fd, b"ready\n")
        i = 0
        while True:
            i += 1
            with session.store.unit_of_work(ADMIN) as uow:
                cur = uow.conn.execute(
                    "INSERT INTO crash_rows (round, seq, pnr, pad) VALUES (?, ?, ?, ?)",
                    (round_no, i, TOLVAN_PNR, os.urandom(300 * (i % 7))),
                )
                uow.audit("create", "crash_row", cur.lastrowid)
                rowid = cur.lastrowid
            os.write(write_fd, f"{rowid}\n".encode())
    finally:
        os._exit(0)


def test_sigkill_at_random_moments_loses_no_reported_row(db_path):
    session, _ = Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    with session.store.unit_of_work(ADMIN) as uow:
        uow.conn.execute(
            "CREATE TABLE crash_rows (id INTEGER PRIMARY KEY, round INTEGER, seq INTEGER,"
            " pnr TEXT, pad BLOB) STRICT"
        )
    session.close()
    seed = int(time.time())
    rng = random.Random(seed)
    reported: set[int] = set()
    for round_no in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            _child(db_path, write_fd, round_no)
        os.close(write_fd)
        buffer = b""
        if round_no % 2:
            # Odd rounds: the kill window starts once the child has unlocked, so a busy
            # machine still gets commits killed; even rounds may also kill the unlock.
            buffer = _read_until(read_fd, b"ready\n", 10.0)
        deadline = time.monotonic() + rng.uniform(0.0, 0.12)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                chunk = os.read(read_fd, 65536)
                if not chunk:
                    break
                buffer += chunk
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):
            buffer += chunk
        os.close(read_fd)
        lines = buffer.decode().split("\n")
        reported.update(int(x) for x in lines[:-1] if x != "ready")  # the last may be half-written

        report = maintenance.check_store(db_path, ADMIN, ADMIN_PW)
        assert report.ok, f"seed {seed}, round {round_no}: {report.problems}"
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        present = {r[0] for r in s.store.conn.execute("SELECT id FROM crash_rows")}
        audited = {int(r[0]) for r in s.store.conn.execute(
            "SELECT record_id FROM audit WHERE record_type = 'crash_row'")}
    finally:
        s.close()
    assert len(reported) > ROUNDS, f"seed {seed}: the children hardly wrote anything"
    missing = reported - present
    assert not missing, f"seed {seed}: reported rows lost: {sorted(missing)[:10]}"
    assert present == audited  # every row came with its audit entry, and vice versa


def _read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    buffer = b""
    end = time.monotonic() + timeout
    while marker not in buffer and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
    return buffer


def _kill_at_random(rng: random.Random, work, *, window: float) -> bytes:
    """Fork, run `work(write_fd)` in the child, SIGKILL it at a random moment; its output."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            work(write_fd)
        finally:
            os._exit(0)
    os.close(write_fd)
    buffer = _read_until(read_fd, b"ready\n", 10.0)
    time.sleep(rng.uniform(0.0, window))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        buffer += chunk
    os.close(read_fd)
    return buffer


def _seeded_store(db_path, rows: int = 200) -> None:
    session, _ = Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    from oro_desktop.services import users

    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    with session.store.unit_of_work(ADMIN) as uow:
        uow.conn.execute("CREATE TABLE crash_rows (id INTEGER PRIMARY KEY, pad BLOB) STRICT")
        for _ in range(rows):
            uow.conn.execute("INSERT INTO crash_rows (pad) VALUES (?)", (os.urandom(400),))
        uow.audit("create", "crash_row", None, {"n": rows})
    session.close()


def _rows(db_path, password=ADMIN_PW) -> int:
    s = Session.unlock(db_path, ADMIN, password)
    try:
        return s.store.conn.execute("SELECT count(*) FROM crash_rows").fetchone()[0]
    finally:
        s.close()


KILL_ROUNDS = 12


def test_sigkill_during_restore_leaves_the_old_or_the_new_store(db_path, tmp_path):
    _seeded_store(db_path)
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    backup = tmp_path / "b.bak"
    maintenance.backup(s, backup)
    with s.store.unit_of_work(ADMIN) as uow:  # the live store differs from the backup
        uow.conn.execute("INSERT INTO crash_rows (pad) VALUES (x'00')")
        uow.audit("create", "crash_row", None)
    s.close()
    seed = int(time.time())
    rng = random.Random(seed)

    def work(fd):
        os.write(fd, b"ready\n")
        while True:
            maintenance.restore(db_path, backup, ADMIN, ADMIN_PW)
            os.write(fd, b"restored\n")

    for round_no in range(KILL_ROUNDS):
        _kill_at_random(rng, work, window=0.4)
        assert _rows(db_path) in (200, 201), f"seed {seed}, round {round_no}"
        report = maintenance.check_store(db_path, ADMIN, ADMIN_PW)
        assert report.ok, f"seed {seed}, round {round_no}: {report.problems}"
        temps = [p.name for p in db_path.parent.iterdir() if ".tmp" in p.name]
        assert temps == [], f"seed {seed}, round {round_no}: {temps}"


def test_sigkill_during_passwd_leaves_one_working_password(db_path):
    from oro_desktop.services import users

    _seeded_store(db_path)
    seed = int(time.time())
    rng = random.Random(seed)
    passwords = [ADMIN_PW, "andra-lösenordet"]

    def work(fd):
        os.write(fd, b"ready\n")
        while True:
            for old, new in (passwords, passwords[::-1]):
                try:
                    s = Session.unlock(db_path, ADMIN, old)
                except Exception:  # noqa: BLE001 - the other one is current
                    continue
                users.change_password(s, old, new, kdf=FAST_INSECURE)
                s.close()
                os.write(fd, f"{new}\n".encode())

    for round_no in range(KILL_ROUNDS):
        _kill_at_random(rng, work, window=0.3)
        working = []
        for pw in passwords:
            try:
                working.append(_rows(db_path, pw))
            except Exception:  # noqa: BLE001
                pass
        assert working == [200], f"seed {seed}, round {round_no}: {working}"
        current = next(pw for pw in passwords if _try(db_path, pw))
        report = maintenance.check_store(db_path, ADMIN, current)
        assert report.ok, f"seed {seed}, round {round_no}: {report.problems}"


def _try(db_path, password) -> bool:
    try:
        Session.unlock(db_path, ADMIN, password).close()
    except Exception:  # noqa: BLE001
        return False
    return True


def test_sigkill_during_rekey_loses_no_access(db_path):
    from oro_desktop.services import users

    _seeded_store(db_path)
    seed = int(time.time())
    rng = random.Random(seed)

    def work(fd):
        os.write(fd, b"ready\n")
        while True:
            s = Session.unlock(db_path, ADMIN, ADMIN_PW)
            users.rekey_store(s)
            s.close()
            os.write(fd, b"rekeyed\n")

    rekeyed = 0
    for round_no in range(KILL_ROUNDS):
        out = _kill_at_random(rng, work, window=0.3)
        rekeyed += out.count(b"rekeyed")
        assert _rows(db_path) == 200, f"seed {seed}, round {round_no}"
        s = Session.unlock(db_path, "anna", "annas-lösen")  # resealed for every user
        s.close()
        report = maintenance.check_store(db_path, ADMIN, ADMIN_PW)
        assert report.ok, f"seed {seed}, round {round_no}: {report.problems}"
    assert rekeyed > 0, f"seed {seed}: no rekey finished in any round"
