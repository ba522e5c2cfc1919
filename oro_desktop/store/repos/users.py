"""Users, roles and the key-slot mirror inside the encrypted file.

The roles here are authoritative (the `.keys` sidecar is plaintext and could be edited).
`key_slots` mirrors every slot so that `recover` can rebuild a lost sidecar.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from oro_desktop.store.audit import now_utc
from oro_desktop.store.keyslots import KeySlot

ROLES = ("admin", "clinician")


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    created_at: str
    created_by: str
    active: bool


def get(conn, name: str) -> UserRow | None:
    row = conn.execute(
        "SELECT name, role, created_at, created_by, active FROM users WHERE name = ?", (name,)
    ).fetchone()
    return UserRow(row[0], row[1], row[2], row[3], bool(row[4])) if row else None


def all_users(conn) -> list[UserRow]:
    rows = conn.execute(
        "SELECT name, role, created_at, created_by, active FROM users ORDER BY name"
    ).fetchall()
    return [UserRow(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def insert(conn, name: str, role: str, created_by: str) -> None:
    conn.execute(
        "INSERT INTO users (name, role, created_at, created_by, active) VALUES (?, ?, ?, ?, 1)",
        (name, role, now_utc(), created_by),
    )


def put_slot(conn, slot: KeySlot) -> None:
    conn.execute(
        "INSERT INTO key_slots (user, slot, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user) DO UPDATE SET slot = excluded.slot, updated_at = excluded.updated_at",
        (slot.user, json.dumps(slot.to_dict()), slot.updated_at),
    )


def mirrored_slots(conn) -> list[KeySlot]:
    rows = conn.execute(
        "SELECT k.slot FROM key_slots k JOIN users u ON u.name = k.user WHERE u.active = 1"
    ).fetchall()
    return [KeySlot.from_dict(json.loads(r[0])) for r in rows]


def set_active(conn, name: str, active: bool) -> None:
    conn.execute("UPDATE users SET active = ? WHERE name = ?", (1 if active else 0, name))


def delete_user(conn, name: str) -> None:
    """Remove the user row, their slot mirror and their drafts (audit rows keep the name)."""
    conn.execute("DELETE FROM key_slots WHERE user = ?", (name,))
    conn.execute("DELETE FROM drafts WHERE user = ?", (name,))
    conn.execute("DELETE FROM users WHERE name = ?", (name,))


@dataclass(frozen=True)
class Profile:
    """What the user says about themself (migration 0008): fills "Samtycke inhämtat av"."""

    full_name: str = ""
    function: str = ""
    unit: str = ""


def get_profile(conn, name: str) -> Profile:
    row = conn.execute("SELECT full_name, function, unit FROM users WHERE name = ?",
                       (name,)).fetchone()
    return Profile(row[0], row[1], row[2]) if row else Profile()


def set_profile(conn, name: str, profile: Profile) -> None:
    conn.execute("UPDATE users SET full_name = ?, function = ?, unit = ? WHERE name = ?",
                 (profile.full_name, profile.function, profile.unit, name))
