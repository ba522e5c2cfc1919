"""check, backup and restore: the administrator's maintenance operations.

`check` is read-only on purpose: it never migrates, never writes an audit entry and
never "repairs", so it can be pointed at a file that may be damaged. (Closing its
connection may checkpoint a WAL left by a crash, which is SQLite's normal recovery.)
Backups and restores are admin-only and audited (`backup` in the source, `restore` in
the restored file). A backup `OUT` is accompanied by `OUT.keys`, a copy of the key slots
as they were, so the copy can be opened on its own with the passwords of that day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from oro_desktop.errors import InvalidInput
from oro_desktop.store import backup as backup_mod
from oro_desktop.store import failed_logins, migrations, recovery
from oro_desktop.store.connection import open_connection
from oro_desktop.store.errors import (
    NotFound, PermissionDenied, file_errors, StoreDamaged, StoreError, WrongCredentials, translate,
)
from oro_desktop.store.files import atomic_write_bytes
from oro_desktop.store.keyslots import KeyFile, keys_path, normalise_user, open_slot
from oro_desktop.store.lock import StoreLock
from oro_desktop.store.repos import users as users_repo
from oro_desktop.store.store import Store
from oro_desktop.store.verification import verify_open_file
from oro_desktop.services.session import Session


@dataclass
class CheckReport:
    """What `check` found. `ok` only if every check held."""

    path: str
    problems: list[str] = field(default_factory=list)
    schema_version: int | None = None
    audit_entries: int | None = None
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"path": self.path, "ok": self.ok, "problems": self.problems,
                "schema_version": self.schema_version, "audit_entries": self.audit_entries,
                "tables": self.tables}


def key_from_credentials(keyfile_path: Path, user: str, password: str) -> tuple[bytes, KeyFile]:
    """Unwrap the database key from a key file (WrongCredentials if it does not open)."""
    keyfile = KeyFile.load(keyfile_path)
    try:
        name = normalise_user(user)
    except InvalidInput:
        raise WrongCredentials() from None
    slot = keyfile.slots.get(name)
    if slot is None:
        raise WrongCredentials()
    return open_slot(keyfile.store_id, slot, password), keyfile


def _known_name(keyfile_path: Path, user: str | None) -> str | None:
    """The normalised name if it has a key slot, else None (see failed_logins.record)."""
    try:
        name = normalise_user(user or "")
        return name if name in KeyFile.load(keyfile_path).slots else None
    except (InvalidInput, NotFound, StoreDamaged):
        return None


@file_errors()
def check_store(path: Path, user: str | None, password: str | None, *,
                recovery_key: str | None = None) -> CheckReport:
    """cipher_integrity_check, integrity_check, the audit chain, schema version, key file."""
    path = Path(path)
    report = CheckReport(str(path))
    if not path.exists():
        raise NotFound(f"Ingen databas finns på {path}.")
    lock = StoreLock(path).acquire()
    try:
        if recovery_key:
            key = recovery.database_key(recovery.parse_key(recovery_key))
            keyfile = None
        else:
            try:
                key, keyfile = key_from_credentials(keys_path(path), user or "", password or "")
            except WrongCredentials:
                failed_logins.record(path, _known_name(keys_path(path), user))
                raise
        try:
            conn = open_connection(path, key)
        except StoreDamaged as exc:
            report.problems.append(
                "Filen kan inte öppnas: första sidan är skadad, filen är avkortad eller inte "
                "en oro_desktop-databas. Återställ från en säkerhetskopia ('oro-admin restore')."
            )
            return report
        try:
            report.problems += verify_open_file(conn, path, key, live=True)  # pages, structure, chain
            row = None
            try:
                with translate():
                    report.tables = backup_mod.table_counts(conn)
                    report.schema_version = migrations.current_version(conn)
                    report.audit_entries = report.tables.get("audit")
                    row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
            except StoreError as exc:
                report.problems.append(f"Tabellerna kan inte läsas helt: {exc.message}")
            if keyfile is not None and row is not None and row[0] != keyfile.store_id:
                report.problems.append("Nyckelfilen (.keys) hör inte till den här databasen.")
            latest = migrations.latest_version()
            if report.schema_version is not None and report.schema_version > latest:
                report.problems.append(
                    f"Schemaversion {report.schema_version} är nyare än programmet ({latest}).")
        finally:
            conn.close()
    finally:
        lock.release()
    return report


@file_errors()
def backup(session: Session, out: Path) -> dict[str, int]:
    """Admin only: a verified, encrypted copy at `out` plus `out.keys`; returns row counts."""
    session.require_admin()
    out = Path(out)
    store = session.store
    counts = store.backup_to(out)
    try:
        atomic_write_bytes(keys_path(out), keys_path(store.path).read_bytes(), like=out)
    except FileNotFoundError:
        pass
    with store.unit_of_work(session.user.name) as uow:
        uow.audit("backup", "store", None, {"file": out.name, "rows": sum(counts.values())})
    return counts


@file_errors()
def restore(path: Path, backup_file: Path, user: str | None, password: str | None, *,
            recovery_key: str | None = None) -> dict[str, int]:
    """Verify `backup_file`, then atomically replace the store at `path` with it.

    Credentials are checked against `backup_file.keys` if present (the slots of the
    backup's day), else against the target's key file; or the recovery key is used. The
    user must be an admin *in the backup*. The key file that opened it becomes the
    target's key file, so the restored store opens with the same passwords.
    """
    path, backup_file = Path(path), Path(backup_file)
    if not backup_file.exists():
        raise NotFound(f"Säkerhetskopian {backup_file} finns inte.")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = StoreLock(path).acquire()
    try:
        keyfile: KeyFile | None = None
        if recovery_key:
            key = recovery.database_key(recovery.parse_key(recovery_key))
            actor = "recovery-key"
        else:
            source = keys_path(backup_file) if keys_path(backup_file).exists() else keys_path(path)
            try:
                key, keyfile = key_from_credentials(source, user or "", password or "")
            except WrongCredentials:
                if path.exists():
                    failed_logins.record(path, _known_name(source, user))
                raise
            actor = normalise_user(user or "")
        with translate():
            problems = backup_mod.verify_file(backup_file, key)
            if problems:
                raise StoreDamaged(f"{backup_mod.BAD_BACKUP} ({problems[0]})")
            if keyfile is not None:
                conn = backup_mod._readonly(backup_file, key)
                try:
                    row = users_repo.get(conn, actor)
                    store_id = conn.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()
                finally:
                    conn.close()
                if row is None or row.role != "admin" or not row.active:
                    raise PermissionDenied("Endast en administratör kan återställa en säkerhetskopia.")
                if store_id is None or store_id[0] != keyfile.store_id:
                    raise StoreDamaged(backup_mod.BAD_BACKUP)
            counts = backup_mod.restore_file(backup_file, key, path)
        if keyfile is not None:
            keyfile.save(keys_path(path))
        store = Store.open(path, key, lock)
        try:
            if keyfile is None:
                from oro_desktop.services.users import _keyfile_for

                rebuilt, was_rebuilt = _keyfile_for(store)
                if was_rebuilt:
                    rebuilt.save(keys_path(path))
            with store.unit_of_work(actor) as uow:
                uow.audit("restore", "store", None, {"file": backup_file.name})
        finally:
            store.close(keep_lock=True)
    finally:
        lock.release()
    return counts
