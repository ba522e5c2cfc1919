"""Opening the SQLCipher file with a raw 256-bit key, safely.

- The raw key form (`PRAGMA key = "x'<hex>'"`) skips SQLCipher's own PBKDF2: our
  Argon2id already did the slow part, so unlocking costs the KDF plus a few ms.
- `PRAGMA key` succeeds whatever the key; only the first read fails, and a wrong key
  is indistinguishable from a damaged first page. So a key is first *probed* on a
  read-only, `immutable` connection: that can touch nothing on disk (a read-write
  connection closed after a failed read may checkpoint a WAL into the file). Only a key
  that decrypts page 1 is used to open the file for writing.
- `temp_store = MEMORY` (SQLCipher temp files would be plaintext), WAL (SQLCipher
  encrypts WAL frames), `synchronous = FULL` (a commit survives a power cut).
- SQLCipher logs decryption failures to stderr by default; that is silenced, since we
  report them ourselves in Swedish.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlcipher3 import dbapi2 as _driver

from oro_desktop.errors import OroError
from oro_desktop.store.errors import NotFound, StoreDamaged, translate

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _raw_connect(target: str, key: bytes, *, uri: bool = False):
    conn = _driver.connect(
        target, uri=uri, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
    except BaseException:
        conn.close()
        raise
    return conn


def probe(path: Path, key: bytes) -> None:
    """Raise StoreDamaged unless `key` decrypts the file's first page; never writes."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"Ingen databas finns på {path}.")
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(16)
    if size < 1024 or head == SQLITE_HEADER:
        # Too short to be one of ours, or an *unencrypted* SQLite file.
        raise StoreDamaged()
    # With a WAL, page 1 may be newer there (after a rekey, every page is): read it
    # `mode=ro`, which reads the WAL but never checkpoints or truncates it.
    wal = Path(f"{path}-wal")
    mode = "?mode=ro" if wal.exists() and wal.stat().st_size else "?mode=ro&immutable=1"
    uri = path.resolve().as_uri() + mode
    try:
        conn = _raw_connect(uri, key, uri=True)
    except _driver.Error as exc:
        raise StoreDamaged() from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _driver.Error as exc:
        raise StoreDamaged() from exc
    finally:
        conn.close()


def open_connection(path: Path, key: bytes, *, create: bool = False):
    """A read-write connection with our pragmas; `create` only for a brand-new file."""
    path = Path(path)
    if create:
        if path.exists():
            raise FileExistsError(path)
        from oro_desktop.store.files import create_private_file, ensure_dir

        ensure_dir(path.parent)
        create_private_file(path)  # 0600 before SQLite writes; -wal/-shm inherit it
    else:
        probe(path, key)
    with translate():
        conn = _raw_connect(str(path), key)
        try:
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreDamaged("Databasen kunde inte sättas i WAL-läge.")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
    return conn


def read_connection(path: Path, key: bytes, *, immutable: bool = False):
    """A read-only connection of its own to `path`; it can write nothing to the file.

    `immutable` for a file nothing else has open (a closed backup): no locks, no WAL.
    Without it the connection reads through the WAL, so it sees what the store's own
    connection committed; use that for data queries on a live store.
    """
    uri = Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    with translate():
        conn = _raw_connect(uri, key, uri=True)
        try:
            conn.execute("PRAGMA temp_store = MEMORY")
        except BaseException:
            conn.close()
            raise
    return conn


def cipher_problems(conn) -> list[str]:
    """`cipher_integrity_check` only: every page's HMAC (about 4 ms per MB); empty = sound.

    SQLCipher reads the main file's pages directly (not the WAL), so this holds no lock a
    writer needs and may run on a connection of its own while the store is in use.
    """
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except (_driver.Error, MemoryError) as exc:
        return [f"Krypteringskontrollen kunde inte köras: {exc}."]
    return [f"Krypteringskontroll: {text}" for (text,) in rows]


def page_problems(path: Path, key: bytes) -> list[str]:
    """`cipher_integrity_check` of the file at `path` on a read-only connection of its own.

    Why its own connection: the check reads every page (seconds for a clinic's file) and
    must not hold the store connection, so the window stays usable while it runs (it
    releases the GIL). A writer checkpointing at the same moment can make a page read
    torn; callers confirm a reported problem once more with writes held off
    (`Store.verify_pages`).
    """
    try:
        conn = read_connection(path, key, immutable=True)
    except (OroError, _driver.Error) as exc:
        return [f"Krypteringskontrollen kunde inte köras: {exc}."]
    try:
        return cipher_problems(conn)
    finally:
        conn.close()


def structure_problems(conn) -> list[str]:
    """`integrity_check` (b-trees, indexes, FTS indexes); empty = sound."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except (_driver.Error, MemoryError) as exc:
        return [f"Strukturkontrollen kunde inte köras: {exc}."]
    return [f"Strukturkontroll: {text}" for (text,) in rows if text != "ok"]


def integrity_problems(conn) -> list[str]:
    """`cipher_integrity_check` (HMAC of every page) then `integrity_check` (structure)."""
    return cipher_problems(conn) or structure_problems(conn)


def remove_database_files(path: Path) -> None:
    """Delete a database and its WAL/SHM (used only for a store we just failed to create)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass
