"""Persons: the children and guardians named in filled forms, found again by their number.

Why a table of persons at all: a consent names a child, and the next consent for the
same child must start from what is known and be listed together with the earlier ones.
Personnummer and samordningsnummer are stored as 12 digits (core.identity), unique per
kind; persons without a number are never merged automatically.

Rows map to `core.persons.Person` (the domain type); each carries its stable `uid`
(32 hex digits, migration 0004), generated here on insert unless an import keeps one.
"""

from __future__ import annotations

import uuid

from oro_desktop.core.identity import IdentityKind, IdentityNumber
from oro_desktop.core.persons import MASK, Person
from oro_desktop.store.audit import now_utc

__all__ = ["MASK", "Person", "get", "get_by_uid", "get_many", "find_by_identity", "search",
           "insert", "update", "new_uid"]

_COLUMNS = ("id, id_kind, id_value, no_number_reason, name, address, phone,"
            " protected_identity, created_at, updated_at, uid")


def new_uid() -> str:
    """A stable random id: 32 lower-case hex digits (see migration 0004)."""
    return uuid.uuid4().hex


def _row(r) -> Person:
    return Person(
        id=int(r[0]),
        identity=IdentityNumber(IdentityKind(r[1]), r[2], r[3]),
        name=r[4], address=r[5], phone=r[6], protected=bool(r[7]),
        created_at=r[8], updated_at=r[9], uid=r[10],
    )


def get(conn, person_id: int) -> Person | None:
    r = conn.execute(f"SELECT {_COLUMNS} FROM persons WHERE id = ?", (person_id,)).fetchone()
    return _row(r) if r else None


def get_by_uid(conn, uid: str) -> Person | None:
    r = conn.execute(f"SELECT {_COLUMNS} FROM persons WHERE uid = ?", (uid,)).fetchone()
    return _row(r) if r else None


def get_many(conn, ids: list[int]) -> dict[int, Person]:
    """Persons by id in one query (for lists)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT {_COLUMNS} FROM persons WHERE id IN ({marks})", list(ids))
    return {p.id: p for p in map(_row, rows)}


def find_by_identity(conn, identity: IdentityNumber) -> Person | None:
    """The person with this number (None for 'saknas': no number, nothing to find by)."""
    if not identity.value:
        return None
    r = conn.execute(
        f"SELECT {_COLUMNS} FROM persons WHERE id_kind = ? AND id_value = ?",
        (identity.kind.value, identity.value),
    ).fetchone()
    return _row(r) if r else None


def search(conn, text: str, limit: int = 50) -> list[Person]:
    """Persons by the start of words of the name (case, å/ä/ö and other diacritics
    folded) or by the start of the number, with or without century (person_search.py)."""
    from oro_desktop.store.repos.person_search import search_rows

    return [_row(r) for r in search_rows(conn, text, _COLUMNS, limit)]


def insert(conn, actor: str, identity: IdentityNumber, name: str, *, address: str = "",
           phone: str = "", protected: bool = False, uid: str | None = None) -> int:
    """A new person; `uid` is generated unless given (an import keeps its ids)."""
    now = now_utc()
    cursor = conn.execute(
        "INSERT INTO persons (uid, id_kind, id_value, no_number_reason, name, address, phone,"
        " protected_identity, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid or new_uid(), identity.kind.value, identity.value, identity.reason, name, address,
         phone, int(protected), now, actor, now, actor),
    )
    return int(cursor.lastrowid)


def update(conn, actor: str, person_id: int, *, name: str, address: str, phone: str,
           protected: bool, reason: str | None = None) -> None:
    now = now_utc()
    conn.execute(
        "UPDATE persons SET name = ?, address = ?, phone = ?, protected_identity = ?,"
        " no_number_reason = coalesce(?, no_number_reason), updated_at = ?, updated_by = ?"
        " WHERE id = ?",
        (name, address, phone, int(protected), reason, now, actor, person_id),
    )
    # The consents list sorts by the child's name casefolded, kept beside each consent
    # (consents.child_sort, migration 0004): a renamed child moves in the list.
    conn.execute("UPDATE consents SET child_sort = ? WHERE child_person_id = ?"
                 " AND child_sort IS NOT ?", (name.casefold(), person_id, name.casefold()))
