"""Filled forms: the data typed into a form, with the id and version of its definition.

Why the version is stored with the data: definitions change, but a consent signed on a
form printed in 2026 must print identically in 2030, so rendering always asks the form
library for exactly this (id, version).
"""

from __future__ import annotations

import json
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


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(dict(data), ensure_ascii=False, sort_keys=True)


def insert(conn, actor: str, form_id: str, form_version: int, data: Mapping[str, Any]) -> int:
    now = now_utc()
    cursor = conn.execute(
        "INSERT INTO filled_forms (form_id, form_version, data, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (form_id, int(form_version), _dump(data), now, actor, now, actor),
    )
    return int(cursor.lastrowid)


def update_data(conn, actor: str, form_row_id: int, data: Mapping[str, Any]) -> None:
    conn.execute(
        "UPDATE filled_forms SET data = ?, updated_at = ?, updated_by = ? WHERE id = ?",
        (_dump(data), now_utc(), actor, form_row_id),
    )


def get(conn, form_row_id: int) -> FilledForm | None:
    r = conn.execute(
        "SELECT id, form_id, form_version, data, created_at, created_by, updated_at, updated_by"
        " FROM filled_forms WHERE id = ?", (form_row_id,),
    ).fetchone()
    if r is None:
        return None
    return FilledForm(int(r[0]), r[1], int(r[2]), json.loads(r[3]), r[4], r[5], r[6], r[7])
