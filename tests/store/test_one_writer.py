"""One writer: a second process opening the same file is told so at once."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from oro_desktop.services.session import Session
from oro_desktop.store.errors import StoreInUse

from .conftest import ADMIN, ADMIN_PW

HOLDER = r'''
import sys
from oro_desktop.services.session import Session
s = Session.unlock(sys.argv[1], "admin", sys.argv[2])
print("open", flush=True)
sys.stdin.readline()
s.close()
'''


def test_second_process_gets_store_in_use_without_waiting(created, db_path):
    session, _ = created
    session.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), ADMIN_PW],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = db_path.read_bytes()
        started = time.monotonic()
        with pytest.raises(StoreInUse) as info:
            Session.unlock(db_path, ADMIN, ADMIN_PW)
        assert time.monotonic() - started < 1.0
        assert "används redan av ett annat program eller fönster" in info.value.message
        assert db_path.read_bytes() == before
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
    # Once the other process is gone, the store opens normally.
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()


def test_killed_holder_leaves_no_stale_lock(created, db_path):
    session, _ = created
    session.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), ADMIN_PW],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    holder.kill()
    holder.wait(timeout=30)
    Session.unlock(db_path, ADMIN, ADMIN_PW).close()
