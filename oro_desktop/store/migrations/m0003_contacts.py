"""0003 contacts: local changes to the shipped contact directory.

One row per changed entry id: a whole entry as JSON (an edit or a new local entry,
`payload`) or only a hidden flag. The shipped YAML stays the base; these rows win over
it (see oro_desktop/store/repos/contacts.py). Contact data is about units, not persons,
so reads are not audited; every change is.
"""

from __future__ import annotations

from oro_desktop.store.migrations.sql import execute_script

VERSION = 3

SCHEMA = """
CREATE TABLE contact_overrides (
    entry_id TEXT PRIMARY KEY,
    payload TEXT CHECK (payload IS NULL OR json_valid(payload)),
    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    CHECK (payload IS NOT NULL OR hidden = 1)
) STRICT;
"""


def upgrade(conn) -> None:
    execute_script(conn, SCHEMA)
