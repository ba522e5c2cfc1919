"""Settings: one JSON value per key."""

from __future__ import annotations

import json

from oro_desktop.store.audit import now_utc

_MISSING = object()


def get(conn, key: str, default=None):
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def put(conn, key: str, value, user: str) -> bool:
    """Store a value; returns True if the key was new."""
    existed = conn.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone() is not None
    conn.execute(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        (key, json.dumps(value, ensure_ascii=False), now_utc(), user),
    )
    return not existed
