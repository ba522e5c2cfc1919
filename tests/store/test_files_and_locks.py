"""Private files, the one-writer rule on the database itself, network drives, keys in memory."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from oro_desktop.services import maintenance, users
from oro_desktop.services.session import Session
from oro_desktop.store.errors import NetworkDrive, StoreError, StoreInUse
from oro_desktop.store.files import fs_type_from_mounts, network_fs_type, refuse_network_drive
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ADMIN, ADMIN_PW

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}


@posix_only
def test_every_file_is_0600_and_every_folder_0700_under_umask_022(tmp_path, umask_022, capsys):
    db = tmp_path / "new" / "deeper" / "oro.db"
    session, _ = Session.create(db, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    users.add_user(session, "anna", "clinician", "annas-lösen", kdf=FAST_INSECURE)
    session.store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    session.drafts.save("d", "consent", {"x": 1})
    out = tmp_path / "new" / "b.bak"
    maintenance.backup(session, out)
    live = _modes(db.parent)  # while open: -wal and -shm exist
    assert {"oro.db", "oro.db-wal", "oro.db-shm", "oro.db.keys", "oro.db.lock",
            "oro.db.anchor"} <= set(live)
    session.close()
    with pytest.raises(Exception):
        Session.unlock(db, ADMIN, "fel-lösenord")  # writes oro.db.failed
    maintenance.restore(db, out, ADMIN, ADMIN_PW)
    restored = tmp_path / "elsewhere" / "oro.db"
    maintenance.restore(restored, out, ADMIN, ADMIN_PW)
    for folder in (db.parent, restored.parent):
        for name, mode in _modes(folder).items():
            assert mode == 0o600, (folder, name, oct(mode))
    assert {"oro.db.failed", "oro.db.before-restore"} <= set(_modes(db.parent))
    for name, mode in live.items():
        assert mode == 0o600, (name, oct(mode))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(f"{out}.keys").stat().st_mode) == 0o600
    for folder in (db.parent, db.parent.parent, restored.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@posix_only
def test_forms_render_out_is_0600(tmp_path, umask_022, capsys):
    from oro_desktop.cli.main import main

    out = tmp_path / "blank.pdf"
    assert main(["forms", "render", "barnhalsoteam-samtycke", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@posix_only
def test_shared_folder_is_an_explicit_option(tmp_path, umask_022, monkeypatch):
    monkeypatch.setenv("ORO_SHARED_FOLDER", "1")
    db = tmp_path / "unit" / "oro.db"
    Session.create(db, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)[0].close()
    assert all(mode == 0o660 for mode in _modes(db.parent).values())
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o770


# -- one writer, on the database file itself (issue 9, defect 13) ---------------------
HOLDER = r'''
import sys
from oro_desktop.services.session import Session
s = Session.unlock(sys.argv[1], "admin", sys.argv[2])
print("open", flush=True)
sys.stdin.readline()
s.close()
'''

WRITER = r'''
import sys
from oro_desktop.services.session import Session
from oro_desktop.errors import OroError
try:
    s = Session.unlock(sys.argv[1], "admin", sys.argv[2])
except OroError as exc:
    print(type(exc).__name__, flush=True)
    sys.exit(0)
with s.store.unit_of_work("admin") as uow:
    uow.audit("read", "person", "second-writer")
s.close()
print("wrote", flush=True)
'''


def test_deleting_the_lock_file_does_not_let_a_second_process_write(session, db_path):
    session.close()
    env = dict(os.environ, ORO_INSECURE_FAST_KDF="1")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), ADMIN_PW],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "open"
        os.unlink(db_path.with_name("oro.db.lock"))
        second = subprocess.run([sys.executable, "-c", WRITER, str(db_path), ADMIN_PW],
                                capture_output=True, text=True, timeout=60, env=env)
        assert second.stdout.strip() == "StoreInUse", second.stdout + second.stderr
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    try:
        assert not s.store.conn.execute(
            "SELECT 1 FROM audit WHERE record_id = 'second-writer'").fetchone()
    finally:
        s.close()


def test_same_process_second_opener_is_refused_by_the_database_lock(session, db_path):
    os.unlink(db_path.with_name("oro.db.lock"))
    with pytest.raises(StoreInUse):
        Session.unlock(db_path, ADMIN, ADMIN_PW)


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_init_in_an_unwritable_place_says_what_is_wrong(capsys):
    from oro_desktop.cli.main import main

    import io
    sys_stdin = sys.stdin
    sys.stdin = io.StringIO(ADMIN_PW + "\n")
    try:
        code = main(["init", "--db", "/proc/x.db", "--admin", "admin", "--password-stdin"])
    finally:
        sys.stdin = sys_stdin
    err = capsys.readouterr().err
    assert code != 0
    assert "används redan" not in err
    assert "/proc" in err and ("skriva" in err or "skapas" in err), err


# -- network drives (issue 9, defect 14) ---------------------------------------------
MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/nfs nfs4 rw,vers=4.2 0 0
//filer/enhet /mnt/enhet\\040delad cifs rw 0 0
user@host:/home /mnt/ssh fuse.sshfs rw 0 0
/dev/sdb1 /mnt/nfs/local-inside ext4 rw 0 0
"""


@pytest.mark.parametrize("folder,expected", [
    ("/home/anna/oro", None), ("/mnt/nfs/oro", "nfs4"), ("/mnt/enhet delad/x", "cifs"),
    ("/mnt/ssh/a", "fuse.sshfs"), ("/mnt/nfs/local-inside/oro", None), ("/mnt/nfsish", None),
])
def test_network_file_system_is_recognised_from_the_mounts_table(folder, expected, tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert fs_type_from_mounts(Path(folder), MOUNTS) in (expected, "ext4")
    got = network_fs_type(Path(folder), mounts_file=str(mounts)) if sys.platform.startswith("linux") else None
    if sys.platform.startswith("linux"):
        assert got == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux mounts table")
def test_store_on_a_network_drive_is_refused_unless_declared_local(tmp_path, monkeypatch):
    from oro_desktop.store import files

    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nsrv:/x {tmp_path} nfs rw 0 0\n")
    monkeypatch.setattr(files, "MOUNTS_FILE", str(mounts))
    db = tmp_path / "data" / "oro.db"
    with pytest.raises(NetworkDrive) as info:
        Session.create(db, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    assert "nätverksenhet" in info.value.message and "ORO_FOLDER_IS_LOCAL" in info.value.message
    assert not db.exists()
    monkeypatch.setenv("ORO_FOLDER_IS_LOCAL", "1")
    Session.create(db, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)[0].close()
    monkeypatch.delenv("ORO_FOLDER_IS_LOCAL")
    with pytest.raises(NetworkDrive):
        Session.unlock(db, ADMIN, ADMIN_PW)
    with pytest.raises(NetworkDrive):
        refuse_network_drive(db)


# -- keys in memory (issue 9, defect 12) ----------------------------------------------
def test_lock_and_close_overwrite_the_key_buffer(session, db_path):
    key = session.store.key
    assert isinstance(key, bytearray) and any(key)
    session.lock()
    assert key == bytearray(32)
    s = Session.unlock(db_path, ADMIN, ADMIN_PW)
    store = s.store
    buffer = store.key
    store.close()
    assert buffer == bytearray(32)
    with pytest.raises(StoreError):
        store.key
