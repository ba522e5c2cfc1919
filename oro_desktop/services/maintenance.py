"""check, backup and restore: the administrator's maintenance operations.

`check` is read-only on purpose: it never migrates, never writes an audit entry, never
"repairs" and never merges a WAL (it opens the file `mode=ro`), so it can be pointed at
a file that may be damaged without making a loss permanent.
Backups and restores are admin-only and audited (`backup` in the source, `restore` in
the restored file). A backup `OUT` is accompanied by `OUT.keys`, a copy of the key slots
as they were, so the copy can be opened on its own with the passwords of that day.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from oro_desktop.store import anchor as anchor_mod
from oro_desktop.store import audit as audit_mod
from oro_desktop.store import backup as backup_mod
from oro_desktop.store import migrations, opening
from oro_desktop.store import rekey as rekey_mod
from oro_desktop.store.connection import integrity_problems
from oro_desktop.store.errors import (
    NotFound, PermissionDenied, file_errors, StoreDamaged, StoreError, WrongCredentials, translate,
)
from oro_desktop.store.files import (
    atomic_write_bytes, create_private_file, ensure_dir, fsync_dir, make_private, side_path,
    write_private_bytes,
)
from oro_desktop.store.keyslots import KeyFile, keys_path
from oro_desktop.store.lock import StoreLock
from oro_desktop.store.repos import users as users_repo
from oro_desktop.services.session import RECOVERY_ACTOR, Session


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

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "ok": self.ok, "problems": self.problems,
                "schema_version": self.schema_version, "audit_entries": self.audit_entries,
                "tables": self.tables}


def key_from_credentials(keyfile_path: Path, user: str, password: str) -> tuple[bytes, KeyFile]:
    """Unwrap the database key from a key file (WrongCredentials if it does not open).

    Kept for callers outside the store paths; equal-cost for unknown names like every
    other path (store/opening.py).
    """
    keyfile = KeyFile.load(keyfile_path)
    db = keyfile_path.with_name(keyfile_path.name.removesuffix(".keys"))
    opened = opening.key_from_password(db, user, password, keyfile=keyfile, record_failure=False)
    return bytes(opened.key), keyfile


def _page_problem(problem: str) -> str:
    """cipher_integrity_check's English line, said in Swedish with the page number."""
    match = re.search(r"(?:pgno=|page )(\d+)", problem)
    if match:
        return (f"Sida {match.group(1)} i databasfilen är skadad (dess HMAC stämmer inte): "
                "en inre sida, inte filens första sida. Återställ från en säkerhetskopia "
                "('oro-admin restore').")
    return problem


@file_errors()
def check_store(path: Path, user: str | None, password: str | None, *,
                recovery_key: str | None = None) -> CheckReport:
    """cipher_integrity_check, integrity_check, the audit chain and anchor, schema, key file.

    Never writes (issue 9, defect 2): the file is opened `mode=ro`, so the WAL is read
    but never merged into the main file; no migration, no audit entry, no repair.
    """
    path = Path(path)
    report = CheckReport(str(path))
    with opening.hold(path, tidy=False) as lock:
        try:
            keyfile: KeyFile | None = None
            if recovery_key:
                key = opening.key_from_recovery(recovery_key, path)
                try:
                    keyfile = opening.load_keyfile(path)
                except (NotFound, StoreDamaged):
                    keyfile = None
            else:
                opened = opening.unlock_key(path, user, password)
                key, keyfile = opened.key, opened.keyfile
            try:
                _check_file(path, key, keyfile, report)
            finally:
                opening.forget(key)
        finally:
            lock.release()
    return report


def _check_file(path: Path, key: bytearray, keyfile: KeyFile | None, report: CheckReport) -> None:
    try:
        conn = opening.open_readonly(path, key)
    except StoreDamaged:
        report.problems.append(
            "Filen kan inte dekrypteras med nyckeln: första sidan är skadad, filen är "
            "avkortad eller inte en oro_desktop-databas. Återställ från en säkerhetskopia "
            "('oro-admin restore')."
        )
        return
    try:
        report.problems += [_page_problem(p) for p in integrity_problems(conn)]
        row = None
        try:
            with translate():
                report.tables = backup_mod.table_counts(conn)
                report.schema_version = migrations.current_version(conn)
                report.audit_entries = report.tables.get("audit")
                report.problems += audit_mod.verify_chain(conn)
                row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
                if row is not None:
                    missing = anchor_mod.diagnose(conn, path, key, str(row[0]))
                    if missing is not None:
                        report.problems.append(missing.message)
        except StoreError:
            report.problems.append("Tabellerna kan inte läsas helt: en inre sida är skadad. "
                                   "Återställ från en säkerhetskopia ('oro-admin restore').")
        if keyfile is not None and row is not None and row[0] != keyfile.store_id:
            report.problems.append("Nyckelfilen (.keys) hör inte till den här databasen.")
        latest = migrations.latest_version()
        if report.schema_version is not None and report.schema_version > latest:
            report.problems.append(
                f"Schemaversion {report.schema_version} är nyare än programmet ({latest}).")
    finally:
        conn.close()


BROKEN_AUDIT = (
    "Granskningsloggen är bruten ({problem}), så ingen säkerhetskopia gjordes. En kopia kan "
    "göras ändå med --allow-broken-audit; det skrivs då i granskningsloggen och i kopian."
)


@file_errors()
def backup(session: Session, out: Path, *, allow_broken_audit: bool = False) -> dict[str, int]:
    """Admin only: a verified, encrypted copy at `out` plus `out.keys` (and `out.recovery`
    after a rekey that kept the recovery key, so that key opens the copy on its own).

    A broken audit chain blocks the backup with a message that says so, unless
    `allow_broken_audit`: then the `backup` entry (with the chain's problems) is written
    *before* the copy, so both the live store and the copy record that it was taken
    with a broken chain, and the copy is verified without the chain.
    """
    session.require_admin()
    out = Path(out)
    store = session.store
    try:
        counts = store.backup_to(out)
        broken: list[str] = []
    except StoreError:
        with translate():
            broken = audit_mod.verify_chain(store.conn)
        if not broken:
            raise
        if not allow_broken_audit:
            raise StoreDamaged(BROKEN_AUDIT.format(problem=broken[0])) from None
        with store.unit_of_work(session.user.name) as uow:
            uow.audit("backup", "store", None, {"file": out.name, "audit_chain_broken": broken[:5]})
        with backup_mod.allowing_broken_audit():
            counts = store.backup_to(out)
    make_private(out)
    for side in (keys_path, rekey_mod.recovery_path):  # OUT.keys and OUT.recovery
        try:
            atomic_write_bytes(side(out), side(store.path).read_bytes())
        except FileNotFoundError:
            pass
    detail: dict[str, object] = {"file": out.name, "rows": sum(counts.values())}
    if broken:
        detail["audit_chain_broken"] = True
    with store.unit_of_work(session.user.name) as uow:
        uow.audit("backup", "store", None, detail)
    return counts


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file the user asked for (a PDF, an export) as 0600, whatever the umask.

    For the CLI and GUI, which may not import the store: OSError is theirs to word.
    """
    write_private_bytes(Path(path), data)


OTHER_STORE = (
    "Säkerhetskopian kommer från en annan databas än den som ska ersättas (databas-id "
    "{backup} i kopian, {target} här). Inget har ändrats. Om den verkligen ska ersättas: "
    "kör igen med --replace-with-other-store (kräver administratör i databasen som ersätts)."
)


def before_restore_path(path: Path) -> Path:
    """Where restore keeps the file it replaces: `<name>.before-restore` (+ -wal, .keys)."""
    return side_path(Path(path), ".before-restore")


def _keep_replaced(path: Path) -> Path:
    """Copy the live file (and its WAL and key file) aside before it is replaced."""
    keep = before_restore_path(path)
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{keep}{suffix}")
        except FileNotFoundError:
            pass
    for suffix in ("", "-wal"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            dest = Path(f"{keep}{suffix}")
            create_private_file(dest)
            shutil.copyfile(source, dest)
            with open(dest, "rb+") as handle:
                os.fsync(handle.fileno())
    if keys_path(path).exists():
        atomic_write_bytes(keys_path(keep), keys_path(path).read_bytes())
    fsync_dir(path.parent)
    return keep


@dataclass
class _Facts:
    """What restore needs to know from a store file it may not be able to open."""

    store_id: str | None = None
    admin: bool = False
    previous_keys: list[bytearray] = field(default_factory=list)


def _target_facts(path: Path, key: bytearray, actor: str | None) -> _Facts:
    """Store id, whether `actor` is an active admin, earlier keys; empty if it cannot be read."""
    try:
        conn = opening.open_readonly(path, key)
    except StoreDamaged:
        return _Facts()
    try:
        with translate():
            row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
            user = users_repo.get(conn, actor) if actor else None
            earlier = rekey_mod.previous_keys(conn)
    except StoreError:
        return _Facts()
    finally:
        conn.close()
    return _Facts(str(row[0]) if row else None,
                  bool(user and user.active and user.role == "admin"), earlier)


@file_errors()
def restore(path: Path, backup_file: Path, user: str | None, password: str | None, *,
            recovery_key: str | None = None,
            replace_with_other_store: bool = False) -> dict[str, int]:
    """Verify `backup_file`, keep the live file aside, then atomically replace it.

    Issue 9, defect 1: the credentials are checked against the *target's* key slots and
    the user must be an admin *there* (a clinician cannot restore a store of their own
    over the real one); a backup of another store (another store id) is refused unless
    `replace_with_other_store`, which is audited. The replaced file is kept as
    `<name>.before-restore`. Only when there is no target (a fresh machine) are the
    credentials checked against `backup_file.keys` and the role in the backup. If the
    target file is damaged, the role is read from the backup and the store id from the
    target's key file.
    """
    path, backup_file = Path(path), Path(backup_file)
    if not backup_file.exists():
        raise NotFound(f"Säkerhetskopian {backup_file} finns inte.")
    ensure_dir(path.parent)
    with opening.hold(path, must_exist=False) as lock:
        try:
            return _restore_locked(path, backup_file, user, password, recovery_key,
                                   replace_with_other_store, lock)
        finally:
            lock.release()


def _restore_locked(path: Path, backup_file: Path, user: str | None, password: str | None,
                    recovery_key: str | None, replace_other: bool, lock: StoreLock) -> dict[str, int]:
    target_exists = path.exists()
    target_keyfile: KeyFile | None = None
    try:
        target_keyfile = opening.load_keyfile(path)
    except (NotFound, StoreDamaged):
        if not recovery_key and target_exists:
            raise
    backup_keyfile: KeyFile | None = None
    if keys_path(backup_file).exists():
        backup_keyfile = KeyFile.load(keys_path(backup_file))
    actor: str | None
    if recovery_key:
        key = opening.key_from_recovery(recovery_key, path if target_exists else backup_file)
        actor = None
    elif target_keyfile is not None:
        opened = opening.key_from_password(path, user, password, keyfile=target_keyfile)
        key, actor = opened.key, opened.name
    elif backup_keyfile is not None:
        opened = opening.key_from_password(backup_file, user, password, keyfile=backup_keyfile,
                                           record_failure=False)
        key, actor = opened.key, opened.name
    else:
        raise NotFound("Ingen nyckelfil finns för databasen eller säkerhetskopian; använd "
                       "--with-recovery-key.")
    try:
        target_id = target_keyfile.store_id if target_keyfile else None
        admin_in_target = False
        target = _Facts()
        if target_exists:
            target = _target_facts(path, key, actor)
            facts_id, admin_in_target = target.store_id, target.admin
            target_id = facts_id or target_id
            if facts_id is not None and actor is not None and not admin_in_target:
                raise PermissionDenied(
                    "Endast en administratör i databasen som ska ersättas kan återställa den.")
            if facts_id is not None and actor is None:
                admin_in_target = True  # the recovery key of the target opened it
        backup_key = _backup_key(backup_file, [key, *target.previous_keys], backup_keyfile,
                                 user, password, recovery_key)
        in_backup = _target_facts(backup_file, backup_key, actor)
        backup_id, admin_in_backup = in_backup.store_id, in_backup.admin
        if backup_id is None:
            raise StoreDamaged(backup_mod.BAD_BACKUP)
        if actor is not None and not target_exists and not admin_in_backup:
            raise PermissionDenied("Endast en administratör kan återställa en säkerhetskopia.")
        if actor is not None and target_exists and not admin_in_target and not admin_in_backup:
            raise PermissionDenied("Endast en administratör kan återställa en säkerhetskopia.")
        other = target_id is not None and backup_id != target_id
        if other and not replace_other:
            raise StoreError(OTHER_STORE.format(backup=backup_id, target=target_id))
        if other and not admin_in_target:
            raise PermissionDenied(
                "En säkerhetskopia av en annan databas får bara läggas över en databas av en "
                "administratör i den databasen (och den måste gå att öppna).")
        problems = backup_mod.verify_file(backup_file, bytes(backup_key))
        if problems:
            raise StoreDamaged(f"{backup_mod.BAD_BACKUP} ({problems[0]})")
        kept = _keep_replaced(path) if target_exists else None
        # The same store put back under today's key: today's key file keeps working, and
        # a key the backup was made with (known to users removed since) does not.
        keep_target_key = target_keyfile is not None and not other and target.store_id is not None
        final_key = key if keep_target_key else backup_key
        # The old file's anchor must not judge the restored one (a kill after the swap
        # would otherwise lock everybody out); a new one is written when it is opened.
        anchor_mod.anchor_path(path).unlink(missing_ok=True)
        counts = backup_mod.restore_file(backup_file, bytes(backup_key), path,
                                         new_key=bytes(final_key))
        if not keep_target_key:
            if backup_keyfile is not None:
                backup_keyfile.save(keys_path(path))  # the backup's key file fits the new file
            sealed = rekey_mod.recovery_path(backup_file)
            if sealed.exists():
                atomic_write_bytes(rekey_mod.recovery_path(path), sealed.read_bytes())
            else:
                rekey_mod.recovery_path(path).unlink(missing_ok=True)
        make_private(path)
        lock.lock_database()
        store = opening.open_store(path, final_key, lock)
        try:
            if keep_target_key and bytes(backup_key) != bytes(key):
                with store.unit_of_work(actor or RECOVERY_ACTOR) as uow:
                    rekey_mod.remember_keys(uow.conn, [*reversed(target.previous_keys), backup_key])
            from oro_desktop.services.users import _keyfile_for

            rebuilt, was_rebuilt = _keyfile_for(store)
            if was_rebuilt:
                rebuilt.save(keys_path(path))
            detail: dict[str, object] = {"file": backup_file.name, "store_id": backup_id}
            if kept is not None:
                detail["kept_as"] = kept.name
            if other:
                detail["replaced_other_store"] = target_id
            with store.unit_of_work(actor or RECOVERY_ACTOR) as uow:
                uow.audit("restore", "store", None, detail)
        finally:
            store.close(keep_lock=True)
        return counts
    finally:
        opening.forget(key)


def _backup_key(backup_file: Path, keys: list[bytearray], backup_keyfile: KeyFile | None,
                user: str | None, password: str | None,
                recovery_key: str | None = None) -> bytearray:
    """The key that opens the backup: today's or an earlier key of the target, the
    recovery key, else the backup's own slot for the same user and password."""
    for key in keys:
        if opening.key_opens(backup_file, key):
            return key
    if recovery_key:
        candidate = opening.key_from_recovery(recovery_key, backup_file)
        if opening.key_opens(backup_file, candidate):
            return candidate
    if backup_keyfile is not None and password:
        try:
            opened = opening.key_from_password(backup_file, user, password,
                                               keyfile=backup_keyfile, record_failure=False)
            if opening.key_opens(backup_file, opened.key):
                return opened.key
        except (WrongCredentials, StoreDamaged):
            pass
    raise StoreDamaged(
        f"{backup_mod.BAD_BACKUP} Nyckeln passar inte kopian: den kan vara gjord före ett "
        "nyckelbyte; ange då återställningsnyckeln från den tiden (--with-recovery-key)."
    )
