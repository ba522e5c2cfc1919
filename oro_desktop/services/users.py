"""User administration: add, list, change one's own password, recover with the recovery key.

Every change is written to the encrypted file first (user row, slot mirror, audit entry,
one transaction) and then to the `.keys` sidecar. If the process dies in between, the
sidecar still holds the previous slot (the old password keeps working) and `recover`
can rebuild the sidecar from the mirror.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pathlib import Path

from oro_desktop.errors import InvalidInput
from oro_desktop.store import opening
from oro_desktop.store import rekey as rekey_mod
from oro_desktop.store.errors import DataMissing, NotFound, StoreDamaged, file_errors
from oro_desktop.store.kdf import KdfParams
from oro_desktop.store.keyslots import (
    KeyFile, check_password_policy, keys_path, make_slot, normalise_user, open_slot,
)
from oro_desktop.store.repos import users as users_repo
from oro_desktop.store.repos.users import ROLES
from oro_desktop.store.store import Store
from oro_desktop.store.recovery import RECOVERY_ACTOR

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

__all__ = ["add_user", "list_users", "change_password", "recover_user", "disable_user",
           "enable_user", "remove_user", "rekey_store", "Account", "Rekeyed", "Profile",
           "profile", "update_profile", "obtained_by", "profile_problem"]


# -- what this module hands out: service types, never the store's rows ------------------
@dataclass(frozen=True)
class Account:
    """A user as the admin screens and `oro-admin user list` show it."""

    name: str
    role: str
    created_at: str
    created_by: str
    active: bool


@dataclass(frozen=True)
class Rekeyed:
    """What a rekey did. `recovery_key` is set only when it was rotated (show it once)."""

    resealed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    recovery_key: str | None = None


@dataclass(frozen=True)
class Profile:
    """What the user says about themself: fills "Samtycke inhämtat av" (name, and
    "function, unit")."""

    full_name: str = ""
    function: str = ""
    unit: str = ""


def _account(row: users_repo.UserRow) -> Account:
    return Account(row.name, row.role, row.created_at, row.created_by, bool(row.active))


def _rekeyed(result: rekey_mod.RekeyResult) -> Rekeyed:
    return Rekeyed(list(result.resealed), list(result.dropped), result.recovery_key)


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
             kdf: KdfParams | None = None) -> Account:
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
    assert row is not None  # inserted just above, in the same transaction
    keyfile, _ = _keyfile_for(store)
    keyfile.slots[name] = slot
    keyfile.save(keys_path(store.path))
    return _account(row)


def list_users(session: Session) -> list[Account]:
    """All users with their roles (not audited: no personal data about clients)."""
    with session.store.unit_of_work(session.user.name) as uow:
        return [_account(r) for r in users_repo.all_users(uow.conn)]


@file_errors()
def change_password(session: Session, old_password: str, new_password: str, *,
                    kdf: KdfParams | None = None, rekey: bool = True) -> Rekeyed | None:
    """Change the signed-in user's own password; the old one must be given again.

    Then the database key is changed (`rekey`, default on), so the old password with
    the old slot from any copy of `.keys` no longer opens the live file; the recovery key
    is kept. Returns what the rekey did, or None when it was not done (asked not to, or
    a store made before rekey existed: then an admin must run `oro-admin rekey`).
    """
    store = session.store
    name = session.user.name
    keyfile, _ = _keyfile_for(store)
    slot = keyfile.slots.get(name)
    if slot is None:
        raise NotFound("Ingen nyckel finns för din användare. Använd 'oro-admin recover'.")
    open_slot(keyfile.store_id, slot, old_password)  # WrongCredentials if wrong
    check_password_policy(new_password)
    new_slot = make_slot(store.store_id, name, new_password, bytes(store.key), kdf)
    with store.unit_of_work(name) as uow:
        users_repo.put_slot(uow.conn, new_slot)
        uow.audit("password_change", "user", name)
    keyfile.slots[name] = new_slot
    keyfile.save(keys_path(store.path))
    if not rekey:
        return None
    try:
        return _rekeyed(rekey_mod.rekey(store, name, rotate_recovery=False,
                                        reason="password_change"))
    except rekey_mod.RecoveryKeyMustRotate:
        return None


def _other_admins(conn: object, name: str) -> int:
    return sum(1 for row in users_repo.all_users(conn)
               if row.active and row.role == "admin" and row.name != name)


def _target_user(session: Session, name: str) -> tuple[str, users_repo.UserRow]:
    session.require_admin()
    name = normalise_user(name)
    if name == session.user.name:
        raise InvalidInput("Du kan inte stänga av eller ta bort dig själv. Inget har ändrats.")
    with session.store.unit_of_work(session.user.name) as uow:
        row = users_repo.get(uow.conn, name)
        others = _other_admins(uow.conn, name)
    if row is None:
        raise NotFound(f"Användaren '{name}' finns inte.")
    if row.role == "admin" and row.active and others == 0:
        raise InvalidInput("Den sista administratören kan inte tas bort. Inget har ändrats.")
    return name, row


def _rekey_without(session: Session, name: str, reason: str) -> Rekeyed:
    """Rekey so that `name`'s slot (from any copy of `.keys`) no longer opens the file."""
    store = session.store
    try:
        return _rekeyed(rekey_mod.rekey(store, session.user.name, rotate_recovery=False,
                                        reason=reason, without=(name,)))
    except rekey_mod.RecoveryKeyMustRotate:
        # A store made before rekey existed: the recovery key cannot be kept, so it is
        # rotated and the caller must show the new one.
        return _rekeyed(rekey_mod.rekey(store, session.user.name, rotate_recovery=True,
                                        reason=reason, without=(name,)))


@file_errors()
def disable_user(session: Session, name: str) -> Rekeyed:
    """Admin only: the user can no longer log in; their slot is gone and the key changed.

    Reversible with `enable_user` (which needs a new password for them).
    """
    name, _ = _target_user(session, name)
    with session.store.unit_of_work(session.user.name) as uow:
        users_repo.set_active(uow.conn, name, False)
        uow.audit("update", "user", name, {"active": False})
    return _rekey_without(session, name, "disable_user")


@file_errors()
def enable_user(session: Session, name: str, password: str, *,
                kdf: KdfParams | None = None) -> None:
    """Admin only: a disabled user may log in again, with a new password set here."""
    session.require_admin()
    name = normalise_user(name)
    check_password_policy(password)
    store = session.store
    slot = make_slot(store.store_id, name, password, bytes(store.key), kdf)
    with store.unit_of_work(session.user.name) as uow:
        row = users_repo.get(uow.conn, name)
        if row is None:
            raise NotFound(f"Användaren '{name}' finns inte.")
        users_repo.set_active(uow.conn, name, True)
        users_repo.put_slot(uow.conn, slot)
        uow.audit("update", "user", name, {"active": True})
    keyfile, _ = _keyfile_for(store)
    keyfile.slots[name] = slot
    keyfile.save(keys_path(store.path))


@file_errors()
def remove_user(session: Session, name: str) -> Rekeyed:
    """Admin only: the user, their slot and drafts are removed and the key changed.

    Their audit entries stay (they are the record of what they did).
    """
    name, row = _target_user(session, name)
    with session.store.unit_of_work(session.user.name) as uow:
        users_repo.delete_user(uow.conn, name)
        uow.audit("delete", "user", name, {"role": row.role})
    return _rekey_without(session, name, "remove_user")


@file_errors()
def rekey_store(session: Session) -> Rekeyed:
    """Admin only: a new database key, every slot resealed, the recovery key rotated.

    The new recovery key is in the result, to be shown exactly once.
    """
    session.require_admin()
    return _rekeyed(rekey_mod.rekey(session.store, session.user.name, rotate_recovery=True,
                                    reason="rekey"))


@file_errors()
def recover_user(path: Path, recovery_key: str, user: str, new_password: str, *,
                 kdf: KdfParams | None = None) -> bool:
    """Reset `user`'s password with the recovery key; returns True if the sidecar was rebuilt.

    Goes through the one opening sequence (store/opening.py); works when `.keys` is
    missing or damaged, since the recovery key determines the database key by itself.
    """
    name = normalise_user(user)
    key = opening.key_from_recovery(recovery_key, Path(path))
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


def user_name_problem(name: str) -> str:
    """The Swedish reason `name` cannot be a user name, or "" (for checking as it is typed).

    The same rule as every write (store/keyslots.normalise_user), so a form never accepts
    a name the service would then refuse.
    """
    try:
        normalise_user(name)
    except InvalidInput as exc:
        return exc.message
    return ""


# -- the user's own profile (migration 0008) --------------------------------------------
MAX_PROFILE = 200
_PROFILE_LABELS = (("full_name", "Namn"), ("function", "Funktion"), ("unit", "Enhet"))


def _clean(text: object) -> str:
    return " ".join(str(text or "").split())


def profile_problem(*, full_name: str, function: str, unit: str) -> tuple[str, str]:
    """(field, Swedish reason) for the first thing wrong with a profile, or ("", "").

    Why these rules: the profile is printed as "Samtycke inhämtat av" on a record
    document the guardians sign, so the name must be a person's name (at least two
    letters, not digits or symbols) and every field one printable line of bounded length.
    """
    values = {"full_name": full_name, "function": function, "unit": unit}
    for key, label in _PROFILE_LABELS:
        raw = str(values[key] or "")
        if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in raw.replace("\t", " ")):
            return key, f"{label} får inte innehålla styrtecken."
        if len(_clean(raw)) > MAX_PROFILE:
            return key, f"{label} är för långt (högst {MAX_PROFILE} tecken)."
    name = _clean(full_name)
    if sum(ch.isalpha() for ch in name) < 2:
        return "full_name", "Skriv ditt namn som det ska stå under ”Samtycke inhämtat av”."
    if any(ch.isdigit() for ch in name) or any(
            not (ch.isalpha() or ch in " -'’.") for ch in name):
        return "full_name", "Namnet får bara innehålla bokstäver, mellanslag, bindestreck och apostrof."
    return "", ""


def profile(session: Session) -> Profile:
    """The signed-in user's name, function and unit (for "Samtycke inhämtat av")."""
    with session.store.unit_of_work(session.user.name) as uow:
        row = users_repo.get_profile(uow.conn, session.user.name)
    return Profile(row.full_name, row.function, row.unit)


def update_profile(session: Session, *, full_name: str, function: str, unit: str) -> Profile:
    """Each user edits their own profile (and only their own): checked by
    `profile_problem`, spaces folded, audited; returns the profile as stored."""
    _, problem = profile_problem(full_name=full_name, function=function, unit=unit)
    if problem:
        raise InvalidInput(problem)
    new = Profile(_clean(full_name), _clean(function), _clean(unit))
    with session.store.unit_of_work(session.user.name) as uow:
        users_repo.set_profile(uow.conn, session.user.name,
                               users_repo.Profile(new.full_name, new.function, new.unit))
        uow.audit("update", "user", session.user.name, {"event": "profile"})
    from oro_desktop.services.changes import Change

    session.changes.publish(Change("user", "", "updated"))
    return new


def obtained_by(session: Session) -> dict[str, str]:
    """The obtained_by.* role values from the profile: name, and "function, unit"."""
    p = profile(session)
    out: dict[str, str] = {}
    if p.full_name:
        out["obtained_by.name"] = p.full_name
    work = ", ".join(x for x in (p.function, p.unit) if x)
    if work:
        out["obtained_by.function"] = work
    return out
