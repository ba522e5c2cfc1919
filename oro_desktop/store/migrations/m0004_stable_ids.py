"""0004 stable ids and append-only form versions.

Why stable ids: a record that is referred to from another record, or that leaves this
file in a transfer package, needs an id that means the same thing everywhere and for
ever; a row id does not (it is local to this file and reused after a restore of another
store). Every such record gets `uid`: a random UUID written as 32 lower-case hex digits
(`uuid.uuid4().hex`, no dashes), set once and never changed (a trigger refuses a change
and a row without one), unique per table. Now: persons, filled forms, their versions,
consents. Cases, plans, disclosures, teams and meetings get one when they are added.

Why form versions: a filled form is never overwritten. Each save appends a row to
`form_versions` (who, when, the data, the definition id and version it was filled with);
the newest is current. Triggers refuse UPDATE and DELETE of a version and a number
that is not the next one. `filled_forms.data` stays as a copy of the newest version, kept
by a trigger on insert (and refused if it ever differs), so existing readers keep working.

Why `consents.child_name`: the Samtycken list is computed from columns, never from each
consent's form JSON. It is the child's name as typed in the form, shown while no person is
linked (no valid number yet). Existing rows are backfilled from `barn_namn`, the child's
name field of barnhalsoteam-samtycke, the only consent form before this version.
`consents.child_sort` is the shown name (the linked person's, else `child_name`)
casefolded, the list's tie-break within a status, kept by the consents and persons
repositories (SQLite cannot casefold å/ä/ö itself).

Why the partial indexes on consents: the list is read status by status (a status is a
range of facts), each in one column's order; these make every status's first rows and
its count an index walk (store/repos/consent_list.py).

Existing rows get random uids, and every filled form its current data as version 1
(earlier edits were overwritten before this version and cannot be recovered).
"""

from __future__ import annotations

import uuid

from oro_desktop.store.migrations.sql import execute_script

VERSION = 4

#: What the list shows for a consent whose child is neither linked nor named.
NO_CHILD = "(barnet ej angivet)"

UID_TABLES = ("persons", "filled_forms", "consents")
_UID_CHECK = "length({c}) = 32 AND {c} NOT GLOB '*[^0-9a-f]*'"


def _uid_triggers(table: str) -> str:
    return f"""
CREATE UNIQUE INDEX {table}_uid ON {table} (uid);

CREATE TRIGGER {table}_uid_required BEFORE INSERT ON {table}
WHEN NEW.uid IS NULL
BEGIN
    SELECT RAISE(ABORT, '{table}.uid is required');
END;

CREATE TRIGGER {table}_uid_stable BEFORE UPDATE OF uid ON {table}
WHEN NEW.uid IS NOT OLD.uid
BEGIN
    SELECT RAISE(ABORT, '{table}.uid never changes');
END;
"""


VERSIONS = f"""
CREATE TABLE form_versions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE CHECK ({_UID_CHECK.format(c='uid')}),
    filled_form_id INTEGER NOT NULL REFERENCES filled_forms (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    form_id TEXT NOT NULL CHECK (form_id <> ''),
    form_version INTEGER NOT NULL CHECK (form_version >= 1),
    data TEXT NOT NULL CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (filled_form_id, number)
) STRICT;

CREATE TRIGGER form_versions_no_update BEFORE UPDATE ON form_versions
BEGIN
    SELECT RAISE(ABORT, 'form versions are append-only');
END;

CREATE TRIGGER form_versions_no_delete BEFORE DELETE ON form_versions
BEGIN
    SELECT RAISE(ABORT, 'form versions are append-only');
END;

CREATE TRIGGER form_versions_next_number BEFORE INSERT ON form_versions
WHEN NEW.number <> coalesce((SELECT max(number) FROM form_versions
                             WHERE filled_form_id = NEW.filled_form_id), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'a form version must be the next number');
END;
"""

_LIVE = "revoked_received_on IS NULL AND declined_on IS NULL"

#: One partial index per list status: the status's facts in WHERE, its order in the
#: columns (order column, child_sort, rowid), the range columns after them, so a page and
#: a count are walks of one index (store/repos/consent_list.py).
LIST_INDEXES = f"""
CREATE INDEX consents_list_printed ON consents (printed_on, child_sort)
    WHERE signed_on IS NULL AND printed_on IS NOT NULL AND {_LIVE};
CREATE INDEX consents_list_drafts ON consents (updated_at DESC, child_sort)
    WHERE signed_on IS NULL AND printed_on IS NULL AND {_LIVE};
CREATE INDEX consents_list_signed_to ON consents (valid_to, child_sort, valid_from)
    WHERE signed_on IS NOT NULL AND {_LIVE};
CREATE INDEX consents_list_signed_from ON consents (valid_from, child_sort)
    WHERE signed_on IS NOT NULL AND {_LIVE};
CREATE INDEX consents_list_signed_updated ON consents (updated_at DESC, child_sort, valid_to)
    WHERE signed_on IS NOT NULL AND {_LIVE};
CREATE INDEX consents_list_revoked ON consents (updated_at DESC, child_sort)
    WHERE revoked_received_on IS NOT NULL;
CREATE INDEX consents_list_declined ON consents (updated_at DESC, child_sort)
    WHERE revoked_received_on IS NULL AND declined_on IS NOT NULL;
"""

CURRENT = """
CREATE TRIGGER form_versions_current AFTER INSERT ON form_versions
BEGIN
    UPDATE filled_forms SET data = NEW.data, form_id = NEW.form_id,
        form_version = NEW.form_version, updated_at = NEW.created_at,
        updated_by = NEW.created_by
    WHERE id = NEW.filled_form_id;
END;

CREATE TRIGGER filled_forms_data_is_newest BEFORE UPDATE OF data ON filled_forms
WHEN NEW.data IS NOT (SELECT data FROM form_versions WHERE filled_form_id = NEW.id
                      ORDER BY number DESC LIMIT 1)
BEGIN
    SELECT RAISE(ABORT, 'a filled form changes only by a new version');
END;

CREATE TRIGGER filled_forms_no_delete BEFORE DELETE ON filled_forms
BEGIN
    SELECT RAISE(ABORT, 'filled forms are kept');
END;
"""


def upgrade(conn) -> None:
    for table in UID_TABLES:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT"
                     f" CHECK (uid IS NULL OR ({_UID_CHECK.format(c='uid')}))")
        ids = [r[0] for r in conn.execute(f"SELECT id FROM {table}")]
        conn.executemany(f"UPDATE {table} SET uid = ? WHERE id = ?",
                         [(uuid.uuid4().hex, i) for i in ids])
        execute_script(conn, _uid_triggers(table))
    conn.execute("ALTER TABLE consents ADD COLUMN child_name TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "UPDATE consents SET child_name = coalesce((SELECT trim(json_extract(f.data, '$.barn_namn'))"
        " FROM filled_forms f WHERE f.id = consents.filled_form_id"
        " AND f.form_id = 'barnhalsoteam-samtycke'"
        " AND json_type(f.data, '$.barn_namn') = 'text'), '')")
    conn.execute("ALTER TABLE consents ADD COLUMN child_sort TEXT NOT NULL DEFAULT ''")
    shown = conn.execute(
        "SELECT c.id, coalesce(p.name, nullif(c.child_name, ''), ?) FROM consents c"
        " LEFT JOIN persons p ON p.id = c.child_person_id", (NO_CHILD,)).fetchall()
    conn.executemany("UPDATE consents SET child_sort = ? WHERE id = ?",
                     [(name.casefold(), cid) for cid, name in shown])
    execute_script(conn, VERSIONS)
    rows = conn.execute("SELECT id, form_id, form_version, data, updated_at, updated_by"
                        " FROM filled_forms ORDER BY id").fetchall()
    conn.executemany(
        "INSERT INTO form_versions (uid, filled_form_id, number, form_id, form_version, data,"
        " created_at, created_by) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
        [(uuid.uuid4().hex, *r) for r in rows])
    execute_script(conn, CURRENT)
    execute_script(conn, LIST_INDEXES)
