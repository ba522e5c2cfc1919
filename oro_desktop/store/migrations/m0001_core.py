"""0001 core: store metadata, users with roles, the key-slot mirror, settings, audit, drafts.

The audit table is append-only: triggers abort any UPDATE or DELETE, and each row
carries the SHA-256 of its own canonical form chained to the previous row's hash (see
oro_desktop/store/audit.py), so even someone who drops the triggers is caught by `check`.
Drafts are keyed per user: a draft is one person's unfinished typing, not shared data.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 1

SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'clinician')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE key_slots (
    user TEXT PRIMARY KEY REFERENCES users (name),
    slot TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT,
    record_id TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE INDEX audit_actor ON audit (actor, id);
CREATE INDEX audit_record ON audit (record_type, record_id, id);
CREATE INDEX audit_ts ON audit (ts);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TABLE drafts (
    user TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user, key)
) STRICT;

CREATE INDEX drafts_kind ON drafts (user, kind);
"""


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)
