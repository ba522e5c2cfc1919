"""Backups and restores: complete encrypted copies made by SQLite, never by copying files.

In WAL mode the newest committed transactions live in `<db>-wal`, so a file copy of
`<db>` alone silently loses them (and a copy taken mid-write is torn). A backup is made
with SQLite's online backup API through the open connection, which sees every committed
page, WAL included. The copy has the same SQLCipher key and every page stays encrypted.

Every copy is verified once before it is trusted: a fresh connection must decrypt it,
pass `cipher_integrity_check` (page HMACs), `integrity_check` (structure) and the audit
chain (run side by side, store/verification.py), and hold the same row counts as the
source. The source itself is not verified twice: `Store.backup_to` checks its pages
first, and the backup API reads every page through SQLCipher, which refuses any page
whose HMAC fails; the structure and the chain of the page-for-page copy are the
source's. A restore verifies the backup first, copies
it into a temporary file beside the target, verifies that, and only then swaps it in
with an atomic rename, so the target is either the old file or the complete new one.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from oro_desktop.store.connection import SQLITE_HEADER, _raw_connect, probe
from oro_desktop.store.errors import NotFound, StoreDamaged, StoreError
from oro_desktop.store.files import fsync_dir, make_private
from oro_desktop.store.verification import verify_open_file

BAD_BACKUP = (
    "Säkerhetskopian är skadad, ofullständig eller hör inte till den här databasen "
    "(eller nyckeln). Inget har ändrats."
)


def _readonly(path: Path, key: bytes):
    """A connection that can change nothing on disk (immutable: no WAL, no locks)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
    return _raw_connect(uri, key, uri=True)


def table_counts(conn) -> dict[str, int]:
    """Rows per ordinary table (not FTS5's virtual and shadow tables: derived data)."""
    names = sorted(r[1] for r in conn.execute("PRAGMA table_list")
                   if r[0] == "main" and r[2] == "table" and not r[1].startswith("sqlite_"))
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


# Set by `allowing_broken_audit()`: the audit chain is not part of the verification, so
# an admin can still take a backup of a store whose chain is broken (issue 9, defect 5).
_BROKEN_AUDIT_ALLOWED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "oro_broken_audit_allowed", default=False)


@contextlib.contextmanager
def allowing_broken_audit() -> Iterator[None]:
    """Within the block, backup verification skips the audit chain (explicit, audited)."""
    token = _BROKEN_AUDIT_ALLOWED.set(True)
    try:
        yield
    finally:
        _BROKEN_AUDIT_ALLOWED.reset(token)


def verify_file(path: Path, key: bytes) -> list[str]:
    """Problems found in a (closed) backup or database file; empty means it is sound."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"Filen {path} finns inte.")
    try:
        probe(path, key)
    except StoreDamaged:
        return ["Filen kan inte dekrypteras med nyckeln: den är skadad eller inte vår."]
    conn = _readonly(path, key)
    try:
        return _allowed(verify_open_file(conn, path, key, live=False))
    finally:
        conn.close()


def _copy_with_backup_api(source_conn, dest: Path, key: bytes) -> None:
    dest_conn = _raw_connect(str(dest), key)
    try:
        source_conn.backup(dest_conn)
        dest_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        dest_conn.close()
    with open(dest, "rb") as handle:
        if handle.read(16) == SQLITE_HEADER:
            raise StoreError("Säkerhetskopian blev okrypterad; den har tagits bort.")
        os.fsync(handle.fileno())


def _temp_beside(target: Path) -> Path:
    """A fresh, empty 0600 file beside `target` (SQLite treats an empty file as new)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    make_private(Path(tmp))
    return Path(tmp)


def _rekey_file(path: Path, key: bytes, new_key: bytes) -> None:
    conn = _raw_connect(str(path), key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA rekey = \"x'{bytes(new_key).hex()}'\"")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def write_backup(source_conn, key: bytes, out: Path) -> dict[str, int]:
    """Copy the open database to `out` (must not exist), verify it, return its row counts."""
    out = Path(out)
    if out.exists():
        raise StoreError(f"{out} finns redan; välj ett nytt filnamn. Inget har ändrats.")
    if not out.parent.is_dir():
        raise NotFound(f"Mappen {out.parent} finns inte.")
    expected = table_counts(source_conn)
    tmp = _temp_beside(out)
    try:
        _copy_with_backup_api(source_conn, tmp, key)
        problems, counts = _verify_copy(tmp, key)
        if problems or counts != expected:
            raise StoreError("Säkerhetskopian kunde inte verifieras och har tagits bort: "
                             + (problems[0] if problems else "antalet rader skiljer sig."))
        os.replace(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        _remove(tmp)
        raise
    return counts


def _allowed(problems: list[str]) -> list[str]:
    """The problems a backup must refuse for: the audit chain's breaks are left out when a
    broken chain was explicitly allowed (`--allow-broken-audit`; the backup's own audit
    entry says so, in the store and in the copy)."""
    if _BROKEN_AUDIT_ALLOWED.get():
        return [p for p in problems if not p.startswith("Granskningsloggen")]
    return problems


def _verify_copy(path: Path, key: bytes) -> tuple[list[str], dict[str, int]]:
    """Integrity problems and row counts of a freshly written copy, read back from disk."""
    try:
        probe(path, key)
    except StoreDamaged:
        return ["Filen kan inte dekrypteras med nyckeln: den är skadad eller inte vår."], {}
    conn = _readonly(path, key)
    try:
        problems = _allowed(verify_open_file(conn, path, key, live=False))
        return problems, ({} if problems else table_counts(conn))
    finally:
        conn.close()


def restore_file(backup: Path, key: bytes, target: Path, *,
                 new_key: bytes | None = None) -> dict[str, int]:
    """Replace `target` with a verified copy of `backup` (caller holds the target's lock).

    `new_key`: the copy is re-keyed to it (`PRAGMA rekey`) and verified again *before*
    it is swapped in, so a kill at any moment leaves a file today's key file opens.
    The temporary copy is created 0600 (store/files.py); a killed restore leaves it
    behind as `.<name>.*.tmp`, which the next open removes (store/opening.py).
    """
    backup, target = Path(backup), Path(target)
    problems = verify_file(backup, key)
    if problems:
        raise StoreDamaged(f"{BAD_BACKUP} ({problems[0]})")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        source = _readonly(backup, key)
        try:
            expected = table_counts(source)
            _copy_with_backup_api(source, tmp, key)
        finally:
            source.close()
        if new_key is not None and bytes(new_key) != bytes(key):
            _rekey_file(tmp, key, new_key)
            key = new_key
        problems, counts = _verify_copy(tmp, key)
        if problems or counts != expected:
            raise StoreDamaged(BAD_BACKUP)
        # A WAL left by the old file must never be replayed onto the new one.
        for suffix in ("-wal", "-shm"):
            try:
                os.unlink(f"{target}{suffix}")
            except FileNotFoundError:
                pass
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        _remove(tmp)
        raise
    return counts
