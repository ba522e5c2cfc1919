"""restore: put a verified backup in place of a store, checking the target (issue 9, defect 1).

Split from maintenance.py (which re-exports `restore` and `before_restore_path`).
Credentials are checked against the *target's* key slots and the user must be an admin
*there*; a backup of another store is refused unless explicitly allowed; the replaced
file is kept as `<name>.before-restore`; the copy is re-keyed to today's key before it
is swapped in, so a kill at any moment leaves a store today's key file opens.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from oro_desktop.errors import InvalidInput
from oro_desktop.store import anchor as anchor_mod
from oro_desktop.store import backup as backup_mod
from oro_desktop.store import opening
from oro_desktop.store import key_history
from oro_desktop.store import rekey as rekey_mod
from oro_desktop.store.errors import (
    NotFound, PermissionDenied, StoreDamaged, StoreError, WrongCredentials, file_errors, translate,
)
from oro_desktop.store.files import (
    atomic_write_bytes, create_private_file, ensure_dir, fsync_dir, make_private, side_path,
)
from oro_desktop.store.keyslots import KeyFile, keys_path
from oro_desktop.store.lock import StoreLock
from oro_desktop.store.repos import users as users_repo
from oro_desktop.services.session import RECOVERY_ACTOR

__all__ = ["restore", "before_restore_path", "OTHER_STORE"]


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
            earlier = key_history.previous_keys(conn)
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
    if not backup_file.is_file():  # a FIFO or a device would hang the copy; a folder is no backup
        raise InvalidInput(f"{backup_file} är ingen vanlig fil och kan inte vara en säkerhetskopia.")
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
            sealed = key_history.recovery_path(backup_file)
            if sealed.exists():
                atomic_write_bytes(key_history.recovery_path(path), sealed.read_bytes())
            else:
                key_history.recovery_path(path).unlink(missing_ok=True)
        make_private(path)
        lock.lock_database()
        store = opening.open_store(path, final_key, lock)
        try:
            if keep_target_key and bytes(backup_key) != bytes(key):
                with store.unit_of_work(actor or RECOVERY_ACTOR) as uow:
                    key_history.remember_keys(uow.conn, [*reversed(target.previous_keys), backup_key])
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
