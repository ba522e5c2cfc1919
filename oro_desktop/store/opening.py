"""The one way into a store: lock, key file, slot or recovery key, open, release on failure.

Every path that opens a store file uses these steps, in this order (issue 8, "One way
in"): Session.unlock, recovery (services/users.recover_user), `check`, `backup` (through
Session.unlock) and `restore` (services/maintenance.py).

1. `hold(path)`: refuse a network drive (store/files.py), take the one-writer lock
   (`<db>.lock` and the database file itself, store/lock.py), remove temporary copies a
   killed restore or backup left behind, and release the lock again if anything after
   it fails.
2. `key_from_password(...)`: load `<db>.keys` (a damaged file is KeyFileDamaged, says
   "nyckelfilen är skadad", points to `recover`, and is *not* a failed login), find the
   slot, derive. An unknown or malformed user name pays exactly one derivation with the
   real slots' parameters and one AES-GCM attempt, like a wrong password does, and both
   are parked as failed logins. Or `key_from_recovery(text)`.
3. `open_store(...)` (read-write: migrations, key-file/store-id match, anchor comparison)
   or `open_readonly(...)` (for `check`: `mode=ro`, never writes, never merges the WAL).

Full-file verification (`cipher_integrity_check`) is deliberately *not* a step: it runs
in the background after unlock (perf's background check). `open_store(verify=True)`
remains as the hook for callers that want it synchronously.

Keys are returned as `bytearray`, so `Store.close()` and the callers can overwrite them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oro_desktop.errors import InvalidInput
from oro_desktop.store import anchor as anchor_mod
from oro_desktop.store import failed_logins, recovery
from oro_desktop.store.connection import _raw_connect, probe
from oro_desktop.store.errors import KeyFileDamaged, NotFound, StoreDamaged, WrongCredentials, translate
from oro_desktop.store.files import refuse_network_drive  # noqa: F401  (re-exported)
from oro_desktop.store.kdf import KdfParams
from oro_desktop.store.keyslots import (
    KeyFile, KeySlot, burn_kdf_time, decoy_params, keys_path, normalise_user, open_recovery_box,
    open_slot,
)
from oro_desktop.store.lock import StoreLock
from oro_desktop.store.store import Store, wipe


@dataclass
class PasswordKey:
    """What a password opened: the normalised name, the key, the key file and the slot."""

    name: str
    key: bytearray
    keyfile: KeyFile
    slot: KeySlot


def stale_temp_files(path: Path) -> list[Path]:
    """Temporary copies beside `path` left by a killed restore, backup or key-file write."""
    path = Path(path)
    prefix = f".{path.name}."
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.name.startswith(prefix) and ".tmp" in p.name[len(prefix):]]


def clean_stale_temp_files(path: Path) -> list[Path]:
    """Delete them (the caller holds the lock, so no live operation owns them)."""
    removed = []
    for stale in stale_temp_files(path):
        try:
            os.unlink(stale)
            removed.append(stale)
        except OSError:
            pass
    return removed


def init_temp_path(path: Path, store_id: str) -> Path:
    """Where `init` builds a new database before renaming it into place."""
    path = Path(path)
    return path.with_name(f".{path.name}.{store_id}.init.tmp")


def finish_interrupted_init(path: Path) -> bool:
    """Finish an `init` killed between writing the key file and renaming the database.

    The temporary database was complete and closed before the key file was written,
    and its name carries the store id the key file names, so renaming it is safe.
    """
    path = Path(path)
    if path.exists() or not keys_path(path).exists():
        return False
    try:
        store_id = load_keyfile(path).store_id
    except (NotFound, StoreDamaged):
        return False
    temp = init_temp_path(path, store_id)
    if not temp.exists() or Path(f"{temp}-wal").exists():
        return False
    os.replace(temp, path)
    return True


@contextlib.contextmanager
def hold(path: Path, *, must_exist: bool = True, tidy: bool = True) -> Iterator[StoreLock]:
    """Take the store's lock for a block; it is released when the block raises.

    With the lock held: an interrupted `init` is finished, and temporary copies left by
    killed restores are removed (issue 9, defect 10). On success the caller owns the
    lock (hand it to a Store, or release it). `tidy=False` (for `check`, which changes
    nothing at all) skips finishing an init and removing temporary files.
    """
    path = Path(path)
    refuse_network_drive(path)
    if must_exist and not path.exists() and not keys_path(path).exists():
        raise NotFound(f"Ingen databas finns på {path}.")
    lock = StoreLock(path).acquire()
    try:
        if tidy:
            if finish_interrupted_init(path):
                lock.lock_database()
            clean_stale_temp_files(path)
        if must_exist and not path.exists():
            raise NotFound(
                f"Databasfilen {path} saknas, men nyckelfilen finns. Återställ databasen från "
                "en säkerhetskopia med 'oro-admin restore'."
            )
        yield lock
    except BaseException:
        lock.release()
        raise


def load_keyfile(path: Path) -> KeyFile:
    """The key file of the store at `path` (NotFound / KeyFileDamaged, never counted)."""
    return KeyFile.load(keys_path(path))


def key_from_password(path: Path, user: str | None, password: str | None, *,
                      kdf: KdfParams | None = None, keyfile: KeyFile | None = None,
                      record_failure: bool = True) -> PasswordKey:
    """Open `user`'s slot with `password`; WrongCredentials (parked in `.failed`) otherwise.

    The cost is the same whatever is wrong: an unknown name, a malformed name, or a wrong
    password each cost one Argon2id derivation with the parameters of the store's real
    slots (`kdf` only when the file has none) and one AES-GCM attempt.
    """
    keyfile = keyfile if keyfile is not None else load_keyfile(path)
    try:
        name: str | None = normalise_user(user or "")
    except InvalidInput:
        name = None
    slot = keyfile.slots.get(name) if name else None
    secret = password or ""
    try:
        if slot is None:
            burn_kdf_time(secret, decoy_params(keyfile, kdf))
            raise WrongCredentials()
        key = bytearray(open_slot(keyfile.store_id, slot, secret))
    except WrongCredentials:
        if record_failure and Path(path).exists():
            # An unknown name is not written down: it may be a password typed into the
            # wrong field, and the parked list is plaintext.
            failed_logins.record(Path(path), name if slot is not None else None)
        raise
    assert name is not None
    return PasswordKey(name, key, keyfile, slot)


def unlock_key(path: Path, user: str | None, password: str | None, *,
               kdf: KdfParams | None = None) -> PasswordKey:
    """`key_from_password` on the store's own key file, settling an interrupted rekey."""
    return settle_rekey(Path(path), key_from_password(path, user, password, kdf=kdf), password)


def key_from_recovery(text: str, path: Path | None = None) -> bytearray:
    """The database key a recovery key opens (InvalidInput if mistyped).

    The key is HKDF(secret) until a rekey that kept the recovery key; after that it is
    sealed to the recovery key in the key file and in `<db>.recovery` (store/rekey.py).
    With `path`, the candidate that actually opens that file is returned.
    """
    from oro_desktop.store.key_history import recovery_boxes

    secret = recovery.parse_key(text)
    direct = bytearray(recovery.database_key(secret))
    if path is None or not Path(path).exists():
        return direct
    candidates = [direct]
    for box in recovery_boxes(Path(path)):
        sealed = open_recovery_box("", secret, box)
        if sealed is not None:
            candidates.append(bytearray(sealed))
    for key in candidates:
        if key_opens(Path(path), key):
            return key
    return direct  # the caller's open reports the mismatch in its own words


def key_opens(path: Path, key: bytes | bytearray) -> bool:
    """True if `key` decrypts the file's newest first page (WAL included); never writes."""
    try:
        probe(Path(path), bytes(key))
    except StoreDamaged:
        return False
    return True


def settle_rekey(path: Path, opened: PasswordKey, password: str | None) -> PasswordKey:
    """Finish or forget a rekey a crash interrupted (see store/rekey.py, crash safety)."""
    from oro_desktop.store.key_history import next_keys_path

    pending = next_keys_path(path)
    if not pending.exists() or not Path(path).exists():
        return opened
    if key_opens(path, opened.key):
        pending.unlink(missing_ok=True)  # the rekey never committed
        return opened
    try:
        newer = KeyFile.load(pending)
        again = key_from_password(path, opened.name, password, keyfile=newer,
                                  record_failure=False)
    except (WrongCredentials, NotFound, StoreDamaged):
        return opened
    if key_opens(path, again.key):
        os.replace(pending, keys_path(path))
        forget(opened.key)
        return again
    return opened


def open_store(path: Path, key: bytearray, lock: StoreLock, *, keyfile: KeyFile | None = None,
               migrate: bool = True, verify: bool = False, check_anchor: bool = True) -> Store:
    """Open read-write and check that the file is the one the key file and anchor expect.

    The anchor is compared on a read-only connection *before* the file is opened for
    writing: a read-write connection would run WAL recovery and, when it closes, delete
    or truncate a damaged WAL, destroying the evidence `check` and a restore need.
    Raises StoreDamaged (or its DataMissing subclass) and keeps the lock for the caller.
    """
    path = Path(path)
    store_id: str | None = None
    if check_anchor:
        conn = open_readonly(path, key)
        try:
            with translate():
                row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
                store_id = str(row[0]) if row else None
                if keyfile is not None and store_id != keyfile.store_id:
                    raise StoreDamaged("Nyckelfilen (.keys) hör inte till den här databasen.")
                problem = anchor_mod.diagnose(conn, path, key, store_id or "")
        finally:
            conn.close()
        if problem is not None:
            raise problem
    store = Store.open(path, bytes(key), lock, migrate=migrate, verify=verify)
    try:
        if keyfile is not None and store.store_id != keyfile.store_id:
            raise StoreDamaged("Nyckelfilen (.keys) hör inte till den här databasen.")
        if check_anchor:
            store.update_anchor(force=not anchor_mod.anchor_path(path).exists())
    except BaseException:
        store.close(keep_lock=True)
        raise
    return store


def open_readonly(path: Path, key: bytearray) -> Any:
    """A connection that never writes the file and never merges the WAL into it.

    `mode=ro` (not `immutable`, which would ignore the WAL and so the newest commits):
    SQLite reads the WAL but a read-only connection does not checkpoint it, at any time
    or when it closes. The key is probed first on an immutable connection. The caller
    holds the store lock, so no other process can write while this connection reads.
    """
    path = Path(path)
    probe(path, bytes(key))
    # Without a WAL there is nothing newer than the main file to read: `immutable` then
    # keeps SQLite from creating an empty -wal and -shm beside a file we only look at.
    has_wal = Path(f"{path}-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro" if has_wal else "?mode=ro&immutable=1")
    with translate():
        conn = _raw_connect(uri, bytes(key), uri=True)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            conn.close()
            raise
    return conn


def forget(key: bytearray | None) -> None:
    """Overwrite a key buffer a caller no longer needs."""
    if key is not None:
        wipe(key)


__all__ = [
    "PasswordKey", "hold", "load_keyfile", "key_from_password", "key_from_recovery",
    "open_store", "open_readonly", "clean_stale_temp_files", "stale_temp_files", "forget",
    "KeyFileDamaged",
]
