"""The open store: one SQLCipher connection, the one-writer lock, units of work.

A `Store` is created or opened with the raw database key (the session gets that key from
a key slot or the recovery key). All writes go through `unit_of_work(actor)`, which is
one `BEGIN IMMEDIATE ... COMMIT` and hands out `uow.audit(...)`, so a change and its
audit entry commit together or not at all. Reads that concern a person also go through
a unit of work, because they too must leave an audit entry.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from sqlcipher3 import dbapi2 as _driver

from oro_desktop.store import audit as audit_mod
from oro_desktop.store import migrations
from oro_desktop.store.connection import (
    open_connection, page_problems, read_connection, remove_database_files,
)
from oro_desktop.store.errors import StoreClosed, StoreDamaged, map_exception, translate
from oro_desktop.store.lock import StoreLock


def wipe(buffer: bytearray) -> None:
    """Overwrite a key buffer in place (best effort: see docs/architecture.md, Keys in memory)."""
    buffer[:] = bytes(len(buffer))


@dataclass
class UnitOfWork:
    """What a block inside `Store.unit_of_work` gets: the database and the audit hook."""

    db: sqlite_utils.Database
    actor: str

    @property
    def conn(self):
        return self.db.conn

    def audit(self, action: str, record_type: str | None = None, record_id: object = None,
              detail: dict | None = None) -> int:
        """Append an audit entry in this transaction; returns its id."""
        return audit_mod.append(self.db.conn, self.actor, action, record_type, record_id, detail)


def damaged_message(problems: list[str]) -> str:
    """The Swedish sentence for a file whose pages failed their check."""
    return (f"Databasfilen är skadad ({problems[0]}). Kör 'oro-admin check' och "
            "återställ från en säkerhetskopia med 'oro-admin restore'.")


class Store:
    """An open, unlocked store file. Not for the GUI: the GUI talks to services."""

    def __init__(self, path: Path, conn, key: bytes, lock: StoreLock) -> None:
        self.path = Path(path)
        self._conn = conn
        self._key = bytearray(key)  # overwritten by close() (issue 9, defect 12)
        self._anchored: tuple[int, str, str] | None = None
        self._anchor_key: bytearray | None = None  # HMAC key of the anchor, per database key
        self._store_id: str | None = None
        self._lock = lock
        self._mutex = threading.RLock()
        self._depth = 0
        self.db = sqlite_utils.Database(conn)

    # -- opening ---------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, key: bytes, lock: StoreLock, store_id: str | None = None) -> "Store":
        """Create a new file, apply all migrations, record the store id."""
        path = Path(path)
        try:
            conn = open_connection(path, key, create=True)
        except BaseException:
            remove_database_files(path)
            raise
        try:
            migrations.migrate(conn)
            with translate():
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO meta (key, value) VALUES ('store_id', ?)",
                              (store_id or uuid.uuid4().hex,))
                conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)",
                              (audit_mod.now_utc(),))
                conn.execute("COMMIT")
        except BaseException:
            conn.close()
            remove_database_files(path)
            raise
        return cls(path, conn, key, lock)

    @classmethod
    def open(cls, path: Path, key: bytes, lock: StoreLock, *, migrate: bool = True,
             verify: bool = False) -> "Store":
        """Open an existing file with its key (probed first), migrating it if older.

        `verify` runs `cipher_integrity_check` (every page's HMAC) before opening, on a
        connection of its own. It costs about 4 ms per MB, so the session does not ask
        for it on unlock: the GUI runs `verify_pages` in the background after unlock
        (services/integrity.py) and every backup runs it first. A page that is read is
        checked by its HMAC anyway.
        """
        conn = open_connection(Path(path), key)
        try:
            with translate():
                if not conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                ).fetchone():
                    raise StoreDamaged()
            if verify:
                problems = page_problems(Path(path), key)
                if problems:
                    raise StoreDamaged(damaged_message(problems))
            if migrate:
                migrations.migrate(conn)
        except BaseException:
            conn.close()
            raise
        return cls(path, conn, key, lock)

    # -- state -----------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self):
        if self._conn is None:
            raise StoreClosed()
        return self._conn

    @property
    def key(self) -> bytearray:
        """The raw database key (for backups and re-wrapping key slots); do not keep it."""
        if self._conn is None:
            raise StoreClosed()
        return self._key

    @property
    def store_id(self) -> str:
        return self.meta("store_id") or ""

    @property
    def lock(self) -> StoreLock:
        return self._lock

    def meta(self, key: str) -> str | None:
        with self._mutex, translate():
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def schema_version(self) -> int:
        with self._mutex:
            return migrations.current_version(self.conn)

    # -- transactions ----------------------------------------------------------
    @contextlib.contextmanager
    def unit_of_work(self, actor: str) -> Iterator[UnitOfWork]:
        """One SQLite transaction; nested calls join the outer one (and its fate)."""
        with self._mutex:
            conn = self.conn
            uow = UnitOfWork(self.db, actor)
            if self._depth:
                self._depth += 1
                try:
                    yield uow
                finally:
                    self._depth -= 1
                return
            with translate():
                conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield uow
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, (_driver.Error, MemoryError)):
                    raise map_exception(exc) from exc
                raise
            else:
                try:
                    with translate():
                        conn.execute("COMMIT")
                except BaseException:
                    self._rollback()
                    raise
                self.update_anchor()
            finally:
                self._depth = 0

    def update_anchor(self, *, force: bool = False) -> None:
        """Move `<db>.anchor` to the newest audit row if it changed (see store/anchor.py)."""
        from oro_desktop.store import anchor as anchor_mod

        with translate():
            head = anchor_mod.newest(self.conn)
        if head != self._anchored or force:
            if force or self._anchor_key is None:
                self._anchor_key = anchor_mod.mac_key(self._key)
                self._store_id = self.store_id
            anchor_mod.write(self.path, self._key, self._store_id or "", head,
                             derived=self._anchor_key)
            self._anchored = head

    def change_key(self, new_key: bytes | bytearray) -> None:
        """`PRAGMA rekey` to `new_key`, checkpointed; store/rekey.py does the rest."""
        with self._mutex:
            if self._depth:
                raise RuntimeError("change_key inside a unit of work")
            with translate():
                self.conn.execute(f"PRAGMA rekey = \"x'{bytes(new_key).hex()}'\"")
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._key[:] = bytes(new_key)
            self.update_anchor(force=True)

    def _rollback(self) -> None:
        try:
            if self._conn is not None and self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except _driver.Error:
            pass

    # -- checks ----------------------------------------------------------------
    def check(self) -> list[str]:
        """Everything `oro-admin check` verifies; an empty list means all holds.

        Page HMACs, structure and the audit chain run side by side (store/verification.py)
        while the mutex keeps this process's writes off the file.
        """
        from oro_desktop.store.verification import verify_open_file

        with self._mutex:
            return verify_open_file(self.conn, self.path, self._key, live=True)

    def verify_pages(self) -> list[str]:
        """`cipher_integrity_check` of the whole file, without holding the store connection.

        For the background check after unlock (services/integrity.py) and before every
        backup. It runs on a read-only connection of its own, so work goes on meanwhile;
        a problem it reports is checked once more with the mutex held (no checkpoint can
        then rewrite a page as it is read), so only real damage is reported.
        """
        path, key = self.path, self._key
        problems = page_problems(path, key)
        if problems:
            with self._mutex:
                if self._conn is not None:
                    problems = page_problems(path, key)
        return problems

    def verify_audit_chain(self) -> list[str]:
        """The audit chain (issue 9, defect 5), on a read-only connection of its own.

        It reads a consistent snapshot through the WAL, so saving goes on meanwhile and
        the snapshot's newest row is where it stops; for the background check after
        unlock, so a break is shown at once rather than found by the next backup.
        """
        conn = read_connection(self.path, self._key)
        try:
            with translate():
                return audit_mod.verify_chain(conn)
        finally:
            conn.close()

    def backup_to(self, out: Path) -> dict[str, int]:
        """A verified encrypted copy of every committed page (WAL included) at `out`.

        The file's pages are verified first (`verify_pages`), so a backup is never made
        of a damaged file; the copy is then verified once (store/backup.py).
        """
        from oro_desktop.store.backup import write_backup

        problems = self.verify_pages()
        if problems:
            raise StoreDamaged("Databasen klarar inte kontrollen, så ingen säkerhetskopia gjordes: "
                               + problems[0])
        with self._mutex, translate():
            return write_backup(self.conn, self._key, Path(out))

    # -- closing ---------------------------------------------------------------
    def close(self, *, keep_lock: bool = False) -> None:
        """Close the connection (checkpointing the WAL) and release the lock; idempotent."""
        with self._mutex:
            conn, self._conn = self._conn, None
            if conn is not None:
                try:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except _driver.Error:
                    pass
                conn.close()
            wipe(self._key)
            if self._anchor_key is not None:
                wipe(self._anchor_key)
                self._anchor_key = None
            if not keep_lock:
                self._lock.release()
