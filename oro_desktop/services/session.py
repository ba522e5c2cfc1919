"""The session: one unlocked store plus the signed-in user. The GUI and CLI talk to this.

Unlock order, and why (the steps live in oro_desktop/store/opening.py, shared by every
path into a store):
1. take the one-writer lock (a second window is told so before typing a password);
2. open the user's key slot from `<db>.keys` with the password (Argon2id + AES-GCM); a
   wrong password or unknown user fails *here*, so the database file is never touched
   by a failed attempt; the attempt is parked in `<db>.failed` (see
   oro_desktop/store/failed_logins.py) and becomes a `failed_login` audit entry at the
   next successful unlock;
3. probe the key read-only, open the file, run pending migrations;
4. check the user exists and is active *in the encrypted file* (roles come from there);
5. audit `login` (plus the parked failed attempts) in one transaction;
6. re-wrap the user's slot if its KDF parameters are below the current policy.
"""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from oro_desktop.errors import InvalidInput
from oro_desktop.store import failed_logins, opening, recovery
from oro_desktop.store.anchor import anchor_path
from oro_desktop.store.audit import append as audit_append
from oro_desktop.store.files import ensure_dir, fsync_dir, refuse_network_drive
from oro_desktop.store.kdf import policy as kdf_policy
from oro_desktop.store.errors import (
    HalfMadeStore, PermissionDenied, StoreClosed, file_errors, StoreError, StoreExists,
    WrongCredentials,
)
from oro_desktop.store.kdf import KdfParams
from oro_desktop.store.keyslots import (
    KeyFile, below_policy, check_password_policy, keys_path, make_slot, normalise_user,
    recovery_keypair,
)
from oro_desktop.store.lock import StoreLock
from oro_desktop.store.repos import settings as settings_repo
from oro_desktop.store.repos import users as users_repo
from oro_desktop.store.store import Store, UnitOfWork
from oro_desktop.store.recovery import RECOVERY_ACTOR as RECOVERY_ACTOR  # the audit actor, re-exported
from oro_desktop.services.changes import ChangeBus
from oro_desktop.services.drafts import DraftService

if TYPE_CHECKING:
    from oro_desktop.services.services import Services

APP_NAME = "oro_desktop"
DB_FILE = "oro.db"

# Known settings and their defaults (get_setting falls back to these).
DEFAULT_SETTINGS: dict[str, object] = {
    "idle_minutes": 10,
    "unit_name": "",
    "default_region": "",
}


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str  # "admin" | "clinician"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def default_store_path() -> Path:
    """`<platformdirs user data dir>/oro_desktop/oro.db`."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILE


def store_exists(path: Path) -> bool:
    """True if a store (database or its key file) exists at `path`."""
    path = Path(path)
    return path.exists() or keys_path(path).exists()


class Session:
    """An unlocked store and its user. Create with `create`, `unlock`; end with lock/close."""

    def __init__(self, store: Store, user: UserInfo) -> None:
        self._store: Store | None = store
        self._user = user
        self._path = store.path
        self.drafts = DraftService(self)
        self.changes = ChangeBus()  # every write publishes here after commit (services/changes.py)
        self._services: Services | None = None

    # -- construction ----------------------------------------------------------
    @classmethod
    @file_errors()
    def create(cls, path: Path, admin_name: str, password: str, *,
               kdf: KdfParams | None = None) -> tuple["Session", str]:
        """Create a new store with its first admin; returns the session and the recovery key.

        The recovery key is returned exactly once and is not stored anywhere. Atomic
        (issue 9, defect 13): the database is built and closed under a temporary name,
        then the key file is written, then the database is renamed into place; a crash
        before the key file leaves only a temporary file that the next open removes, and
        a crash between the two steps is finished by the next open (store/opening.py).
        """
        path = Path(path)
        name = normalise_user(admin_name)
        check_password_policy(password)
        refuse_network_drive(path)
        if path.exists() and not keys_path(path).exists():
            raise HalfMadeStore(
                f"Det finns en databasfil utan nyckelfil på {path}. Antingen avbröts en "
                "tidigare 'oro-admin init' (då innehåller filen inga uppgifter och kan tas "
                "bort: radera den och kör init igen), eller så har nyckelfilen försvunnit "
                "(då återskapar 'oro-admin recover' den med återställningsnyckeln). Inget har "
                "ändrats."
            )
        if store_exists(path):
            raise StoreExists(f"Det finns redan en databas på {path}. Inget har ändrats.")
        ensure_dir(path.parent)
        with opening.hold(path, must_exist=False) as lock:
            if store_exists(path):  # finished by hold(): an interrupted init of another run
                raise StoreExists(f"Det finns redan en databas på {path}. Inget har ändrats.")
            secret = recovery.new_secret()
            db_key = bytearray(recovery.database_key(secret))
            store_id = uuid.uuid4().hex
            temp = opening.init_temp_path(path, store_id)
            slot = make_slot(store_id, name, password, bytes(db_key), kdf)
            store = Store.create(temp, bytes(db_key), StoreLock(temp), store_id)
            try:
                with store.unit_of_work(name) as uow:
                    uow.conn.execute(  # lets a later rekey keep this recovery key (store/rekey.py)
                        "INSERT INTO meta (key, value) VALUES ('recovery_public', ?)",
                        (base64.b64encode(recovery_keypair(secret)[1]).decode("ascii"),))
                    users_repo.insert(uow.conn, name, "admin", name)
                    users_repo.put_slot(uow.conn, slot)
                    uow.audit("create", "user", name, {"role": "admin", "initial": True})
            finally:
                store.close()
                anchor_path(temp).unlink(missing_ok=True)  # the real one is made at open
            KeyFile(store_id, {name: slot}).save(keys_path(path))
            os.replace(temp, path)
            fsync_dir(path.parent)
            lock.lock_database()
            store = opening.open_store(path, db_key, lock, migrate=False)
            opening.forget(db_key)
        return cls(store, UserInfo(name, "admin")), recovery.format_key(secret)

    @classmethod
    @file_errors()
    def unlock(cls, path: Path, user: str, password: str, *,
               kdf: KdfParams | None = None, verify: bool = False) -> "Session":
        """Open the store as `user` (store/opening.py); WrongCredentials / StoreDamaged / ...

        `kdf` is the KDF policy: a slot made with lower parameters is re-wrapped with
        these at login (None: the default policy, or the test switch). It also sets the
        decoy cost for an unknown name only when the key file has no slots at all.
        `verify` (default off) runs `cipher_integrity_check` synchronously (about 4 ms per
        MB: seconds at clinic scale); the GUI runs it in the background after unlock
        (services/integrity.py) and every backup runs it first (issue 8).
        """
        policy = kdf if kdf is not None else kdf_policy()
        with opening.hold(path) as lock:
            opened = opening.unlock_key(path, user, password, kdf=policy)
            name = opened.name
            try:
                store = opening.open_store(path, opened.key, lock, keyfile=opened.keyfile,
                                           verify=verify)
            finally:
                opening.forget(opened.key)
            try:
                with store.unit_of_work(name) as uow:
                    row = users_repo.get(uow.conn, name)
                    if row is None or not row.active:
                        raise WrongCredentials()
                    cls._ingest_failed_logins(uow, path)
                    uow.audit("login", "user", name)
            except WrongCredentials:
                store.close(keep_lock=True)
                failed_logins.record(path, name)
                raise
            except BaseException:
                store.close(keep_lock=True)
                raise
            failed_logins.clear(path)
        session = cls(store, UserInfo(row.name, row.role))
        if below_policy(opened.slot.kdf, policy) or opened.slot.version < 2:
            from oro_desktop.services.users import rewrap_own_slot

            rewrap_own_slot(session, password, policy)
        return session

    @staticmethod
    def _ingest_failed_logins(uow: UnitOfWork, path: Path) -> None:
        for attempt in failed_logins.load(path):
            tried = str(attempt.get("user") or "?")
            seen = uow.conn.execute(  # uses the (record_type, record_id) index
                "SELECT 1 FROM audit WHERE record_type = 'user' AND record_id = ?"
                " AND action = 'failed_login' AND json_extract(detail, '$.attempt') = ?",
                (tried, attempt["id"]),
            ).fetchone()
            if seen:
                continue
            detail = {"attempt": attempt["id"], "at": attempt["ts"]}
            if "note" in attempt:
                detail["note"] = attempt["note"]
            # The actor is the name that was tried: unverified, but it is who claimed it.
            audit_append(uow.conn, tried, "failed_login", "user", tried, detail)

    @staticmethod
    def recover(path: Path, recovery_key: str, user: str, new_password: str, *,
                kdf: KdfParams | None = None) -> None:
        """Reset `user`'s password with the recovery key (no password needed).

        Works when the `.keys` sidecar is missing or damaged: it is then rebuilt from the
        slot mirror inside the encrypted file, so the other users keep their passwords.
        """
        from oro_desktop.services.users import recover_user

        recover_user(Path(path), recovery_key, user, new_password, kdf=kdf)

    # -- state -----------------------------------------------------------------
    @property
    def user(self) -> UserInfo:
        return self._user

    @property
    def path(self) -> Path:
        return self._path

    @property
    def store(self) -> Store:
        if self._store is None or not self._store.is_open:
            raise StoreClosed()
        return self._store

    @property
    def services(self) -> "Services":
        """This session's service graph (services/services.py), built once on first use."""
        if self._services is None:
            from oro_desktop.services.services import Services

            self._services = Services(self)
        return self._services

    @property
    def is_open(self) -> bool:
        return self._store is not None and self._store.is_open

    def require_admin(self) -> None:
        if not self._user.is_admin:
            raise PermissionDenied()

    # -- ending ----------------------------------------------------------------
    def _end(self, action: str) -> None:
        store, self._store = self._store, None
        if store is None or not store.is_open:
            return
        try:
            with store.unit_of_work(self._user.name) as uow:
                uow.audit(action, "user", self._user.name)
        except StoreError:
            # The file went bad under us (e.g. a damaged page was read): the entry cannot
            # be written, but locking must still close the store and release the lock.
            pass
        finally:
            store.close()

    def lock(self) -> None:
        """Auto-lock or manual lock: audits `lock` and closes; idempotent."""
        self._end("lock")

    def close(self) -> None:
        """Normal end of work: audits `logout` and closes; idempotent."""
        self._end("logout")

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings --------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """The stored value, else `default`, else the built-in default (or None)."""
        with self.store.unit_of_work(self._user.name) as uow:
            value = settings_repo.get(uow.conn, key, _MISSING)
        if value is not _MISSING:
            return value
        return default if default is not None else DEFAULT_SETTINGS.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Admin only; audited as create/update of the setting."""
        self.require_admin()
        if not isinstance(key, str) or not key:
            raise InvalidInput("Ogiltig inställning.")
        with self.store.unit_of_work(self._user.name) as uow:
            created = settings_repo.put(uow.conn, key, value, self._user.name)
            uow.audit("create" if created else "update", "setting", key, {"value": value})


_MISSING = object()
