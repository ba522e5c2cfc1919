"""User administration: add, list, change one's own password, recover with the recovery key.

Every change is written to the encrypted file first (user row, slot mirror, audit entry,
one transaction) and then to the `.keys` sidecar. If the process dies in between, the
sidecar still holds the previous slot (the old password keeps working) and `recover`
can rebuild the sidecar from the mirror.
"""

from __future__ import annotations

from pathlib import Path

from oro_desktop.errors import InvalidInput
from oro_desktop.store import opening
from oro_desktop.store.errors import DataMissing, NotFound, StoreDamaged, file_errors
from oro_desktop.store.kdf import KdfParams
from oro_desktop.store.keyslots import (
    KeyFile, check_password_policy, keys_path, make_slot, normalise_user, open_slot,
)
from oro_desktop.store.repos import users as users_repo
from oro_desktop.store.repos.users import ROLES, UserRow
from oro_desktop.store.store import Store
from oro_desktop.services.session import RECOVERY_ACTOR, Session

__all__ = ["add_user", "list_users", "change_password", "recover_user", "UserRow"]


def _keyfile_for(store: Store) -> tuple[KeyFile, bool]:
    """The current sidecar, or one rebuilt from the mirror if it is missing or foreign.

    Returns the key file and whether it had to be rebuilt.
    """
    try:
        keyfile = KeyFile.load(keys_path(store.path))
        if keyfile.store_id == store.store_id:
            return keyfile, False
    except (NotFound, StoreDamaged):
        pass
    with store.unit_of_work(RECOVERY_ACTOR) as uow:
        slots = users_repo.mirrored_slots(uow.conn)
    return KeyFile(store.store_id, {slot.user: slot for slot in slots}), True


@file_errors()
def add_user(session: Session, name: str, role: str, password: str, *,
             kdf: KdfParams | None = None) -> UserRow:
    """Admin only: a new user with a key slot of their own."""
    session.require_admin()
    name = normalise_user(name)
    if role not in ROLES:
        raise InvalidInput("Rollen måste vara 'admin' eller 'clinician'.")
    check_password_policy(password)
    store = session.store
    slot = make_slot(store.store_id, name, password, store.key, kdf)
    with store.unit_of_work(session.user.name) as uow:
        if users_repo.get(uow.conn, name) is not None:
            raise InvalidInput(f"Användaren '{name}' finns redan. Inget har ändrats.")
        users_repo.insert(uow.conn, name, role, session.user.name)
        users_repo.put_slot(uow.conn, slot)
        uow.audit("create", "user", name, {"role": role})
        row = users_repo.get(uow.conn, name)
    keyfile, _ = _keyfile_for(store)
    keyfile.slots[name] = slot
    keyfile.save(keys_path(store.path))
    return row


def list_users(session: Session) -> list[UserRow]:
    """All users with their roles (not audited: no personal data about clients)."""
    with session.store.unit_of_work(session.user.name) as uow:
        return users_repo.all_users(uow.conn)


@file_errors()
def change_password(session: Session, old_password: str, new_password: str, *,
                    kdf: KdfParams | None = None) -> None:
    """Change the signed-in user's own password; the old one must be given again."""
    store = session.store
    name = session.user.name
    keyfile, _ = _keyfile_for(store)
    slot = keyfile.slots.get(name)
    if slot is None:
        raise NotFound("Ingen nyckel finns för din användare. Använd 'oro-admin recover'.")
    open_slot(keyfile.store_id, slot, old_password)  # WrongCredentials if wrong
    check_password_policy(new_password)
    new_slot = make_slot(store.store_id, name, new_password, store.key, kdf)
    with store.unit_of_work(name) as uow:
        users_repo.put_slot(uow.conn, new_slot)
        uow.audit("password_change", "user", name)
    keyfile.slots[name] = new_slot
    keyfile.save(keys_path(store.path))


@file_errors()
def recover_user(path: Path, recovery_key: str, user: str, new_password: str, *,
                 kdf: KdfParams | None = None) -> bool:
    """Reset `user`'s password with the recovery key; returns True if the sidecar was rebuilt.

    Goes through the one opening sequence (store/opening.py); works when `.keys` is
    missing or damaged, since the recovery key determines the database key by itself.
    """
    key = opening.key_from_recovery(recovery_key)
    name = normalise_user(user)
    check_password_policy(new_password)
    path = Path(path)
    with opening.hold(path) as lock:
        try:
            store = opening.open_store(path, key, lock)
        except DataMissing:
            raise
        except StoreDamaged:
            raise StoreDamaged(
                "Återställningsnyckeln passar inte den här databasen, eller så är filen "
                "skadad. Kör 'oro-admin check' eller återställ från en säkerhetskopia."
            ) from None
        finally:
            opening.forget(key)
        try:
            with store.unit_of_work(RECOVERY_ACTOR) as uow:
                row = users_repo.get(uow.conn, name)
            if row is None or not row.active:
                raise NotFound(f"Användaren '{name}' finns inte i databasen.")
            keyfile, rebuilt = _keyfile_for(store)
            slot = make_slot(store.store_id, name, new_password, bytes(store.key), kdf)
            with store.unit_of_work(RECOVERY_ACTOR) as uow:
                users_repo.put_slot(uow.conn, slot)
                uow.audit("recover", "user", name, {"sidecar_rebuilt": rebuilt})
            keyfile.slots[name] = slot
            keyfile.save(keys_path(path))
        finally:
            store.close()
    return rebuilt


@file_errors()
def rewrap_own_slot(session: Session, password: str, policy: KdfParams) -> None:
    """Re-wrap the signed-in user's slot with the current KDF policy (done at login)."""
    store = session.store
    name = session.user.name
    slot = make_slot(store.store_id, name, password, bytes(store.key), policy)
    with store.unit_of_work(name) as uow:
        users_repo.put_slot(uow.conn, slot)
        uow.audit("password_change", "user", name, {"kdf_upgraded": policy.to_dict()})
    keyfile, _ = _keyfile_for(store)
    keyfile.slots[name] = slot
    keyfile.save(keys_path(store.path))
