"""Drafts: one user's unfinished typing, keyed per user, payload as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from oro_desktop.store.audit import now_utc


@dataclass(frozen=True)
class DraftRow:
    key: str
    kind: str
    payload: dict
    created_at: str
    updated_at: str


def save(conn, user: str, key: str, kind: str, payload: dict) -> bool:
    """Insert or replace; returns True when the draft did not exist before."""
    existed = conn.execute(
        "SELECT 1 FROM drafts WHERE user = ? AND key = ?", (user, key)
    ).fetchone() is not None
    now = now_utc()
    conn.execute(
        "INSERT INTO drafts (user, key, kind, payload, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (user, key) DO UPDATE SET kind = excluded.kind,"
        " payload = excluded.payload, updated_at = excluded.updated_at",
        (user, key, kind, json.dumps(payload, ensure_ascii=False), now, now),
    )
    return not existed


def load(conn, user: str, key: str) -> DraftRow | None:
    row = conn.execute(
        "SELECT key, kind, payload, created_at, updated_at FROM drafts WHERE user = ? AND key = ?",
        (user, key),
    ).fetchone()
    return DraftRow(row[0], row[1], json.loads(row[2]), row[3], row[4]) if row else None


def delete(conn, user: str, key: str) -> bool:
    cursor = conn.execute("DELETE FROM drafts WHERE user = ? AND key = ?", (user, key))
    return cursor.rowcount > 0


def list_for(conn, user: str, kind: str | None = None) -> list[DraftRow]:
    sql = "SELECT key, kind, payload, created_at, updated_at FROM drafts WHERE user = ?"
    params: list = [user]
    if kind is not None:
        sql += " AND kind = ?"
        params.append(kind)
    sql += " ORDER BY updated_at DESC"
    return [DraftRow(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in conn.execute(sql, params)]
