"""No plaintext on disk: marker identity data written through the store appears in no file.

The workload runs in a child process whose TMPDIR / SQLITE_TMPDIR point at a private
directory, so that directory is exactly "the temp directory" of the store's process.
On Linux the files the child holds open (SQLite's temp files are unlinked at once) are
read through /proc as well. The child keeps data in the WAL (no auto-checkpoint), forces large sorts and an index
build (which would spill to temp files if temp_store were FILE), makes a backup, and we
scan while it is still running and again after it exited.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PNR = "19121212-9827"  # Luhn-valid, Skatteverket's test series (individual number 982)
NAME = "Tolvan Tolvansson"
MARKERS = [PNR, PNR.replace("-", ""), NAME, "Tolvansson"]

CHILD = r'''
import sys
from pathlib import Path
from oro_desktop.services import maintenance
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

db = Path(sys.argv[1])
pnr, name = sys.argv[2], sys.argv[3]
session, _ = Session.create(db, "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
conn = session.store.conn
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("PRAGMA cache_size = 20")  # tiny cache: sorts must spill if they could
with session.store.unit_of_work("admin") as uow:
    uow.conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, pnr TEXT, name TEXT) STRICT")
    for i in range(20000):
        uow.conn.execute("INSERT INTO people (pnr, name) VALUES (?, ?)", (pnr, f"{name} {i:05d}"))
    uow.audit("create", "person", pnr, {"name": name})
with session.store.unit_of_work("admin") as uow:
    uow.conn.execute("CREATE INDEX people_name ON people (name)")
    rows = uow.conn.execute("SELECT name, pnr FROM people ORDER BY name || pnr DESC").fetchall()
    assert rows[0][0].startswith(name)
    uow.conn.execute("CREATE TEMP TABLE scratch AS SELECT * FROM people")
session.drafts.save("d", "consent", {"pnr": pnr, "name": name})
session.set_setting("unit_name", name)
maintenance.backup(session, db.parent / "backup.db")
print("ready", flush=True)
sys.stdin.readline()
session.close()
'''


def _encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def _scan(root: Path) -> list[str]:
    hits = []
    needles = [(m, enc) for m in MARKERS for enc in _encodings(m)]
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path}: {m!r}" for m, enc in needles if enc in data]
    return hits


def _scan_open_files(pid: int) -> list[str]:
    """Linux: SQLite unlinks its temp files at once, so also read every file the child
    holds open (including deleted ones) through /proc/<pid>/fd."""
    fd_dir = Path(f"/proc/{pid}/fd")
    if not fd_dir.exists():
        return []
    hits = []
    needles = [(m, enc) for m in MARKERS for enc in _encodings(m)]
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
            if not target.startswith("/") or target.startswith(("/dev", "/proc")):
                continue
            data = fd.read_bytes()
        except OSError:
            continue
        hits += [f"{target}: {m!r}" for m, enc in needles if enc in data]
    return hits


def test_no_marker_in_any_file_under_data_or_temp_dir(tmp_path):
    data_dir = tmp_path / "data"
    temp_dir = tmp_path / "tmp"
    data_dir.mkdir()
    temp_dir.mkdir()
    env = dict(os.environ, TMPDIR=str(temp_dir), SQLITE_TMPDIR=str(temp_dir),
               TEMP=str(temp_dir), TMP=str(temp_dir))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir / "oro.db"), PNR, NAME],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        wal = data_dir / "oro.db-wal"
        assert wal.exists() and wal.stat().st_size > 100_000  # data really is in the WAL
        assert (data_dir / "backup.db").exists()
        assert _scan(data_dir) == [] and _scan(temp_dir) == []
        assert _scan_open_files(child.pid) == []
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=60) == 0, child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
    assert _scan(data_dir) == [] and _scan(temp_dir) == []
    # Sanity: the scanner does find a marker when it is there.
    (temp_dir / "probe.txt").write_text(NAME, encoding="utf-16")
    assert _scan(temp_dir)
