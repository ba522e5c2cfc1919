"""Local changes to the contact directory: one row per changed entry id.

A row either carries a whole entry as JSON (an edit of a shipped entry or a new local
one) or only hides an id. The payload is the self-contained mapping of
`oro_desktop.core.contacts.entry_to_data`, validated again when read, so a row written
by an older program version cannot smuggle an invalid entry onto the screen. The caller
owns the transaction and the audit entry (a `uow`). The table is created by migration
0003 (oro_desktop/store/migrations/m0003_contacts.py).
"""

from __future__ import annotations

import json
from dataclasses import replace

from oro_desktop.core.contacts import DirectoryError, Override, entry_from_payload, entry_to_data

TABLE = "contact_overrides"



def table_exists(conn) -> bool:
    """False for a store file from before migration 0003 (it cannot hold overrides)."""
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone() is not None


def list_overrides(conn, problems: list[str] | None = None) -> list[Override]:
    """Every stored override, as core objects; unreadable payloads are reported, not shown.

    An unreadable payload keeps its row's `hidden` flag but no entry, so the shipped
    entry (if any) shows instead of a broken local one; `problems` gets a Swedish line.
    """
    rows = conn.execute(
        f"SELECT entry_id, payload, hidden, updated_at, updated_by FROM {TABLE} ORDER BY entry_id"
    ).fetchall()
    result: list[Override] = []
    for entry_id, payload, hidden, updated_at, updated_by in rows:
        entry = None
        if payload is not None:
            try:
                entry = replace(entry_from_payload(json.loads(payload), f"lokal post {entry_id}"), local=True)
            except (DirectoryError, ValueError) as exc:
                if problems is not None:
                    problems.append(getattr(exc, "message", str(exc)))
        result.append(Override(entry_id, entry, bool(hidden), updated_at, updated_by))
    return result


def get(conn, entry_id: str) -> Override | None:
    """The override for one id, if any (the table is small: one row per local change)."""
    return next((o for o in list_overrides(conn) if o.entry_id == entry_id), None)


def upsert(conn, override: Override) -> bool:
    """Insert or replace one override; returns True when the id had no row before."""
    existed = conn.execute(
        f"SELECT 1 FROM {TABLE} WHERE entry_id = ?", (override.entry_id,)
    ).fetchone() is not None
    payload = (
        json.dumps(entry_to_data(override.entry), ensure_ascii=False, sort_keys=True)
        if override.entry is not None else None
    )
    conn.execute(
        f"INSERT INTO {TABLE} (entry_id, payload, hidden, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (entry_id) DO UPDATE SET payload = excluded.payload,"
        " hidden = excluded.hidden, updated_at = excluded.updated_at,"
        " updated_by = excluded.updated_by",
        (override.entry_id, payload, int(override.hidden), override.updated_at, override.updated_by),
    )
    return not existed


def delete(conn, entry_id: str) -> bool:
    """Remove the local change for `entry_id`; True if there was one."""
    return conn.execute(f"DELETE FROM {TABLE} WHERE entry_id = ?", (entry_id,)).rowcount > 0


def count(conn) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0])
