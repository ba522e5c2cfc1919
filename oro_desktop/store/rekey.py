"""Changing the database key without anybody's password but the operator's (issue 9, defect 4).

Why the key must change. A key slot in any old copy of `<db>.keys` (beside an old backup,
on a colleague's USB stick) plus the password it was made with yields the database key.
If that key never changes, a removed user, or anyone who learns an old password, can open
the live file with it. So removing or disabling a user always changes the key, `passwd`
does too, and `oro-admin rekey` does it on demand and also rotates the recovery key.

How others keep their access without giving their passwords. Version-2 slots hold a
per-user X25519 key pair: the private half wrapped under the user's password key, the
database key *sealed* to the public half (store/keyslots.py). Whoever holds the database
key can seal a new one to every user's public key; nobody can open a seal without that
user's password. An ex-user who kept the old database key and reads every old page
learns only public keys and password-wrapped private keys: useless for the new key.
Version-1 slots (stores made before this) cannot be resealed: their users are listed as
`dropped` and must have their password reset (`oro-admin recover`); every login turns
the user's own slot into version 2 first, so in practice only users who have not logged
in since the upgrade are affected.

The recovery key keeps working across a rekey that does not rotate it: its public half
is kept in the database (`meta.recovery_public`) and the new key is sealed to it in the
key file (`recovery_box`) and in `<db>.recovery` (a copy, so a lost key file still does
not lock the recovery key out). A rotating rekey makes the key HKDF(new secret) again.

Crash safety, in this order: the new key file is written as `<db>.keys.next`; the new
slots and the audit entry are committed (under the old key); `PRAGMA rekey` rewrites
every page into the WAL in one transaction and is checkpointed; `.keys.next` replaces
`.keys`; the new key is proven by opening the file read-only with it. An open after a
crash anywhere in between settles it (store/opening.py `settle_rekey`): if the old key
still opens the file the rekey never committed and `.keys.next` is dropped; otherwise
`.keys.next` is promoted.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from pathlib import Path

from oro_desktop.store import recovery
from oro_desktop.store.files import atomic_write_bytes, fsync_dir
from oro_desktop.store.keyslots import (
    KeyFile, KeySlot, keys_path, recovery_keypair, reseal, seal_for_recovery,
)
from oro_desktop.store.key_history import (  # noqa: F401 - re-exported, the old home
    MAX_PREVIOUS_KEYS, next_keys_path, previous_keys, recovery_boxes, recovery_path,
    remember_keys,
)
from oro_desktop.store.repos import users as users_repo
from oro_desktop.store.store import Store, wipe


@dataclass
class RekeyResult:
    """What a rekey did. `recovery_key` is set only when it was rotated (show it once)."""

    resealed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    recovery_key: str | None = None


class RecoveryKeyMustRotate(Exception):
    """The store has no recorded recovery public key (made before rekey existed)."""


def _meta(store: Store, key: str) -> str | None:
    return store.meta(key)


def rekey(store: Store, actor: str, *, rotate_recovery: bool, reason: str,
          without: tuple[str, ...] = ()) -> RekeyResult:
    """Give the open store a new database key; every active user's slot is resealed.

    `without`: users whose slots are not carried over (being removed or disabled).
    RecoveryKeyMustRotate when the recovery key cannot be kept (old store).
    """
    result = RekeyResult()
    store_id = store.store_id
    public_text = _meta(store, "recovery_public")
    if rotate_recovery:
        secret = recovery.new_secret()
        new_key = bytearray(recovery.database_key(secret))
        _, recovery_public = recovery_keypair(secret)
        recovery_box = None  # the key is HKDF(secret) again: no box needed
        result.recovery_key = recovery.format_key(secret)
    else:
        if public_text is None:
            raise RecoveryKeyMustRotate()
        recovery_public = base64.b64decode(public_text)
        new_key = bytearray(os.urandom(32))
        recovery_box = seal_for_recovery("", recovery_public, new_key)
    try:
        with store.unit_of_work(actor) as uow:
            active = {row.name for row in users_repo.all_users(uow.conn) if row.active}
            slots: dict[str, KeySlot] = {}
            for slot in users_repo.mirrored_slots(uow.conn):
                if slot.user not in active or slot.user in without:
                    continue
                if slot.public is None:
                    result.dropped.append(slot.user)
                    continue
                slots[slot.user] = reseal(store_id, slot, new_key)
                result.resealed.append(slot.user)
            keyfile = KeyFile(store_id, slots, recovery_box)
            atomic_write_bytes(next_keys_path(store.path), keyfile.to_bytes())
            for slot in slots.values():
                users_repo.put_slot(uow.conn, slot)
            for name in result.dropped + list(without):
                uow.conn.execute("DELETE FROM key_slots WHERE user = ?", (name,))
            uow.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('recovery_public', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (base64.b64encode(recovery_public).decode("ascii"),))
            remember_keys(uow.conn, [store.key])
            uow.audit("rekey", "store", None, {
                "reason": reason, "resealed": sorted(result.resealed),
                "dropped": sorted(result.dropped), "removed": sorted(without),
                "recovery_key_rotated": rotate_recovery})
        store.change_key(new_key)
        os.replace(next_keys_path(store.path), keys_path(store.path))
        if recovery_box is not None:
            atomic_write_bytes(recovery_path(store.path), recovery_box)
        else:
            recovery_path(store.path).unlink(missing_ok=True)
        fsync_dir(store.path.parent)
        prove(store.path, new_key)
    finally:
        wipe(new_key)
    return result


def prove(path: Path, key: bytearray) -> None:
    """Open the file read-only with the new key and read the audit log's newest row."""
    from oro_desktop.store.opening import open_readonly

    conn = open_readonly(path, key)
    try:
        conn.execute("SELECT id FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
