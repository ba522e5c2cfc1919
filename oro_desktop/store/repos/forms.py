"""Filled forms and their versions: the data typed into a form, never overwritten.

Why the version is stored with the data: definitions change, but a consent signed on a
form printed in 2026 must print identically in 2030, so rendering always asks the form
library for exactly this (id, version).

Why versions: a filled form is append-only (migration 0004). `filled_forms` is the form
as a thing (its stable uid, what it is); every save appends a `form_versions` row (who,
when, data, definition id + version), numbered 1, 2, ...; the newest is current and a
trigger keeps `filled_forms.data` equal to it. Triggers refuse changing or deleting a
version, so "what did it say when it was printed" always has an answer.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from oro_desktop.store.audit import now_utc


@dataclass(frozen=True)
class FilledForm:
    id: int
    form_id: str
    form_version: int
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""
    uid: str = ""


@dataclass(frozen=True)
class FormVersion:
    """One saved version of a filled form (number 1 is the first save)."""

    id: int
    uid: str
    filled_form_id: int
    filled_form_uid: str
    number: int
    form_id: str
    form_version: int
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)
    created_at: str = ""
    created_by: str = ""


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(dict(data), ensure_ascii=False, sort_keys=True)


def insert(conn, actor: str, form_id: str, form_version: int, data: Mapping[str, Any], *,
           uid: str | None = None, version_uid: str | None = None) -> int:
    """A new filled form with its first version; uids are generated unless given."""
    now = now_utc()
    text = _dump(data)
    cursor = conn.execute(
        "INSERT INTO filled_forms (uid, form_id, form_version, data, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uid or uuid.uuid4().hex, form_id, int(form_version), text, now, actor, now, actor),
    )
    form_row = int(cursor.lastrowid)
    _append(conn, actor, form_row, 1, form_id, form_version, text, now, version_uid)
    return form_row


def add_version(conn, actor: str, form_row_id: int, data: Mapping[str, Any], *,
                form_id: str | None = None, form_version: int | None = None,
                uid: str | None = None) -> int:
    """Append the next version (the definition id/version of the newest unless given)."""
    r = conn.execute(
        "SELECT f.form_id, f.form_version, coalesce(max(v.number), 0) FROM filled_forms f"
        " LEFT JOIN form_versions v ON v.filled_form_id = f.id WHERE f.id = ?",
        (form_row_id,)).fetchone()
    if r is None or r[0] is None:
        raise KeyError(form_row_id)
    return _append(conn, actor, form_row_id, int(r[2]) + 1, form_id or r[0],
                   int(form_version or r[1]), _dump(data), now_utc(), uid)


def _append(conn, actor: str, form_row: int, number: int, form_id: str, form_version: int,
            text: str, now: str, uid: str | None) -> int:
    cursor = conn.execute(
        "INSERT INTO form_versions (uid, filled_form_id, number, form_id, form_version, data,"
        " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uid or uuid.uuid4().hex, form_row, number, form_id, int(form_version), text, now, actor),
    )
    return int(cursor.lastrowid)


def get(conn, form_row_id: int) -> FilledForm | None:
    r = conn.execute(
        "SELECT id, form_id, form_version, data, created_at, created_by, updated_at, updated_by,"
        " uid FROM filled_forms WHERE id = ?", (form_row_id,),
    ).fetchone()
    if r is None:
        return None
    return FilledForm(int(r[0]), r[1], int(r[2]), json.loads(r[3]), r[4], r[5], r[6], r[7], r[8])


def get_by_uid(conn, uid: str) -> FilledForm | None:
    r = conn.execute("SELECT id FROM filled_forms WHERE uid = ?", (uid,)).fetchone()
    return get(conn, int(r[0])) if r else None


_VERSION_SELECT = ("SELECT v.id, v.uid, v.filled_form_id, f.uid, v.number, v.form_id,"
                   " v.form_version, v.data, v.created_at, v.created_by"
                   " FROM form_versions v JOIN filled_forms f ON f.id = v.filled_form_id")


def _version(r, *, with_data: bool = True) -> FormVersion:
    return FormVersion(int(r[0]), r[1], int(r[2]), r[3], int(r[4]), r[5], int(r[6]),
                       json.loads(r[7]) if with_data else {}, r[8], r[9])


def versions(conn, form_row_id: int) -> list[FormVersion]:
    """Every version of one filled form, oldest first, without their data (for lists)."""
    rows = conn.execute(_VERSION_SELECT.replace("v.data", "'{}'")
                        + " WHERE v.filled_form_id = ? ORDER BY v.number", (form_row_id,))
    return [_version(r, with_data=False) for r in rows]


def get_version(conn, uid: str) -> FormVersion | None:
    r = conn.execute(_VERSION_SELECT + " WHERE v.uid = ?", (uid,)).fetchone()
    return _version(r) if r else None
