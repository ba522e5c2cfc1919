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
        deadline = time.monotonic() + rng.uniform(0.0, 0.12)
        buffer = b""
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
        reported.update(int(x) for x in lines[:-1])  # the last piece may be half-written

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
